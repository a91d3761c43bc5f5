/**
 * Issue 11 (looked-after cycle, part b) through the real workflow on the time-skipping server,
 * driven through the API: the catch-up for a child entered already in care, L23 an unplanned move,
 * L9 a decision's owner chased and escalated, L10 the disagreement in writing to the attendees.
 */
import { builtInCalendar } from '../data/reference-data';
import { IsoDate, addDays, addMonths } from '../workflows/calendar/iso-date';
import { Harness, caseTeam, freshServerPerTest } from './support/cycle-harness';

let h: Harness;
const cal = builtInCalendar();
const wd = (d: IsoDate, n: number) => cal.addWorkingDays(d, n);

freshServerPerTest((x) => {
  h = x;
});

test('catch-up: a child entered months after coming into care gets no reminder for a passed deadline, one catch-up notice per recipient, then the normal chase', async () => {
  const t = await caseTeam(h, 'catchup');
  try {
    await t.worker.runUntil(async () => {
      const today = await t.today();
      const id = await t.comeIntoCare({ becameLookedAfter: addMonths(today, -4), iroUnitNotifiedOn: today });
      const out = t.outbox(id);
      expect(out.filter((n) => n.kind === 'reminder')).toEqual([]);
      expect(out.filter((n) => n.kind === 'overdue' || n.kind === 'escalation')).toEqual([]);
      const catchUp = out.filter((n) => n.kind === 'catch-up');
      expect(catchUp.map((n) => n.to).sort()).toEqual(['iro-unit', 'iro-unit-manager', 'service-manager']);
      expect(new Set(catchUp.map((n) => n.to)).size).toBe(catchUp.length);
      expect(catchUp.find((n) => n.to === 'iro-unit')!.subject).toMatch(/^Catching up: [2-9] overdue$/);
      // L1: the notification was late, and the state says so.
      expect((await t.state(id)).iroUnitNotification).toMatchObject({ rule: 'L1', on: today, late: true });

      // Then the normal chase: a review recorded now, its tasks chased on their own days.
      await t.staff.iroUnit.post(`/api/looked-after-cycles/${id}/iro`).send({ staffId: 'iro-1' });
      const r1 = await t.holdReview(id, { heldOn: today, participation: 'PN1' });
      expect(r1.status).toBe(201);
      const circulateBy = wd(today, 5);
      await t.skipTo(wd(circulateBy, 1));
      expect(t.outbox(id).filter((n) => n.rule === 'L9' && n.kind === 'overdue' && n.to === 'user:iro-1')).toHaveLength(1);
      expect(t.outbox(id).filter((n) => n.kind === 'catch-up')).toHaveLength(3);
    });
  } finally {
    await t.done();
  }
});

test('catch-up: a review recorded after the fact sends one catch-up notice, not each passed reminder', async () => {
  const t = await caseTeam(h, 'catchup2');
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const id = await t.comeIntoCare();
      await t.staff.iroUnit.post(`/api/looked-after-cycles/${id}/iro`).send({ staffId: 'iro-1' });
      const heldOn = addDays(start, 7);
      await t.skipTo(wd(heldOn, 8));
      expect((await t.holdReview(id, { heldOn, participation: 'PN1' })).status).toBe(201);
      // The overdue notice (day 6) has gone by: folded into one catch-up; what falls today is sent as usual.
      const out = t.outbox(id);
      expect(out.filter((n) => n.rule === 'L9' && n.kind === 'overdue')).toEqual([]);
      expect(out.filter((n) => n.kind === 'catch-up')).toEqual([
        expect.objectContaining({ to: 'user:iro-1', subject: 'Catching up: 1 overdue', rule: 'L9' }),
      ]);
      expect(out.filter((n) => n.rule === 'L9' && n.kind === 'escalation').map((n) => n.to)).toEqual(['iro-unit-manager']);
    });
  } finally {
    await t.done();
  }
});

