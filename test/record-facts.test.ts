/**
 * The statutory record's facts as pure functions (issue 14): for each case kind, at each point of a
 * case, the facts are the same for the same model (same keys, same data), each key is unique and
 * the case's own, a moved date gives a new key, and nothing about the child but ids goes in. No Temporal.
 */
import { builtInCalendar } from '../data/reference-data';
import { IsoDate } from '../workflows/calendar/iso-date';
import { CinContext, agreeFirstDateCommand, endCommand, moveReviewCommand, recordReviewCommand } from '../workflows/cin-review/commands';
import { CinModel, DEFAULT_CIN_SETTINGS } from '../workflows/cin-review/model';
import { initialModel as cinInitial } from '../workflows/cin-review/opening';
import { cinFacts } from '../workflows/cin-review/record';
import { cafcassDecision, cafcassReferral } from '../workflows/dispute/commands/cafcass';
import { DisputeContext, enterStage } from '../workflows/dispute/commands/context';
import { escalate } from '../workflows/dispute/commands/escalate';
import { resolve } from '../workflows/dispute/commands/resolve';
import { response } from '../workflows/dispute/commands/response';
import { DisputeState } from '../workflows/dispute/messages';
import { openDispute } from '../workflows/dispute/opening';
import { disputeFacts } from '../workflows/dispute/record';
import { DEFAULT_DISPUTE_TIMESCALES } from '../workflows/dispute/stages';
import { adjournReviewCommand, bookReviewCommand } from '../workflows/looked-after-cycle/commands/booking';
import { ceaseLookedAfterCommand, endCycle } from '../workflows/looked-after-cycle/commands/cease';
import { answerDecisionsCommand } from '../workflows/looked-after-cycle/commands/decisions';
import { allocateSocialWorkerCommand, appointIroCommand } from '../workflows/looked-after-cycle/commands/iro-and-social-worker';
import { bringForwardCommand, changePlacementCommand } from '../workflows/looked-after-cycle/commands/placement';
import { recordReviewHeldCommand } from '../workflows/looked-after-cycle/commands/review-held';
import { CycleModel } from '../workflows/looked-after-cycle/model';
import { lookedAfterFacts, openReviewDates } from '../workflows/looked-after-cycle/record';
import { decisionNote } from '../workflows/open-to-review/commands/decision-note';
import { Closing, closeCase, endIfDue } from '../workflows/open-to-review/commands/close';
import { caseholderMoved } from '../workflows/open-to-review/commands/caseholder-moved';
import { reviewHeld } from '../workflows/open-to-review/commands/review-held';
import { OpenToReviewContext } from '../workflows/open-to-review/commands/context';
import { OpenToReviewModel } from '../workflows/open-to-review/model';
import { DEFAULT_O2R_SETTINGS } from '../workflows/open-to-review/obligations';
import { initialModel as o2rInitial } from '../workflows/open-to-review/opening';
import { openToReviewFacts } from '../workflows/open-to-review/record';
import { Fact } from '../workflows/record/facts';
import { ctx as cycleCtx, cycle, statutory } from './support/cycle-model';

const calendar = builtInCalendar();
/** Planted where a careless fact would copy the child wholesale: it must never reach the record. */
const NAME = 'Jane Planted-Name';
const withName = <T extends { child: object }>(m: T): T => {
  (m.child as Record<string, unknown>).name = NAME;
  return m;
};

// ---- The looked-after cycle -------------------------------------------------------------------
const lac = (...steps: ((m: CycleModel) => void)[]): CycleModel => {
  const m = withName(cycle());
  for (const s of steps) s(m);
  return m;
};
const iro =
  (staffId: string, on: IsoDate = '2026-01-07') =>
  (m: CycleModel) =>
    appointIroCommand.apply(m, { staffId, by: 'unit-1', on }, cycleCtx());
const sw = (m: CycleModel) => allocateSocialWorkerCommand.apply(m, { staffId: 'sw-1', by: 'tm-1', on: '2026-01-06' }, cycleCtx());
const book =
  (meetingOn: IsoDate, bookedOn: IsoDate = '2026-01-08', reason?: string) =>
  (m: CycleModel) =>
    bookReviewCommand.apply(m, { meetingOn, bookedOn, by: 'iro-1', ...(reason ? { reason } : {}) }, cycleCtx());
const hold = (m: CycleModel) =>
  recordReviewHeldCommand.apply(
    m,
    {
      heldOn: '2026-01-16',
      participation: 'PN1',
      by: 'iro-1',
      decisions: [{ text: 'Contact plan reviewed', owner: 'social-worker', dueOn: '2026-02-16' }],
      starredRecommendations: ['Assessment by March'],
    },
    cycleCtx(),
  );
