/**
 * Section C of rules.md (E1-E6), and L10 and L11 as the two ways a looked-after cycle opens a
 * dispute, through the real workflows on the time-skipping server, driven through the API.
 */
import { IsoDate, addDays } from '../workflows/calendar/iso-date';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProfileRegistry, REFERENCE_DATA_DIR, builtInCalendar } from '../data/reference-data';
import { calendarUpdated } from '../workflows/calendar/calendar-updated';
import { DisputeState } from '../workflows/dispute/messages';
import { Harness, Staff, caseTeam, freshServerPerTest } from './support/cycle-harness';

let h: Harness;
const cal = builtInCalendar();
const wd = (d: IsoDate, n: number) => cal.addWorkingDays(d, n);
freshServerPerTest((x) => {
  h = x;
});

type Team = Awaited<ReturnType<typeof caseTeam>>;
async function open(t: Team, body: Record<string, unknown>, by: Staff = t.staff.iro): Promise<string> {
  // E3: the child's allocated social worker (required to open at stage 1 without one known) unless the test names one.
  const r = await by.post('/api/disputes').send({ socialWorker: 'sw-1', ...body });
  if (r.status !== 201) throw new Error(`open: ${r.status} ${JSON.stringify(r.body)}`);
  t.disputes.push(r.body.disputeId);
  await t.settle();
  return r.body.disputeId;
}
const dispute = async (t: Team, id: string) => (await t.staff.iro.get(`/api/disputes/${id}`)).body as DisputeState;
const stageNotices = (t: Team, id: string) => t.outbox(id).filter((n) => n.kind.startsWith('stage-') || n.kind === 'informal');

/** A cycle whose first review was held a week in, its decisions circulated to the team manager (L10). */
async function decisionsCirculated(t: Team): Promise<string> {
  const start = await t.today();
  const cycle = await t.comeIntoCare();
  await t.staff.iroUnit.post(`/api/looked-after-cycles/${cycle}/iro`).send({ staffId: 'iro-1' });
  await t.skipTo(addDays(start, 7));
  await t.holdReview(cycle, { heldOn: addDays(start, 7), participation: 'PN1' });
  await t.staff.iro.post(`/api/looked-after-cycles/${cycle}/tasks`).send({ key: 'r1/decisions-circulated' });
  return cycle;
}

/** The cycle opens the dispute in its own loop, just after the IRO's update: a few seconds at most. */
async function disputeOpened(t: Team, cycle: string): Promise<void> {
  for (
    const until = Date.now() + 15_000;
    Date.now() < until && (await t.state(cycle)).reviewsHeld[0].disagreement?.status !== 'dispute-open';
  )
    await new Promise((r) => setTimeout(r, 50));
}

test('E1 a dispute is one of four categories, opened by the IRO about a child (or their cycle)', async () => {
  const t = await caseTeam(h, 'e1');
  try {
    await t.worker.runUntil(async () => {
      const cycleId = await t.comeIntoCare();
      const bad = await t.staff.iro.post('/api/disputes').send({ cycleId, category: 'personality', summary: 'x' });
      expect([bad.status, bad.body.error.field, bad.body.error.rule]).toEqual([400, 'category', 'E1']);
      expect((await t.staff.socialWorker.post('/api/disputes').send({ cycleId, category: 'practice', summary: 'x' })).status).toBe(403);
      for (const category of ['practice', 'judgement', 'clarification-of-accountability', 'strategic']) {
        const id = await open(t, { cycleId, category, summary: 'care plan not progressed', socialWorker: 'sw-1' });
        expect(id).toMatch(/^red-[0-9a-f]{24}$/);
        expect(await dispute(t, id)).toMatchObject({ category, child: { team: 'north-1' }, iro: 'iro-1', status: 'open' });
      }
      // A social worker in another team cannot see it.
      const other = await (await import('./support/security')).as(t.app, 'social-worker', { team: 'south-9' });
      expect((await other.get(`/api/disputes/${t.disputes[0]}`)).status).toBe(403);
    });
  } finally {
    await t.done();
  }
});

