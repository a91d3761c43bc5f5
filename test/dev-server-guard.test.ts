/**
 * Issue 15 part 2: what a start does with what an earlier one left, checked on stand-in processes
 * (a node process whose command line is a dev server's): a server its record names is stopped, a
 * pid now used by another program (or the same command started at another time) is left alone, a
 * server on the same database that no record names is stopped too, and a port held by anything
 * else is refused by name, by the guard and by `npm start` itself.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { join } from 'node:path';
import {
  DevServerRecord,
  clearLeftovers,
  devServerRecordFile,
  isAlive,
  startTicks,
  stopProcess,
  writeDevServerRecord,
} from '../platform/dev-server-guard';
import { freePort, tempDir } from './support/temporal';

const tmp = tempDir('guard');
const dbFile = join(tmp.dir, 'temporal.sqlite');
const recordFile = devServerRecordFile(dbFile);
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.pid && isAlive(c.pid)) c.kill('SIGKILL');
  tmp.remove();
});

/** A process whose command line reads `<node> -e ... server start-dev --port P --db-filename F`. */
async function standIn(port: number, db = dbFile, ignoreTerm = false): Promise<ChildProcess> {
  const code = `${ignoreTerm ? "process.on('SIGTERM', () => {});" : ''} setInterval(() => {}, 1e6); console.log('up')`;
  const c = spawn(process.execPath, ['-e', code, 'server', 'start-dev', '--port', String(port), '--db-filename', db], { stdio: 'pipe' });
  children.push(c);
  await new Promise((r) => c.stdout!.once('data', r));
  return c;
}

function record(c: ChildProcess, port: number, extra: Partial<DevServerRecord> = {}): DevServerRecord {
  const rec = {
    pid: c.pid!,
    executable: process.execPath,
    dbFile,
    port,
    uiPort: port + 1,
    ownerPid: 999_999_999,
    startedAt: new Date().toISOString(),
    startTicks: startTicks(c.pid!),
    ...extra,
  };
  writeDevServerRecord(recordFile, rec);
  return rec;
}

async function clear(port: number): Promise<string[]> {
  const said: string[] = [];
  await clearLeftovers({ recordFile, dbFile, port, uiPort: await freePort(), log: (m) => said.push(m) });
  return said;
}

test('the dev server a record names, still running after its owner died, is stopped and the record removed', async () => {
  const port = await freePort();
  const orphan = await standIn(port);
  record(orphan, port);
  const said = await clear(await freePort());
  expect(said).toEqual([
    `the Temporal dev server of an earlier start is still running (pid ${orphan.pid}, started by pid 999999999 at ${said[0].match(/at (\S+),/)![1]}, which is gone): stopping it`,
    `stopped the earlier Temporal dev server (pid ${orphan.pid}, SIGTERM)`,
  ]);
  expect(isAlive(orphan.pid!)).toBe(false);
  expect(existsSync(recordFile)).toBe(false);
});

test('a pid reused by another program, or by the same command started later, is left alone', async () => {
  const port = await freePort();
  const other = spawn('sleep', ['60']);
  children.push(other);
  record(other, port);
  expect(await clear(await freePort())).toEqual([
    `the earlier Temporal dev server's pid ${other.pid} now belongs to another program; leaving it alone`,
  ]);
  expect(isAlive(other.pid!)).toBe(true);

  // Same command line, another start time: not the process the record was written for. (It runs
  // on another database, or the scan for unrecorded servers on ours would rightly stop it.)
  const later = await standIn(port, join(tmp.dir, 'other.sqlite'));
  record(later, port, { dbFile: join(tmp.dir, 'other.sqlite'), startTicks: startTicks(later.pid!)! - 1 });
  expect(await clear(await freePort())).toEqual([expect.stringContaining(`pid ${later.pid} now belongs to another program`)]);
  expect(isAlive(later.pid!)).toBe(true);
  expect(existsSync(recordFile)).toBe(false);
});

test('a dev server on this database that no record names is stopped; a stale record of a dead one is only reported', async () => {
  const port = await freePort();
  const unrecorded = await standIn(port);
  const gone = spawn(process.execPath, ['-e', '0']);
  await new Promise((r) => gone.once('exit', r));
  writeDevServerRecord(recordFile, { ...record(unrecorded, port), pid: gone.pid! });
  const said = await clear(await freePort());
  expect(said[0]).toMatch(new RegExp(`^the Temporal dev server of an earlier start \\(pid ${gone.pid}, .*which is gone\\) has stopped$`));
  expect(said.slice(1)).toEqual([
    `a Temporal dev server no record names runs on ${dbFile} (pid ${unrecorded.pid}): stopping it`,
    `stopped it (pid ${unrecorded.pid})`,
  ]);
  expect(isAlive(unrecorded.pid!)).toBe(false);
});

test('a server that ignores SIGTERM is killed after the grace period', async () => {
  const stubborn = await standIn(await freePort(), join(tmp.dir, 'stubborn.sqlite'), true);
  expect(await stopProcess(stubborn.pid!, 500)).toBe('killed');
  expect(isAlive(stubborn.pid!)).toBe(false);
});

describe('a port held by another program', () => {
  let holder: Server;
  let port: number;
  beforeAll(async () => {
    holder = createServer();
    await new Promise<void>((r) => holder.listen(0, '127.0.0.1', () => r()));
    port = (holder.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((r) => holder.close(() => r())));

  test('is refused by name, with the setting to change', async () => {
    await expect(clear(port)).rejects.toThrow(
      `port ${port} (TEMPORAL_PORT) is in use by another program, not a Temporal dev server this data folder started`,
    );
    await expect(clearLeftovers({ recordFile, dbFile, port: await freePort(), uiPort: port, log: () => {} })).rejects.toThrow(
      /TEMPORAL_UI_PORT.*set TEMPORAL_UI_PORT to a free port, or TEMPORAL_ADDRESS/,
    );
  });

  test('npm start says so and starts nothing, never using what holds the port', async () => {
    const env = {
      ...process.env,
      CARE_REVIEWS_DATA_DIR: join(tmp.dir, 'data'),
      PORT: String(await freePort()),
      TEMPORAL_PORT: String(port),
    };
    const child = spawn(process.execPath, ['-r', 'tsx/cjs', 'main.ts'], { cwd: join(__dirname, '..'), env, stdio: 'pipe' });
    children.push(child);
    let output = '';
    child.stdout!.on('data', (c) => (output += c));
    child.stderr!.on('data', (c) => (output += c));
    const code = await new Promise((r) => child.once('exit', r));
    expect([code, output]).toEqual([
      1,
      expect.stringContaining(`could not start: port ${port} (TEMPORAL_PORT) is in use by another program`),
    ]);
    expect(output).not.toContain('ready;');
    expect(existsSync(join(tmp.dir, 'data', 'temporal-dev-server.pid.json'))).toBe(false);
  }, 120_000);
});
