/**
 * The embedded default: Temporal's dev server (a real Temporal server with SQLite persistence and
 * the Web UI), built from the Go module proxy by scripts/build-temporal-cli.sh and cached.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { msToTs, tsToMs } from '@temporalio/common/lib/time';
import { clearLeftovers, devServerRecordFile, startTicks, writeDevServerRecord } from './dev-server-guard';
import { devServerSearchAttributeArgs } from './search-attributes';
import { logger } from './log';

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
  /** The running server (a new one after an unexpected exit was restarted). */
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

/** setpriv(1) (util-linux) sets the parent-death signal, then execs the server: same pid, no wrapper left running. */
const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => process.platform === 'linux' && existsSync(p));

/**
 * `codecEndpoint`: the care-reviews /codec URL, so the Web UI can decrypt payloads for a signed-in
 * operator. `dieWithOwner` (default true): the kernel sends the server SIGTERM when this process
 * dies, even by kill -9 (Linux with setpriv; elsewhere the record below is the only guard).
 * An earlier start's server still running on this database is stopped first (dev-server-guard.ts);
 * one that stops unexpectedly is started again on the same port and database.
 */
export async function startDevServer(opts: {
  port: number;
  uiPort: number;
  dbFile: string;
  namespace: string;
  logDir: string;
  codecEndpoint?: string;
  /** How long the namespace keeps a closed workflow's history (docs/retention.md); the dev server's own default otherwise. */
  retentionDays?: number;
  dieWithOwner?: boolean;
  log?: (msg: string) => void;
}): Promise<DevServer> {
  const cli = temporalCliPath();
  const say = opts.log ?? ((msg: string) => logger.info(msg));
  const recordFile = devServerRecordFile(opts.dbFile);
  await clearLeftovers({ recordFile, dbFile: opts.dbFile, port: opts.port, uiPort: opts.uiPort, log: say });
  mkdirSync(opts.logDir, { recursive: true });
  const logFile = join(opts.logDir, 'temporal-dev-server.log');
  const log = openSync(logFile, 'a');
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
    // Write-ahead log: readers (polls, visibility) no longer wait on the one writer, and a commit
    // is one append; still durable across a kill -9 (synchronous stays FULL).
    '--sqlite-pragma',
    'journal_mode=wal',
    '--namespace',
    opts.namespace,
    '--log-level',
    'warn',
    ...devServerSearchAttributeArgs(),
    ...(opts.codecEndpoint ? ['--ui-codec-endpoint', opts.codecEndpoint] : []),
  ];
  const address = `127.0.0.1:${opts.port}`;
  let child!: ChildProcess;
  let exited: string | undefined;
  let stopping = false;
  const crashes: number[] = [];

  const launch = () => {
    exited = undefined;
    const watched = opts.dieWithOwner !== false && SETPRIV;
    const c = watched
      ? spawn(SETPRIV, ['--pdeathsig', 'TERM', '--', cli, ...args], { stdio: ['ignore', log, log] })
      : spawn(cli, args, { stdio: ['ignore', log, log] });
    child = c;
    if (c.pid)
      writeDevServerRecord(recordFile, {
        pid: c.pid,
        executable: cli,
        dbFile: opts.dbFile,
        port: opts.port,
        uiPort: opts.uiPort,
        ownerPid: process.pid,
        startedAt: new Date().toISOString(),
        startTicks: startTicks(c.pid),
      });
    c.once('exit', (code, signal) => {
      exited = `exited with ${signal ?? code}`;
      if (stopping || c !== child || !ready) return;
      // Exit 0 is a stop someone asked for (Ctrl-C reaches the whole process group): not a crash.
      if (code === 0) return say(`the Temporal dev server has stopped (${exited}); it is not started again until care-reviews is`);
      // Killed or crashed under a running owner: the worker and clients reconnect to a new one.
      const now = Date.now();
      if (crashes.filter((t) => now - t < 60_000).length >= 3) {
        say(`the Temporal dev server stopped again (${exited}), the fourth time in a minute: not starting it again; see ${logFile}`);
        rmSync(recordFile, { force: true });
        return;
      }
      crashes.push(now);
      say(`the Temporal dev server stopped unexpectedly (${exited}): starting it again on ${address} with the same database`);
      launch();
      waitReady().then(
        () => say(`the Temporal dev server is running again (pid ${child.pid})`),
        (e: Error) => say(e.message),
      );
    });
  };

  let ready = false;
  const waitReady = async () => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (exited) throw new Error(`Temporal dev server ${exited}; see ${logFile}`);
      try {
        const conn = await Connection.connect({ address, connectTimeout: 1000 });
        await conn.workflowService.getSystemInfo({});
        if (opts.retentionDays) await setNamespaceRetention(conn, opts.namespace, opts.retentionDays);
        await conn.close();
        // What answered must be our child, never something else that held the port.
        if (exited) throw new Error(`Temporal dev server ${exited}; see ${logFile}`);
        ready = true;
        return;
      } catch (e) {
        if (exited) throw e;
        if (Date.now() > deadline) {
          child.kill('SIGKILL');
          throw new Error(`Temporal dev server did not answer on ${address} within 60 s`, { cause: e });
        }
        await new Promise((r) => setTimeout(r, 300));
      }
    }
  };

  launch();
  try {
    await waitReady();
  } catch (e) {
    rmSync(recordFile, { force: true });
    throw e;
  }

  return {
    address,
    uiUrl: `http://127.0.0.1:${opts.uiPort}`,
    get process() {
      return child;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        const done = () => {
          rmSync(recordFile, { force: true });
          resolve();
        };
        if (exited) return done();
        const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => {
          clearTimeout(killer);
          done();
        });
        child.kill('SIGTERM');
      }),
  };
}
