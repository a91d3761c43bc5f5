/**
 * L18 through the real cycle on the time-skipping server: a review due in the year and not held
 * fails the child from the day after its due date, while the year is still running.
 */
import { builtInCalendar } from '../data/reference-data';
import { IsoDate, addDays } from '../workflows/calendar/iso-date';
import { Harness, caseTeam, freshServerPerTest } from './support/cycle-harness';

let h: Harness;
const cal = builtInCalendar();
const wd = (d: IsoDate, n: number) => cal.addWorkingDays(d, n);
const aprilYear = (d: IsoDate) => String(Number(d.slice(0, 4)) - (d.slice(5) < '04-01' ? 1 : 0));

freshServerPerTest((x) => {
  h = x;
});

test('L18 a child whose first review is never held fails the current year; a cycle ended before its review fails nobody', async () => {
  const t = await caseTeam(h, 'l18open');
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const neverHeld = await t.comeIntoCare();
      const punctual = await t.comeIntoCare();
      const ceased = await t.comeIntoCare();
      const first = wd(start, 20);
      await t.skipTo(addDays(start, 3));
      expect(
        (
          await t.staff.socialWorker
            .post(`/api/looked-after-cycles/${ceased}/cease`)
            .send({ on: addDays(start, 3), reason: 'returned home' })
        ).status,
      ).toBe(200);
      await t.skipTo(first);
      await t.holdReview(punctual, { heldOn: first, participation: 'PN1' }, t.staff.iro);
      await t.settle();
      const year = () => t.staff.serviceManager.get('/api/timeliness').query({ year: aprilYear(first) });
      // Due today: not yet late.
      expect((await year()).body).toMatchObject({ children: 1, childrenWithEveryReviewOnTime: 1, reviewsNotHeldInYear: [] });

      await t.skipTo(addDays(first, 1));
      const r = (await year()).body;
      expect(r).toMatchObject({ children: 2, childrenWithEveryReviewOnTime: 1, percentChildrenOnTime: 50, reviews: 1, reviewsOnTime: 1 });
      expect(r.reviewsNotHeldInYear).toEqual([
        expect.objectContaining({ cycleId: neverHeld, reviewNumber: 1, due: first, statutoryDue: first, heldOn: null }),
      ]);
    });
  } finally {
    await t.done();
  }
});