const answered = (m: CycleModel) => {
  m.reviewsHeld[0].after['decisions-circulated'] = '2026-01-19';
  answerDecisionsCommand.apply(m, { reviewNumber: 1, response: 'agree', by: 'tm-1', on: '2026-01-20' }, cycleCtx('2026-01-20'));
};
const ceased = (m: CycleModel) => {
  const ending = { model: m, cease: undefined as never };
  ceaseLookedAfterCommand.apply(ending, { on: '2026-01-19', reason: 'returned home', by: 'sw-1' }, cycleCtx());
  endCycle(ending, '2033-05-10', { today: '2026-01-19' });
};
const lacFacts = (m: CycleModel) => lookedAfterFacts(m, statutory, calendar);

// ---- The dispute --------------------------------------------------------------------------------
const OPENED: IsoDate = '2026-03-02';
const dctx = (today: IsoDate = OPENED): DisputeContext => ({ today, calendar, timescales: DEFAULT_DISPUTE_TIMESCALES });
const dispute = (...steps: ((s: DisputeState) => void)[]): DisputeState => {
  const s = withName(
    openDispute(
      {
        disputeId: 'red-1',
        child: { childId: 'C1', team: 'north-1' },
        category: 'practice',
        summary: 'plan not followed',
        startStage: 1,
        seriousSafeguarding: false,
        iro: 'iro-1',
        source: 'iro',
      },
      OPENED,
      calendar,
      DEFAULT_DISPUTE_TIMESCALES,
    ),
  );
  for (const step of steps) step(s);
  return s;
};
const climbed = (s: DisputeState) => enterStage(s, 2, 'no-response', dctx('2026-03-10'));
const escalated = (s: DisputeState) =>
  escalate.apply(
    s,
    { toStage: 3, reason: 'no progress', expectedOutcome: { outcome: 'plan agreed', by: '2026-03-20' }, by: 'iro-1' },
    dctx('2026-03-11'),
  );
const answeredDispute = (s: DisputeState) => response.apply(s, { note: 'meeting set', by: 'asm-1' }, dctx('2026-03-12'));
const referred = (s: DisputeState) => cafcassReferral.apply(s, { reason: 'no agreement', by: 'iro-1' }, dctx('2026-03-12'));
const decided = (s: DisputeState) => cafcassDecision.apply(s, { text: 'no action', by: 'iro-1' }, dctx('2026-03-13'));
const closed = (s: DisputeState) => resolve.apply(s, { outcome: 'resolved', summary: 'agreed', by: 'iro-1' }, dctx('2026-03-16'));

// ---- Open to Review -----------------------------------------------------------------------------
const octx = (today: IsoDate): OpenToReviewContext => ({ today, calendar, settings: DEFAULT_O2R_SETTINGS, notice: () => {} });
const o2r = (...steps: ((m: OpenToReviewModel) => void)[]): OpenToReviewModel => {
  const m = withName(
    o2rInitial(
      {
        caseId: 'o2r-1',
        kind: 'open-to-review',
        variant: 'protocol',
        child: { childId: 'C1', dateOfBirth: '2018-06-01', team: 'north-1' },
        caseholder: 'sw-1',
        profileId: 'statutory',
        settings: DEFAULT_O2R_SETTINGS,
        rationale: 'Stable',
        by: 'tm-1',
      },
      '2026-01-05',
      calendar,
    ),
  );
  for (const s of steps) s(m);
  return m;
};
const agreed = (firstReviewOn: IsoDate) => (m: OpenToReviewModel) =>
  decisionNote.apply(m, { decision: 'o2r', rationale: 'agreed', firstReviewOn, by: 'tm-1' }, octx('2026-03-02'));
const reviewed = (m: OpenToReviewModel) =>
  reviewHeld.apply(
    m,
    {
      heldOn: '2026-06-01',
      type: 'telephone',
      childSeen: true,
      parentsSeen: true,
      chair: { role: 'caseholder' },
      outcome: 'continue',
      by: 'sw-1',
    },
    octx('2026-06-01'),
  );
const o2rClosed = (m: OpenToReviewModel) => {
  const c: Closing = { model: m };
  closeCase.apply(c, { on: '2026-06-10', reason: 'moved away', by: 'tm-1' }, octx('2026-06-10'));
  endIfDue(c, '2026-06-10', '2043-06-01');
};

