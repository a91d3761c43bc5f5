/**
 * Issue 15, production's shape: the compiled code (dist/, built here once when the sources are
 * newer) run with plain node as separate processes against one Temporal server: one API and TWO
 * workers on one data folder. A looked-after cycle started through the API runs on the workers,
 * its notification is emailed once (as a .eml file) by whichever worker holds the mail lease, the
 * other takes over mail when that one stops, and everything stops cleanly on SIGTERM.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { mintToken } from '../platform/auth/tokens';
import { DevServer, startDevServer } from '../platform/dev-server';
import { addDays } from '../workflows/calendar/iso-date';
import { londonDate } from '../workflows/calendar/office-hours';
import { testSecret, tokenSettings } from './support/security';
import { eventually } from './support/stack';
import { freePort, tempDir } from './support/temporal';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { build, staleReason } = require('../scripts/build.js') as { build: () => void; staleReason: () => string | undefined };

const ROOT = join(__dirname, '..');
const tmp = tempDir('split');
const dataDir = join(tmp.dir, 'data');
let dev: DevServer;
let base: string;
let env: NodeJS.ProcessEnv;
const running: Proc[] = [];

interface Proc {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** `node dist/<entry>.js` in its own process group (so that nothing it starts outlives the test). */
function run(entry: string, extra: NodeJS.ProcessEnv = {}): Proc {
  const child = spawn(process.execPath, [join('dist', `${entry}.js`)], { cwd: ROOT, env: { ...env, ...extra }, detached: true });
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (out += c));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const p = { child, output: () => out, exited };
  running.push(p);
  return p;
}

async function until(p: Proc, text: string, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!p.output().includes(text)) {
    if (Date.now() > end || p.child.exitCode !== null) throw new Error(`no "${text}" from pid ${p.child.pid}:\n${p.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  // Built once (about half a minute), reused while no source changes.
  if (staleReason()) build();
  dev = await startDevServer({
    port: await freePort(),
    uiPort: await freePort(),
    dbFile: join(tmp.dir, 'temporal.sqlite'),
    namespace: 'default',
    logDir: tmp.dir,
  });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    CARE_REVIEWS_DATA_DIR: dataDir,
    CARE_REVIEWS_JWT_SECRET: testSecret.toString('utf8'),
    CARE_REVIEWS_ID_KEY: Buffer.alloc(32, 9).toString('base64'),
    CARE_REVIEWS_ENCRYPTION_KEYS: `t1:${Buffer.alloc(32, 7).toString('base64')}`,
    TEMPORAL_ADDRESS: dev.address,
    PORT: String(port),
  };
}, 240_000);

afterAll(async () => {
  for (const p of running) if (p.child.exitCode === null) process.kill(-p.child.pid!, 'SIGKILL');
  await dev?.stop();
  tmp.remove();
});

async function call<T>(method: 'GET' | 'POST', path: string, body?: object): Promise<{ status: number; body: T }> {
  const token = await mintToken(testSecret, tokenSettings, { userId: 'split-iro-unit', roles: ['iro-unit'] });
  const r = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: r.status, body: (await r.json()) as T };
}

type Outbox = { notifications: { kind: string; status: string; deliveries: unknown[] }[] };

async function startCycle(childId: string): Promise<string> {
  const r = await call<{ cycleId: string }>('POST', '/api/looked-after-cycles', {
    childId,
    becameLookedAfter: addDays(londonDate(Date.now()), -3),
    dateOfBirth: '2015-06-01',
    legalStatus: 'C2',
    placementType: 'foster',
    team: 'north-1',
  });
  expect(r.status).toBe(201);
  return r.body.cycleId;
}

/** The cycle's request for its first review, once it has been emailed. */
async function requestSent(cycleId: string, ms = 40_000) {
  const outbox = await eventually(
    () => call<Outbox>('GET', `/api/notifications?caseId=${cycleId}`),
    (r) => r.body.notifications?.some((n) => n.kind === 'request-first-review' && n.status === 'sent'),
    ms,
  );
  return outbox.body.notifications.filter((n) => n.kind === 'request-first-review');
}

const emlFiles = (cycleId: string) =>
  readdirSync(join(dataDir, 'mail'), { recursive: true, encoding: 'utf8' }).filter((f) => f.includes(cycleId) && f.endsWith('.eml'));

test('the API and the worker refuse to start without TEMPORAL_ADDRESS, saying how to get one', async () => {
  for (const entry of ['main-api', 'main-worker']) {
    const p = run(entry, { TEMPORAL_ADDRESS: '' });
    expect(await p.exited).toBe(1);
    expect(p.output()).toMatch(/needs TEMPORAL_ADDRESS .*npm run cluster.*npm start/);
  }
});

test('one API and two workers, compiled, as separate processes: a cycle runs, its email goes once, mail moves to the other worker', async () => {
  const api = run('main-api');
  await until(api, 'API ready');
  const workers = [run('main-worker'), run('main-worker')];
  for (const w of workers) await until(w, 'worker ready');
  // One of the two delivers mail; the other says which does.
  const delivering = workers.filter((w) => w.output().includes('this worker delivers'));
  expect(delivering).toHaveLength(1);
  const [holder] = delivering;
  const other = workers.find((w) => w !== holder)!;
  expect(other.output()).toContain('delivered by another worker process');

  // npm start (here compiled) will not run on the same data folder beside them.
  const allInOne = run('main', { PORT: String(await freePort()) });
  expect(await allInOne.exited).toBe(1);
  expect(allInOne.output()).toMatch(/a separate worker process \(.+\) delivers mail from .*Nothing was started/);

  // Both workers poll the task queue of the one server.
  const conn = await Connection.connect({ address: dev.address });
  try {
    const pollers = await eventually(
      async () =>
        (
          await conn.workflowService.describeTaskQueue({
            namespace: 'default',
            taskQueue: { name: 'care-reviews' },
            taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
          })
        ).pollers ?? [],
      (ps) => workers.every((w) => ps.some((p) => p.identity?.startsWith(`${w.child.pid}@`))),
    );
    for (const w of workers) expect(pollers.map((p) => p.identity)).toContainEqual(expect.stringMatching(new RegExp(`^${w.child.pid}@`)));
  } finally {
    await conn.close();
  }

  // A cycle started through the API runs on the workers: its query is answered, its notification recorded and emailed once.
  const first = await startCycle('SPLIT-1');
  const cycle = await call<{ status: string }>('GET', `/api/looked-after-cycles/${first}`);
  expect(cycle).toEqual({ status: 200, body: expect.objectContaining({ status: 'active' }) });
  expect((await requestSent(first)).map((n) => n.deliveries.length)).toEqual([1]);
  expect(emlFiles(first).filter((f) => f.includes('request-first-review'))).toHaveLength(1);

  // The delivering worker stops (its lease is given up); the other takes mail over and sends the next cycle's.
  holder.child.kill('SIGTERM');
  expect(await holder.exited).toBe(0);
  await until(other, 'this worker delivers', 30_000);
  const second = await startCycle('SPLIT-2');
  expect((await requestSent(second)).map((n) => n.deliveries.length)).toEqual([1]);
  expect(emlFiles(second).filter((f) => f.includes('request-first-review'))).toHaveLength(1);
  expect(emlFiles(first).filter((f) => f.includes('request-first-review'))).toHaveLength(1);

  // SIGTERM stops the rest cleanly; nothing is left running.
  for (const p of [other, api]) p.child.kill('SIGTERM');
  expect(await Promise.all([other.exited, api.exited])).toEqual([0, 0]);
  for (const p of running) expect(alive(p.child.pid!)).toBe(false);
}, 240_000);