test('E2 informal first, with its deadline; unresolved, the dispute moves to stage 1 by itself', async () => {
  const t = await caseTeam(h, 'e2');
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const id = await open(t, {
        childId: 'E2-C',
        team: 'north-1',
        category: 'practice',
        summary: 'contact not arranged',
        startStage: 'informal',
      });
      const s = await dispute(t, id);
      expect(s.stages).toEqual([{ stage: 0, enteredOn: start, due: wd(start, 5), how: 'opened' }]);
      expect(stageNotices(t, id).map((n) => n.to)).toEqual(['user:sw-1', 'team-manager:north-1', 'user:iro-1']);
      await t.skipTo(wd(start, 4));
      expect((await dispute(t, id)).stage).toBe(0);
      // E6: the next stage is entered the day the previous one expires (at its close), not the day after.
      await t.skipTo(wd(start, 5));
      expect((await dispute(t, id)).stage).toBe(0);
      await t.skipTo(wd(start, 5), 18);
      const after = await dispute(t, id);
      expect(after.stage).toBe(1);
      expect(after.stages[1]).toMatchObject({ stage: 1, enteredOn: wd(start, 5), how: 'no-response' });
    });
  } finally {
    await t.done();
  }
});

test('E2 E6 a bank holiday proclaimed while a dispute runs moves its stage deadline and its 20 working days: the stage climbs on the moved day, not the old one', async () => {
  const t = await caseTeam(h, 'e2-e6-holiday');
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const informal = { team: 'north-1', category: 'practice', summary: 'contact not arranged', startStage: 'informal' };
      const id = await open(t, { childId: 'E2-HOL-A', ...informal });
      const before = await dispute(t, id);
      expect([before.stages[0].due, before.overallDue]).toEqual([wd(start, 5), wd(start, 20)]);

      // A working day inside the informal window is proclaimed a bank holiday.
      const holiday = wd(start, 2);
      const change = await t.staff.operator.post('/api/calendar/changes').send({ date: holiday, title: 'one-off', reason: 'proclaimed' });
      expect(change.status).toBe(201);
      // The time-skipping server cannot list workflows: deliver the snapshot as the API's broadcast would.
      await h.env.client.workflow.getHandle(id).signal(calendarUpdated, t.services.calendar.snapshot());
      await t.settle();
      const moved = await dispute(t, id);
      expect([moved.stages[0].due, moved.overallDue]).toEqual([wd(start, 6), wd(start, 21)]);
      expect(moved.events.slice(1)).toEqual([
        expect.objectContaining({
          on: start,
          rule: 'E2',
          what: expect.stringContaining(`informal resolution moved from ${wd(start, 5)} to ${wd(start, 6)}`),
        }),
        expect.objectContaining({
          on: start,
          rule: 'E6',
          what: expect.stringContaining(`moved from ${wd(start, 20)} to ${wd(start, 21)}`),
        }),
      ]);
      // A dispute opened the same day, after the change, counts the same.
      const fresh = await dispute(t, await open(t, { childId: 'E2-HOL-B', ...informal }));
      expect([fresh.stages[0].due, fresh.overallDue]).toEqual([moved.stages[0].due, moved.overallDue]);

      // Nobody responds: not at the close of the old deadline day...
      await t.skipTo(wd(start, 5), 18);
      expect((await dispute(t, id)).stage).toBe(0);
      // ...but at the close of the moved one.
      await t.skipTo(wd(start, 6), 16);
      expect((await dispute(t, id)).stage).toBe(0);
      await t.skipTo(wd(start, 6), 18);
      const climbed = await dispute(t, id);
      expect(climbed.stages[1]).toMatchObject({ stage: 1, enteredOn: wd(start, 6), how: 'no-response' });
      // E6: the breach is recorded the working day after the moved 20 working days, not the old ones.
      await t.skipTo(wd(start, 21));
      expect((await dispute(t, id)).breachedOn).toBeUndefined();
      await t.skipTo(wd(start, 22));
      expect((await dispute(t, id)).breachedOn).toBe(wd(start, 22));
    });
  } finally {
    await t.done();
  }
});

