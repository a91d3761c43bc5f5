/**
 * The embedded default: Temporal's dev server (a real Temporal server with SQLite persistence and
 * the Web UI), built from the Go module proxy by scripts/build-temporal-cli.sh and cached.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { msToTs, tsToMs } from '@temporalio/common/lib/time';
import { devServerSearchAttributeArgs } from './search-attributes';

const SCRIPTS = join(__dirname, '..', 'scripts');

/** Path of the Temporal CLI; builds it on first use (progress on stderr). */
export function temporalCliPath(): string {
  return runToolchainScript('build-temporal-cli.sh');
}

/** Path of the time-skipping test server launcher; fetches it on first use. */
export function testServerPath(): string {
  return runToolchainScript('fetch-test-server.sh');
}

function runToolchainScript(script: string): string {
  try {
    return execFileSync('bash', [join(SCRIPTS, script)], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' }).trim();
  } catch (e) {
    throw new Error(`scripts/${script} failed (see its messages above): ${(e as Error).message}`, { cause: e });
  }
}

/**
 * Temporal's histories are operational, not the record (docs/retention.md): a closed workflow's
 * history is deleted this many days after it closes. Set on every start, so a change of
 * CARE_REVIEWS_TEMPORAL_RETENTION_DAYS takes effect at the next start.
 */
export async function setNamespaceRetention(conn: Connection, namespace: string, days: number): Promise<void> {
  await conn.workflowService.updateNamespace({
    namespace,
    config: { workflowExecutionRetentionTtl: msToTs(`${days} days`) },
  });
}

/** The namespace's retention in days (as the server reports it). */
export async function namespaceRetentionDays(conn: Connection, namespace: string): Promise<number> {
  const d = await conn.workflowService.describeNamespace({ namespace });
  return tsToMs(d.config?.workflowExecutionRetentionTtl) / 86_400_000;
}

export interface DevServer {
  address: string;
  uiUrl: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** `codecEndpoint`: the care-reviews /codec URL, so the Web UI can decrypt payloads for a signed-in operator. */
export async function startDevServer(opts: {
  port: number;
  uiPort: number;
  dbFile: string;
  namespace: string;
  logDir: string;
  codecEndpoint?: string;
  /** How long the namespace keeps a closed workflow's history (docs/retention.md); the dev server's own default otherwise. */
  retentionDays?: number;
}): Promise<DevServer> {
  const cli = temporalCliPath();
  mkdirSync(opts.logDir, { recursive: true });
  const log = openSync(join(opts.logDir, 'temporal-dev-server.log'), 'a');
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(opts.port),
    '--ui-port',
    String(opts.uiPort),
    '--db-filename',
    opts.dbFile,
    '--namespace',
    opts.namespace,
    '--log-level',
    'warn',
    ...devServerSearchAttributeArgs(),
    ...(opts.codecEndpoint ? ['--ui-codec-endpoint', opts.codecEndpoint] : []),
  ];
  const child = spawn(cli, args, { stdio: ['ignore', log, log], detached: false });
  const address = `127.0.0.1:${opts.port}`;
  let exited: string | undefined;
  child.once('exit', (code, signal) => {
    exited = `exited with ${signal ?? code}`;
  });

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`Temporal dev server ${exited}; see ${join(opts.logDir, 'temporal-dev-server.log')}`);
    try {
      const conn = await Connection.connect({ address, connectTimeout: 1000 });
      await conn.workflowService.getSystemInfo({});
      if (opts.retentionDays) await setNamespaceRetention(conn, opts.namespace, opts.retentionDays);
      await conn.close();
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`Temporal dev server did not answer on ${address} within 60 s`);
      }
      await new Promise((r) => setTimeout(r, 300));
    }
  }

  return {
    address,
    uiUrl: `http://127.0.0.1:${opts.uiPort}`,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => {
          clearTimeout(killer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
