/**
 * Section A of rules.md through the real workflow on the time-skipping server, driven through the
 * API as staff would: one test per rule, named by its id. Months pass in seconds.
 */
import { builtInCalendar, ProfileRegistry } from '../data/reference-data';
import { IsoDate, addDays, addMonths, addYears, earlierOf } from '../workflows/calendar/iso-date';
import { calendarUpdated } from '../workflows/calendar/calendar-updated';
import { deadlineBefore } from '../workflows/timescales/interval';
import { cycleStateQuery } from '../workflows/looked-after-cycle/messages';
import { Harness, caseTeam, freshServerPerTest } from './support/cycle-harness';
import { cameIntoCare } from './support/security';

let h: Harness;
const cal = builtInCalendar();
const profiles = ProfileRegistry.load();
const wd = (d: IsoDate, n: number) => cal.addWorkingDays(d, n);
const wdBefore = (d: IsoDate, n: number) => cal.workingDaysBefore(d, n);

freshServerPerTest((x) => {
  h = x;
});

const held = (heldOn: IsoDate, extra: Record<string, unknown> = {}) => ({ heldOn, participation: 'PN1', ...extra });

test('L1 the IRO unit is asked for the "20 day LAC review" at once; no IRO after 5 working days reminds the IRO unit manager; the IRO unit appoints one', async () => {
  const t = await caseTeam(h, 'l1');
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const id = await t.comeIntoCare({ childId: 'L1-CHILD' });
      expect(id).toMatch(/^lac-[0-9a-f]{24}$/);
      expect(t.outbox(id)).toEqual([
        expect.objectContaining({ rule: 'L1', kind: 'request-first-review', to: 'iro-unit', subject: 'Request for 20 day LAC review' }),
      ]);
      const again = await t.staff.iroUnit
        .post('/api/looked-after-cycles')
        .send(cameIntoCare({ childId: 'L1-CHILD', becameLookedAfter: start }));
      expect([again.status, again.body.cycleId]).toEqual([409, id]);

      const appointBy = wd(start, 5);
      await t.skipTo(appointBy);
      expect(t.outbox(id).filter((n) => n.to === 'iro-unit-manager')).toEqual([]);
      await t.skipTo(wd(appointBy, 1));
      expect(t.outbox(id).filter((n) => n.to === 'iro-unit-manager')).toEqual([expect.objectContaining({ rule: 'L1', kind: 'overdue' })]);

      expect((await t.staff.iro.post(`/api/looked-after-cycles/${id}/iro`).send({ staffId: 'iro-1' })).status).toBe(403);
      const appointed = await t.staff.iroUnit.post(`/api/looked-after-cycles/${id}/iro`).send({ staffId: 'iro-1' });
      expect(appointed.status).toBe(200);
      expect(appointed.body.iro).toMatchObject({ staffId: 'iro-1' });
      expect(appointed.body.obligations.map((o: { key: string }) => o.key)).not.toContain('appoint-iro');
    });
  } finally {
    await t.done();
  }
});

test('L2 the first review is due within 20 working days; due soon, overdue, then escalated to the managers', async () => {
  const t = await caseTeam(h, 'l2');
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const id = await t.comeIntoCare();
      await t.staff.iroUnit.post(`/api/looked-after-cycles/${id}/iro`).send({ staffId: 'iro-1' });
      const due = wd(start, 20);
      expect((await t.state(id)).nextReview).toMatchObject({ due, rule: 'L2', reviewNumber: 1 });

      await t.skipTo(wdBefore(due, 10));
      expect(
        t
          .outbox(id)
          .filter((n) => n.rule === 'L2')
          .map((n) => [n.kind, n.to]),
      ).toEqual([
        ['reminder', 'iro-unit'],
        ['reminder', 'user:iro-1'],
      ]);
      await t.skipTo(due);
      expect(t.outbox(id).filter((n) => n.rule === 'L2' && n.kind !== 'reminder')).toEqual([]);
      await t.skipTo(wd(due, 1));
      expect(
        t
          .outbox(id)
          .filter((n) => n.rule === 'L2' && n.kind === 'overdue')
          .map((n) => n.to),
      ).toEqual(['iro-unit', 'user:iro-1']);
      await t.skipTo(wd(due, 3));
      expect(
        t
          .outbox(id)
          .filter((n) => n.rule === 'L2' && n.kind === 'escalation')
          .map((n) => n.to),
      ).toEqual(['iro-unit-manager', 'service-manager']);
      // Each once, however long the cycle waits.
      await t.skipTo(wd(due, 10));
      expect(t.outbox(id).filter((n) => n.rule === 'L2')).toHaveLength(6);
    });
  } finally {
    await t.done();
  }
});

