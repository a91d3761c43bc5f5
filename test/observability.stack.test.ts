/**
 * On a real dev server (SQLite visibility): /ready is 200 with every check; the overdue count
 * query is one the visibility store accepts, and a child whose first review is past due is counted
 * under its kind (and one not yet due is not), with nothing about the child in the metrics.
 */
import request from 'supertest';
import { addDays } from '../workflows/calendar/iso-date';
import { londonDate } from '../workflows/calendar/office-hours';
import { caseMetrics } from '../platform/case-metrics';
import { renderMetrics } from '../platform/metrics';
import { as, cameIntoCare } from './support/security';
import { eventually, Stack, startStack } from './support/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack('observability');
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

test('/ready is 200 with Temporal, the store and the record all answering', async () => {
  const r = await request(stack.app).get('/ready');
  expect([r.status, r.body]).toEqual([200, { status: 'ready', checks: { temporal: 'ok', store: 'ok', record: 'ok' } }]);
});

test('a looked-after child past the first review date is counted overdue by kind; one in care since today is not', async () => {
  const today = londonDate(Date.now());
  for (const [childId, since] of [
    ['OBS-LATE-1', addDays(today, -90)],
    ['OBS-NEW-2', today],
  ]) {
    const r = await (
      await as(stack.app, 'iro-unit')
    )
      .post('/api/looked-after-cycles')
      .send(cameIntoCare({ childId, becameLookedAfter: since, team: 'north-1' }));
    expect(r.status).toBe(201);
  }
  // No cache, so each read asks visibility again (it is eventually consistent).
  const registry = caseMetrics(stack.client, { ttlMs: 0 });
  const text = await eventually(
    () => renderMetrics([registry]),
    (t) => /care_reviews_overdue_cases\{kind="looked-after-review-cycle"\} 1\n/.test(t),
  );
  expect(text).toContain('care_reviews_visibility_up 1');
  expect(text).toMatch(/care_reviews_overdue_cases\{kind="looked-after-review-cycle"\} 1\n/);
  expect(text).toMatch(/care_reviews_overdue_cases\{kind="open-to-review"\} 0\n/);
  expect(text).not.toContain('OBS-');
});
