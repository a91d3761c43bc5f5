/**
 * The O2R case's commands as pure functions (rules.md O2-O6, L19): each validate's refusals, read
 * from the Refusal's details {field, rule}, and what each apply records. No Temporal: milliseconds.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Notice } from '../workflows/case-kernel/case-kernel';
import { Command } from '../workflows/case-kernel/command';
import { REFUSAL, RefusalDetail } from '../workflows/case-kernel/validation';
import { ProfileRegistry, builtInCalendar } from '../data/reference-data';
import { IsoDate } from '../workflows/calendar/iso-date';
import { caseholderMoved } from '../workflows/open-to-review/commands/caseholder-moved';
import { Closing, closeCase, endIfDue } from '../workflows/open-to-review/commands/close';
import { OpenToReviewContext } from '../workflows/open-to-review/commands/context';
import { decisionNote } from '../workflows/open-to-review/commands/decision-note';
import { ehcpDate } from '../workflows/open-to-review/commands/ehcp-date';
import { changePackageCommand } from '../workflows/open-to-review/commands/package';
import { representation } from '../workflows/open-to-review/commands/representation';
import { reviewHeld } from '../workflows/open-to-review/commands/review-held';
import { taskDone } from '../workflows/open-to-review/commands/task-done';
import { visit } from '../workflows/open-to-review/commands/visit';
import { OpenToReviewCaseStart, OpenToReviewReviewHeld } from '../workflows/open-to-review/messages';
import { OpenToReviewModel, ageRefusal } from '../workflows/open-to-review/model';
import {
  DEFAULT_O2R_SETTINGS,
  OpenToReviewRecipient,
  openToReviewObligations,
  openToReviewSettings,
} from '../workflows/open-to-review/obligations';
import { endedNotice } from '../workflows/open-to-review/wording';
import { initialModel } from '../workflows/open-to-review/opening';

const calendar = builtInCalendar();
const OPENED: IsoDate = '2026-01-05';
const TODAY: IsoDate = '2026-03-02';

function ctx(today = TODAY, variant: 'protocol' | 'kent' = 'protocol'): OpenToReviewContext & { notices: Notice<OpenToReviewRecipient>[] } {
  const notices: Notice<OpenToReviewRecipient>[] = [];
  return { today, calendar, settings: { ...DEFAULT_O2R_SETTINGS, variant }, notices, notice: (n) => notices.push(n) };
}

function start(fields: Partial<OpenToReviewCaseStart> = {}): OpenToReviewCaseStart {
  return {
    caseId: 'o2r-1',
    kind: 'open-to-review',
    variant: 'protocol',
    child: { childId: 'C1', dateOfBirth: '2018-06-01', team: 'north-1' },
    caseholder: 'sw-1',
    profileId: 'statutory',
    settings: DEFAULT_O2R_SETTINGS,
    rationale: 'Stable',
    by: 'tm-1',
    ...fields,
  };
}

/** Awaiting the decision note (the window for representations closed in early February). */
const entry = (fields: Partial<OpenToReviewCaseStart> = {}) => initialModel(start(fields), OPENED, calendar);
/** O2R agreed on TODAY with the first review on 2026-06-01. */
function open(fields: Partial<OpenToReviewCaseStart> = {}): OpenToReviewModel {
  const m = entry(fields);
  decisionNote.apply(m, { decision: 'o2r', rationale: 'agreed', firstReviewOn: '2026-06-01', by: 'tm-1' }, ctx());
  return m;
}
function withReview(m: OpenToReviewModel, heldOn: IsoDate): OpenToReviewModel {
  reviewHeld.apply(m, review({ heldOn }), ctx(heldOn));
  return m;
}
const review = (r: Partial<OpenToReviewReviewHeld> = {}): OpenToReviewReviewHeld => ({
  heldOn: TODAY,
  type: 'telephone',
  childSeen: true,
  parentsSeen: true,
  chair: { role: 'caseholder' },
  outcome: 'continue',
  by: 'sw-1',
  ...r,
});
function ended(): OpenToReviewModel {
  const m = open();
  reviewHeld.apply(m, review({ outcome: 'leave', leaveReason: 'needs-closed' }), ctx());
  return m;
}