test('L3 each review counts from the date it was actually held: the second within 3 months of the first; a late review does not catch up', async () => {
  const t = await caseTeam(h, 'l3');
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const id = await t.comeIntoCare();
      const first = addDays(start, 10);
      await t.skipTo(first);
      const r1 = await t.holdReview(id, held(first), t.staff.iro);
      expect(r1.status).toBe(201);
      expect(r1.body.review).toMatchObject({ reviewNumber: 1, rule: 'L2', onTime: true });
      expect(r1.body.nextDue).toBe(addMonths(first, 3));
      expect((await t.state(id)).nextReview).toMatchObject({ rule: 'L3', reviewNumber: 2, base: first });

      const second = addDays(addMonths(first, 3), 12); // late
      await t.skipTo(second);
      const r2 = await t.holdReview(id, held(second), t.staff.iro);
      expect(r2.body.review).toMatchObject({ reviewNumber: 2, rule: 'L3', due: addMonths(first, 3), onTime: false });
      expect(r2.body.nextDue).toBe(addMonths(second, 6));
      expect((await t.state(id)).nextReview).toMatchObject({ rule: 'L4', reviewNumber: 3, base: second });

      const twice = await t.holdReview(id, held(second), t.staff.iro);
      expect([twice.status, twice.body.error.field, twice.body.error.rule]).toEqual([422, 'heldOn', 'L3']);
      const future = await t.holdReview(id, held(addDays(second, 30)), t.staff.iro);
      expect([future.status, future.body.error.field]).toEqual([422, 'heldOn']);
    });
  } finally {
    await t.done();
  }
});

test('L4 later reviews are due within 6 months of the previous one (Oxfordshire: 183 days if sooner); Stoke books them at about 5 months', async () => {
  const t = await caseTeam(h, 'l4');
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const ids = {
        statutory: await t.comeIntoCare(),
        oxfordshire: await t.comeIntoCare({ profile: 'oxfordshire' }),
        stoke: await t.comeIntoCare({ profile: 'stoke-on-trent' }),
      };
      const first = addDays(start, 10);
      const second = addDays(first, 80);
      await t.skipTo(first);
      for (const id of Object.values(ids)) expect((await t.holdReview(id, held(first))).status).toBe(201);
      await t.skipTo(second);
      for (const id of Object.values(ids)) expect((await t.holdReview(id, held(second))).status).toBe(201);
      expect((await t.state(ids.statutory)).nextReview).toMatchObject({
        rule: 'L4',
        reviewNumber: 3,
        base: second,
        due: addMonths(second, 6),
      });
      expect((await t.state(ids.oxfordshire)).nextReview).toMatchObject({
        rule: 'L4',
        due: earlierOf(addMonths(second, 6), addDays(second, 183)),
      });
      expect((await t.state(ids.stoke)).nextReview).toMatchObject({ rule: 'L4', due: addMonths(second, 6), bookBy: addMonths(second, 5) });
      // A third review held two months late moves the fourth's clock with it.
      const third = addDays(addMonths(second, 6), 60);
      await t.skipTo(third);
      const r3 = await t.holdReview(ids.statutory, held(third));
      expect(r3.body).toMatchObject({ review: { reviewNumber: 3, rule: 'L4', onTime: false }, nextDue: addMonths(third, 6) });
    });
  } finally {
    await t.done();
  }
});

test('L5 a change of placement calls for a review within 20 working days where the profile has the rule (Oxfordshire), and not under the statutory profile', async () => {
  const t = await caseTeam(h, 'l5');
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const oxon = await t.comeIntoCare({ profile: 'oxfordshire' });
      const statutory = await t.comeIntoCare();
      const first = addDays(start, 5);
      await t.skipTo(first);
      for (const id of [oxon, statutory]) expect((await t.holdReview(id, held(first), t.staff.iro)).status).toBe(201);
      const moved = addDays(first, 14);
      await t.skipTo(moved);
      for (const id of [oxon, statutory]) {
        const r = await t.staff.socialWorker
          .post(`/api/looked-after-cycles/${id}/placement-changes`)
          .send({ on: moved, type: 'residential' });
        expect(r.status).toBe(201);
      }
      expect((await t.state(oxon)).nextReview).toMatchObject({ rule: 'L5', due: wd(moved, 20), base: moved });
      const secondDue = earlierOf(addMonths(first, 3), addDays(first, 91));
      expect((await t.state(statutory)).nextReview).toMatchObject({ rule: 'L3', due: addMonths(first, 3) });
      expect(secondDue <= addMonths(first, 3)).toBe(true);
      expect((await t.state(oxon)).placement).toEqual({ type: 'residential', startedOn: moved });
      // Only the child's own team records a placement change.
      expect(
        (await t.staff.iro.post(`/api/looked-after-cycles/${oxon}/placement-changes`).send({ on: moved, type: 'foster' })).status,
      ).toBe(403);
    });
  } finally {
    await t.done();
  }
});