test("E2 E4 E6 an authority sets its own informal and stage timescales in its profile, within the law's 5 and 20 working days", async () => {
  // A local profile: statutory looked-after timescales, quicker disputes.
  const dir = mkdtempSync(join(tmpdir(), 'profiles-'));
  const statutory = JSON.parse(readFileSync(join(REFERENCE_DATA_DIR, 'profiles', 'statutory.json'), 'utf8'));
  writeFileSync(join(dir, 'statutory.json'), JSON.stringify(statutory));
  writeFileSync(
    join(dir, 'quick-disputes.json'),
    JSON.stringify({
      ...statutory,
      id: 'quick-disputes',
      name: 'Quick disputes',
      source: 'test',
      resolutionAndEscalation: {
        informal: { workingDays: 2 },
        stage1: { workingDays: 3 },
        stage2: { workingDays: 4 },
        overall: { workingDays: 15 },
      },
    }),
  );
  const t = await caseTeam(h, 'e2p', { profile: 'quick-disputes', profiles: ProfileRegistry.load(dir) });
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const id = await open(t, { childId: 'E2P-C', team: 'north-1', category: 'practice', summary: 'contact not arranged' });
      const s = await dispute(t, id);
      expect(s).toMatchObject({ profileId: 'quick-disputes', stages: [{ stage: 0, due: wd(start, 2) }], overallDue: wd(start, 15) });
      await t.skipTo(wd(start, 2), 18);
      expect((await dispute(t, id)).stages.at(-1)).toMatchObject({ stage: 1, enteredOn: wd(start, 2), due: wd(start, 5) });
      await t.skipTo(wd(start, 5), 18);
      expect((await dispute(t, id)).stages.at(-1)).toMatchObject({ stage: 2, enteredOn: wd(start, 5), due: wd(start, 9) });
      await t.skipTo(wd(start, 9), 18);
      // Stage 3 has no local setting: the statutory profile's 5 working days (its answer due within the 15).
      expect((await dispute(t, id)).stages.at(-1)).toMatchObject({ stage: 3, enteredOn: wd(start, 9), due: wd(start, 14) });
      await t.skipTo(wd(start, 16));
      expect((await dispute(t, id)).breachedOn).toBe(wd(start, 16));
    });
  } finally {
    await t.done();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('E3 stage 1 goes to the social worker, copied to the team manager, headed "Resolution and Escalation Alert"', async () => {
  const t = await caseTeam(h, 'e3');
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const base = { childId: 'E3-C', team: 'north-1', category: 'judgement', summary: 'placement plan', startStage: 1 };
      const bare = await t.staff.iro.post('/api/disputes').send({ ...base, socialWorker: 'sw-1' });
      expect([bare.status, bare.body.error.field, bare.body.error.rule]).toEqual([422, 'agreedActions', 'E3']);
      const agreedActions = [{ action: 'placement plan signed off', by: wd(start, 3) }];
      const id = await open(t, { ...base, socialWorker: 'sw-1', agreedActions });
      const n = stageNotices(t, id);
      expect(n.map((x) => [x.rule, x.to])).toEqual([
        ['E3', 'user:sw-1'],
        ['E3', 'team-manager:north-1'],
        ['E3', 'user:iro-1'],
      ]);
      const sent = t.services.store.notifications({ caseId: id, limit: 50 }).find((x) => x.recipient === 'user:sw-1')!;
      expect(sent.body).toContain(`Agreed actions and timescales: placement plan signed off (by ${wd(start, 3)}).`);
      // E3: no social worker known (no cycle): refused, never sent to a team address.
      const unknown = await t.staff.iro.post('/api/disputes').send({ ...base, childId: 'E3-D', agreedActions });
      expect([unknown.status, unknown.body.error.field, unknown.body.error.rule]).toEqual([422, 'socialWorker', 'E3']);
      expect(n[0].subject).toMatch(/^Resolution and Escalation Alert/);
      expect(n[0].due).toBe(wd(start, 5));
      // A response is recorded; it does not close the dispute.
      expect((await t.staff.socialWorker.post(`/api/disputes/${id}/responses`).send({ note: 'will review with TM' })).status).toBe(201);
      expect((await dispute(t, id)).status).toBe('open');
    });
  } finally {
    await t.done();
  }
});

