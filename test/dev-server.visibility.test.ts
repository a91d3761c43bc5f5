/**
 * Against a real dev server (SQLite visibility): search attributes hold no personal data and find
 * cases, and an operator's calendar change reaches every running cycle through the API.
 */
import request from 'supertest';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { londonDate } from '../workflows/calendar/office-hours';
import { cycleStateQuery } from '../workflows/looked-after-review-messages';
import { CASE_KIND, NEXT_DUE, PROFILE, TEAM } from '../workflows/search-attributes';
import { DevServer, startDevServer } from '../worker/dev-server';
import { createWorker } from '../worker/worker';
import { freePort, makeApp, makeServices, tempDir } from './support/temporal';

const tmp = tempDir('devserver');
let dev: DevServer;
let connection: Connection;
let native: NativeConnection;
let worker: Worker;
let running: Promise<void>;
let services: ReturnType<typeof makeServices>;
let app: ReturnType<typeof makeApp>;

beforeAll(async () => {
  const port = await freePort();
  dev = await startDevServer({ port, uiPort: await freePort(), dbFile: `${tmp.dir}/temporal.sqlite`, namespace: 'default', logDir: tmp.dir });
  connection = await Connection.connect({ address: dev.address });
  native = await NativeConnection.connect({ address: dev.address });
  services = makeServices(tmp.dir);
  worker = await createWorker({ connection: native, namespace: 'default', taskQueue: 'visibility', services });
  running = worker.run();
  app = makeApp(new Client({ connection }), services, 'visibility');
}, 180_000);

afterAll(async () => {
  worker?.shutdown();
  await running;
  await native?.close();
  await connection?.close();
  services?.store.close();
  await dev?.stop();
  tmp.remove();
});

async function eventually<T>(fn: () => Promise<T>, ok: (t: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
}

test('search attributes find a cycle by kind, team and next due date, and hold no personal data', async () => {
  const today = londonDate(Date.now());
  const started = await request(app).post('/api/looked-after-cycles').send({ childId: 'C-77', becameLookedAfter: today, team: 'north-2', profile: 'stoke-on-trent' });
  expect(started.status).toBe(201);
  const client = new Client({ connection });
  const state = await eventually(() => client.workflow.getHandle(started.body.cycleId).query(cycleStateQuery), (s) => !!s);

  const found = await eventually(async () => {
    const out = [];
    for await (const wf of client.workflow.list({ query: `CareReviewsKind = 'looked-after-review-cycle' AND CareReviewsTeam = 'north-2' AND CareReviewsNextDue >= '${state.nextReview.due}T00:00:00Z' AND CareReviewsNextDue < '${state.nextReview.due}T00:00:01Z'` })) out.push(wf);
    return out;
  }, (l) => l.length === 1);
  expect(found.map((w) => w.workflowId)).toEqual([started.body.cycleId]);

  const attrs = found[0].typedSearchAttributes;
  expect(attrs.get(CASE_KIND)).toBe('looked-after-review-cycle');
  expect(attrs.get(TEAM)).toBe('north-2');
  expect(attrs.get(PROFILE)).toBe('stoke-on-trent');
  expect(attrs.get(NEXT_DUE)?.toISOString()).toBe(`${state.nextReview.due}T00:00:00.000Z`);
  // Only the opaque id, the team code, the profile and dates: nothing else is searchable.
  expect(JSON.stringify(found[0].searchAttributes)).not.toMatch(/C-77|childId/);
});

test('an operator adds a newly proclaimed holiday: the API signals every running cycle', async () => {
  const today = londonDate(Date.now());
  const a = await request(app).post('/api/looked-after-cycles').send({ childId: 'C-78', becameLookedAfter: today });
  const client = new Client({ connection });
  const before = await eventually(() => client.workflow.getHandle(a.body.cycleId).query(cycleStateQuery), (s) => !!s);
  await eventually(async () => (await client.workflow.count(`CareReviewsKind = 'looked-after-review-cycle' AND ExecutionStatus = 'Running'`)).count, (n) => n >= 2);

  const change = await request(app).post('/api/calendar/changes').send({ date: before.nextReview.due, title: 'one-off bank holiday', reason: 'Royal proclamation' });
  expect(change.status).toBe(201);
  expect(change.body.runningCasesSignalled).toBeGreaterThanOrEqual(2);

  const after = await eventually(() => client.workflow.getHandle(a.body.cycleId).query(cycleStateQuery), (s) => s.calendarRevision === 1);
  expect(after.calendarRevision).toBe(1);
  expect(after.nextReview.due > before.nextReview.due).toBe(true);

  const again = await request(app).post('/api/calendar/changes').send({ date: before.nextReview.due, title: 'x', reason: 'y' });
  expect([again.status, again.body.error.field]).toEqual([422, 'date']);
});