test('L6 a review brought forward, with its reason, moves the due date earlier; a date no earlier is refused naming L6', async () => {
  const t = await caseTeam(h, 'l6');
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const id = await t.comeIntoCare();
      const statutory = wd(start, 20);
      const sooner = addDays(start, 7);
      const r = await t.staff.socialWorker
        .post(`/api/looked-after-cycles/${id}/bring-forward`)
        .send({ reason: 'risk-of-harm', detail: 'missing from placement', dueBy: sooner });
      expect(r.status).toBe(201);
      expect(r.body.nextReview).toMatchObject({
        due: sooner,
        rule: 'L6',
        broughtForward: { reason: 'risk-of-harm', statutoryDue: statutory },
      });
      expect(r.body.events.at(-1)).toMatchObject({ rule: 'L6', by: 'sw-1' });

      const later = await t.staff.iro
        .post(`/api/looked-after-cycles/${id}/bring-forward`)
        .send({ reason: 'iro-request', dueBy: wd(statutory, 1) });
      expect([later.status, later.body.error.field, later.body.error.rule]).toEqual([422, 'dueBy', 'L6']);
      const why = await t.staff.iro.post(`/api/looked-after-cycles/${id}/bring-forward`).send({ reason: 'bored', dueBy: sooner });
      expect([why.status, why.body.error.field, why.body.error.rule]).toEqual([400, 'reason', 'L6']);

      await t.skipTo(wd(sooner, 1));
      expect(t.outbox(id).filter((n) => n.rule === 'L6' && n.kind === 'overdue').length).toBeGreaterThan(0);
    });
  } finally {
    await t.done();
  }
});

test('L7 not booked in time: reminder, then the IRO unit; a date after the due date needs a strategic manager; a second postponement in 12 months goes to the service manager', async () => {
  const t = await caseTeam(h, 'l7');
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const id = await t.comeIntoCare();
      await t.staff.iroUnit.post(`/api/looked-after-cycles/${id}/iro`).send({ staffId: 'iro-1' });
      const due = wd(start, 20);
      await t.skipTo(wdBefore(due, 15));
      expect(
        t
          .outbox(id)
          .filter((n) => n.rule === 'L7')
          .map((n) => [n.kind, n.to]),
      ).toEqual([['reminder', 'user:iro-1']]);
      await t.skipTo(wdBefore(due, 10));
      expect(
        t
          .outbox(id)
          .filter((n) => n.rule === 'L7')
          .map((n) => [n.kind, n.to]),
      ).toEqual([
        ['reminder', 'user:iro-1'],
        ['escalation', 'iro-unit'],
      ]);

      const late = await t.staff.iro.post(`/api/looked-after-cycles/${id}/booking`).send({ meetingOn: wd(due, 2), venue: 'Foster home' });
      expect([late.status, late.body.error.field, late.body.error.rule]).toEqual([422, 'meetingOn', 'L7']);
      expect(late.body.error.message).toMatch(/strategic manager/);
      expect((await t.staff.socialWorker.post(`/api/looked-after-cycles/${id}/booking`).send({ meetingOn: due })).status).toBe(403);

      const booked = await t.staff.iro
        .post(`/api/looked-after-cycles/${id}/booking`)
        .send({ meetingOn: wdBefore(due, 2), venue: 'Foster home' });
      expect(booked.status).toBe(200);
      expect(booked.body.open.booking).toMatchObject({ meetingOn: wdBefore(due, 2), venue: 'Foster home', by: 'iro-1' });
      const noReason = await t.staff.iro.post(`/api/looked-after-cycles/${id}/booking`).send({ meetingOn: wdBefore(due, 1) });
      expect([noReason.status, noReason.body.error.field]).toEqual([422, 'reason']);
      expect(
        (
          await t.staff.iro
            .post(`/api/looked-after-cycles/${id}/booking`)
            .send({ meetingOn: wdBefore(due, 1), reason: 'interpreter unavailable' })
        ).status,
      ).toBe(200);
      expect(t.outbox(id).filter((n) => n.to === 'service-manager' && n.rule === 'L7')).toEqual([]);
      const permitted = await t.staff.iro.post(`/api/looked-after-cycles/${id}/booking`).send({
        meetingOn: wd(due, 2),
        reason: 'child in hospital',
        strategicManagerPermission: { by: 'stm-1', reason: 'exceptional: hospital admission' },
      });
      expect(permitted.status).toBe(200);
      expect(permitted.body.open.postponements).toHaveLength(2);
      await t.settle();
      expect(
        t
          .outbox(id)
          .filter((n) => n.to === 'service-manager' && n.rule === 'L7')
          .map((n) => n.kind),
      ).toEqual(['postponement-quality-assurance']);
    });
  } finally {
    await t.done();
  }
});