test('L23 an unplanned change of placement tells the IRO at once and asks whether to bring the review forward', async () => {
  const t = await caseTeam(h, 'l23');
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const id = await t.comeIntoCare();
      await t.staff.iroUnit.post(`/api/looked-after-cycles/${id}/iro`).send({ staffId: 'iro-1' });
      const moved = addDays(start, 3);
      await t.skipTo(moved);
      const r = await t.staff.socialWorker
        .post(`/api/looked-after-cycles/${id}/placement-changes`)
        .send({ on: moved, type: 'residential', unplanned: true });
      expect(r.status).toBe(201);
      await t.skipTo(moved, 11);
      const told = t.outbox(id).filter((n) => n.rule === 'L23');
      expect(told).toEqual([expect.objectContaining({ kind: 'unplanned-placement-change', to: 'user:iro-1' })]);
      expect(told[0].subject).toMatch(/bringing the review forward/);
      expect((await t.state(id)).placementChanges).toEqual([expect.objectContaining({ unplanned: true, iroToldOn: moved })]);
    });
  } finally {
    await t.done();
  }
});

test('L9 a decision owned by a named person: reminded, overdue to them, escalated to the team manager; they may mark it done. L10 a disagreement goes in writing to the attendees', async () => {
  const t = await caseTeam(h, 'l9');
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const id = await t.comeIntoCare();
      await t.staff.iroUnit.post(`/api/looked-after-cycles/${id}/iro`).send({ staffId: 'iro-1' });
      const heldOn = addDays(start, 7);
      await t.skipTo(heldOn);
      const dueOn = wd(heldOn, 10);
      const r = await t.holdReview(id, {
        heldOn,
        participation: 'PN1',
        attendees: ['sw-1', 'carer-9'],
        decisions: [
          { text: 'arrange contact', owner: 'hv-7', dueOn },
          { text: 'refer to CAMHS', owner: 'social worker', dueOn },
        ],
      });
      expect(r.status).toBe(201);
      await t.skipTo(wd(dueOn, 3));
      const d1 = t.outbox(id).filter((n) => n.rule === 'L9' && /arrange contact/.test(n.subject));
      expect(d1.map((n) => [n.kind, n.to])).toEqual([
        ['reminder', 'user:hv-7'],
        ['overdue', 'user:hv-7'],
        ['overdue', 'user:iro-1'],
        ['escalation', 'team-manager:north-1'],
      ]);
      // Only its owner (or the owner's role) may mark it done.
      const notHers = await t.staff.socialWorker.post(`/api/looked-after-cycles/${id}/tasks`).send({ key: 'r1/decision-1' });
      expect(notHers.status).toBe(403);
      const done2 = await t.staff.socialWorker.post(`/api/looked-after-cycles/${id}/tasks`).send({ key: 'r1/decision-2' });
      expect(done2.status).toBe(200);

      // L10: the team manager disagrees: in writing to the IRO and to everyone who attended.
      await t.staff.iro.post(`/api/looked-after-cycles/${id}/tasks`).send({ key: 'r1/decisions-circulated' });
      const no = await t.staff.teamManager
        .post(`/api/looked-after-cycles/${id}/reviews/1/decision-response`)
        .send({ response: 'disagree', reason: 'cost' });
      expect(no.status).toBe(200);
      const today = await t.today();
      await t.skipTo(today, 11);
      expect(
        t
          .outbox(id)
          .filter((n) => n.kind === 'disagreement')
          .map((n) => n.to)
          .sort(),
      ).toEqual(['user:carer-9', 'user:iro-1', 'user:sw-1']);
      const informalBy = wd(today, 5);
      await t.skipTo(wd(informalBy, 1));
      expect(t.outbox(id).filter((n) => n.rule === 'L10' && n.kind === 'prompt' && n.to === 'user:iro-1')).toHaveLength(1);
    });
  } finally {
    await t.done();
  }
});
