/**
 * A short-breaks series recorded after the 18th birthday, through the API on the time-skipping
 * server (rules.md L19, O4, issue 11): with a first break long gone and no `openedOn`, it opened on
 * its first break (recorded after the fact); it stays open while a review due before the birthday
 * is still to be recorded, takes the breaks and reviews from before the birthday, then ends dated
 * on the birthday and tells the caseholder and team manager.
 */
import { addDays, addMonths, addYears } from '../workflows/calendar/iso-date';
import { OpenToReviewCaseState } from '../workflows/open-to-review/messages';
import { Harness, caseTeam, freshServerPerTest } from './support/cycle-harness';

let h: Harness;

freshServerPerTest((x) => {
  h = x;
});

test('L19 O4 a series recorded after the 18th birthday records its breaks and reviews from before it, then ends dated on the birthday', async () => {
  const t = await caseTeam(h, 'l19past');
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const adultOn = addMonths(start, -1);
      const firstBreakOn = addMonths(start, -10);
      const sw = t.staff.socialWorker;
      const body = {
        kind: 'short-breaks-series',
        childId: 'L19P-1',
        dateOfBirth: addYears(adultOn, -18),
        team: 'north-1',
        caseholder: 'sw-1',
        firstBreakOn,
      };
      const future = await sw.post('/api/open-to-review-cases').send({ ...body, firstBreakOn: addDays(start, 1) });
      expect([future.status, future.body.error?.field, future.body.error?.rule]).toEqual([422, 'firstBreakOn', 'L19']);
      const r = await sw.post('/api/open-to-review-cases').send(body);
      expect(r.status).toBe(201);
      const id = r.body.caseId as string;
      t.cases.push(id);
      await t.settle();
      const path = `/api/open-to-review-cases/${id}`;
      const state = async () => (await sw.get(path)).body as OpenToReviewCaseState;
      expect(await state()).toMatchObject({ status: 'open', openedOn: firstBreakOn, recordedOn: start });
      // Nothing sent one by one for days gone by.
      expect(t.outbox(id).filter((n) => ['reminder', 'overdue', 'escalation'].includes(n.kind))).toEqual([]);

      expect((await sw.post(`${path}/breaks`).send({ on: addDays(firstBreakOn, 14), days: 3 })).status).toBe(201);
      const review = { type: 'face-to-face', childSeen: true, parentsSeen: true, outcome: 'continue' };
      const first = addMonths(firstBreakOn, 2);
      expect((await sw.post(`${path}/reviews`).send({ ...review, heldOn: first })).status).toBe(201);
      await t.settle();
      // The next review (6 months on) fell due before the birthday: still to be recorded.
      expect(await state()).toMatchObject({ status: 'open', nextReview: { due: addMonths(first, 6) } });
      expect((await sw.post(`${path}/breaks`).send({ on: addMonths(firstBreakOn, 6), days: 2 })).status).toBe(201);
      const after = await sw.post(`${path}/reviews`).send({ ...review, heldOn: addDays(adultOn, 1) });
      expect([after.status, after.body.error?.field, after.body.error?.rule]).toEqual([422, 'heldOn', 'L19']);
      expect((await sw.post(`${path}/reviews`).send({ ...review, heldOn: addMonths(first, 5) })).status).toBe(201);
      await t.settle();
      const s = await state();
      expect(s).toMatchObject({ status: 'ended', ended: { on: adultOn } });
      expect(s.reviews.map((x) => x.heldOn)).toEqual([first, addMonths(first, 5)]);
      expect(s.breaks).toHaveLength(2);
      expect((await sw.post(`${path}/breaks`).send({ on: addMonths(firstBreakOn, 8), days: 1 })).status).toBe(409);
      expect(
        t
          .outbox(id)
          .filter((n) => n.kind === 'ended')
          .map((n) => n.to)
          .sort(),
      ).toEqual(['team-manager:north-1', 'user:sw-1']);
    });
  } finally {
    await t.done();
  }
});