test('L8 booking sets the tasks before the meeting: each owner reminded in time, moving the meeting moves them, and a meeting booked too late for one says so at once', async () => {
  const t = await caseTeam(h, 'l8');
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const id = await t.comeIntoCare();
      await t.staff.iroUnit.post(`/api/looked-after-cycles/${id}/iro`).send({ staffId: 'iro-1' });
      await t.staff.teamManager.post(`/api/looked-after-cycles/${id}/social-worker`).send({ staffId: 'sw-1' });
      const meeting = wd(start, 20);
      await t.skipTo(wd(start, 2));
      const b = await t.staff.iro.post(`/api/looked-after-cycles/${id}/booking`).send({ meetingOn: meeting });
      expect(b.status).toBe(200);
      const tasks = Object.fromEntries(
        b.body.obligations
          .filter((o: { rule: string }) => o.rule === 'L8')
          .map((o: { key: string; due: string; owner: string }) => [o.key, [o.due, o.owner]]),
      );
      expect(tasks).toEqual({
        'r1/consult-child': [wdBefore(meeting, 20), 'social-worker'],
        'r1/invitations': [wdBefore(meeting, 10), 'iro-unit'],
        'r1/reports-to-iro': [wdBefore(meeting, 3), 'social-worker'],
        'r1/iro-speaks-with-child': [wdBefore(meeting, 1), 'iro'],
      });
      await t.settle();
      // Consultation was due 20 working days before the meeting, before it was booked: said at once.
      expect(
        t
          .outbox(id)
          .filter((n) => n.kind === 'booked-too-late')
          .map((n) => n.to),
      ).toEqual(['user:sw-1', 'user:iro-1']);

      const invitationsDue = wdBefore(meeting, 10);
      await t.skipTo(wdBefore(invitationsDue, 2));
      expect(
        t
          .outbox(id)
          .filter((n) => n.rule === 'L8' && n.kind === 'reminder')
          .map((n) => [n.to, n.due]),
      ).toEqual([['iro-unit', invitationsDue]]);
      // The social worker may not tick off the IRO unit's task; the IRO unit may.
      expect((await t.staff.socialWorker.post(`/api/looked-after-cycles/${id}/tasks`).send({ key: 'r1/invitations' })).status).toBe(403);
      expect((await t.staff.iroUnit.post(`/api/looked-after-cycles/${id}/tasks`).send({ key: 'r1/invitations' })).status).toBe(200);
      await t.skipTo(wd(invitationsDue, 1));
      expect(t.outbox(id).filter((n) => n.rule === 'L8' && n.kind === 'overdue')).toEqual([]);

      // The meeting moves two working days earlier: the report to the IRO moves with it.
      const sooner = wdBefore(meeting, 2);
      const moved = await t.staff.iro
        .post(`/api/looked-after-cycles/${id}/booking`)
        .send({ meetingOn: sooner, reason: 'venue unavailable' });
      expect(moved.body.obligations.find((o: { key: string }) => o.key === 'r1/reports-to-iro').due).toBe(wdBefore(sooner, 3));
      await t.skipTo(wdBefore(wdBefore(sooner, 3), 2));
      expect(
        t
          .outbox(id)
          .filter((n) => n.rule === 'L8' && n.kind === 'reminder' && n.to === 'user:sw-1')
          .map((n) => n.due),
      ).toEqual([wdBefore(sooner, 3)]);
      const unknown = await t.staff.socialWorker.post(`/api/looked-after-cycles/${id}/tasks`).send({ key: 'r1/invitations' });
      expect([unknown.status, unknown.body.error.field]).toEqual([422, 'key']);
    });
  } finally {
    await t.done();
  }
});

