/**
 * Against a real dev server (SQLite visibility): search attributes hold no personal data and find
 * cases, and an operator's calendar change reaches every running cycle through the API.
 */
import { Client } from '@temporalio/client';
import { londonDate } from '../workflows/calendar/office-hours';
import { cycleStateQuery } from '../workflows/looked-after-cycle/messages';
import { CASE_KIND, NEXT_DUE, PROFILE, TEAM } from '../workflows/search-attributes';
import { as, cameIntoCare } from './support/security';
import { eventually, Stack, startStack } from './support/stack';

let stack: Stack;
let client: Client;
let iroUnit: Awaited<ReturnType<typeof as>>;
let operator: Awaited<ReturnType<typeof as>>;

beforeAll(async () => {
  stack = await startStack('visibility');
  client = stack.client;
  iroUnit = await as(stack.app, 'iro-unit');
  operator = await as(stack.app, 'operator');
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

test('search attributes find a cycle by kind, team and next due date, and hold no personal data', async () => {
  const today = londonDate(Date.now());
  const started = await iroUnit
    .post('/api/looked-after-cycles')
    .send(cameIntoCare({ childId: 'C-77', becameLookedAfter: today, team: 'north-2', profile: 'stoke-on-trent' }));
  expect(started.status).toBe(201);
  const state = await eventually(
    () => client.workflow.getHandle(started.body.cycleId).query(cycleStateQuery),
    (s) => !!s,
  );

  const found = await eventually(
    async () => {
      const out = [];
      for await (const wf of client.workflow.list({
        query: `CareReviewsKind = 'looked-after-review-cycle' AND CareReviewsTeam = 'north-2' AND CareReviewsNextDue >= '${state.nextReview.due}T00:00:00Z' AND CareReviewsNextDue < '${state.nextReview.due}T00:00:01Z'`,
      }))
        out.push(wf);
      return out;
    },
    (l) => l.length === 1,
  );
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
  const a = await iroUnit.post('/api/looked-after-cycles').send(cameIntoCare({ childId: 'C-78', becameLookedAfter: today }));
  const before = await eventually(
    () => client.workflow.getHandle(a.body.cycleId).query(cycleStateQuery),
    (s) => !!s,
  );
  await eventually(
    async () => (await client.workflow.count(`CareReviewsKind = 'looked-after-review-cycle' AND ExecutionStatus = 'Running'`)).count,
    (n) => n >= 2,
  );

  const change = await operator
    .post('/api/calendar/changes')
    .send({ date: before.nextReview.due, title: 'one-off bank holiday', reason: 'Royal proclamation' });
  expect(change.status).toBe(201);
  expect(change.body.runningCasesSignalled).toBeGreaterThanOrEqual(2);

  const after = await eventually(
    () => client.workflow.getHandle(a.body.cycleId).query(cycleStateQuery),
    (s) => s.calendarRevision === 1,
  );
  expect(after.calendarRevision).toBe(1);
  expect(after.nextReview.due > before.nextReview.due).toBe(true);

  const again = await operator.post('/api/calendar/changes').send({ date: before.nextReview.due, title: 'x', reason: 'y' });
  expect([again.status, again.body.error.field]).toEqual([422, 'date']);
});