// ---- Child in Need ------------------------------------------------------------------------------
const cctx = (today: IsoDate): CinContext => ({ today, calendar, settings: DEFAULT_CIN_SETTINGS });
const cin = (...steps: ((m: CinModel) => void)[]): CinModel => {
  const m = withName(
    cinInitial(
      {
        caseId: 'cin-1',
        child: { childId: 'C1', team: 'north-1' },
        socialWorker: 'sw-1',
        iro: 'iro-1',
        criteria: ['second-cin-plan'],
        approvedBy: { staffId: 'tm-1', role: 'team-manager' },
        agreedBy: 'unit-1',
        profileId: 'statutory',
        settings: DEFAULT_CIN_SETTINGS,
        by: 'tm-1',
      },
      '2026-02-02',
    ),
  );
  for (const s of steps) s(m);
  return m;
};
const firstDate = (m: CinModel) =>
  agreeFirstDateCommand.apply(m, { date: '2026-03-20', venue: 'Family centre', invited: ['school'], by: 'sw-1' }, cctx('2026-03-02'));
const moved = (m: CinModel) => moveReviewCommand.apply(m, { to: '2026-03-27', reason: 'school trip', by: 'sw-1' }, cctx('2026-03-03'));
const cinHeld = (m: CinModel) =>
  recordReviewCommand.apply(
    m,
    {
      heldOn: '2026-03-27',
      chair: 'iro-1',
      socialWorkerPresent: true,
      careTeam: [{ member: 'school', attendance: 'attended' }],
      nextDate: '2026-06-01',
      by: 'iro-1',
    },
    cctx('2026-03-27'),
  );
const cinEnded = (m: CinModel) =>
  endCommand.apply(m, { on: '2026-04-01', outcome: 'closure', summary: 'needs met', by: 'tm-1' }, cctx('2026-04-01'));

type Case = [string, () => Fact[], string, string[]];
/** [what, the facts, the case's id, the types that must be there] */
const CASES: Case[] = [
  ['a cycle just started', () => lacFacts(lac()), 'lac-test', ['looked-after/started', 'looked-after/review-due']],
  [
    'IRO appointed, social worker allocated, booked',
    () => lacFacts(lac(iro('iro-1'), sw, book('2026-01-16'))),
    'lac-test',
    ['looked-after/iro-appointed', 'looked-after/social-worker-allocated', 'looked-after/review-booked'],
  ],
  [
    'a booking moved, adjourned',
    () =>
      lacFacts(
        lac(iro('iro-1'), book('2026-01-16'), book('2026-01-20', '2026-01-09', 'IRO ill'), (m) =>
          adjournReviewCommand.apply(
            m,
            { on: '2026-01-20', resumeOn: '2026-02-03', reason: 'reports missing', by: 'iro-1' },
            cycleCtx('2026-01-20'),
          ),
        ),
      ),
    'lac-test',
    ['looked-after/review-postponed', 'looked-after/review-adjourned'],
  ],
  [
    'a placement change',
    () =>
      lacFacts(
        lac((m) => changePlacementCommand.apply(m, { on: '2026-01-10', type: 'residential', unplanned: true, by: 'sw-1' }, cycleCtx())),
      ),
    'lac-test',
    ['looked-after/placement-changed'],
  ],
  [
    'review 1 held, decisions answered',
    () => lacFacts(lac(iro('iro-1'), hold, answered, (m) => (m.reviewsHeld[0].starred = { notifiedOn: '2026-01-16' }))),
    'lac-test',
    [
      'looked-after/review-held',
      'looked-after/decision-made',
      'looked-after/team-manager-response',
      'looked-after/starred-notified',
      'looked-after/after-meeting-task-done',
    ],
  ],
  ['ceased', () => lacFacts(lac(iro('iro-1'), hold, ceased)), 'lac-test', ['looked-after/ended', 'looked-after/review-before-ending']],
  [
    'a dispute opened',
    () => disputeFacts(dispute()),
    'red-1',
    ['dispute/opened', 'dispute/stage-reached', 'dispute/stage-due', 'dispute/overall-due'],
  ],
  [
    'a dispute climbed, escalated, answered, referred, closed',
    () => disputeFacts(dispute(climbed, escalated, answeredDispute, referred, decided, closed)),
    'red-1',
    ['dispute/expected-outcome', 'dispute/response', 'dispute/cafcass-referral', 'dispute/cafcass-decision', 'dispute/closed'],
  ],
  [
    'an O2R case awaiting its decision note',
    () => openToReviewFacts(o2r()),
    'o2r-1',
    ['open-to-review/opened', 'open-to-review/letter-sent'],
  ],
  [
    'an O2R case reviewed, then closed',
    () => openToReviewFacts(o2r(agreed('2026-06-01'), reviewed, o2rClosed)),
    'o2r-1',
    ['open-to-review/decision-note', 'open-to-review/review-held', 'open-to-review/ended'],
  ],
  [
    'a CIN case with its first date moved',
    () => cinFacts(cin(firstDate, moved)),
    'cin-1',
    ['child-in-need/opened', 'child-in-need/first-date-agreed', 'child-in-need/review-moved', 'child-in-need/review-due'],
  ],
  [
    'a CIN case reviewed, then ended',
    () => cinFacts(cin(firstDate, cinHeld, cinEnded)),
    'cin-1',
    ['child-in-need/review-held', 'child-in-need/ended'],
  ],
];