test('L9 after the meeting: decisions, care plan, record and copies each chased then escalated; Stoke counts copies in 14 days and escalates a missing care plan at 28', async () => {
  const t = await caseTeam(h, 'l9');
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const id = await t.comeIntoCare();
      const stoke = await t.comeIntoCare({ profile: 'stoke-on-trent' });
      await t.staff.iroUnit.post(`/api/looked-after-cycles/${id}/iro`).send({ staffId: 'iro-1' });
      const meeting = addDays(start, 14);
      await t.skipTo(meeting);
      const r = await t.holdReview(
        id,
        held(meeting, {
          decisions: [{ text: 'Arrange contact with siblings', owner: 'social-worker', dueOn: addDays(meeting, 30) }],
          starredRecommendations: ['Independent advocate to be appointed'],
        }),
        t.staff.iro,
      );
      expect(r.status).toBe(201);
      expect((await t.holdReview(stoke, held(meeting), t.staff.iro)).status).toBe(201);
      await t.settle();
      // L11 (with the disputes issue): starred recommendations go at once to the principal and strategic managers.
      expect(
        t
          .outbox(id)
          .filter((n) => n.rule === 'L11')
          .map((n) => n.to),
      ).toEqual(['principal-manager', 'strategic-manager']);

      const after = Object.fromEntries((await t.state(id)).obligations.filter((o) => o.rule === 'L9').map((o) => [o.key, o.due]));
      expect(after).toMatchObject({
        'r1/decisions-circulated': wd(meeting, 5),
        'r1/care-plan-updated': wd(meeting, 10),
        'r1/full-record': wd(meeting, 15),
        'r1/copies-to-participants': wd(meeting, 20),
        'r1/decision-1': addDays(meeting, 30),
      });
      const stokeAfter = Object.fromEntries((await t.state(stoke)).obligations.filter((o) => o.rule === 'L9').map((o) => [o.key, o.due]));
      expect(stokeAfter['r1/copies-to-participants']).toBe(earlierOf(wd(meeting, 20), addDays(meeting, 14)));

      await t.skipTo(wd(wd(meeting, 5), 1));
      expect(
        t
          .outbox(id)
          .filter((n) => n.rule === 'L9' && n.kind === 'overdue')
          .map((n) => n.to),
      ).toEqual(['user:iro-1']);
      await t.skipTo(wd(wd(meeting, 5), 3));
      expect(
        t
          .outbox(id)
          .filter((n) => n.rule === 'L9' && n.kind === 'escalation')
          .map((n) => n.to),
      ).toContain('iro-unit-manager');

      // Done tasks are never chased; the care plan is the social worker's.
      expect((await t.staff.socialWorker.post(`/api/looked-after-cycles/${id}/tasks`).send({ key: 'r1/care-plan-updated' })).status).toBe(
        200,
      );
      await t.skipTo(wd(wd(meeting, 10), 4));
      expect(t.outbox(id).filter((n) => n.id.includes('care-plan-updated') && n.kind !== 'reminder')).toEqual([]);
      // Stoke: no updated care plan within 28 days, the IRO escalates.
      await t.skipTo(wd(addDays(meeting, 28), 1));
      expect(
        t
          .outbox(stoke)
          .filter((n) => n.id.includes('iro-escalates'))
          .map((n) => n.to),
      ).toEqual(['iro-unit', 'team-manager:north-1']);
    });
  } finally {
    await t.done();
  }
});

test('L10 the team manager is prompted on receipt of the decisions and has 5 working days: silence is deemed agreed; a disagreement is recorded and the IRO told; only a team manager answers', async () => {
  const t = await caseTeam(h, 'l10');
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const quiet = await t.comeIntoCare();
      const disputed = await t.comeIntoCare();
      for (const id of [quiet, disputed]) await t.staff.iroUnit.post(`/api/looked-after-cycles/${id}/iro`).send({ staffId: 'iro-1' });
      const meeting = addDays(start, 10);
      await t.skipTo(meeting);
      for (const id of [quiet, disputed]) await t.holdReview(id, held(meeting), t.staff.iro);
      const tooSoon = await t.staff.teamManager
        .post(`/api/looked-after-cycles/${quiet}/reviews/1/decision-response`)
        .send({ response: 'agree' });
      expect([tooSoon.status, tooSoon.body.error.rule]).toEqual([422, 'L10']);

      const circulated = wd(meeting, 2);
      await t.skipTo(circulated);
      for (const id of [quiet, disputed])
        expect(
          (await t.staff.iro.post(`/api/looked-after-cycles/${id}/tasks`).send({ key: 'r1/decisions-circulated', on: circulated })).status,
        ).toBe(200);
      await t.settle();
      expect(
        t
          .outbox(quiet)
          .filter((n) => n.rule === 'L10')
          .map((n) => [n.kind, n.to]),
      ).toEqual([['prompt', 'team-manager:north-1']]);

      for (const u of [t.staff.socialWorker, t.staff.iro, t.staff.serviceManager]) {
        expect((await u.post(`/api/looked-after-cycles/${disputed}/reviews/1/decision-response`).send({ response: 'agree' })).status).toBe(
          403,
        );
      }
      const noReason = await t.staff.teamManager
        .post(`/api/looked-after-cycles/${disputed}/reviews/1/decision-response`)
        .send({ response: 'disagree' });
      expect([noReason.status, noReason.body.error.field]).toEqual([422, 'reason']);
      const disagreed = await t.staff.teamManager
        .post(`/api/looked-after-cycles/${disputed}/reviews/1/decision-response`)
        .send({ response: 'disagree', reason: 'placement plan not resourced' });
      expect(disagreed.body.reviewsHeld[0].teamManager).toMatchObject({
        response: 'disagreed',
        by: 'tm-1',
        reason: 'placement plan not resourced',
      });
      await t.settle();
      expect(
        t
          .outbox(disputed)
          .filter((n) => n.kind === 'disagreement')
          .map((n) => n.to),
      ).toEqual(['user:iro-1']);
      const dispute = await t.staff.iro
        .post(`/api/looked-after-cycles/${disputed}/reviews/1/disagreement`)
        .send({ outcome: 'dispute', note: 'not settled in discussion' });
      expect(dispute.body.reviewsHeld[0].disagreement.status).toBe('dispute-to-open');

      const deadline = wd(circulated, 5);
      await t.skipTo(deadline);
      expect((await t.state(quiet)).reviewsHeld[0].teamManager).toBeUndefined();
      await t.skipTo(wd(deadline, 1));
      expect((await t.state(quiet)).reviewsHeld[0].teamManager).toMatchObject({ response: 'deemed-agreed' });
      expect(
        t
          .outbox(quiet)
          .filter((n) => n.kind === 'deemed-agreed')
          .map((n) => n.to),
      ).toEqual(['user:iro-1', 'team-manager:north-1']);
      expect(t.outbox(disputed).filter((n) => n.kind === 'deemed-agreed')).toEqual([]);
    });
  } finally {
    await t.done();
  }
});

