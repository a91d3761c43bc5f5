/**
 * Issue 11: a cycle entered after the fact, through the API on the time-skipping server whose clock
 * is today: a child in care since 6 January 2025, every fact recorded with its own date. Nothing is
 * refused that happened in order, and every on-time judgement is made with the facts' dates (L1,
 * L7, L8, L10, L11, L12, L18, L20), not with the day they were recorded.
 */
import { Harness, caseTeam, freshServerPerTest } from './support/cycle-harness';

let h: Harness;
freshServerPerTest((x) => {
  h = x;
});

test('L1 L7 L8 L10 L11 L12 L20 a historic cycle walked through the API: nothing refused, judged with the dates of the facts', async () => {
  const t = await caseTeam(h, 'historic');
  try {
    await t.worker.runUntil(async () => {
      const id = await t.comeIntoCare({ becameLookedAfter: '2025-01-06', dateOfBirth: '2015-03-01', iroUnitNotifiedOn: '2025-01-07' });
      const url = `/api/looked-after-cycles/${id}`;
      const ok = async <R extends { status: number; body: unknown }>(what: string, r: Promise<R> | R): Promise<R> => {
        const res = await r;
        expect([what, res.status < 300 ? 'ok' : `${res.status} ${JSON.stringify(res.body)}`]).toEqual([what, 'ok']);
        return res;
      };
      const { iroUnit, iro, socialWorker, teamManager, serviceManager, strategicManager } = t.staff;

      // L1: the IRO appointed on 8 January 2025, within the 5 working days.
      await ok('social worker', teamManager.post(`${url}/social-worker`).send({ staffId: 'sw-1', on: '2025-01-07' }));
      await ok('IRO', iroUnit.post(`${url}/iro`).send({ staffId: 'iro-1', on: '2025-01-08' }));
      expect((await t.state(id)).iroAppointment).toEqual({ rule: 'L1', due: '2025-01-13', on: '2025-01-08', late: false });

      // L7, L8: booked on 10 January for 30 January: too late only for the 20-working-day consultation.
      await ok(
        'booking',
        iro.post(`${url}/booking`).send({ meetingOn: '2025-01-30', time: '10:00', venue: 'home', bookedOn: '2025-01-10' }),
      );
      const tooLate = (await t.state(id)).obligations.filter((o) => o.actions.some((a) => a.kind === 'booked-too-late')).map((o) => o.key);
      expect(tooLate).toEqual(['r1/consult-child']);
      await ok('reports', socialWorker.post(`${url}/tasks`).send({ key: 'r1/reports-to-iro', on: '2025-01-27' }));

      // L2: review 1 held on time; the next meeting is booked on the day of the review.
      const r1 = await ok(
        'review 1',
        t.holdReview(id, {
          heldOn: '2025-01-30',
          participation: 'PN1',
          decisions: [{ text: 'school visit', owner: 'social worker', dueOn: '2025-02-28' }],
          starredRecommendations: ['move school'],
          nextMeetingOn: '2025-04-24',
          nextMeetingVenue: 'school',
        }),
      );
      expect(r1.body.review).toMatchObject({ onTime: true, due: '2025-02-03' });
      expect((await t.state(id)).open.booking).toMatchObject({ meetingOn: '2025-04-24', bookedOn: '2025-01-30' });

      // L10: decisions circulated on 4 February, agreed on 7 February (not deemed agreed meanwhile).
      await ok('circulated', iro.post(`${url}/tasks`).send({ key: 'r1/decisions-circulated', on: '2025-02-04' }));
      await ok('answer', teamManager.post(`${url}/reviews/1/decision-response`).send({ response: 'agree', on: '2025-02-07' }));
      // L11: a concern on 5 February, agreed on 12 February (no dispute opened meanwhile).
      await ok(
        'concern',
        serviceManager.post(`${url}/reviews/1/starred-response`).send({ response: 'concern', note: 'cost', on: '2025-02-05' }),
      );
      await ok('agreement', strategicManager.post(`${url}/reviews/1/starred-response`).send({ response: 'agree', on: '2025-02-12' }));
      await ok('decision done', socialWorker.post(`${url}/tasks`).send({ key: 'r1/decision-1', on: '2025-02-20' }));
      const after1 = (await t.state(id)).reviewsHeld[0];
      expect([after1.teamManager, after1.starred?.agreedOn, after1.starred?.disputeToOpen, after1.starred?.disputeId]).toEqual([
        { response: 'agreed', on: '2025-02-07', by: 'tm-1' },
        '2025-02-12',
        undefined,
        undefined,
      ]);

      // L6: brought forward on 3 March to 17 April; the meeting moved earlier that day (not a postponement).
      await ok('bring forward', iro.post(`${url}/bring-forward`).send({ reason: 'child-request', dueBy: '2025-04-17', on: '2025-03-03' }));
      await ok(
        'earlier',
        iro.post(`${url}/booking`).send({ meetingOn: '2025-04-17', reason: "the child's request", bookedOn: '2025-03-03' }),
      );
      expect((await t.state(id)).open.postponements).toEqual([]);
      const r2 = await ok('review 2', t.holdReview(id, { heldOn: '2025-04-17', participation: 'PN1', nextMeetingOn: '2025-10-09' }));
      expect(r2.body.review).toMatchObject({ onTime: true, due: '2025-04-17' });

      // L20: the end of care planned on 1 September for 19 December.
      await ok(
        'planned end',
        socialWorker.post(`${url}/planned-end`).send({ plannedEndOn: '2025-12-19', kind: 'return-home', on: '2025-09-01' }),
      );
      // L12: adjourned on 9 October (review 3 due 17 October), the resumed meeting's venue changed, then moved within 20 WD.
      await ok('adjourn', iro.post(`${url}/adjournment`).send({ on: '2025-10-09', resumeOn: '2025-10-23', reason: 'reports missing' }));
      await ok('venue', iro.post(`${url}/booking`).send({ meetingOn: '2025-10-23', venue: 'office', bookedOn: '2025-10-10' }));
      await ok('moved', iro.post(`${url}/booking`).send({ meetingOn: '2025-10-30', reason: 'IRO ill', bookedOn: '2025-10-20' }));
      const tooFar = await iro.post(`${url}/booking`).send({ meetingOn: '2025-11-20', reason: 'IRO ill', bookedOn: '2025-10-21' });
      expect([tooFar.status, tooFar.body.error?.field, tooFar.body.error?.rule]).toEqual([422, 'meetingOn', 'L12']);
      const r3 = await ok('review 3', t.holdReview(id, { heldOn: '2025-10-30', participation: 'PN1' }));
      expect(r3.body.review).toMatchObject({ onTime: true, adjourned: { on: '2025-10-09', resumeBy: '2025-10-30' } });

      // Catch-up: each fact recorded after the fact the same day brings its own catch-up (none lost to the first one's id).
      const catchUps = t.outbox(id).filter((n) => n.kind === 'catch-up' && n.to === 'iro-unit');
      expect(catchUps.length).toBeGreaterThan(1);
      expect(new Set(catchUps.map((n) => n.id)).size).toBe(catchUps.length);
      // ...and nothing of 2025 is chased day by day in arrears, even a fact landing while the cycle is mid-pass.
      expect(t.outbox(id).filter((n) => ['reminder', 'overdue', 'escalation'].includes(n.kind))).toEqual([]);

      const history = await ok('history', iroUnit.get(`${url}/history`));
      expect(history.body.reviews.map((r: { onTime: boolean }) => r.onTime)).toEqual([true, true, true]);
      // Nothing deemed agreed, no dispute opened: the facts recorded in order were taken as they happened.
      expect(t.outbox(id).filter((n) => n.kind === 'deemed-agreed' || n.rule === 'E6')).toEqual([]);

      // L13, L20: care ended on 19 December as planned, a review having been held since it was planned.
      const ceased = await ok('cease', iroUnit.post(`${url}/cease`).send({ on: '2025-12-19', reason: 'returned home' }));
      expect([ceased.body.reviewsOnTime, ceased.body.lateReviews, ceased.body.ended?.reviewBeforeEnding?.met]).toEqual([3, [], true]);
    });
  } finally {
    await t.done();
  }
});