describe.each(CASES)('%s', (_what, facts, caseId, types) => {
  test('the same model gives the same facts, each key unique and the case’s own', () => {
    const a = facts();
    expect(facts()).toEqual(a);
    expect(new Set(a.map((f) => f.key)).size).toBe(a.length);
    for (const f of a) {
      expect(f.key.startsWith(`${caseId}/`)).toBe(true);
      expect(f.caseId).toBe(caseId);
      expect(f.type.startsWith(`${f.caseKind}/`)).toBe(true);
      expect(f.on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      // Every fact carries the child's id and the team (the reports read them).
      expect(f).toMatchObject({ childId: 'C1', team: expect.any(String) });
    }
    // It reads the same after a round trip through the record (nothing undefined, nothing lost).
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  });
  test('has what the record must hold', () => {
    expect([...new Set(facts().map((f) => f.type))]).toEqual(expect.arrayContaining(types));
  });
  test('nothing about the child but ids', () => {
    const text = JSON.stringify(facts());
    expect(text).not.toContain(NAME);
    expect(text).not.toMatch(/"name"|venue|Family centre/i);
  });
});

const keysOf = (facts: Fact[], type: string) => facts.filter((f) => f.type === type).map((f) => f.key);

test('a moved date is a new key, and the one it replaces is no longer produced (the record keeps it: the latest counts)', () => {
  const before = lacFacts(lac(iro('iro-1'), book('2026-01-16')));
  const after = lacFacts(lac(iro('iro-1'), book('2026-01-16'), book('2026-01-20', '2026-01-09', 'IRO ill')));
  expect(keysOf(after, 'looked-after/review-booked')).toEqual(['lac-test/review/1/booked/2026-01-09/2026-01-20']);
  expect(keysOf(before, 'looked-after/review-booked')).toEqual(['lac-test/review/1/booked/2026-01-08/2026-01-16']);
  // A new IRO is a new fact; the first appointment stays in the record.
  const changed = lacFacts(lac(iro('iro-1'), iro('iro-2', '2026-01-12')));
  expect(keysOf(changed, 'looked-after/iro-appointed')).toEqual(['lac-test/iro/iro-2/2026-01-12']);
  // L6: a review brought forward moves the open review's due date (and keeps its statutory date).
  const due = (m: CycleModel) => keysOf(lacFacts(m), 'looked-after/review-due');
  const forward = lac(hold, (m) =>
    bringForwardCommand.apply(m, { reason: 'risk-of-harm', dueBy: '2026-02-20', by: 'iro-1', on: '2026-02-02' }, cycleCtx('2026-02-02')),
  );
  expect(due(lac(hold))).toEqual(['lac-test/review/2/due/2026-04-16/2026-04-16']);
  expect(due(forward)).toEqual(['lac-test/review/2/due/2026-02-20/2026-04-16']);
  // A dispute's stage deadline moved (a bank holiday proclaimed) is a new stage-due fact, not a second stage.
  const s = dispute();
  const d1 = disputeFacts(s);
  s.stages[0].due = calendar.addWorkingDays(s.stages[0].due, 1);
  const d2 = disputeFacts(s);
  expect(keysOf(d2, 'dispute/stage-reached')).toEqual(keysOf(d1, 'dispute/stage-reached'));
  expect(keysOf(d2, 'dispute/stage-due')).not.toEqual(keysOf(d1, 'dispute/stage-due'));
  // CIN: the agreed date moved.
  expect(keysOf(cinFacts(cin(firstDate, moved)), 'child-in-need/review-due')).toEqual(['cin-1/review/1/due/2026-03-27']);
  expect(keysOf(cinFacts(cin(firstDate)), 'child-in-need/review-due')).toEqual(['cin-1/review/1/due/2026-03-20']);
  // O2R: the first review date.
  expect(keysOf(openToReviewFacts(o2r(agreed('2026-06-01'))), 'open-to-review/review-due')).not.toEqual(
    keysOf(openToReviewFacts(o2r(agreed('2026-05-01'))), 'open-to-review/review-due'),
  );
});

test('looked-after/review-held has the figures the reports read (L18), the same as the reporting projection', () => {
  const m = lac(iro('iro-1'), hold);
  const held = lacFacts(m).find((f) => f.type === 'looked-after/review-held')!;
  expect(held).toMatchObject({ key: 'lac-test/review/1/held', on: '2026-01-16', childId: 'C1', team: 'north' });
  expect(held.data).toEqual({
    reviewNumber: 1,
    heldOn: '2026-01-16',
    due: m.reviewsHeld[0].due,
    onTime: true,
    lateForIndicator: false,
    participation: 'PN1',
    ageAtReview: 10,
    withMeeting: true,
    chair: { staffId: 'iro-1', as: 'allocated-iro' },
  });
  // No review is due once the cycle has ended; the end is recorded.
  const ended = lacFacts(lac(iro('iro-1'), hold, ceased));
  expect(keysOf(ended, 'looked-after/review-due')).toEqual([]);
  expect(ended.find((f) => f.type === 'looked-after/ended')).toMatchObject({
    key: 'lac-test/ended',
    on: '2026-01-19',
    data: { status: 'ceased', reason: 'returned home' },
  });
});

test('L12: the open review adjourned by its due date is judged by its resume date (not for histories from before the rule)', () => {
  const m = lac(iro('iro-1'), book('2026-01-16'), (x) =>
    adjournReviewCommand.apply(
      x,
      { on: '2026-01-16', resumeOn: '2026-02-13', reason: 'reports missing', by: 'iro-1' },
      cycleCtx('2026-01-16'),
    ),
  );
  const counts = openReviewDates(m, statutory, calendar);
  expect(counts.statutoryDue).toBe('2026-02-13');
  expect(openReviewDates(m, statutory, calendar, () => false).statutoryDue).toBe(counts.due);
  expect(lacFacts(m).find((f) => f.type === 'looked-after/review-due')!.data).toEqual(counts);
});

test('looked-after/started keeps the placement the child came into care in after a move (reconciling finds no difference), and says when the cycle was imported', () => {
  const started = (m: CycleModel) => lookedAfterFacts(m, statutory, calendar).find((f) => f.type === 'looked-after/started')!;
  const before = started(lac());
  const moved = lac((m) => changePlacementCommand.apply(m, { on: '2026-02-10', type: 'residential', by: 'sw-1' }, cycleCtx('2026-02-10')));
  expect(started(moved)).toEqual(before);
  expect(before.data).toMatchObject({ placementType: 'foster', placementStartedOn: '2026-01-05' });
  expect(before.data).not.toHaveProperty('imported');
  // A cycle from before the first placement was kept: the first placement is no longer known.
  const older = lac((m) => {
    delete m.firstPlacement;
    changePlacementCommand.apply(m, { on: '2026-02-10', type: 'residential', by: 'sw-1' }, cycleCtx('2026-02-10'));
  });
  expect(started(older).data).toMatchObject({ placementType: 'unknown' });
  expect(started(lac((m) => (m.imported = { on: '2026-11-24', reviews: 0 }))).data).toMatchObject({ imported: true });
});

test('O5 a caseholder move is a new fact on the day of the move; the opened fact stays as written (reconciling finds no difference)', () => {
  const facts = (m: OpenToReviewModel) => openToReviewFacts(m);
  const before = facts(o2r());
  const moved = o2r((m) => caseholderMoved.apply(m, { to: 'sw-2', on: '2026-02-03', by: 'tm-1' }, octx('2026-02-04')));
  const after = facts(moved);
  const opened = (fs: Fact[]) => fs.find((f) => f.type === 'open-to-review/opened');
  expect(opened(after)).toEqual(opened(before));
  expect(before.filter((f) => f.type === 'open-to-review/caseholder').map((f) => [f.key, f.on])).toEqual([
    ['o2r-1/caseholder/sw-1', '2026-01-05'],
  ]);
  expect(after.filter((f) => f.type === 'open-to-review/caseholder').map((f) => [f.key, f.on])).toEqual([
    ['o2r-1/caseholder/sw-2', '2026-02-03'],
  ]);
});