test('L12 a review may be adjourned once, for at most 20 working days', async () => {
  const t = await caseTeam(h, 'l12');
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const id = await t.comeIntoCare();
      const sat = addDays(start, 7);
      await t.skipTo(sat);
      const tooLong = await t.staff.iro
        .post(`/api/looked-after-cycles/${id}/adjournment`)
        .send({ on: sat, resumeOn: wd(sat, 21), reason: 'key report missing' });
      expect([tooLong.status, tooLong.body.error.field, tooLong.body.error.rule]).toEqual([422, 'resumeOn', 'L12']);
      const ok = await t.staff.iro
        .post(`/api/looked-after-cycles/${id}/adjournment`)
        .send({ on: sat, resumeOn: wd(sat, 20), reason: 'key report missing' });
      expect(ok.status).toBe(201);
      expect(ok.body.open.booking.meetingOn).toBe(wd(sat, 20));
      const again = await t.staff.iro
        .post(`/api/looked-after-cycles/${id}/adjournment`)
        .send({ on: sat, resumeOn: wd(sat, 5), reason: 'again' });
      expect([again.status, again.body.error.rule]).toEqual([422, 'L12']);
      // Adjourned in time, it is not chased as overdue; it resumes and is held, judged by its first sitting.
      await t.skipTo(wd(sat, 20));
      const r = await t.holdReview(id, held(wd(sat, 20)), t.staff.iro);
      expect(r.body.review).toMatchObject({ onTime: true, adjourned: { on: sat } });
    });
  } finally {
    await t.done();
  }
});

test('L13 ceasing to be looked after cancels everything pending, tells attendees why, and ends the cycle with a summary', async () => {
  const t = await caseTeam(h, 'l13');
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const id = await t.comeIntoCare();
      await t.staff.iroUnit.post(`/api/looked-after-cycles/${id}/iro`).send({ staffId: 'iro-1' });
      await t.staff.iro.post(`/api/looked-after-cycles/${id}/booking`).send({ meetingOn: wd(start, 18) });
      const on = addDays(start, 3);
      await t.skipTo(on);
      const before = t.outbox(id).length;
      const r = await t.staff.socialWorker.post(`/api/looked-after-cycles/${id}/cease`).send({ on, reason: 'returned home to parents' });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ status: 'ceased', ended: { on, reason: 'returned home to parents' }, reviewsHeld: 0 });
      const ended = t.outbox(id).slice(before);
      expect(ended.map((n) => n.to)).toEqual(['iro-unit', 'user:iro-1', 'social-worker:north-1', 'team-manager:north-1']);
      expect(ended[0].subject).toMatch(/cancelled/);
      // (Not result(): on the time-skipping server, waiting on it lets the clock run on.)
      expect((await h.env.client.workflow.getHandle(id).describe()).status.name).toBe('COMPLETED');
      // Nothing more is chased, and nothing more can be recorded.
      await t.skipTo(wd(start, 30));
      expect(t.outbox(id)).toHaveLength(before + 4);
      const late = await t.staff.iro.post(`/api/looked-after-cycles/${id}/booking`).send({ meetingOn: wd(start, 40) });
      expect([late.status, late.body.error.rule]).toEqual([409, 'L13']);
      expect((await t.state(id)).status).toBe('ceased');
    });
  } finally {
    await t.done();
  }
});

