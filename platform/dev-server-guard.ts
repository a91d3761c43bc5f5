/**
 * The embedded dev server must never outlive its owner unnoticed (issue 15). Each start records
 * what identifies the server it spawned (pid, executable, database file, ports, owner, start time)
 * in a file beside the database. The next start reads it: a server still running there is stopped
 * (SIGTERM, then SIGKILL) and said so, rather than adopted, because only a child of its own can be
 * watched, restarted and stopped by the new owner, and the old one may run with other ports,
 * retention or codec settings. A port held by anything else is refused, never silently used.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { basename, dirname, join } from 'node:path';

export interface DevServerRecord {
  pid: number;
  executable: string;
  dbFile: string;
  port: number;
  uiPort: number;
  ownerPid: number;
  startedAt: string;
  /** /proc/<pid>/stat start time (clock ticks since boot): tells a reused pid from ours. */
  startTicks?: number;
}

/** The record sits beside the database it guards (the data folder for `npm start`). */
export function devServerRecordFile(dbFile: string): string {
  return join(dirname(dbFile), 'temporal-dev-server.pid.json');
}

export function writeDevServerRecord(file: string, rec: DevServerRecord): void {
  // Written whole then renamed: a kill mid-write never leaves half a record.
  writeFileSync(`${file}.tmp`, JSON.stringify(rec, null, 2) + '\n');
  renameSync(`${file}.tmp`, file);
}

export function readDevServerRecord(file: string): DevServerRecord | undefined {
  try {
    const r = JSON.parse(readFileSync(file, 'utf8')) as DevServerRecord;
    return Number.isInteger(r.pid) && r.pid > 0 && typeof r.dbFile === 'string' ? r : undefined;
  } catch {
    return undefined;
  }
}

/** The process's start time, or undefined where /proc is not there (macOS). */
export function startTicks(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces), in parentheses: state is field 3, start time 22.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[19]);
  } catch {
    return undefined;
  }
}

/** Alive and not a zombie: an orphan killed here is reaped by whatever adopted it, which may take its time. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}

/** The process's arguments: /proc on Linux, ps elsewhere (split on spaces: good enough to compare). */
function commandLine(pid: number): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    if (process.platform === 'linux') return undefined;
  }
  try {
    return execFileSync('ps', ['-ww', '-o', 'command=', '-p', String(pid)], { encoding: 'utf8' })
      .trim()
      .split(/\s+/);
  } catch {
    return undefined;
  }
}

const after = (argv: string[], flag: string) => argv[argv.indexOf(flag) + 1];

/** A dev server on this database: `<temporal> server start-dev ... --db-filename <dbFile>`. */
function runsOnDatabase(argv: string[], dbFile: string): boolean {
  return argv.includes('start-dev') && argv.includes('--db-filename') && after(argv, '--db-filename') === dbFile;
}

/** Is the recorded pid still the dev server recorded (same program, database, port and start time)? */
export function isRecordedDevServer(rec: DevServerRecord): boolean {
  if (!isAlive(rec.pid)) return false;
  const argv = commandLine(rec.pid);
  if (!argv || !argv.length) return false;
  if (basename(argv[0]) !== basename(rec.executable) || !runsOnDatabase(argv, rec.dbFile)) return false;
  if (after(argv, '--port') !== String(rec.port)) return false;
  const ticks = startTicks(rec.pid);
  return rec.startTicks === undefined || ticks === undefined || ticks === rec.startTicks;
}

/** Dev servers on this database that no record names (left by a start from before the record existed). Linux only. */
function unrecordedOnDatabase(dbFile: string, except: number[]): number[] {
  if (!existsSync('/proc/self/cmdline')) return [];
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid || except.includes(pid)) continue;
    const argv = commandLine(pid);
    if (argv && runsOnDatabase(argv, dbFile) && isAlive(pid)) found.push(pid);
  }
  return found;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
export async function stopProcess(pid: number, graceMs = 10_000): Promise<'terminated' | 'killed'> {
  const gone = async (ms: number) => {
    for (const end = Date.now() + ms; Date.now() < end; await pause(100)) if (!isAlive(pid)) return true;
    return !isAlive(pid);
  };
  try {
    process.kill(pid, 'SIGTERM');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return 'terminated';
    throw new Error(
      `the Temporal dev server left running (pid ${pid}) cannot be stopped from here (${(e as Error).message}); stop it by hand`,
      {
        cause: e,
      },
    );
  }
  if (await gone(graceMs)) return 'terminated';
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return 'killed';
  }
  if (await gone(10_000)) return 'killed';
  throw new Error(`the Temporal dev server left running (pid ${pid}) did not stop, even with SIGKILL; stop it by hand`);
}

/** Resolves true when nothing listens on 127.0.0.1:port (what the dev server binds). */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen({ port, host: '127.0.0.1', exclusive: true }, () => s.close(() => resolve(true)));
  });
}

/**
 * Before a start: stops the dev server an earlier owner left on this database (by its record, or
 * found running on the same database file), then refuses if a port is still held by anything else.
 */
export async function clearLeftovers(opts: {
  recordFile: string;
  dbFile: string;
  port: number;
  uiPort: number;
  log: (msg: string) => void;
}): Promise<void> {
  const rec = readDevServerRecord(opts.recordFile);
  const stopped: number[] = [];
  if (rec) {
    const owner = `started by pid ${rec.ownerPid} at ${rec.startedAt}, ${isAlive(rec.ownerPid) ? 'which is still running' : 'which is gone'}`;
    if (isRecordedDevServer(rec)) {
      opts.log(`the Temporal dev server of an earlier start is still running (pid ${rec.pid}, ${owner}): stopping it`);
      const how = await stopProcess(rec.pid);
      stopped.push(rec.pid);
      opts.log(`stopped the earlier Temporal dev server (pid ${rec.pid}, ${how === 'killed' ? 'SIGKILL' : 'SIGTERM'})`);
    } else if (isAlive(rec.pid)) {
      opts.log(`the earlier Temporal dev server's pid ${rec.pid} now belongs to another program; leaving it alone`);
    } else {
      opts.log(`the Temporal dev server of an earlier start (pid ${rec.pid}, ${owner}) has stopped`);
    }
    rmSync(opts.recordFile, { force: true });
  }
  for (const pid of unrecordedOnDatabase(opts.dbFile, stopped)) {
    opts.log(`a Temporal dev server no record names runs on ${opts.dbFile} (pid ${pid}): stopping it`);
    await stopProcess(pid);
    opts.log(`stopped it (pid ${pid})`);
  }
  for (const [port, name] of [
    [opts.port, 'TEMPORAL_PORT'],
    [opts.uiPort, 'TEMPORAL_UI_PORT'],
  ] as const) {
    if (!(await portIsFree(port)))
      throw new Error(
        `port ${port} (${name}) is in use by another program, not a Temporal dev server this data folder started, ` +
          `so the embedded dev server cannot start there; set ${name} to a free port, or TEMPORAL_ADDRESS to use a ` +
          `Temporal server that is already running. Nothing was started.`,
      );
  }
}
