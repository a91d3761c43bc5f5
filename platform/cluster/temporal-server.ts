/**
 * The Temporal server (v1.30.8, built from the Go module proxy by scripts/build-temporal-server.sh)
 * on PostgreSQL: schemas set up with its temporal-sql-tool, the server started from
 * deploy/temporal-postgres.yaml (the compose file mounts the same file), its pid kept in a file so
 * a later run finds a server left behind by a run that was killed.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);

/** The checkout's root (platform/cluster/ in the sources, dist/platform/cluster/ when compiled). */
export function projectRoot(): string {
  for (let d = __dirname; d !== dirname(d); d = dirname(d)) if (existsSync(join(d, 'deploy', 'temporal-postgres.yaml'))) return d;
  throw new Error('deploy/temporal-postgres.yaml not found above ' + __dirname);
}

export interface ServerBinaries {
  server: string;
  sqlTool: string;
}

/** Builds the server and the SQL tool on first use (minutes; progress on stderr), then the cache. */
export function temporalServerBinaries(): ServerBinaries {
  let dir: string;
  try {
    dir = execFileSync('bash', [join(projectRoot(), 'scripts', 'build-temporal-server.sh')], {
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
    }).trim();
  } catch (e) {
    throw new Error(`scripts/build-temporal-server.sh failed (see its messages above): ${(e as Error).message}`, { cause: e });
  }
  return { server: join(dir, 'temporal-server'), sqlTool: join(dir, 'temporal-sql-tool') };
}

export interface Db {
  port: number;
  user: string;
  password: string;
}

/** Creates the database and its schema if missing, then brings the schema up to the tool's version. */
export async function setUpSchema(sqlTool: string, db: Db, database: string, schema: 'temporal' | 'visibility'): Promise<void> {
  const conn = [
    '--plugin',
    'postgres12',
    '--endpoint',
    '127.0.0.1',
    '--port',
    String(db.port),
    '--user',
    db.user,
    '--password',
    db.password,
  ];
  const tool = async (...args: string[]) => {
    try {
      await run(sqlTool, [...conn, '--database', database, ...args], { timeout: 120_000 });
    } catch (e) {
      const x = e as { stderr?: string; stdout?: string; message: string };
      throw new Error(`temporal-sql-tool ${args[0]} on ${database} failed: ${x.stderr || x.stdout || x.message}`, { cause: e });
    }
  };
  const url = (name: string) => `postgresql://${db.user}:${encodeURIComponent(db.password)}@127.0.0.1:${db.port}/${name}`;
  const ask = async (name: string, sql: string, params: unknown[] = []) => {
    const c = new Client({ connectionString: url(name) });
    await c.connect();
    try {
      return (await c.query(sql, params)).rowCount ?? 0;
    } finally {
      await c.end();
    }
  };
  if (!(await ask('postgres', 'SELECT 1 FROM pg_database WHERE datname = $1', [database]))) await tool('create-database');
  // Only a new database needs the base schema (setup-schema would skip it anyway, in another process).
  if (!(await ask(database, "SELECT 1 FROM pg_tables WHERE tablename = 'schema_version'"))) await tool('setup-schema', '-v', '0.0');
  await tool('update-schema', '--schema-name', `postgresql/v12/${schema}`);
}

export interface ServerPorts {
  grpc: number;
  http: number;
  /** history, matching, worker gRPC and the four membership ports. */
  internal: Record<string, number>;
}

export const STANDARD_PORTS: ServerPorts = {
  grpc: 7233,
  http: 7243,
  internal: {
    FRONTEND_MEMBERSHIP_PORT: 6933,
    HISTORY_GRPC_PORT: 7234,
    HISTORY_MEMBERSHIP_PORT: 6934,
    MATCHING_GRPC_PORT: 7235,
    MATCHING_MEMBERSHIP_PORT: 6935,
    WORKER_GRPC_PORT: 7239,
    WORKER_MEMBERSHIP_PORT: 6939,
  },
};

export interface RunningServer {
  pid: number;
  address: string;
  exited(): string | undefined;
  stop(): Promise<void>;
}

const pidFile = (dir: string) => join(dir, 'temporal-server.pid');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stopPid(pid: number, isGone: () => boolean = () => !alive(pid)): Promise<void> {
  if (isGone()) return;
  process.kill(pid, 'SIGTERM');
  for (let waited = 0; !isGone(); waited += 100) {
    // The server drains its shards on SIGTERM; past 20 s it is stuck.
    if (waited === 20_000) process.kill(pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A server an earlier, killed run left behind (by its pid file): stopped. Returns its pid. */
export function stopLeftoverServer(dir: string): Promise<number | undefined> {
  return stopLeftover(pidFile(dir), 'temporal-server');
}

/**
 * Stops the process a pid file names, if it still runs and its command line holds `marker` (the
 * pid may have been reused by something else since). Returns its pid if it was stopped.
 */
export async function stopLeftover(file: string, marker: string): Promise<number | undefined> {
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  rmSync(file, { force: true });
  let cmd: string;
  try {
    cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return undefined; // gone
  }
  if (!(pid > 0) || !cmd.includes(marker)) return undefined;
  await stopPid(pid);
  return pid;
}

export function startServer(opts: { binary: string; dir: string; db: Db; ports: ServerPorts; shards: number }): RunningServer {
  const root = projectRoot();
  const logPath = join(opts.dir, 'temporal-server.log');
  const log = openSync(logPath, 'a');
  const env = {
    ...process.env,
    POSTGRES_SEEDS: '127.0.0.1',
    DB_PORT: String(opts.db.port),
    POSTGRES_USER: opts.db.user,
    POSTGRES_PWD: opts.db.password,
    NUM_HISTORY_SHARDS: String(opts.shards),
    BIND_ON_IP: '127.0.0.1',
    FRONTEND_GRPC_PORT: String(opts.ports.grpc),
    FRONTEND_HTTP_PORT: String(opts.ports.http),
    ...Object.fromEntries(Object.entries(opts.ports.internal).map(([k, v]) => [k, String(v)])),
    DYNAMIC_CONFIG_FILE_PATH: join(root, 'deploy', 'dynamicconfig.yaml'),
  };
  const args = ['--config-file', join(root, 'deploy', 'temporal-postgres.yaml'), '--allow-no-auth', 'start'];
  // Its own process group: a Ctrl-C in the terminal reaches the orchestrator, which stops it in order.
  const child = spawn(opts.binary, args, { stdio: ['ignore', log, log], env, detached: true });
  const pid = child.pid!;
  writeFileSync(pidFile(opts.dir), String(pid));
  let exited: string | undefined;
  child.once('exit', (code, signal) => {
    // The log's end says why (a port taken, the database refused): quoted, as a test removes the folder.
    const tail = readFileSync(logPath, 'utf8')
      .split('\n')
      .filter((l) => /"level":"(error|fatal)"|^[^{]/.test(l))
      .slice(-4)
      .map((l) => l.replace(/,"(logging-call-at|stacktrace)":"[^"]*"/g, '').slice(0, 600))
      .join('\n');
    exited = `exited with ${signal ?? code}; ${logPath} ends:\n${tail}`;
  });
  return {
    pid,
    address: `127.0.0.1:${opts.ports.grpc}`,
    exited: () => exited,
    async stop() {
      await stopPid(pid, () => exited !== undefined);
      rmSync(pidFile(opts.dir), { force: true });
    },
  };
}