test('L14 a review without a meeting only in a long-term foster placement held over 12 months, and a meeting at least once a year', async () => {
  const t = await caseTeam(h, 'l14');
  try {
    await t.worker.runUntil(async () => {
      const today = await t.today();
      const cameIn = addYears(today, -2);
      const ltf = await t.comeIntoCare({
        becameLookedAfter: cameIn,
        placementType: 'long-term-foster',
        placementStartedOn: addMonths(today, -13),
      });
      const foster = await t.comeIntoCare({ becameLookedAfter: cameIn, placementType: 'foster' });
      const meetings = [addDays(cameIn, 15), addDays(cameIn, 100), addMonths(today, -11)];
      for (const id of [ltf, foster]) for (const d of meetings) expect((await t.holdReview(id, held(d), t.staff.iro)).status).toBe(201);
      const refused = await t.holdReview(foster, held(today, { withoutMeeting: true }), t.staff.iro);
      expect([refused.status, refused.body.error.field, refused.body.error.rule]).toEqual([422, 'withoutMeeting', 'L14']);
      const ok = await t.holdReview(ltf, held(today, { withoutMeeting: true }), t.staff.iro);
      expect(ok.status).toBe(201);
      expect(ok.body.review.withMeeting).toBe(false);
      // A year after the last meeting, the next review must meet.
      const nextYear = addDays(addMonths(today, -11), 366);
      await t.skipTo(nextYear);
      const yearly = await t.holdReview(ltf, held(nextYear, { withoutMeeting: true }), t.staff.iro);
      expect([yearly.status, yearly.body.error.rule]).toEqual([422, 'L14']);
      expect(yearly.body.error.message).toMatch(/once a year/);
    });
  } finally {
    await t.done();
  }
});

test('L15 L16 agenda prompts: permanence at the second review, contingency at the third; Staying Put and the pathway plan after the 16th birthday', async () => {
  const t = await caseTeam(h, 'l15');
  try {
    await t.worker.runUntil(async () => {
      const today = await t.today();
      const young = await t.comeIntoCare({ dateOfBirth: addYears(today, -9) });
      const sixteen = addDays(addYears(today, -16), 10); // 16 in ten days' time
      const older = await t.comeIntoCare({ dateOfBirth: sixteen });
      expect((await t.state(young)).agenda).toEqual([]);
      const older1 = await t.state(older);
      expect(older1.agenda.map((a) => a.item)).toEqual([expect.stringMatching(/Staying Put/), expect.stringMatching(/pathway plan/)]);
      const pathwayDue = addMonths(addYears(sixteen, 16), 3);
      expect(older1.obligations.find((o) => o.key === 'pathway-plan')).toMatchObject({
        rule: 'L16',
        due: pathwayDue,
        owner: 'social-worker',
      });

      await t.skipTo(addDays(today, 5));
      await t.holdReview(young, held(addDays(today, 5)), t.staff.iro);
      expect((await t.state(young)).agenda).toEqual([{ rule: 'L15', item: 'confirm the permanence plan' }]);
      await t.skipTo(addDays(today, 40));
      await t.holdReview(young, held(addDays(today, 40)), t.staff.iro);
      expect((await t.state(young)).agenda).toEqual([{ rule: 'L15', item: 'consider the contingency plan' }]);

      await t.skipTo(wdBefore(pathwayDue, 20));
      expect(
        t
          .outbox(older)
          .filter((n) => n.rule === 'L16')
          .map((n) => [n.kind, n.to]),
      ).toEqual([['reminder', 'social-worker:north-1']]);
      expect((await t.staff.socialWorker.post(`/api/looked-after-cycles/${older}/tasks`).send({ key: 'pathway-plan' })).status).toBe(200);
      expect((await t.state(older)).pathwayPlanOn).toBeDefined();
    });
  } finally {
    await t.done();
  }
});

