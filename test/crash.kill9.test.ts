/**
 * Issue 15 part 2, as `npm start` runs it on one data folder, in real time: kill -9 under load of
 * care-reviews alone (its dev server left running), of the dev server alone, of both, and of
 * care-reviews with the dev server watching its owner. After each: the orphan is found by its
 * record and stopped, no case is lost (every start answered 2xx is there; a child started again is
 * the same case), no notification or email is duplicated (every case has exactly what its twins
 * have), and timers survive: each case's pending timers are the same, cases sleeping on them still
 * act on commands, and a timer set before a kill -9 of both fires after the restart.
 */
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import { isAlive } from '../platform/dev-server-guard';
import { cycleBody, emailsOnDisk, settledOutboxes, signature, startAgain, startCycles, timersOf, Outcome } from './support/crash-load';
import { MainHarness, pause } from './support/main-process';
import { eventually } from './support/stack';
import { tempDir } from './support/temporal';

jest.setTimeout(300_000);
const tmp = tempDir('crash');
const h = new MainHarness(join(tmp.dir, 'data'));
const cases = new Map<string, string>();
let batch = 0;

beforeAll(() => h.init());
afterAll(() => {
  h.killAll();
  tmp.remove();
});

/** Starts `n` new children; `kill` runs once `after` of them were answered 2xx. */
async function loadAndKill(n: number, after: number, kill: () => void): Promise<Outcome[]> {
  batch++;
  const children = Array.from({ length: n }, (_, i) => `K${batch}-${i}`);
  let killed = false;
  const outcomes = await startCycles(h, children, 6, (answered) => {
    if (answered >= after && !killed) {
      killed = true;
      kill();
    }
  });
  expect(killed).toBe(true);
  return outcomes;
}

/** What must hold after a crash and restart, for every case so far and the ones of this round. */
async function nothingLostOrDuplicated(outcomes: Outcome[]) {
  const answered = outcomes.filter((o) => o.status && o.status < 300);
  for (const o of answered) expect((await h.call('iro-unit', 'GET', `/api/looked-after-cycles/${o.cycleId}`)).status).toBe(200);
  for (const [child, id] of await startAgain(h, outcomes)) cases.set(child, id);
  expect(new Set(cases.values()).size).toBe(cases.size);
  const outboxes = await settledOutboxes(h, cases);
  const [first, ...rest] = [...outboxes].map(([child, list]) => signature(child, list));
  expect(first.length).toBeGreaterThan(1);
  expect(first.every((s) => s.endsWith(' sent'))).toBe(true);
  // Every case started alike was sent exactly the same notifications: none twice, none missing.
  const odd = [...outboxes].filter(([child, list]) => JSON.stringify(signature(child, list)) !== JSON.stringify(first));
  expect(odd.map(([child, list]) => [child, cases.get(child), signature(child, list)])).toEqual([]);
  expect(rest).toHaveLength(cases.size - 1);
  const disk = emailsOnDisk(h.dataDir, outboxes);
  expect(new Set(disk.ids).size).toBe(disk.ids.length);
  expect(disk).toEqual(expect.objectContaining({ missingFiles: 0, files: disk.sentDeliveries }));
  return answered.length;
}

test('kill -9 of care-reviews under load, its dev server left running: the restart stops the orphan; no case lost, nothing sent twice', async () => {
  // Without the watchdog, as on a machine with no setpriv: the record is the only guard.
  await h.start({ CARE_REVIEWS_DEV_SERVER_DIES_WITH_OWNER: 'off' });
  const orphan = h.devServerPid()!;
  const outcomes = await loadAndKill(60, 25, () => h.current!.child.kill('SIGKILL'));
  await h.current!.exited;
  await pause(1000);
  expect(isAlive(orphan)).toBe(true);

  const again = await h.start();
  expect(again.output()).toContain(`the Temporal dev server of an earlier start is still running (pid ${orphan}`);
  expect(again.output()).toContain(`stopped the earlier Temporal dev server (pid ${orphan}`);
  expect(isAlive(orphan)).toBe(false);
  expect(h.devServerPid()).not.toBe(orphan);
  expect(await nothingLostOrDuplicated(outcomes)).toBeGreaterThanOrEqual(25);
});

test('kill -9 of the dev server alone under load: care-reviews starts it again on the same database; no case lost, nothing sent twice', async () => {
  const killed = h.devServerPid()!;
  const outcomes = await loadAndKill(40, 15, () => process.kill(killed, 'SIGKILL'));
  for (let i = 0; i < 120 && !h.current!.output().includes('running again'); i++) await pause(500);
  expect(h.current!.output()).toContain('the Temporal dev server stopped unexpectedly (exited with SIGKILL)');
  expect(isAlive(killed)).toBe(false);
  expect(h.devServerPid()).not.toBe(killed);
  expect(await nothingLostOrDuplicated(outcomes)).toBeGreaterThanOrEqual(15);
});