test('E4 a serious safeguarding issue starts at stage 2: the area service manager, alerting the safeguarding service manager, within 5 working days', async () => {
  const t = await caseTeam(h, 'e4');
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const id = await open(t, {
        childId: 'E4-C',
        team: 'north-1',
        category: 'practice',
        summary: 'unsafe contact',
        startStage: 1,
        seriousSafeguarding: true,
        expectedOutcome: { outcome: 'contact supervised', by: wd(start, 3) },
      });
      const s = await dispute(t, id);
      expect(s).toMatchObject({ stage: 2, startStage: 2, stages: [{ stage: 2, due: wd(start, 5) }] });
      expect(stageNotices(t, id).map((x) => [x.rule, x.to])).toEqual([
        ['E4', 'area-service-manager'],
        ['E4', 'safeguarding-service-manager'],
        ['E4', 'user:iro-1'],
      ]);
      expect(t.services.store.notifications({ caseId: id, limit: 50 }).find((x) => x.recipient === 'area-service-manager')!.body).toContain(
        `Expected outcome: contact supervised, by ${wd(start, 3)}.`,
      );
      await t.skipTo(wd(start, 5), 18);
      expect((await dispute(t, id)).stage).toBe(3);
    });
  } finally {
    await t.done();
  }
});

test('E5 a dispute nobody answers climbs from stage 1 to 5 on its own, each stage told on the right working day; the IRO may escalate early or skip stages', async () => {
  const t = await caseTeam(h, 'e5');
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const id = await open(t, {
        childId: 'E5-C',
        team: 'north-1',
        category: 'strategic',
        summary: 'resources for the plan',
        startStage: 1,
        agreedActions: [{ action: 'funding request to panel', by: wd(start, 2) }],
      });
      // E6: each stage entered the day the previous one expires; stages 1 to 4 fit the 20 working days.
      const expected: [number, IsoDate, string[]][] = [
        [1, start, ['user:sw-1', 'team-manager:north-1']],
        [2, wd(start, 5), ['area-service-manager', 'safeguarding-service-manager']],
        [3, wd(start, 10), ['deputy-director', 'safeguarding-manager']],
        [4, wd(start, 15), ['director', 'deputy-director-safeguarding']],
        [5, wd(start, 20), ['head-of-paid-service', 'director-of-childrens-services']],
      ];
      for (const [stage, on, to] of expected.slice(1)) {
        await t.skipTo(cal.workingDaysBefore(on, 1));
        expect((await dispute(t, id)).stage).toBe(stage - 1);
        await t.skipTo(on, 18);
        const s = await dispute(t, id);
        expect(s.stage).toBe(stage);
        expect(s.stages.at(-1)).toMatchObject({ stage, enteredOn: on, due: wd(on, 5), how: 'no-response' });
        expect(
          t
            .outbox(id)
            .filter((n) => n.kind === `stage-${stage}`)
            .map((n) => n.to),
        ).toEqual([...to, 'user:iro-1']);
      }
      // Past stage 5's deadline: nowhere higher to go; the head of paid service and the IRO are told.
      await t.skipTo(wd(start, 30));
      expect((await dispute(t, id)).stage).toBe(5);
      expect(
        t
          .outbox(id)
          .filter((n) => n.kind === 'final-stage-overdue')
          .map((n) => n.to),
      ).toEqual(['head-of-paid-service', 'user:iro-1']);

      const early = await open(t, {
        childId: 'E5-D',
        team: 'north-1',
        category: 'practice',
        summary: 'x',
        startStage: 1,
        agreedActions: [{ action: 'a', by: wd(await t.today(), 2) }],
      });
      const bare = await t.staff.iro.post(`/api/disputes/${early}/escalate`).send({ toStage: 4, reason: 'serious conflict over the plan' });
      expect([bare.status, bare.body.error.field, bare.body.error.rule]).toEqual([422, 'expectedOutcome', 'E4']);
      const skip = await t.staff.iro.post(`/api/disputes/${early}/escalate`).send({
        toStage: 4,
        reason: 'serious conflict over the plan',
        expectedOutcome: { outcome: 'plan agreed', by: wd(await t.today(), 5) },
      });
      expect(skip.body).toMatchObject({ stage: 4, stages: [{ stage: 1 }, { stage: 4, how: 'escalated-by-iro' }] });
      const down = await t.staff.iro.post(`/api/disputes/${early}/escalate`).send({ toStage: 2, reason: 'x' });
      expect([down.status, down.body.error.field, down.body.error.rule]).toEqual([422, 'toStage', 'E5']);
      expect((await t.staff.teamManager.post(`/api/disputes/${early}/escalate`).send({ reason: 'x' })).status).toBe(403);
    });
  } finally {
    await t.done();
  }
});