test('L17 a substitute chair is recorded; when the team manager chairs, the IRO is told', async () => {
  const t = await caseTeam(h, 'l17');
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const id = await t.comeIntoCare();
      await t.staff.iroUnit.post(`/api/looked-after-cycles/${id}/iro`).send({ staffId: 'iro-1' });
      await t.skipTo(addDays(start, 7));
      const r1 = await t.holdReview(id, held(addDays(start, 7), { chair: { staffId: 'iro-2', as: 'substitute-iro' } }), t.staff.iroUnit);
      expect(r1.body.review.chair).toEqual({ staffId: 'iro-2', as: 'substitute-iro' });
      await t.skipTo(addDays(start, 60));
      await t.holdReview(id, held(addDays(start, 60), { chair: { staffId: 'tm-1', as: 'team-manager' } }), t.staff.iroUnit);
      await t.settle();
      expect(
        t
          .outbox(id)
          .filter((n) => n.rule === 'L17')
          .map((n) => [n.kind, n.to]),
      ).toEqual([['chaired-by-team-manager', 'user:iro-1']]);
      const history = (await t.staff.iro.get(`/api/looked-after-cycles/${id}/history`)).body;
      expect(history.reviews.map((r: { chair: { as: string } }) => r.chair.as)).toEqual(['substitute-iro', 'team-manager']);
      expect(history.events.filter((e: { rule?: string }) => e.rule === 'L17')).toHaveLength(2);
    });
  } finally {
    await t.done();
  }
});

test('L18 each review is on time or late against its own due date; the April-March year fails a child with one late review; participation of children aged 4 and over', async () => {
  const t = await caseTeam(h, 'l18');
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const punctual = await t.comeIntoCare({ dateOfBirth: addYears(start, -10) });
      const lateChild = await t.comeIntoCare({ dateOfBirth: addYears(start, -10) });
      const baby = await t.comeIntoCare({ dateOfBirth: addDays(start, -100) });
      const first = wd(start, 20);
      const late = wd(first, 3);
      await t.skipTo(first);
      await t.holdReview(punctual, held(first), t.staff.iro);
      const wrongCode = await t.holdReview(baby, held(first, { participation: 'PN1' }), t.staff.iro);
      expect([wrongCode.status, wrongCode.body.error.rule]).toEqual([422, 'L18']);
      await t.holdReview(baby, held(first, { participation: 'PN0' }), t.staff.iro);
      await t.skipTo(late);
      await t.holdReview(lateChild, held(late, { participation: 'PN7' }), t.staff.iro);
      await t.settle();

      const history = (await t.staff.serviceManager.get(`/api/looked-after-cycles/${lateChild}/history`)).body;
      expect(history.reviews).toEqual([
        expect.objectContaining({ reviewNumber: 1, due: first, heldOn: late, onTime: false, participation: 'PN7' }),
      ]);

      const aprilYear = Number(first.slice(0, 4)) - (first.slice(5) < '04-01' ? 1 : 0);
      const r = await t.staff.serviceManager.get('/api/timeliness').query({ year: String(aprilYear) });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({
        children: 3,
        childrenWithEveryReviewOnTime: 2,
        percentChildrenOnTime: 66.7,
        reviews: 3,
        reviewsOnTime: 2,
        participation: { reviewsOfChildrenAged4Plus: 2, tookPart: 1, percent: 50 },
      });
      expect(r.body.lateReviews).toEqual([expect.objectContaining({ cycleId: lateChild, due: first, heldOn: late })]);
      const bad = await t.staff.serviceManager.get('/api/timeliness').query({ year: '25' });
      expect([bad.status, bad.body.error.field, bad.body.error.rule]).toEqual([400, 'year', 'L18']);
      expect((await t.staff.socialWorker.get('/api/timeliness').query({ year: String(aprilYear) })).status).toBe(403);
    });
  } finally {
    await t.done();
  }
});

test('a newly proclaimed bank holiday reaches a running cycle and moves its deadline', async () => {
  const t = await caseTeam(h, 'calendar');
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const id = await t.comeIntoCare();
      const handle = h.env.client.workflow.getHandle(id);
      const before = await handle.query(cycleStateQuery);
      const change = await t.staff.operator
        .post('/api/calendar/changes')
        .send({ date: before.nextReview.due, title: 'one-off', reason: 'proclaimed' });
      expect(change.status).toBe(201);
      // The time-skipping server cannot list workflows, so deliver the snapshot the way the API would.
      await handle.signal(calendarUpdated, t.services.calendar.snapshot());
      const after = await handle.query(cycleStateQuery);
      expect(after.calendarRevision).toBe(1);
      expect(after.nextReview.due).toBe(t.services.calendar.calendar().addWorkingDays(start, 20));
      expect(after.nextReview.due > before.nextReview.due).toBe(true);
      expect(deadlineBefore(cal, after.nextReview.due, profiles.get('statutory')!.reminders.reviewDueSoon).date).toBeDefined();
    });
  } finally {
    await t.done();
  }
});
