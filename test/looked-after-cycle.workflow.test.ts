/**
 * The walking skeleton on the time-skipping test server: a child comes into care through the API,
 * the cycle shows the first review's due date, and skipping past it records the reminders once.
 */
import request from 'supertest';
import { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, bundleWorkflowCode, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { builtInCalendar } from '../activities/reference-data';
import { addDays } from '../workflows/calendar/iso-date';
import { londonDate, londonTime } from '../workflows/calendar/office-hours';
import { calendarUpdated } from '../workflows/calendar/calendar-updated';
import { CycleState, cycleStateQuery } from '../workflows/looked-after-review-messages';
import { registerSearchAttributes } from '../worker/search-attributes';
import { WORKFLOWS_PATH, createWorker } from '../worker/worker';
import { makeApp, makeServices, tempDir, testServerPath } from './support/temporal';

let env: TestWorkflowEnvironment;
let bundle: WorkflowBundleWithSourceMap;
const calendar = builtInCalendar();

beforeAll(async () => {
  env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: testServerPath() } } });
  await registerSearchAttributes(env.connection, 'default');
  bundle = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error } });
});
afterAll(async () => { await env?.teardown(); });

async function setup(taskQueue: string) {
  const tmp = tempDir(taskQueue);
  const services = makeServices(tmp.dir);
  const worker: Worker = await createWorker({ connection: env.nativeConnection, namespace: 'default', taskQueue, services, workflowBundle: bundle });
  const app = makeApp(env.client as unknown as Client, services, taskQueue);
  return { services, worker, app, done: () => { services.store.close(); tmp.remove(); } };
}

const serverToday = async () => londonDate((await env.currentTimeMs()));

test('L2 walking skeleton: POST a child coming into care, see the first due date, skip past it and see the reminders', async () => {
  const { services, worker, app, done } = await setup('skeleton');
  try {
    await worker.runUntil(async () => {
      const today = await serverToday();
      const started = await request(app).post('/api/looked-after-cycles').send({ childId: 'C-0001', becameLookedAfter: today, team: 'south-1' });
      expect(started.status).toBe(201);
      const cycleId = started.body.cycleId as string;
      expect(cycleId).toBe(`lac-C-0001-${today}`);

      const again = await request(app).post('/api/looked-after-cycles').send({ childId: 'C-0001', becameLookedAfter: today });
      expect(again.status).toBe(409);
      expect(again.body.cycleId).toBe(cycleId);

      const due = calendar.addWorkingDays(today, 20);
      const state = (await request(app).get(`/api/looked-after-cycles/${cycleId}`)).body as CycleState;
      expect(state.nextReview).toMatchObject({ due, rule: 'L2', reviewNumber: 1 });

      // L1: the IRO unit is asked for the first review at once.
      const first = await request(app).get('/api/notifications').query({ recipient: 'iro-unit' });
      expect(first.body.notifications.map((n: { kind: string }) => n.kind)).toEqual(['request-first-review']);

      // Skip to the working day after the due date, past 09:00 England time.
      const overdueAt = londonTime(calendar.addWorkingDays(due, 1));
      await env.sleep(overdueAt - (await env.currentTimeMs()) + 60_000);

      const after = (await request(app).get('/api/notifications').query({ recipient: 'iro-unit' })).body.notifications as { id: string; kind: string; rule: string; dueDate: string }[];
      expect(after.map((n) => [n.kind, n.rule, n.dueDate])).toEqual([
        ['request-first-review', 'L1', due],
        ['review-due-soon', 'L2', due],
        ['review-overdue', 'L2', due],
      ]);
      expect(new Set(after.map((n) => n.id)).size).toBe(3);
      expect(services.store.notifications({ caseId: cycleId })).toHaveLength(3);
    });
  } finally {
    done();
  }
});

test('L3 a review held is recorded through an Update, and the next clock runs from its real date', async () => {
  const { worker, app, done } = await setup('review-held');
  try {
    await worker.runUntil(async () => {
      // The API checks dates against the wall clock; earlier tests moved the server's clock ahead of it.
      const today = londonDate(Date.now());
      const { body } = await request(app).post('/api/looked-after-cycles').send({ childId: 'C-0002', becameLookedAfter: today });
      const url = `/api/looked-after-cycles/${body.cycleId}`;

      const early = await request(app).post(`${url}/reviews`).send({ heldOn: '2001-01-01' });
      expect(early.status).toBe(422);
      expect(early.body.error).toMatchObject({ field: 'heldOn', rule: 'L2' });

      await env.sleep('8 days');
      const heldOn = addDays(today, 7);
      const held = await request(app).post(`${url}/reviews`).send({ heldOn });
      expect(held.status).toBe(201);
      expect(held.body.review).toMatchObject({ reviewNumber: 1, heldOn, rule: 'L2', onTime: true });

      // The workflow continued as new; the state carries the review and counts L3 from it.
      const state = (await request(app).get(url)).body as CycleState;
      expect(state.reviewsHeld).toHaveLength(1);
      expect(state.nextReview).toMatchObject({ rule: 'L3', reviewNumber: 2, base: heldOn });

      const twice = await request(app).post(`${url}/reviews`).send({ heldOn });
      expect(twice.status).toBe(422);
      expect(twice.body.error.field).toBe('heldOn');
    });
  } finally {
    done();
  }
});

test('a newly proclaimed bank holiday reaches a running cycle and moves its deadline', async () => {
  const { services, worker, app, done } = await setup('calendar');
  try {
    await worker.runUntil(async () => {
      const today = londonDate(Date.now());
      const { body } = await request(app).post('/api/looked-after-cycles').send({ childId: 'C-0003', becameLookedAfter: today });
      const handle = env.client.workflow.getHandle(body.cycleId);
      const before = await handle.query(cycleStateQuery);

      // The operator adds a holiday on the current due date (a weekday by construction).
      const change = await request(app).post('/api/calendar/changes').send({ date: before.nextReview.due, title: 'one-off', reason: 'proclaimed' });
      expect(change.status).toBe(201);
      // The time-skipping server cannot list workflows, so deliver the snapshot the way the API would.
      await handle.signal(calendarUpdated, services.calendar.snapshot());

      const after = await handle.query(cycleStateQuery);
      expect(after.calendarRevision).toBe(1);
      expect(after.nextReview.due).toBe(services.calendar.calendar().addWorkingDays(today, 20));
      expect(after.nextReview.due > before.nextReview.due).toBe(true);
    });
  } finally {
    done();
  }
});
