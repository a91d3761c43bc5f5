/**
 * Temporal on PostgreSQL without Docker: PostgreSQL 15 (Debian's binaries) and a Temporal server
 * built from the Go module proxy, in one data folder that a second start reuses (databases,
 * schemas, histories). Used by `npm run cluster` (scripts/cluster.ts), the benchmark and the tests.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { registerSearchAttributes } from '../search-attributes';
import { killClusterPostgres, startClusterPostgres } from './postgres';
import { ServerPorts, STANDARD_PORTS, setUpSchema, startServer, stopLeftoverServer, temporalServerBinaries } from './temporal-server';

export interface ClusterOptions {
  /** Data folder; kept after stop (a second start reuses it). */
  dir: string;
  namespace?: string;
  /** How long a closed case's history is kept (docs/retention.md). */
  retentionDays?: number;
  /** 'free' (default): free ports, the same again on a restart if still free (tests); otherwise these and the standard ones. */
  ports?: 'free' | { pg: number; temporal?: number };
  /** Fixed when the database is created; ignored afterwards by the server. */
  shards?: number;
  log?: (message: string) => void;
}

export interface Cluster {
  /** TEMPORAL_ADDRESS for workers, the API and the CLI. */
  address: string;
  namespace: string;
  /** DATABASE_URL of the care_reviews database (the statutory record) on the same PostgreSQL. */
  databaseUrl: string;
  serverPid: number;
  /** Leave the cluster running when this process exits (`npm run cluster -- --no-app --detach`). */
  detach(): void;
  /** Stops the Temporal server, then PostgreSQL; the data folder stays. */
  stop(): Promise<void>;
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/**
 * A free port below 32768: the server stores its membership ports as a PostgreSQL smallint, and the
 * system's ephemeral ports (port 0) lie above it ("value out of range for type smallint").
 */
async function freePort(taken: Set<number> = new Set()): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (!taken.has(port) && (await canListen(port))) return (taken.add(port), port);
  }
  throw new Error('no free port found between 20000 and 32000');
}

/**
 * Free ports for PostgreSQL and the server's nine, none twice. The ones an earlier start from this
 * folder used are taken again while they are free: a server restarted on other ports waits for its
 * old membership entries to expire before its history service serves.
 */
async function freePorts(dir: string): Promise<{ pg: number; server: ServerPorts }> {
  const file = join(dir, 'ports.json');
  try {
    const before = JSON.parse(readFileSync(file, 'utf8')) as { pg: number; server: ServerPorts };
    const all = [before.pg, before.server.grpc, before.server.http, ...Object.values(before.server.internal)];
    if ((await Promise.all(all.map(canListen))).every(Boolean)) return before;
  } catch {
    /* first start, or a file from another version: new ports */
  }
  const taken = new Set<number>();
  const internal: Record<string, number> = {};
  for (const k of Object.keys(STANDARD_PORTS.internal)) internal[k] = await freePort(taken);
  const chosen = { pg: await freePort(taken), server: { grpc: await freePort(taken), http: await freePort(taken), internal } };
  writeFileSync(file, JSON.stringify(chosen));
  return chosen;
}

export async function startCluster(opts: ClusterOptions): Promise<Cluster> {
  const log = opts.log ?? (() => undefined);
  const namespace = opts.namespace ?? 'care-reviews';
  mkdirSync(opts.dir, { recursive: true, mode: 0o711 });
  const binaries = temporalServerBinaries();
  const leftover = await stopLeftoverServer(opts.dir);
  if (leftover) log(`stopped a Temporal server left running by an earlier run (pid ${leftover})`);

  const given = opts.ports === 'free' || opts.ports === undefined ? undefined : opts.ports;
  const free = given ? undefined : await freePorts(opts.dir);
  const pgPort = free?.pg ?? given!.pg;
  const pg = await startClusterPostgres(opts.dir, pgPort, log);
  let server: ReturnType<typeof startServer> | undefined;
  // A process that ends without stop() (a crash, a failed test) does not leave the cluster running.
  const onExit = () => {
    if (server && !server.exited()) process.kill(server.pid, 'SIGKILL');
    killClusterPostgres(opts.dir);
  };
  try {
    const db = { port: pg.port, user: pg.user, password: pg.password };
    log('setting up the temporal and temporal_visibility schemas (temporal-sql-tool)');
    await setUpSchema(binaries.sqlTool, db, 'temporal', 'temporal');
    await setUpSchema(binaries.sqlTool, db, 'temporal_visibility', 'visibility');
    const databaseUrl = await pg.database('care_reviews');

    const ports = free?.server ?? { ...STANDARD_PORTS, grpc: given!.temporal ?? 7233 };
    log(`starting the Temporal server on 127.0.0.1:${ports.grpc}`);
    server = startServer({ binary: binaries.server, dir: opts.dir, db, ports, shards: opts.shards ?? 4 });
    process.once('exit', onExit);
    await prepareNamespace(server, namespace, opts.retentionDays ?? 3650);
    log(`namespace ${namespace} ready (retention ${opts.retentionDays ?? 3650} days, search attributes registered)`);
    const running = server;
    return {
      address: running.address,
      namespace,
      databaseUrl,
      serverPid: running.pid,
      detach: () => process.removeListener('exit', onExit),
      async stop() {
        process.removeListener('exit', onExit);
        try {
          await running.stop();
        } finally {
          await pg.stop();
        }
      },
    };
  } catch (e) {
    process.removeListener('exit', onExit);
    await server?.stop().catch(() => undefined);
    await pg.stop().catch(() => undefined);
    throw e;
  }
}

/**
 * Waits for the frontend, then registers the namespace (or sets its retention) and the search
 * attributes, then waits for the history service. A new namespace reaches the frontend's cache only
 * after a refresh (seconds), so all of it is retried until it is there.
 */
async function prepareNamespace(server: ReturnType<typeof startServer>, namespace: string, retentionDays: number): Promise<void> {
  const deadline = Date.now() + 120_000;
  let connection: Connection | undefined;
  let registered = false;
  try {
    for (;;) {
      const exited = server.exited();
      if (exited) throw new Error(`the Temporal server ${exited}`);
      try {
        connection ??= await Connection.connect({ address: server.address, connectTimeout: 2000 });
        const retention = msToTs(`${retentionDays} days`);
        if (!registered) {
          try {
            await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: retention });
          } catch (e) {
            // 6: ALREADY_EXISTS (a second start): only the retention is brought up to date.
            if ((e as { code?: number }).code !== 6) throw e;
            await connection.workflowService.updateNamespace({ namespace, config: { workflowExecutionRetentionTtl: retention } });
          }
          registered = true;
        }
        await registerSearchAttributes(connection, namespace);
        // The frontend answers before the history service owns its shards (after a restart, while
        // the membership ring forms): a lookup of a workflow that does not exist must reach history.
        try {
          await connection.workflowService.describeWorkflowExecution({ namespace, execution: { workflowId: 'cluster-readiness-probe' } });
        } catch (e) {
          if ((e as { code?: number }).code !== 5) throw e; // 5: NOT_FOUND, as it should be
        }
        return;
      } catch (e) {
        if (Date.now() > deadline)
          throw new Error(`the Temporal server at ${server.address} was not ready within 120 s: ${(e as Error).message}`, { cause: e });
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  } finally {
    await connection?.close();
  }
}
