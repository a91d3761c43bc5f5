/**
 * Section B of rules.md (O1-O6) and L19 through the real workflow on the time-skipping server,
 * driven through the API as the disabled children's team would. O5's caseloads need visibility,
 * so they are tested on a real dev server (open-to-review.caseload.test.ts).
 */
import { builtInCalendar } from '../data/reference-data';
import { IsoDate, addDays, addMonths, addYears } from '../workflows/calendar/iso-date';
import { calendarUpdated } from '../workflows/calendar/calendar-updated';
import { OpenToReviewCaseState } from '../workflows/open-to-review/messages';
import { Harness, Staff, caseTeam, freshServerPerTest } from './support/cycle-harness';

let h: Harness;
const cal = builtInCalendar();
const wd = (d: IsoDate, n: number) => cal.addWorkingDays(d, n);
freshServerPerTest((x) => {
  h = x;
});

type Team = Awaited<ReturnType<typeof caseTeam>>;
const ELIGIBLE = {
  stable: true,
  clearOutcomes: true,
  safeguardingConcerns: false,
  lookedAfter: false,
  continuingCare: false,
  unstableHealth: false,
  lifeLimitingIllness: false,
  significantOvernightShortBreaks: false,
};

async function open(t: Team, fields: Record<string, unknown> = {}, by: Staff = t.staff.teamManager): Promise<string> {
  const r = await by.post('/api/open-to-review-cases').send({
    childId: `O-${Math.floor(Math.random() * 1e9)}`,
    dateOfBirth: addYears(await t.today(), -8),
    team: 'north-1',
    caseholder: 'o2r-sw-1',
    rationale: 'Stable home, short breaks working well',
    eligibility: ELIGIBLE,
    ...fields,
  });
  if (r.status !== 201) throw new Error(`open: ${r.status} ${JSON.stringify(r.body)}`);
  t.cases.push(r.body.caseId);
  await t.settle();
  return r.body.caseId;
}
const state = async (t: Team, id: string) => {
  const r = await t.staff.teamManager.get(`/api/open-to-review-cases/${id}`);
  if (r.status !== 200) throw new Error(`state: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as OpenToReviewCaseState;
};
const due = (s: OpenToReviewCaseState, key: string) => s.obligations.find((o) => o.key === key)?.due;

/** Opens a case and takes it through O2 to an agreed decision note with this first review date. */
async function agreed(t: Team, firstReviewOn: (windowEnd: IsoDate) => IsoDate, fields: Record<string, unknown> = {}) {
  const id = await open(t, fields);
  const windowEnd = (await state(t, id)).entry!.representationsBy;
  await t.skipTo(wd(windowEnd, 1));
  const r = await t.staff.teamManager
    .post(`/api/open-to-review-cases/${id}/decision-note`)
    .send({ decision: 'o2r', rationale: 'meets the criteria', firstReviewOn: firstReviewOn(windowEnd) });
  if (r.status !== 201) throw new Error(`decision note: ${r.status} ${JSON.stringify(r.body)}`);
  await t.settle();
  return id;
}
async function review(t: Team, id: string, body: Record<string, unknown>) {
  const handle = h.env.client.workflow.getHandle(id);
  const before = (await handle.describe()).runId;
  const r = await t.staff.socialWorker
    .post(`/api/open-to-review-cases/${id}/reviews`)
    .send({ childSeen: true, parentsSeen: true, outcome: 'continue', ...body });
  if (r.status === 201 && r.body.status === 'open') {
    for (const until = Date.now() + 30_000; Date.now() < until && (await handle.describe()).runId === before;)
      await new Promise((res) => setTimeout(res, 25));
  }
  await t.settle();
  return r;
}

test("O1 a case that fails the criteria is refused with every failed criterion named; a life-limiting illness needs the parents' agreement", async () => {
  const t = await caseTeam(h, 'o1');
  try {
    await t.worker.runUntil(async () => {
      const r = await t.staff.teamManager.post('/api/open-to-review-cases').send({
        childId: 'O1-C',
        dateOfBirth: '2016-01-01',
        team: 'north-1',
        caseholder: 'o2r-sw-1',
        rationale: 'x',
        eligibility: {
          stable: false,
          clearOutcomes: true,
          safeguardingConcerns: true,
          lookedAfter: true,
          continuingCare: true,
          unstableHealth: true,
          lifeLimitingIllness: true,
          significantOvernightShortBreaks: true,
        },
      });
      expect([r.status, r.body.error.rule]).toEqual([422, 'O1']);
      expect(r.body.error.failures.map((f: { field: string }) => f.field)).toEqual([
        'eligibility.stable',
        'eligibility.safeguardingConcerns',
        'eligibility.lookedAfter',
        'eligibility.continuingCare',
        'eligibility.unstableHealth',
        'eligibility.parentsAgree',
        'eligibility.overnightBreaksStableAndWorking',
      ]);
      expect(r.body.error.message).toMatch(/safeguarding concerns; the child is looked after/);
      // Nothing started: no letter, no notification of any kind.
      expect(t.services.store.counts().notifications).toBe(0);
      // With the parents' agreement, and overnight breaks recorded as stable and working, the case may go to O2R.
      const id = await open(t, {
        eligibility: {
          ...ELIGIBLE,
          lifeLimitingIllness: true,
          parentsAgree: true,
          significantOvernightShortBreaks: true,
          overnightBreaksStableAndWorking: true,
        },
      });
      expect(id).toMatch(/^o2r-[0-9a-f]{24}$/);
      expect((await state(t, id)).status).toBe('entry');
      // A social worker of another team cannot start one for this team.
      const other = await (await import('./support/security')).as(t.app, 'social-worker', { team: 'south-9' });
      expect(
        (
          await other
            .post('/api/open-to-review-cases')
            .send({ childId: 'O1-D', dateOfBirth: '2016-01-01', team: 'north-1', caseholder: 'x', rationale: 'x', eligibility: ELIGIBLE })
        ).status,
      ).toBe(403);
    });
  } finally {
    await t.done();
  }
});

test('O2 the family is written to with the rationale and may object for 20 working days; an objection prompts the team manager, whose decision note records the rationale and first review date', async () => {
  const t = await caseTeam(h, 'o2');
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const id = await open(t);
      const letter = t.outbox(id).filter((n) => n.kind === 'letter-to-family');
      expect(letter.map((n) => [n.rule, n.to])).toEqual([
        ['O2', `family:${id}`],
        ['O2', 'user:o2r-sw-1'],
      ]);
      expect(letter[0].subject).toMatch(/Open to Review/);
      const read = await t.staff.serviceManager.get('/api/notifications').query({ caseId: id });
      expect(read.body.notifications.find((n: { kind: string }) => n.kind === 'letter-to-family').body).toMatch(
        /^Stable home, short breaks working well\. Your contact is the Open to Review social worker\. If you object, please tell us by \d{4}-\d{2}-\d{2} \(O2\)\.$/,
      );
      expect((await state(t, id)).entry).toMatchObject({
        letterOn: start,
        representationsBy: wd(start, 20),
        rationale: 'Stable home, short breaks working well',
      });

      const objection = await t.staff.socialWorker
        .post(`/api/open-to-review-cases/${id}/representations`)
        .send({ objection: true, summary: 'Mother wants an allocated worker' });
      expect(objection.status).toBe(201);
      await t.settle();
      expect(
        t
          .outbox(id)
          .filter((n) => n.kind === 'objection')
          .map((n) => n.to),
      ).toEqual(['team-manager:north-1']);

      const early = await t.staff.teamManager
        .post(`/api/open-to-review-cases/${id}/decision-note`)
        .send({ decision: 'o2r', rationale: 'r', firstReviewOn: addMonths(start, 3) });
      expect([early.status, early.body.error.field, early.body.error.rule]).toEqual([422, 'decision', 'O2']);
      expect(
        (await t.staff.socialWorker.post(`/api/open-to-review-cases/${id}/decision-note`).send({ decision: 'o2r', rationale: 'r' })).status,
      ).toBe(403);

      await t.skipTo(wd(start, 21));
      expect(
        t
          .outbox(id)
          .filter((n) => n.rule === 'O2' && n.kind === 'prompt')
          .map((n) => n.to),
      ).toEqual(['team-manager:north-1']);
      const noDate = await t.staff.teamManager
        .post(`/api/open-to-review-cases/${id}/decision-note`)
        .send({ decision: 'o2r', rationale: 'r' });
      expect([noDate.status, noDate.body.error.field, noDate.body.error.rule]).toEqual([422, 'firstReviewOn', 'O2']);
      const firstReviewOn = addMonths(start, 4);
      const note = await t.staff.teamManager
        .post(`/api/open-to-review-cases/${id}/decision-note`)
        .send({ decision: 'o2r', rationale: 'Objection considered: needs met by the package', firstReviewOn });
      expect(note.status).toBe(201);
      expect(note.body).toMatchObject({
        status: 'open',
        entry: { decision: { decision: 'o2r', firstReviewOn, by: 'tm-1' } },
        nextReview: { due: firstReviewOn, rule: 'O2' },
      });

      // No decision note at all: chased, then the service manager.
      const late = await open(t);
      await t.skipTo(wd(wd(await t.today(), 20), 5 + 4));
      expect(
        t
          .outbox(late)
          .filter((n) => n.rule === 'O2')
          .map((n) => [n.kind, n.to]),
      ).toEqual(
        expect.arrayContaining([
          ['overdue', 'team-manager:north-1'],
          ['escalation', 'service-manager'],
        ]),
      );
      // Not O2R after all: the case ends and the team manager allocates a social worker.
      const no = await t.staff.teamManager
        .post(`/api/open-to-review-cases/${late}/decision-note`)
        .send({ decision: 'not-o2r', rationale: 'family objection upheld' });
      expect(no.body.status).toBe('not-o2r');
      await t.settle();
      expect(
        t
          .outbox(late)
          .filter((n) => n.kind === 'not-o2r')
          .map((n) => n.to),
      ).toEqual(['team-manager:north-1', 'user:o2r-sw-1']);
      expect((await h.env.client.workflow.getHandle(late).describe()).status.name).toBe('COMPLETED');
    });
  } finally {
    await t.done();
  }
});

test("O2 a bank holiday proclaimed while the family's window is open moves its close: the decision note waits for the moved day, the prompt comes the working day after it", async () => {
  const t = await caseTeam(h, 'o2-holiday');
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const id = await open(t);
      expect((await state(t, id)).entry!.representationsBy).toBe(wd(start, 20));
      const change = await t.staff.operator
        .post('/api/calendar/changes')
        .send({ date: wd(start, 3), title: 'one-off', reason: 'proclaimed' });
      expect(change.status).toBe(201);
      // The time-skipping server cannot list workflows: deliver the snapshot as the API's broadcast would.
      await h.env.client.workflow.getHandle(id).signal(calendarUpdated, t.services.calendar.snapshot());
      await t.settle();
      const moved = await state(t, id);
      expect(moved.entry!.representationsBy).toBe(wd(start, 21));
      expect(moved.events.at(-1)).toMatchObject({
        on: start,
        rule: 'O2',
        what: expect.stringContaining(`now closes on ${wd(start, 21)}, not ${wd(start, 20)}`),
      });

      // The old closing day has gone by: the family may still make representations, so no decision yet and no prompt.
      await t.skipTo(wd(start, 21));
      expect(t.outbox(id).filter((n) => n.rule === 'O2' && n.kind === 'prompt')).toEqual([]);
      const early = await t.staff.teamManager
        .post(`/api/open-to-review-cases/${id}/decision-note`)
        .send({ decision: 'o2r', rationale: 'r', firstReviewOn: addMonths(start, 4) });
      expect([early.status, early.body.error.field, early.body.error.rule]).toEqual([422, 'decision', 'O2']);
      await t.skipTo(wd(start, 22));
      expect(
        t
          .outbox(id)
          .filter((n) => n.rule === 'O2' && n.kind === 'prompt')
          .map((n) => n.to),
      ).toEqual(['team-manager:north-1']);
      const note = await t.staff.teamManager
        .post(`/api/open-to-review-cases/${id}/decision-note`)
        .send({ decision: 'o2r', rationale: 'meets the criteria', firstReviewOn: addMonths(start, 4) });
      expect(note.status).toBe(201);
    });
  } finally {
    await t.done();
  }
});

test('O3 a review every 6 months and face-to-face at least yearly on the EHCP annual review date, moving with it; child and parents seen yearly; reminders, then the team manager', async () => {
  const t = await caseTeam(h, 'o3');
  try {
    await t.worker.runUntil(async () => {
      const id = await agreed(t, (w) => addMonths(w, 2));
      let s = await state(t, id);
      const first = s.nextReview!.due;
      const decidedOn = s.entry!.decision!.on;
      expect(due(s, 'face-to-face')).toBe(addMonths(decidedOn, 12));
      expect(due(s, 'child-seen')).toBe(addMonths(s.openedOn, 12));
      // The EHCP annual review sets the face-to-face date, and moving it moves the review.
      const ehcp = addMonths(decidedOn, 7);
      s = (await t.staff.socialWorker.post(`/api/open-to-review-cases/${id}/ehcp`).send({ annualReviewOn: ehcp })).body;
      expect(due(s, 'face-to-face')).toBe(ehcp);
      s = (await t.staff.socialWorker.post(`/api/open-to-review-cases/${id}/ehcp`).send({ annualReviewOn: addDays(ehcp, 14) })).body;
      expect(s.obligations.find((o) => o.key === 'face-to-face')).toMatchObject({
        due: addDays(ehcp, 14),
        why: expect.stringMatching(/EHCP/),
      });

      // The first review: reminder to the O2R social worker, overdue, then the team manager.
      await t.skipTo(cal.workingDaysBefore(first, 10));
      const reviewNotes = () =>
        t
          .outbox(id)
          .filter((n) => n.subject.includes('hold O2R review 1'))
          .map((n) => [n.kind, n.to]);
      expect(reviewNotes()).toEqual([['reminder', 'user:o2r-sw-1']]);
      await t.skipTo(wd(first, 1));
      expect(reviewNotes()).toEqual([
        ['reminder', 'user:o2r-sw-1'],
        ['overdue', 'user:o2r-sw-1'],
      ]);
      await t.skipTo(wd(first, 3));
      expect(reviewNotes().at(-1)).toEqual(['escalation', 'team-manager:north-1']);

      // A late telephone review: recorded late, and the next is due 6 months from when it was held.
      const heldOn = await t.today();
      const r = await review(t, id, { heldOn, type: 'telephone', childSeen: false, parentsSeen: true });
      expect(r.body.reviews[0]).toMatchObject({ number: 1, due: first, onTime: false, type: 'telephone' });
      s = await state(t, id);
      expect(s.nextReview).toMatchObject({ due: addMonths(heldOn, 6), rule: 'O3' });
      // A telephone review is not the face-to-face one, and sees no one (O3): the parents on the phone were not seen.
      expect(due(s, 'face-to-face')).toBe(addDays(ehcp, 14));
      expect(due(s, 'child-seen')).toBe(addMonths(s.openedOn, 12));
      expect(due(s, 'parents-seen')).toBe(addMonths(s.openedOn, 12));
      // A visit where the child is seen moves that on.
      const visit = await t.staff.socialWorker
        .post(`/api/open-to-review-cases/${id}/visits`)
        .send({ on: heldOn, childSeen: true, where: 'school' });
      expect(due(visit.body, 'child-seen')).toBe(addMonths(heldOn, 12));
      const nobody = await t.staff.socialWorker.post(`/api/open-to-review-cases/${id}/visits`).send({ on: heldOn });
      expect([nobody.status, nobody.body.error.rule]).toEqual([422, 'O3']);
    });
  } finally {
    await t.done();
  }
});

test('O4 the plan is shared within a month of each review; every review decides whether O2R continues; needing more frequent reviews means leaving, and the team manager allocates', async () => {
  const t = await caseTeam(h, 'o4');
  try {
    await t.worker.runUntil(async () => {
      const id = await agreed(t, (w) => addDays(w, 10));
      const first = (await state(t, id)).nextReview!.due;
      await t.skipTo(first);
      const noDecision = await t.staff.socialWorker
        .post(`/api/open-to-review-cases/${id}/reviews`)
        .send({ heldOn: first, type: 'face-to-face', childSeen: true, parentsSeen: true });
      expect([noDecision.status, noDecision.body.error.field]).toEqual([400, 'outcome']);
      const frequent = await t.staff.socialWorker.post(`/api/open-to-review-cases/${id}/reviews`).send({
        heldOn: first,
        type: 'face-to-face',
        childSeen: true,
        parentsSeen: true,
        outcome: 'continue',
        moreFrequentReviewsNeeded: true,
      });
      expect([frequent.status, frequent.body.error.field, frequent.body.error.rule]).toEqual([422, 'outcome', 'O4']);
      await review(t, id, { heldOn: first, type: 'face-to-face' });
      let s = await state(t, id);
      expect(s.obligations.find((o) => o.key === 'r1/plan-shared')).toMatchObject({
        rule: 'O4',
        due: addMonths(first, 1),
        owner: 'caseholder',
      });
      await t.skipTo(wd(addMonths(first, 1), 1));
      expect(
        t
          .outbox(id)
          .filter((n) => n.subject.includes("share review 1's plan"))
          .map((n) => n.kind),
      ).toEqual(['reminder', 'overdue']);
      s = (await t.staff.socialWorker.post(`/api/open-to-review-cases/${id}/tasks`).send({ key: 'r1/plan-shared' })).body;
      expect(s.obligations.map((o) => o.key)).not.toContain('r1/plan-shared');
      const bad = await t.staff.socialWorker.post(`/api/open-to-review-cases/${id}/tasks`).send({ key: 'r1/plan-shared' });
      expect([bad.status, bad.body.error.field]).toEqual([422, 'key']);

      const next = s.nextReview!.due;
      await t.skipTo(next);
      const leave = await review(t, id, { heldOn: next, type: 'telephone', outcome: 'leave', leaveReason: 'more-frequent-reviews-needed' });
      expect(leave.body).toMatchObject({ status: 'left', ended: { reason: 'more-frequent-reviews-needed', allocateTo: 'social-worker' } });
      await t.settle();
      expect(t.outbox(id).filter((n) => n.kind === 'left')).toEqual([
        expect.objectContaining({
          rule: 'O4',
          to: 'team-manager:north-1',
          subject: 'Case leaves Open to Review: allocate a social worker',
        }),
        expect.objectContaining({ to: 'user:o2r-sw-1' }),
      ]);
      expect((await h.env.client.workflow.getHandle(id).describe()).status.name).toBe('COMPLETED');
      const after = await t.staff.socialWorker.post(`/api/open-to-review-cases/${id}/visits`).send({ on: next, childSeen: true });
      expect([after.status, after.body.error.rule]).toEqual([409, 'O4']);
    });
  } finally {
    await t.done();
  }
});

test('O6 Kent: overnight breaks or over 10 hours a week means 6-monthly full reviews, else yearly face-to-face; assessment yearly, child seen twice a year, supervision 6-monthly, transition before 16, first overnight review chaired by a senior practitioner or team manager', async () => {
  const t = await caseTeam(h, 'o6', { profile: 'kent' });
  try {
    await t.worker.runUntil(async () => {
      const today = await t.today();
      // Turns 16 in about 8 months: the transition prompt comes 6 months before.
      const dateOfBirth = addMonths(addYears(today, -16), 8);
      const id = await agreed(t, (w) => addDays(w, 10), { dateOfBirth, package: { overnightShortBreaks: true, hoursPerWeek: 6 } });
      let s = await state(t, id);
      expect(s.variant).toBe('kent');
      const decidedOn = s.entry!.decision!.on;
      expect(due(s, 'face-to-face')).toBe(addMonths(decidedOn, 6));
      expect(due(s, 'child-seen')).toBe(addMonths(s.openedOn, 6));
      expect(due(s, 'assessment')).toBe(addMonths(decidedOn, 12));
      expect(s.obligations.find((o) => o.key === 'supervision')).toMatchObject({ owner: 'team-manager', due: addMonths(decidedOn, 6) });
      expect(s.obligations.find((o) => o.key === 'transition')).toMatchObject({ rule: 'O6', due: addDays(addYears(dateOfBirth, 16), -1) });
      expect(s.obligations.map((o) => o.key)).not.toContain('parents-seen');

      // A package without overnight breaks and under 10 hours a week: yearly face-to-face.
      s = (
        await t.staff.socialWorker.post(`/api/open-to-review-cases/${id}/package`).send({ overnightShortBreaks: false, hoursPerWeek: 8 })
      ).body;
      expect(due(s, 'face-to-face')).toBe(addMonths(decidedOn, 12));
      s = (
        await t.staff.socialWorker.post(`/api/open-to-review-cases/${id}/package`).send({ overnightShortBreaks: false, hoursPerWeek: 12 })
      ).body;
      expect(due(s, 'face-to-face')).toBe(addMonths(decidedOn, 6));
      await t.staff.socialWorker.post(`/api/open-to-review-cases/${id}/package`).send({ overnightShortBreaks: true, hoursPerWeek: 6 });

      const first = s.nextReview!.due;
      await t.skipTo(first);
      const chair = await t.staff.socialWorker.post(`/api/open-to-review-cases/${id}/reviews`).send({
        heldOn: first,
        type: 'face-to-face',
        childSeen: true,
        parentsSeen: true,
        outcome: 'continue',
        chair: { role: 'caseholder' },
      });
      expect([chair.status, chair.body.error.field, chair.body.error.rule]).toEqual([422, 'chair.role', 'O6']);
      const r = await review(t, id, { heldOn: first, type: 'face-to-face', chair: { role: 'senior-practitioner', staffId: 'sp-1' } });
      expect(r.status).toBe(201);
      s = await state(t, id);
      expect(s.nextReview).toMatchObject({ due: addMonths(first, 6), rule: 'O6' });
      expect(due(s, 'child-seen')).toBe(addMonths(first, 6));

      const sixteen = addYears(dateOfBirth, 16);
      await t.skipTo(wd(addMonths(addDays(sixteen, -1), -6), 1));
      expect(
        t
          .outbox(id)
          .filter((n) => n.subject.includes("young people's team"))
          .map((n) => [n.kind, n.to]),
      ).toEqual([['prompt', 'user:o2r-sw-1']]);
      s = (await t.staff.socialWorker.post(`/api/open-to-review-cases/${id}/tasks`).send({ key: 'transition' })).body;
      expect(s.obligations.map((o) => o.key)).not.toContain('transition');
      s = (await t.staff.teamManager.post(`/api/open-to-review-cases/${id}/tasks`).send({ key: 'supervision' })).body;
      expect(due(s, 'supervision')).toBe(addMonths(await t.today(), 6));
    });
  } finally {
    await t.done();
  }
});

test('L19 a series of short breaks: the first review within 3 months of the first break, then at most 6-monthly', async () => {
  const t = await caseTeam(h, 'l19');
  try {
    await t.worker.runUntil(async () => {
      const today = await t.today();
      const firstBreakOn = addDays(today, -10);
      const r = await t.staff.socialWorker.post('/api/open-to-review-cases').send({
        kind: 'short-breaks-series',
        childId: 'L19-C',
        dateOfBirth: '2015-05-05',
        team: 'north-1',
        caseholder: 'sw-1',
        firstBreakOn,
      });
      expect(r.status).toBe(201);
      const id = r.body.caseId;
      expect(id).toMatch(/^sbs-[0-9a-f]{24}$/);
      t.cases.push(id);
      await t.settle();
      let s = await state(t, id);
      expect(s).toMatchObject({
        kind: 'short-breaks-series',
        status: 'open',
        nextReview: { due: addMonths(firstBreakOn, 3), rule: 'L19' },
      });
      expect(s.obligations.map((o) => o.key)).toEqual(['review']);
      const eligibility = await t.staff.socialWorker.post('/api/open-to-review-cases').send({
        kind: 'short-breaks-series',
        childId: 'L19-D',
        dateOfBirth: '2015-05-05',
        team: 'north-1',
        caseholder: 'sw-1',
        firstBreakOn,
        eligibility: ELIGIBLE,
      });
      expect([eligibility.status, eligibility.body.error.field]).toEqual([400, 'eligibility']);

      await t.skipTo(wd(addMonths(firstBreakOn, 3), 1));
      expect(
        t
          .outbox(id)
          .filter((n) => n.rule === 'L19')
          .map((n) => n.kind),
      ).toEqual(['reminder', 'overdue']);
      const heldOn = await t.today();
      await review(t, id, { heldOn, type: 'face-to-face' });
      s = await state(t, id);
      expect(s.reviews[0]).toMatchObject({ onTime: false, due: addMonths(firstBreakOn, 3) });
      expect(s.nextReview).toMatchObject({ due: addMonths(heldOn, 6), rule: 'L19' });
    });
  } finally {
    await t.done();
  }
});

test('O2 until the decision note exists the managers are chased again and again; the decision letter names the O2R social worker and the duty route; a close tells the caseholder and team manager', async () => {
  const t = await caseTeam(h, 'o2-chase');
  try {
    await t.worker.runUntil(async () => {
      const id = await open(t);
      const windowEnd = (await state(t, id)).entry!.representationsBy;
      const escalated = wd(wd(windowEnd, 5), 3);
      await t.skipTo(wd(escalated, 16));
      const chases = t.outbox(id).filter((n) => n.id.includes('/chase/'));
      expect(chases.map((n) => n.to)).toEqual([
        'team-manager:north-1',
        'service-manager',
        'team-manager:north-1',
        'service-manager',
        'team-manager:north-1',
        'service-manager',
      ]);
      const today = await t.today();
      const far = await t.staff.teamManager
        .post(`/api/open-to-review-cases/${id}/decision-note`)
        .send({ decision: 'o2r', rationale: 'r', firstReviewOn: addDays(addMonths(today, 6), 1) });
      expect([far.status, far.body.error.field, far.body.error.rule]).toEqual([422, 'firstReviewOn', 'O3']);
      const note = await t.staff.teamManager
        .post(`/api/open-to-review-cases/${id}/decision-note`)
        .send({ decision: 'o2r', rationale: 'Stable and the package is working', firstReviewOn: addMonths(today, 6) });
      expect(note.status).toBe(201);
      await t.settle();
      const read = await t.staff.serviceManager.get('/api/notifications').query({ caseId: id });
      const letters = read.body.notifications.filter((n: { kind: string }) => n.kind === 'decision-letter');
      expect(letters.map((n: { recipient: string }) => n.recipient).sort()).toEqual([`family:${id}`, 'user:o2r-sw-1']);
      expect(letters[0].body).toMatch(
        /Stable and the package is working\..*social worker is o2r-sw-1.*urgent, contact the 0-25 Social Care Duty worker/,
      );
      // No more chases once the note exists.
      await t.skipTo(wd(await t.today(), 10));
      expect(t.outbox(id).filter((n) => n.id.includes('/chase/'))).toHaveLength(6);

      const close = await t.staff.teamManager.post(`/api/open-to-review-cases/${id}/close`).send({ reason: 'family moved away' });
      expect(close.status).toBe(200);
      for (
        const until = Date.now() + 30_000;
        Date.now() < until && (await h.env.client.workflow.getHandle(id).describe()).status.name === 'RUNNING';
      )
        await new Promise((res) => setTimeout(res, 25));
      expect(
        t
          .outbox(id)
          .filter((n) => n.kind === 'closed')
          .map((n) => [n.rule, n.to]),
      ).toEqual([
        ['O4', 'user:o2r-sw-1'],
        ['O4', 'team-manager:north-1'],
      ]);
    });
  } finally {
    await t.done();
  }
});

test('L19 each short break is recorded and 120 days in any 12 months warns the team manager; a series for someone 18 or over is refused; at 18 the caseholder and team manager are told', async () => {
  const t = await caseTeam(h, 'l19-breaks');
  try {
    await t.worker.runUntil(async () => {
      const today = await t.today();
      const series = (dateOfBirth: IsoDate, firstBreakOn: IsoDate) =>
        t.staff.socialWorker.post('/api/open-to-review-cases').send({
          kind: 'short-breaks-series',
          childId: `L19-${Math.floor(Math.random() * 1e9)}`,
          dateOfBirth,
          team: 'north-1',
          caseholder: 'sw-1',
          firstBreakOn,
        });
      const adult = await series(addYears(today, -18), today);
      expect([adult.status, adult.body.error.field, adult.body.error.rule]).toEqual([422, 'dateOfBirth', 'L19']);

      const dateOfBirth = addMonths(addYears(today, -18), 4);
      const first = addDays(today, -200);
      const r = await series(dateOfBirth, first);
      expect(r.status).toBe(201);
      const id = r.body.caseId;
      t.cases.push(id);
      await t.settle();
      const breaks = `/api/open-to-review-cases/${id}/breaks`;
      for (const [on, days] of [
        [first, 60],
        [addDays(first, 70), 45],
        [addDays(first, 130), 20],
      ] as const) {
        const b = await t.staff.socialWorker.post(breaks).send({ on, days });
        expect(b.status).toBe(201);
        await t.settle();
      }
      expect((await state(t, id)).breaks).toHaveLength(3);
      expect(
        t
          .outbox(id)
          .filter((n) => n.rule === 'L19' && n.kind.startsWith('short-breaks'))
          .map((n) => [n.kind, n.to]),
      ).toEqual([
        ['short-breaks-approaching-limit', 'team-manager:north-1'],
        ['short-breaks-over-limit', 'team-manager:north-1'],
      ]);
      const overlap = await t.staff.socialWorker.post(breaks).send({ on: addDays(first, 10), days: 2 });
      expect([overlap.status, overlap.body.error.rule]).toEqual([422, 'L19']);

      await t.skipTo(addYears(dateOfBirth, 18));
      for (
        const until = Date.now() + 30_000;
        Date.now() < until && (await h.env.client.workflow.getHandle(id).describe()).status.name === 'RUNNING';
      )
        await new Promise((res) => setTimeout(res, 25));
      expect(
        t
          .outbox(id)
          .filter((n) => n.kind === 'ended')
          .map((n) => [n.rule, n.to]),
      ).toEqual([
        ['L19', 'user:sw-1'],
        ['L19', 'team-manager:north-1'],
      ]);
    });
  } finally {
    await t.done();
  }
});

test('a ten-year O2R case runs in seconds: 20 reviews on time, continue-as-new after each, face-to-face yearly', async () => {
  const t = await caseTeam(h, 'o2r-10y');
  try {
    await t.worker.runUntil(async () => {
      const id = await agreed(t, (w) => addMonths(w, 3), { dateOfBirth: addYears(await t.today(), -5) });
      for (let n = 1; n <= 20; n++) {
        const s = await state(t, id);
        const on = s.nextReview!.due;
        await t.skipTo(on);
        const r = await review(t, id, { heldOn: on, type: n % 2 === 0 ? 'face-to-face' : 'telephone', childSeen: true, parentsSeen: true });
        expect(r.status).toBe(201);
        await t.staff.socialWorker.post(`/api/open-to-review-cases/${id}/tasks`).send({ key: `r${n}/plan-shared` });
      }
      const s = await state(t, id);
      expect(s.reviews).toHaveLength(20);
      expect(s.reviews.every((r) => r.onTime)).toBe(true);
      expect(s.status).toBe('open');
      // Nothing was ever overdue.
      expect(t.outbox(id).filter((n) => n.kind === 'overdue' || n.kind === 'escalation')).toEqual([]);
    });
  } finally {
    await t.done();
  }
}, 240_000);