/** The refusal's {field, rule}, or undefined if it was accepted. */
function refusal(f: () => void): { field: string; rule?: string; caseEnded?: boolean } | undefined {
  try {
    f();
  } catch (e) {
    if (!(e instanceof ApplicationFailure) || e.type !== REFUSAL) throw e;
    const [d] = e.details as RefusalDetail[];
    return { field: d.field, rule: d.rule, ...(d.caseEnded ? { caseEnded: true } : {}) };
  }
  return undefined;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCommand = Command<any, any, OpenToReviewContext>;
const refusals: [string, AnyCommand, () => unknown, unknown, IsoDate, { field: string; rule?: string; caseEnded?: boolean }][] = [
  [
    'a representation once O2R is agreed',
    representation,
    open,
    { on: TODAY, objection: false, summary: 'x', by: 'fam' },
    TODAY,
    { field: 'caseId', rule: 'O2' },
  ],
  [
    'a representation dated in the future',
    representation,
    entry,
    { on: '2026-03-03', objection: false, summary: 'x', by: 'fam' },
    TODAY,
    { field: 'on', rule: 'O2' },
  ],
  [
    'a representation before the case opened',
    representation,
    entry,
    { on: '2026-01-02', objection: false, summary: 'x', by: 'fam' },
    TODAY,
    { field: 'on', rule: 'O2' },
  ],
  [
    'an objection that is not true or false',
    representation,
    entry,
    { on: TODAY, objection: 'yes', summary: 'x', by: 'fam' },
    TODAY,
    { field: 'objection' },
  ],
  [
    'a representation without a summary',
    representation,
    entry,
    { on: TODAY, objection: true, summary: ' ', by: 'fam' },
    TODAY,
    { field: 'summary' },
  ],
  [
    'a second decision note',
    decisionNote,
    open,
    { decision: 'o2r', rationale: 'r', firstReviewOn: '2026-06-01', by: 'tm-1' },
    TODAY,
    { field: 'caseId', rule: 'O2' },
  ],
  [
    'a decision that is neither',
    decisionNote,
    entry,
    { decision: 'maybe', rationale: 'r', by: 'tm-1' },
    TODAY,
    { field: 'decision', rule: 'O2' },
  ],
  [
    'O2R agreed while the family may still object',
    decisionNote,
    entry,
    { decision: 'o2r', rationale: 'r', firstReviewOn: '2026-06-01', by: 'tm-1' },
    '2026-01-20',
    { field: 'decision', rule: 'O2' },
  ],
  [
    'O2R agreed without a first review date',
    decisionNote,
    entry,
    { decision: 'o2r', rationale: 'r', by: 'tm-1' },
    TODAY,
    { field: 'firstReviewOn', rule: 'O2' },
  ],
  [
    'a first review date not after today',
    decisionNote,
    entry,
    { decision: 'o2r', rationale: 'r', firstReviewOn: TODAY, by: 'tm-1' },
    TODAY,
    { field: 'firstReviewOn', rule: 'O2' },
  ],
  [
    'a first review more than 12 months away',
    decisionNote,
    entry,
    { decision: 'o2r', rationale: 'r', firstReviewOn: '2027-03-03', by: 'tm-1' },
    TODAY,
    { field: 'firstReviewOn', rule: 'O3' },
  ],
  [
    'O2 a first review more than 6 months after the move to O2R (the yearly face-to-face one never replaces it)',
    decisionNote,
    entry,
    { decision: 'o2r', rationale: 'r', firstReviewOn: '2026-09-03', by: 'tm-1' },
    TODAY,
    { field: 'firstReviewOn', rule: 'O3' },
  ],
  ['a review before the decision note', reviewHeld, entry, review(), TODAY, { field: 'caseId', rule: 'O2' }],
  ['a review once the case has left', reviewHeld, ended, review(), TODAY, { field: 'caseId', rule: 'O4', caseEnded: true }],
  ['a review not after the last one', reviewHeld, () => withReview(open(), TODAY), review(), TODAY, { field: 'heldOn' }],
  ['a review by video', reviewHeld, open, review({ type: 'video' as never }), TODAY, { field: 'type', rule: 'O3' }],
  ['a review with an unknown chair', reviewHeld, open, review({ chair: { role: 'parent' as never } }), TODAY, { field: 'chair.role' }],
  [
    "Kent: overnight breaks' first review chaired by the caseholder",
    reviewHeld,
    () => open({ variant: 'kent', package: { overnightShortBreaks: true, hoursPerWeek: 4 } }),
    review(),
    TODAY,
    { field: 'chair.role', rule: 'O6' },
  ],
  [
    'continuing though more frequent reviews are needed',
    reviewHeld,
    open,
    review({ moreFrequentReviewsNeeded: true }),
    TODAY,
    { field: 'outcome', rule: 'O4' },
  ],
  ['leaving without a reason', reviewHeld, open, review({ outcome: 'leave' }), TODAY, { field: 'leaveReason', rule: 'O4' }],
  [
    'continuing with a reason to leave',
    reviewHeld,
    open,
    review({ leaveReason: 'needs-closed' }),
    TODAY,
    { field: 'leaveReason', rule: 'O4' },
  ],
  [
    'a visit on which no one was seen',
    visit,
    open,
    { on: TODAY, childSeen: false, parentsSeen: false, by: 'sw-1' },
    TODAY,
    { field: 'childSeen', rule: 'O3' },
  ],
  ['a visit by an odd staff id', visit, open, { on: TODAY, childSeen: true, parentsSeen: false, by: 'no spaces' }, TODAY, { field: 'by' }],
  ['a past EHCP annual review', ehcpDate, open, { on: '2026-03-01', by: 'sw-1' }, TODAY, { field: 'on', rule: 'O3' }],
  ['an EHCP date that is not a date', ehcpDate, open, { on: '2026-02-30', by: 'sw-1' }, TODAY, { field: 'on' }],
  [
    'a package of 200 hours a week',
    changePackageCommand,
    open,
    { overnightShortBreaks: false, hoursPerWeek: 200, by: 'sw-1' },
    TODAY,
    { field: 'hoursPerWeek', rule: 'O6' },
  ],
  ['supervision done in a protocol case', taskDone, open, { key: 'supervision', on: TODAY, by: 'tm-1' }, TODAY, { field: 'key' }],
  ['a plan shared for a review not held', taskDone, open, { key: 'r1/plan-shared', on: TODAY, by: 'sw-1' }, TODAY, { field: 'key' }],
  ['moving the case to its caseholder', caseholderMoved, open, { to: 'sw-1', by: 'tm-1' }, TODAY, { field: 'to', rule: 'O5' }],
  ['moving an ended case', caseholderMoved, ended, { to: 'sw-2', by: 'tm-1' }, TODAY, { field: 'caseId', rule: 'O4', caseEnded: true }],
  ['closing without a reason', closeCase, () => ({ model: open() }), { on: TODAY, reason: '', by: 'tm-1' }, TODAY, { field: 'reason' }],
  [
    'closing an ended case',
    closeCase,
    () => ({ model: ended() }),
    { on: TODAY, reason: 'r', by: 'tm-1' },
    TODAY,
    { field: 'caseId', rule: 'O4', caseEnded: true },
  ],
];

describe('validate refuses', () => {
  test.each(refusals)('%s', (_name, command, model, input, today, expected) => {
    expect(refusal(() => command.validate(model(), input, ctx(today)))).toEqual(expected);
  });
});

const accepted: [string, AnyCommand, () => unknown, unknown][] = [
  ['a representation while O2R is decided', representation, entry, { on: TODAY, objection: true, summary: 'we object', by: 'fam' }],
  [
    'O2R agreed after the window, first review within 6 months',
    decisionNote,
    entry,
    { decision: 'o2r', rationale: 'r', firstReviewOn: '2026-09-02', by: 'tm-1' },
  ],
  ['not O2R, before the window closes', decisionNote, () => entry(), { decision: 'not-o2r', rationale: 'r', by: 'tm-1' }],
  ['a review that leaves', reviewHeld, open, review({ outcome: 'leave', leaveReason: 'series-ended' })],
  ['a plan shared after review 1', taskDone, () => withReview(open(), TODAY), { key: 'r1/plan-shared', on: TODAY, by: 'sw-1' }],
  ['Kent supervision', taskDone, () => open({ variant: 'kent' }), { key: 'supervision', on: TODAY, by: 'tm-1' }],
];

describe('validate accepts', () => {
  test.each(accepted)('%s', (_name, command, model, input) => {
    expect(refusal(() => command.validate(model(), input, ctx()))).toBeUndefined();
  });
});

describe('apply', () => {
  test('an objection is recorded and the team manager told at once (O2)', () => {
    const m = entry();
    const c = ctx();
    representation.apply(m, { on: TODAY, objection: true, summary: 'we object', by: 'fam' }, c);
    expect(m.entry!.representations).toEqual([{ on: TODAY, objection: true, summary: 'we object', by: 'fam' }]);
    expect(m.events.at(-1)).toEqual({ on: TODAY, what: 'the family objects: we object', rule: 'O2', by: 'fam' });
    expect(c.notices).toEqual([expect.objectContaining({ id: 'objection/1', to: ['team-manager'], rule: 'O2', kind: 'objection' })]);
  });

  test('a representation that is not an objection tells no one', () => {
    const c = ctx();
    representation.apply(entry(), { on: TODAY, objection: false, summary: 'fine', by: 'fam' }, c);
    expect(c.notices).toEqual([]);
  });

  test.each([
    ['o2r', 'open', undefined],
    ['not-o2r', 'not-o2r', { on: TODAY, reason: 'not moved to O2R: r', allocateTo: 'social-worker' }],
  ] as const)('decision note %s: the case is %s', (decision, status, ended) => {
    const m = entry();
    decisionNote.apply(m, { decision, rationale: 'r', firstReviewOn: decision === 'o2r' ? '2026-06-01' : undefined, by: 'tm-1' }, ctx());
    expect(m.status).toBe(status);
    expect(m.ended).toEqual(ended);
    expect(m.entry!.decision).toMatchObject({ on: TODAY, by: 'tm-1', decision });
  });

  test.each([
    ['on time', '2026-05-29', true, 'continue', undefined, 'open', undefined],
    ['late', '2026-06-02', false, 'continue', undefined, 'open', undefined],
    ['leaving: more frequent reviews needed', '2026-05-29', true, 'leave', 'more-frequent-reviews-needed', 'left', 'social-worker'],
    ['leaving: the series ended', '2026-05-29', true, 'leave', 'series-ended', 'left', undefined],
  ] as const)('a review held %s', (_name, heldOn, onTime, outcome, leaveReason, status, allocateTo) => {
    const m = open();
    reviewHeld.apply(m, review({ heldOn, outcome, leaveReason }), ctx(heldOn));
    expect(m.reviews).toEqual([expect.objectContaining({ number: 1, heldOn, due: '2026-06-01', onTime, outcome })]);
    expect(m.status).toBe(status);
    expect(m.ended?.allocateTo).toBe(allocateTo);
  });

  test('a visit, the EHCP date moved, a package and a task are recorded', () => {
    const m = withReview(open({ variant: 'kent' }), TODAY);
    const c = ctx(TODAY, 'kent');
    visit.apply(m, { on: TODAY, childSeen: true, parentsSeen: false, by: 'sw-1' }, c);
    ehcpDate.apply(m, { on: '2026-09-01', by: 'sw-1' }, c);
    ehcpDate.apply(m, { on: '2026-10-01', by: 'sw-1' }, c);
    changePackageCommand.apply(m, { overnightShortBreaks: true, hoursPerWeek: 12, by: 'sw-1' }, c);
    taskDone.apply(m, { key: 'supervision', on: TODAY, by: 'tm-1' }, c);
    expect(m.visits).toEqual([{ on: TODAY, childSeen: true, parentsSeen: false, where: undefined, by: 'sw-1' }]);
    expect(m.ehcpAnnualReviewOn).toBe('2026-10-01');
    expect(m.package).toEqual({ overnightShortBreaks: true, hoursPerWeek: 12 });
    expect(m.done).toEqual({ supervision: TODAY });
    expect(m.events.slice(-5).map((e) => [e.what, e.rule])).toEqual([
      [`visit on ${TODAY}: child seen`, 'O6'],
      ['EHCP annual review on 2026-09-01', 'O3'],
      ['EHCP annual review moved from 2026-09-01 to 2026-10-01', 'O3'],
      ['package: overnight short breaks, 12 hours a week', 'O6'],
      [`supervision done on ${TODAY}`, 'O6'],
    ]);
  });

  test.each([
    [false, ['allocated']],
    [true, ['allocated', 'caseload-over-capacity']],
  ])('the caseholder moves (capacity warning %s): the new caseholder is told (O5)', (capacityWarning, kinds) => {
    const m = open();
    const c = ctx();
    caseholderMoved.apply(m, { to: 'sw-2', caseloadAfter: 101, capacityWarning, by: 'tm-1' }, c);
    expect(m.caseholder).toBe('sw-2');
    expect(c.notices.map((n) => n.kind)).toEqual(kinds);
    expect(c.notices[0]).toMatchObject({
      id: `caseholder/${m.events.length}`,
      to: ['caseholder'],
      body: `This case moved to you from sw-1 on ${TODAY}.`,
    });
  });

  test('a close is noted, and the case ends at the top of the next pass', () => {
    const closing: Closing = { model: open() };
    closeCase.apply(closing, { on: TODAY, reason: 'moved away', by: 'tm-1' }, ctx());
    expect(closing.model.status).toBe('open');
    expect(endIfDue(closing, TODAY, '2043-06-01')).toBe(true);
    expect(closing.model).toMatchObject({ status: 'closed', ended: { on: TODAY, reason: 'moved away' } });
    expect(closing.model.events.at(-1)).toEqual({ on: TODAY, what: 'case closed: moved away', rule: 'O4', by: 'tm-1' });
  });

  test.each([
    ['open-to-review', '2043-06-01', 'reached 25: the end of the service', 'O4'],
    ['short-breaks-series', '2036-06-01', 'reached 18: the end of the service', 'L19'],
  ] as const)('a %s case ends at the end of the service', (kind, endsOn, reason, rule) => {
    // A short-breaks series is open from the start; an O2R case once the decision note agrees.
    const closing: Closing = { model: kind === 'open-to-review' ? open() : entry({ kind, firstBreakOn: '2026-01-10' }) };
    expect(endIfDue(closing, '2036-05-31', endsOn)).toBe(false);
    expect(endIfDue(closing, endsOn, endsOn)).toBe(true);
    expect(closing.model).toMatchObject({ status: 'ended', ended: { on: endsOn, reason } });
    expect(closing.model.events.at(-1)!.rule).toBe(rule);
  });
});

/** Issue 11: the statutory corrections of section B and L19, each named by its rule. */
describe('statutory rules', () => {
  const obligationsOf = (m: OpenToReviewModel, today?: IsoDate, variant: 'protocol' | 'kent' = m.variant) =>
    openToReviewObligations(m, { ...DEFAULT_O2R_SETTINGS, variant }, calendar, today);
  const dueOf = (m: OpenToReviewModel, key: string) => obligationsOf(m).find((o) => o.key === key)?.due;

  test.each([
    ['o2r', "Your child's case has moved to Open to Review. agreed. Your named Open to Review social worker is sw-1"],
    ['not-o2r', "Your child's case will not move to Open to Review. agreed. The team manager will allocate a social worker"],
  ] as const)(
    'O2 the family is written to when the decision (%s) is made: the rationale, the named worker, the duty route',
    (decision, start) => {
      const m = entry();
      const c = ctx();
      decisionNote.apply(m, { decision, rationale: 'agreed', firstReviewOn: decision === 'o2r' ? '2026-06-01' : undefined, by: 'tm-1' }, c);
      const letter = c.notices.find((n) => n.kind === 'decision-letter');
      expect(letter).toMatchObject({ to: ['family', 'caseholder'], rule: 'O2' });
      expect(letter!.body.startsWith(start)).toBe(true);
      expect(letter!.body).toMatch(/urgent, contact the 0-25 Social Care Duty worker/);
    },
  );

  test('O2 until the decision note exists the team manager and service manager are chased again and again', () => {
    const m = entry();
    const chases = (today: IsoDate) =>
      obligationsOf(m, today)
        .find((o) => o.key === 'decision-note')!
        .actions.filter((a) => a.id.includes('/chase/'));
    // A year after the window closed: the chase due by then and the next one, to both managers.
    const late = chases('2027-02-01');
    expect(late).toHaveLength(2);
    expect(late[0].on <= '2027-02-01' && late[1].on > '2027-02-01').toBe(true);
    expect(late.every((a) => a.kind === 'escalation' && a.to.join() === 'team-manager,service-manager')).toBe(true);
    // Years later, still chased (until the 25th birthday ends the case).
    expect(chases('2035-06-01').at(-1)!.on > '2035-06-01').toBe(true);
    // Histories from before the correction are not chased again.
    expect(obligationsOf({ ...m, legacyRules: true }, '2027-02-01')[0].actions).toHaveLength(3);
  });

  test('O3 a telephone review does not count as seeing the child or parents; a face-to-face one does', () => {
    const phone = open();
    reviewHeld.apply(phone, review({ type: 'telephone', childSeen: true, parentsSeen: true }), ctx());
    expect([dueOf(phone, 'child-seen'), dueOf(phone, 'parents-seen')]).toEqual(['2027-01-05', '2027-01-05']);
    const face = open();
    reviewHeld.apply(face, review({ type: 'face-to-face', childSeen: true, parentsSeen: true }), ctx());
    expect([dueOf(face, 'child-seen'), dueOf(face, 'parents-seen')]).toEqual(['2027-03-02', '2027-03-02']);
  });

  test('O6 Kent: the child is seen once a year at home and once at school, college or the short-breaks setting', () => {
    const m = open({ variant: 'kent' });
    expect([dueOf(m, 'child-seen-at-home'), dueOf(m, 'child-seen-at-setting')]).toEqual(['2027-01-05', '2027-01-05']);
    visit.apply(m, { on: '2026-02-10', childSeen: true, parentsSeen: true, where: 'at home', by: 'sw-1' }, ctx());
    expect([dueOf(m, 'child-seen-at-home'), dueOf(m, 'child-seen-at-setting')]).toEqual(['2027-02-10', '2027-01-05']);
    visit.apply(m, { on: TODAY, childSeen: true, parentsSeen: false, place: 'short-breaks', by: 'sw-1' }, ctx());
    expect([dueOf(m, 'child-seen-at-home'), dueOf(m, 'child-seen-at-setting')]).toEqual(['2027-02-10', '2027-03-02']);
    expect(
      refusal(() => visit.validate(m, { on: TODAY, childSeen: true, parentsSeen: false, place: 'car' as never, by: 'sw-1' }, ctx())),
    ).toEqual({ field: 'place', rule: 'O6' });
  });

  test("O5 Kent's O2R caseload capacity is 30", () => {
    expect(openToReviewSettings(ProfileRegistry.load().get('kent')!.openToReview).caseloadCapacity).toBe(30);
  });

  test('O6 Kent: the first review after overnight breaks start, whenever that is, is chaired by a senior practitioner or team manager', () => {
    const m = open({ variant: 'kent', package: { overnightShortBreaks: false, hoursPerWeek: 4 } });
    expect(refusal(() => reviewHeld.validate(m, review(), ctx()))).toBeUndefined();
    reviewHeld.apply(m, review({ heldOn: '2026-02-20' }), ctx());
    changePackageCommand.apply(m, { overnightShortBreaks: true, hoursPerWeek: 4, by: 'sw-1' }, ctx());
    expect(refusal(() => reviewHeld.validate(m, review(), ctx()))).toEqual({ field: 'chair.role', rule: 'O6' });
    const senior = review({ chair: { role: 'team-manager', staffId: 'tm-1' } });
    expect(refusal(() => reviewHeld.validate(m, senior, ctx()))).toBeUndefined();
    reviewHeld.apply(m, senior, ctx());
    // Later reviews may be chaired by the caseholder; a package change that keeps the overnight breaks changes nothing.
    changePackageCommand.apply(m, { overnightShortBreaks: true, hoursPerWeek: 6, by: 'sw-1' }, ctx('2026-03-10'));
    expect(refusal(() => reviewHeld.validate(m, review({ heldOn: '2026-03-10' }), ctx('2026-03-10')))).toBeUndefined();
  });

  describe('L19 a series of short breaks', () => {
    const series = () => entry({ kind: 'short-breaks-series', firstBreakOn: '2026-01-10' });
    const brk = (on: IsoDate, days: number) => ({ on, days, by: 'sw-1' });

    test('L19 each break is recorded; approaching and passing 120 days in any 12 months warns the team manager', async () => {
      const { shortBreak } = await import('../workflows/open-to-review/commands/short-break');
      const m = series();
      const kinds: string[][] = [];
      for (const [on, days] of [
        ['2026-01-10', 30],
        ['2026-02-20', 30],
        ['2026-04-01', 45],
        ['2026-05-20', 20],
      ] as const) {
        const c = ctx('2026-06-30');
        expect(refusal(() => shortBreak.validate(m, brk(on, days), c))).toBeUndefined();
        shortBreak.apply(m, brk(on, days), c);
        kinds.push(c.notices.map((n) => `${n.kind}>${n.to.join()}`));
      }
      expect(m.breaks).toHaveLength(4);
      expect(kinds).toEqual([[], [], ['short-breaks-approaching-limit>team-manager'], ['short-breaks-over-limit>team-manager']]);
    });

    test.each([
      ['overlapping a break already recorded', '2026-01-15', 2, { field: 'on', rule: 'L19' }],
      ['in the future', '2026-07-01', 2, { field: 'on', rule: 'L19' }],
      ['before the first break', '2026-01-09', 1, { field: 'on', rule: 'L19' }],
      ['of no days', '2026-03-01', 0, { field: 'days', rule: 'L19' }],
    ] as const)('L19 a break %s is refused', async (_name, on, days, expected) => {
      const { shortBreak } = await import('../workflows/open-to-review/commands/short-break');
      const m = series();
      shortBreak.apply(m, brk('2026-01-10', 7), ctx('2026-06-30'));
      expect(refusal(() => shortBreak.validate(m, brk(on, days), ctx('2026-06-30')))).toEqual(expected);
    });

    test('L19 the busiest 12 months count each day once, in any 12 months', async () => {
      const { busiestTwelveMonths } = await import('../workflows/open-to-review/short-breaks');
      expect(busiestTwelveMonths([brk('2025-01-01', 60), brk('2025-11-01', 60), brk('2026-12-31', 10)])).toEqual({
        days: 120,
        from: '2024-12-31',
        to: '2025-12-30',
      });
    });

    test.each([
      ['short-breaks-series', '2008-03-02', { rule: 'L19' }],
      ['short-breaks-series', '2008-03-03', undefined],
      ['open-to-review', '2001-03-02', { rule: 'O1' }],
      ['open-to-review', '2008-03-02', undefined],
    ] as const)('L19 a %s for someone born %s: refused at 18 (series) or 25 (O2R)', (kind, dateOfBirth, expected) => {
      const r = ageRefusal(kind, dateOfBirth, TODAY);
      expect(r && { rule: r.rule }).toEqual(expected);
    });
  });

  test.each([
    ['closed', 'open-to-review', 'O4'],
    ['ended', 'open-to-review', 'O4'],
    ['ended', 'short-breaks-series', 'L19'],
  ] as const)('O4/L19 a case %s (%s) tells the caseholder and the team manager', (status, kind, rule) => {
    const m = { ...entry({ kind, firstBreakOn: '2026-01-10' }), status, ended: { on: TODAY, reason: 'r' } };
    expect(endedNotice(m)).toMatchObject({ id: `end/${status}`, to: ['caseholder', 'team-manager'], rule, kind: status });
  });
});