test('E6 the whole process has 20 working days: warnings, then a breach recorded; CAFCASS at any point decides within 14 days; resolution closes it', async () => {
  const t = await caseTeam(h, 'e6');
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const id = await open(t, {
        childId: 'E6-C',
        team: 'north-1',
        category: 'practice',
        summary: 'plan drift',
        startStage: 1,
        agreedActions: [{ action: 'care plan updated', by: wd(start, 3) }],
      });
      expect((await dispute(t, id)).overallDue).toBe(wd(start, 20));
      await t.skipTo(wd(start, 15));
      expect(
        t
          .outbox(id)
          .filter((n) => n.kind === 'overall-warning')
          .map((n) => n.subject),
      ).toEqual(expect.arrayContaining([expect.stringMatching(/5 working days left/)]));
      await t.skipTo(wd(start, 21));
      const breached = await dispute(t, id);
      expect(breached.breachedOn).toBe(wd(start, 21));
      expect(
        t
          .outbox(id)
          .filter((n) => n.kind === 'overall-breach')
          .map((n) => n.to),
      ).toEqual(expect.arrayContaining(['user:iro-1', 'iro-unit-manager']));

      const referred = await t.staff.iro.post(`/api/disputes/${id}/cafcass`).send({ reason: 'plan not addressed' });
      expect(referred.status).toBe(201);
      expect(referred.body.cafcass).toMatchObject({ referredOn: wd(start, 21), decisionDue: addDays(wd(start, 21), 14) });
      const twice = await t.staff.iro.post(`/api/disputes/${id}/cafcass`).send({ reason: 'again' });
      expect([twice.status, twice.body.error.rule]).toEqual([422, 'E6']);
      await t.skipTo(cal.addWorkingDays(addDays(wd(start, 21), 14), 1));
      expect(
        t
          .outbox(id)
          .filter((n) => n.kind === 'cafcass-overdue')
          .map((n) => n.to),
      ).toEqual(['user:iro-1', 'iro-unit-manager']);
      expect((await t.staff.iro.post(`/api/disputes/${id}/cafcass-decision`).send({ text: 'CAFCASS will not intervene' })).status).toBe(
        200,
      );

      const resolved = await t.staff.iro.post(`/api/disputes/${id}/resolve`).send({ outcome: 'resolved', summary: 'plan revised' });
      expect(resolved.body).toMatchObject({ status: 'resolved', outcome: { outcome: 'resolved', by: 'iro-1' } });
      await t.settle();
      expect((await h.env.client.workflow.getHandle(id).describe()).status.name).toBe('COMPLETED');

      const year = Number(start.slice(0, 4)) - (start.slice(5) < '04-01' ? 1 : 0);
      const figures = (await t.staff.serviceManager.get('/api/dispute-figures').query({ year: String(year) })).body;
      expect(figures).toMatchObject({
        disputes: 1,
        byCategory: { practice: 1 },
        byOutcome: { resolved: 1 },
        cafcassReferrals: 1,
        over20WorkingDays: 1,
      });
    });
  } finally {
    await t.done();
  }
});

test("L10 a team manager's disagreement the IRO cannot settle opens a dispute at stage 1 from the cycle; its resolution is recorded in the cycle", async () => {
  const t = await caseTeam(h, 'l10d');
  try {
    await t.worker.runUntil(async () => {
      const cycle = await decisionsCirculated(t);
      await t.staff.teamManager
        .post(`/api/looked-after-cycles/${cycle}/reviews/1/decision-response`)
        .send({ response: 'disagree', reason: 'no budget for the placement' });
      await t.staff.iro.post(`/api/looked-after-cycles/${cycle}/reviews/1/disagreement`).send({ outcome: 'dispute', note: 'not settled' });
      await t.settle();
      const disputeId = `${cycle}-r1-l10`;
      t.disputes.push(disputeId);
      await disputeOpened(t, cycle);
      expect((await t.state(cycle)).reviewsHeld[0].disagreement).toMatchObject({ status: 'dispute-open', disputeId });
      const d = await dispute(t, disputeId);
      expect(d).toMatchObject({ source: 'L10', stage: 1, cycleId: cycle, reviewNumber: 1, iro: 'iro-1', profileId: 'statutory' });
      expect(stageNotices(t, disputeId).map((n) => n.to)).toEqual(['social-worker:north-1', 'team-manager:north-1', 'user:iro-1']);
      await t.staff.iro.post(`/api/disputes/${disputeId}/resolve`).send({ outcome: 'resolved', summary: 'budget agreed' });
      await t.settle();
      const after = await t.state(cycle);
      expect(after.reviewsHeld[0].disagreement?.status).toBe('dispute-closed');
      expect(after.events.at(-1)).toMatchObject({ what: `dispute ${disputeId} resolved` });
    });
  } finally {
    await t.done();
  }
});

test('L10 a disagreement found to need a dispute on a past day, recorded later: the dispute opens on that day (section C)', async () => {
  const t = await caseTeam(h, 'l10p');
  try {
    await t.worker.runUntil(async () => {
      const cycle = await decisionsCirculated(t);
      const circulated = await t.today();
      await t.staff.teamManager
        .post(`/api/looked-after-cycles/${cycle}/reviews/1/decision-response`)
        .send({ response: 'disagree', reason: 'no budget for the placement' });
      await t.skipTo(addDays(circulated, 3));
      const decided = addDays(circulated, 1);
      expect(
        (
          await t.staff.iro
            .post(`/api/looked-after-cycles/${cycle}/reviews/1/disagreement`)
            .send({ outcome: 'dispute', note: 'not settled', on: decided })
        ).status,
      ).toBe(200);
      const disputeId = `${cycle}-r1-l10`;
      t.disputes.push(disputeId);
      await disputeOpened(t, cycle);
      expect(await dispute(t, disputeId)).toMatchObject({ source: 'L10', openedOn: decided, recordedOn: await t.today() });
    });
  } finally {
    await t.done();
  }
});

test('L10 the IRO\'s "dispute" landing while the cycle is still sending a notice is acted on at once (no lost wake-up)', async () => {
  const t = await caseTeam(h, 'l10w');
  try {
    await t.worker.runUntil(async () => {
      const cycle = await decisionsCirculated(t);
      await t.settle();
      // The notice of the team manager's disagreement fails once, so the cycle waits 2 s to retry it.
      const store = t.services.store;
      const record = store.recordNotification.bind(store);
      let failedOnce = false;
      store.recordNotification = (n) => {
        if (n.kind === 'disagreement' && !failedOnce) {
          failedOnce = true;
          throw new Error('outbox briefly unavailable');
        }
        return record(n);
      };
      await t.staff.teamManager
        .post(`/api/looked-after-cycles/${cycle}/reviews/1/decision-response`)
        .send({ response: 'disagree', reason: 'no budget' });
      for (const until = Date.now() + 10_000; Date.now() < until && !failedOnce;) await new Promise((r) => setTimeout(r, 20));
      expect(failedOnce).toBe(true);
      // While that notice is still being retried, the IRO says the disagreement is not settled.
      expect(
        (
          await t.staff.iro
            .post(`/api/looked-after-cycles/${cycle}/reviews/1/disagreement`)
            .send({ outcome: 'dispute', note: 'not settled' })
        ).status,
      ).toBe(200);
      const disputeId = `${cycle}-r1-l10`;
      t.disputes.push(disputeId);
      await disputeOpened(t, cycle);
      expect((await t.state(cycle)).reviewsHeld[0].disagreement).toMatchObject({ status: 'dispute-open', disputeId });
    });
  } finally {
    await t.done();
  }
});

test('L11 starred recommendations: concerns within 5 working days; no agreement within 10 working days of a concern opens a dispute', async () => {
  const t = await caseTeam(h, 'l11');
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const agreed = await t.comeIntoCare();
      const stuck = await t.comeIntoCare();
      const late = await t.comeIntoCare();
      const heldOn = addDays(start, 7);
      await t.skipTo(heldOn);
      for (const id of [agreed, stuck, late])
        await t.holdReview(id, { heldOn, participation: 'PN1', starredRecommendations: ['Therapeutic placement to be funded'] });
      expect(
        t
          .outbox(stuck)
          .filter((n) => n.rule === 'L11')
          .map((n) => n.to),
      ).toEqual(['principal-manager', 'strategic-manager']);
      expect(
        (await t.staff.iro.post(`/api/looked-after-cycles/${stuck}/reviews/1/starred-response`).send({ response: 'agree' })).status,
      ).toBe(403);
      const noConcern = await t.staff.strategicManager
        .post(`/api/looked-after-cycles/${stuck}/reviews/1/starred-response`)
        .send({ response: 'agree' });
      expect([noConcern.status, noConcern.body.error.rule]).toEqual([422, 'L11']);
      for (const id of [agreed, stuck]) {
        expect(
          (
            await t.staff.serviceManager
              .post(`/api/looked-after-cycles/${id}/reviews/1/starred-response`)
              .send({ response: 'concern', note: 'cost' })
          ).status,
        ).toBe(200);
      }
      const concernOn = await t.today();
      await t.skipTo(wd(heldOn, 6));
      const tooLate = await t.staff.serviceManager
        .post(`/api/looked-after-cycles/${late}/reviews/1/starred-response`)
        .send({ response: 'concern', note: 'cost' });
      expect([tooLate.status, tooLate.body.error.rule]).toEqual([422, 'L11']);
      expect(
        (await t.staff.strategicManager.post(`/api/looked-after-cycles/${agreed}/reviews/1/starred-response`).send({ response: 'agree' }))
          .status,
      ).toBe(200);

      const due = wd(concernOn, 10);
      await t.skipTo(due);
      expect((await t.state(stuck)).reviewsHeld[0].starred?.disputeId).toBeUndefined();
      await t.skipTo(wd(due, 1));
      const disputeId = `${stuck}-r1-l11`;
      t.disputes.push(disputeId);
      for (const until = Date.now() + 30_000; Date.now() < until && !(await t.state(stuck)).reviewsHeld[0].starred?.disputeId;)
        await new Promise((r) => setTimeout(r, 50));
      expect((await t.state(stuck)).reviewsHeld[0].starred?.disputeId).toBe(disputeId);
      expect(await dispute(t, disputeId)).toMatchObject({ source: 'L11', category: 'strategic', stage: 1 });
      expect((await t.state(agreed)).reviewsHeld[0].starred?.disputeId).toBeUndefined();
      await t.staff.iro.post(`/api/disputes/${disputeId}/resolve`).send({ outcome: 'resolved', summary: 'funding agreed at stage 1' });
      await t.settle();
      expect((await t.state(stuck)).reviewsHeld[0].starred?.disputeOutcome).toEqual({ outcome: 'resolved', on: await t.today() });
    });
  } finally {
    await t.done();
  }
});

test('E2-E5 a response stops the climb: the IRO is prompted at once to judge it, chased when late and again every 2 working days, and the stage waits for the IRO', async () => {
  const t = await caseTeam(h, 'e25');
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const id = await open(t, {
        childId: 'E25-C',
        team: 'north-1',
        category: 'practice',
        summary: 'statutory visits missed',
        startStage: 1,
        socialWorker: 'sw-1',
        agreedActions: [{ action: 'visit this week', by: wd(start, 3) }],
      });
      await t.skipTo(wd(start, 1));
      expect((await t.staff.socialWorker.post(`/api/disputes/${id}/responses`).send({ note: 'visit booked for Thursday' })).status).toBe(
        201,
      );
      await t.settle();
      for (const until = Date.now() + 15_000; Date.now() < until && !t.outbox(id).some((n) => n.kind === 'response-to-judge');)
        await new Promise((r) => setTimeout(r, 50));
      expect(
        t
          .outbox(id)
          .filter((n) => n.kind === 'response-to-judge')
          .map((n) => [n.rule, n.to, n.due]),
      ).toEqual([['E3', 'user:iro-1', wd(start, 3)]]);
      // Past stage 1's deadline: no climb, because someone responded.
      await t.skipTo(wd(start, 6));
      const s = await dispute(t, id);
      expect([s.stage, s.stages.length]).toEqual([1, 1]);
      expect(
        t
          .outbox(id)
          .filter((n) => n.kind === 'judgement-overdue')
          .map((n) => n.to),
      ).toEqual(['user:iro-1', 'iro-unit-manager', 'user:iro-1', 'iro-unit-manager']);
      // The IRO judges it not enough: escalate, and stage 2 climbs by itself again if unanswered.
      const up = await t.staff.iro
        .post(`/api/disputes/${id}/escalate`)
        .send({ reason: 'visit did not happen', expectedOutcome: { outcome: 'child seen', by: wd(start, 8) } });
      expect(up.body).toMatchObject({ stage: 2, expectedOutcome: { outcome: 'child seen' } });
      await t.skipTo(wd(start, 11), 18);
      expect((await dispute(t, id)).stage).toBe(3);
    });
  } finally {
    await t.done();
  }
});

test('E6 a dispute resolved while CAFCASS is still to decide keeps the CAFCASS chase, and the decision can still be recorded', async () => {
  const t = await caseTeam(h, 'e6c');
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const id = await open(t, {
        childId: 'E6C-C',
        team: 'north-1',
        category: 'practice',
        summary: 'plan drift',
        startStage: 2,
        expectedOutcome: { outcome: 'plan revised', by: wd(start, 4) },
      });
      expect((await t.staff.iro.post(`/api/disputes/${id}/cafcass`).send({ reason: 'rights at risk' })).status).toBe(201);
      expect((await t.staff.iro.post(`/api/disputes/${id}/resolve`).send({ outcome: 'resolved', summary: 'plan revised' })).status).toBe(
        200,
      );
      await t.settle();
      expect(t.outbox(id).some((n) => n.kind === 'dispute-closed')).toBe(true);
      await t.skipTo(cal.addWorkingDays(addDays(start, 14), 1));
      expect(
        t
          .outbox(id)
          .filter((n) => n.kind === 'cafcass-overdue')
          .map((n) => n.to),
      ).toEqual(['user:iro-1', 'iro-unit-manager']);
      const decided = await t.staff.iro.post(`/api/disputes/${id}/cafcass-decision`).send({ text: 'no proceedings' });
      expect(decided.body).toMatchObject({ status: 'resolved', cafcass: { decision: { text: 'no proceedings' } } });
      await t.settle();
      expect((await h.env.client.workflow.getHandle(id).describe()).status.name).toBe('COMPLETED');
    });
  } finally {
    await t.done();
  }
});