test('kill -9 of both under load: nothing lost or sent twice, pending timers unchanged, and a timer set before the kill fires after it', async () => {
  const connection = await Connection.connect({ address: `127.0.0.1:${h.env.TEMPORAL_PORT}` });
  const client = new Client({ connection });
  // A case whose activity the killed worker held waits for its start-to-close timeout (a server
  // timer, 1 minute) to run it again; then every case sleeps on one timer, until its next 09:00.
  const oneTimerEach = (t: Map<string, string[]>) => [...t].every(([, list]) => list.length === 1);
  const before = await eventually(() => timersOf(client, cases), oneTimerEach, 150_000);
  expect([...before].filter(([, t]) => t.length !== 1)).toEqual([]);
  // A probe timer, due about 40 s from now: after the kill, during or after the restart.
  const workflowBundle = await bundleWorkflowCode({
    workflowsPath: require.resolve('./support/timer-probe.workflow'),
    logger: quietLogger,
  });
  /** The probe's own worker in this process, only while `fn` runs. */
  const withProbeWorker = async <T>(fn: () => Promise<T>): Promise<T> => {
    const native = await NativeConnection.connect({ address: `127.0.0.1:${h.env.TEMPORAL_PORT}` });
    try {
      return await (await Worker.create({ connection: native, taskQueue: 'crash-probe', workflowBundle })).runUntil(fn);
    } finally {
      await native.close();
    }
  };
  const probe = await withProbeWorker(async () => {
    const handle = await client.workflow.start('timerProbe', { taskQueue: 'crash-probe', workflowId: 'crash-probe', args: [40_000] });
    while (!(await handle.fetchHistory()).events!.some((e) => e.timerStartedEventAttributes)) await pause(200);
    return handle;
  });
  await connection.close();

  const server = h.devServerPid()!;
  let killedAt = 0;
  const outcomes = await loadAndKill(40, 15, () => {
    killedAt = Date.now();
    process.kill(server, 'SIGKILL');
    h.current!.child.kill('SIGKILL');
  });
  await h.current!.exited;
  const again = await h.start();
  expect(again.output()).toContain(`the Temporal dev server of an earlier start (pid ${server}`);
  expect(await nothingLostOrDuplicated(outcomes)).toBeGreaterThanOrEqual(15);

  const after = await Connection.connect({ address: `127.0.0.1:${h.env.TEMPORAL_PORT}` });
  const client2 = new Client({ connection: after });
  // The cases from before sleep on the same timers, and wake for a command.
  const still = await timersOf(client2, new Map([...before.keys()].map((k) => [k, cases.get(k)!])));
  expect(still).toEqual(before);
  for (const cycleId of [...before.keys()].slice(0, 10).map((k) => cases.get(k)!))
    expect((await h.call('iro-unit', 'POST', `/api/looked-after-cycles/${cycleId}/iro`, { staffId: 'iro-3' })).status).toBe(200);
  const fired = await withProbeWorker(() => client2.workflow.getHandle(probe.workflowId).result());
  expect(fired.firedAt - fired.setAt).toBeGreaterThanOrEqual(40_000);
  // It fell due after the kill (the server fired it after the restart, from its SQLite file).
  const firedEvent = (await client2.workflow.getHandle(probe.workflowId).fetchHistory()).events!.find((e) => e.timerFiredEventAttributes)!;
  expect(Number(firedEvent.eventTime!.seconds) * 1000).toBeGreaterThan(killedAt);
  await after.close();
});

test('kill -9 of care-reviews with the watchdog on: the dev server stops with it; the restart says so and finds every case', async () => {
  const server = h.devServerPid()!;
  h.current!.child.kill('SIGKILL');
  await h.current!.exited;
  for (let i = 0; i < 60 && isAlive(server); i++) await pause(500);
  expect(isAlive(server)).toBe(false);
  const again = await h.start();
  expect(again.output()).toContain(`the Temporal dev server of an earlier start (pid ${server}`);
  expect(again.output()).toContain('which is gone) has stopped');
  for (const id of cases.values()) expect((await h.call('iro-unit', 'GET', `/api/looked-after-cycles/${id}`)).status).toBe(200);
  expect((await h.call('iro-unit', 'POST', '/api/looked-after-cycles', cycleBody('K1-0'))).status).toBe(409);
  // Ctrl-C in its terminal (SIGINT to the process group): both stop, and the record goes with them.
  const last = h.devServerPid()!;
  process.kill(-again.child.pid!, 'SIGINT');
  expect(await again.exited).toBe(0);
  expect(isAlive(last)).toBe(false);
  expect(h.devServerPid()).toBeUndefined();
});

const quietLogger = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };
