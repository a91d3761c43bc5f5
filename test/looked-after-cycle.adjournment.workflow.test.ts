/**
 * L12 on the time-skipping server, through the API: while a review is adjourned its resumed
 * meeting may change venue; not resumed by its date, the review is chased against the resume date
 * like an overdue review (the IRO side, then the IRO unit manager and the service manager), once,
 * and the review's own overdue notices stay quiet.
 */
import { builtInCalendar } from '../data/reference-data';
import { IsoDate } from '../workflows/calendar/iso-date';
import { Harness, caseTeam, freshServerPerTest } from './support/cycle-harness';

let h: Harness;
const cal = builtInCalendar();
const wd = (d: IsoDate, n: number) => cal.addWorkingDays(d, n);

freshServerPerTest((x) => {
  h = x;
});

test('L12 an adjourned review not resumed by its date is chased like an overdue review, once', async () => {
  const t = await caseTeam(h, 'l12-chase');
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const id = await t.comeIntoCare();
      const url = `/api/looked-after-cycles/${id}`;
      await t.staff.iroUnit.post(`${url}/iro`).send({ staffId: 'iro-1' });
      // Review 1 is due 20 working days after coming into care; the meeting, 15 in, is adjourned in time.
      const due = wd(start, 20);
      const on = wd(start, 15);
      expect((await t.staff.iro.post(`${url}/booking`).send({ meetingOn: on, venue: 'home' })).status).toBe(200);
      await t.skipTo(on);
      const resumeOn = wd(on, 8);
      expect(resumeOn > wd(due, 1)).toBe(true);
      expect((await t.staff.iro.post(`${url}/adjournment`).send({ on, resumeOn, reason: 'reports missing' })).status).toBe(201);
      // 002 §17(5): the resumed meeting at another venue is not a re-booking.
      const venue = await t.staff.iro.post(`${url}/booking`).send({ meetingOn: resumeOn, venue: 'office' });
      expect([venue.status, venue.body.open?.booking]).toEqual([200, expect.objectContaining({ meetingOn: resumeOn, venue: 'office' })]);
      // The review's own due date passes (it was adjourned in time), then the resume date.
      await t.skipTo(wd(resumeOn, 4));
      const chased = t
        .outbox(id)
        .filter((n) => ['L2', 'L12'].includes(n.rule) && (n.kind === 'overdue' || n.kind === 'escalation'))
        .map((n) => [n.rule, n.kind, n.to]);
      expect(chased.sort()).toEqual(
        [
          ['L12', 'escalation', 'iro-unit-manager'],
          ['L12', 'escalation', 'service-manager'],
          ['L12', 'overdue', 'iro-unit'],
          ['L12', 'overdue', 'user:iro-1'],
        ].sort(),
      );
    });
  } finally {
    await t.done();
  }
});
