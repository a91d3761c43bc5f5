/**
 * The kernel's loop at the edges of a run: a command that lands while a case is resting (after a
 * review, before continue-as-new) is acted on, never lost and never left waiting.
 */
import { IsoDate, addDays, addYears } from '../workflows/calendar/iso-date';
import { Harness, caseTeam, freshServerPerTest } from './support/cycle-harness';
import { eventually } from './support/stack';

let h: Harness;
freshServerPerTest((x) => {
  h = x;
});

test('L13 a cease that lands just after a review is recorded still ends the cycle, and its request is answered', async () => {
  const t = await caseTeam(h, 'rest');
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const id = await t.comeIntoCare({ dateOfBirth: addYears(start, -10) });
      await t.staff.iroUnit.post(`/api/looked-after-cycles/${id}/iro`).send({ staffId: 'iro-1' });
      const heldOn: IsoDate = addDays(start, 5);
      await t.skipTo(heldOn);
      // The review and, straight after it, the cease: the cycle is closing its run (its reporting
      // activity fails once, so it is still retrying it) when the cease lands.
      const recordOutcome = jest.spyOn(t.services.store, 'recordReviewOutcome').mockImplementationOnce(() => {
        throw new Error('store busy');
      });
      const review = await t.staff.iro.post(`/api/looked-after-cycles/${id}/reviews`).send({ heldOn, participation: 'PN1' });
      expect(review.status).toBe(201);
      const cease = await Promise.race([
        t.staff.socialWorker.post(`/api/looked-after-cycles/${id}/cease`).send({ on: heldOn, reason: 'returned home' }),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the cease was never answered')), 60_000)),
      ]);
      expect([cease.status, cease.body.status, cease.body.reviewsHeld]).toEqual([200, 'ceased', 1]);
      expect((await t.state(id)).status).toBe('ceased');
      // The failed report is retried (its backoff may end after the cease is answered on a busy machine).
      await eventually(
        async () => recordOutcome.mock.calls.length,
        (n) => n >= 2,
      );
      expect(recordOutcome).toHaveBeenCalledTimes(2);
    });
  } finally {
    await t.done();
  }
});
