/**
 * Open to Review recorded after the fact (rules.md O2-O6, issue 11): a case proposed on a past date
 * counts its window for representations from that day, the decision note is judged on the day it
 * was made (the window, the first review within 6 months), each later fact is dated and kept in
 * order, and what fell due before the case was recorded is caught up once. Table-driven, no Temporal.
 */
import { ApplicationFailure } from '@temporalio/common';
import { buildCalendarSnapshot, builtInCalendar, loadOfficialHolidays } from '../data/reference-data';
import { WorkingDayCalendar } from '../workflows/calendar/working-day-calendar';
import { IsoDate } from '../workflows/calendar/iso-date';
import type { Notice } from '../workflows/case-kernel/case-kernel';
import { catchUpId, withCatchUp } from '../workflows/case-kernel/catch-up';
import { Command } from '../workflows/case-kernel/command';
import { REFUSAL, RefusalDetail } from '../workflows/case-kernel/validation';
import { caseholderMoved } from '../workflows/open-to-review/commands/caseholder-moved';
import { Closing, closeCase } from '../workflows/open-to-review/commands/close';
import { OpenToReviewContext } from '../workflows/open-to-review/commands/context';
import { decisionNote } from '../workflows/open-to-review/commands/decision-note';
import { ehcpDate } from '../workflows/open-to-review/commands/ehcp-date';
import { changePackageCommand } from '../workflows/open-to-review/commands/package';
import { representation } from '../workflows/open-to-review/commands/representation';
import { reviewHeld } from '../workflows/open-to-review/commands/review-held';
import { taskDone } from '../workflows/open-to-review/commands/task-done';
import { OpenToReviewCaseStart } from '../workflows/open-to-review/messages';
import {
  DEFAULT_O2R_SETTINGS,
  OpenToReviewRecipient,
  faceToFaceDue,
  nextReviewDue,
  openToReviewObligations,
} from '../workflows/open-to-review/obligations';
import { initialModel, representationsByOnCalendar } from '../workflows/open-to-review/opening';
import { obligationMessage } from '../workflows/open-to-review/wording';

const calendar = builtInCalendar();
const TODAY: IsoDate = '2026-11-24';
const PROPOSED: IsoDate = '2025-05-01';
const ctx = (
  today = TODAY,
  variant: 'protocol' | 'kent' = 'protocol',
): OpenToReviewContext & { notices: Notice<OpenToReviewRecipient>[] } => {
  const notices: Notice<OpenToReviewRecipient>[] = [];
  return { today, calendar, settings: { ...DEFAULT_O2R_SETTINGS, variant }, notices, notice: (n) => notices.push(n) };
};
const START: OpenToReviewCaseStart = {
  caseId: 'o2r-1',
  kind: 'open-to-review',
  variant: 'protocol',
  child: { childId: 'C1', dateOfBirth: '2015-06-01', team: 'north-1' },
  caseholder: 'sw-1',
  profileId: 'statutory',
  settings: DEFAULT_O2R_SETTINGS,
  rationale: 'Stable',
  openedOn: PROPOSED,
  by: 'tm-1',
};
/** Proposed on 2025-05-01, recorded today: the family's window closed on 2025-06-02 (bank holidays 5 and 26 May). */
const proposed = () => initialModel(START, TODAY, calendar);
const NOTE = { decision: 'o2r' as const, rationale: 'agreed', firstReviewOn: '2025-12-10', by: 'tm-1', on: '2025-06-10' };
/** Agreed on 2025-06-10, first review by 2025-12-10. */
const agreed = () => {
  const m = proposed();
  decisionNote.apply(m, NOTE, ctx());
  return m;
};
const REVIEW = {
  heldOn: '2025-12-01',
  type: 'face-to-face' as const,
  childSeen: true,
  parentsSeen: true,
  chair: { role: 'caseholder' as const },
  outcome: 'continue' as const,
  by: 'sw-1',
};
const reviewed = () => {
  const m = agreed();
  reviewHeld.apply(m, REVIEW, ctx());
  return m;
};

function refusal(f: () => void): { field: string; rule?: string } | undefined {
  try {
    f();
  } catch (e) {
    if (!(e instanceof ApplicationFailure) || e.type !== REFUSAL) throw e;
    const [d] = e.details as RefusalDetail[];
    return { field: d.field, rule: d.rule };
  }
  return undefined;
}

test('O2 a case proposed on a past date: the letter and the window for representations from that day; recorded today', () => {
  const m = proposed();
  expect(m).toMatchObject({ openedOn: PROPOSED, recordedOn: TODAY, entry: { letterOn: PROPOSED, representationsBy: '2025-06-02' } });
  expect(m.events[0]).toMatchObject({ what: expect.stringContaining(`(recorded on ${TODAY})`) });
  expect(initialModel({ ...START, openedOn: undefined }, TODAY, calendar)).toMatchObject({ openedOn: TODAY, entry: { letterOn: TODAY } });
  expect(initialModel({ ...START, openedOn: undefined }, TODAY, calendar).recordedOn).toBeUndefined();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCommand = Command<any, any, OpenToReviewContext>;
const said = () => {
  const m = proposed();
  representation.apply(m, { on: '2025-05-20', objection: false, summary: 'fine', by: 'fam' }, ctx());
  return m;
};
const closing = (): Closing => ({ model: reviewed() });
const refusals: [string, AnyCommand, () => unknown, object, { field: string; rule?: string } | undefined][] = [
  [
    'O2 a decision note within the window, judged on its own date',
    decisionNote,
    proposed,
    { ...NOTE, on: '2025-06-02' },
    { field: 'on', rule: 'O2' },
  ],
  [
    'O2 a decision note the day after the window, first review within 6 months of it',
    decisionNote,
    proposed,
    { ...NOTE, on: '2025-06-03', firstReviewOn: '2025-12-03' },
    undefined,
  ],
  [
    'O3 a first review more than 6 months after the note',
    decisionNote,
    proposed,
    { ...NOTE, firstReviewOn: '2025-12-11' },
    { field: 'firstReviewOn', rule: 'O3' },
  ],
  ['O3 a first review exactly 6 months after the note', decisionNote, proposed, { ...NOTE, firstReviewOn: '2025-12-10' }, undefined],
  [
    'O2 a first review not after the note',
    decisionNote,
    proposed,
    { ...NOTE, firstReviewOn: '2025-06-10' },
    { field: 'firstReviewOn', rule: 'O2' },
  ],
  [
    'O2 without a date, judged today (as before): a first review in the past',
    decisionNote,
    proposed,
    { ...NOTE, on: undefined },
    { field: 'firstReviewOn', rule: 'O2' },
  ],
  ['O2 a decision note in the future', decisionNote, proposed, { ...NOTE, on: '2026-11-25' }, { field: 'on', rule: 'O2' }],
  [
    'O2 a decision note before the case opened',
    decisionNote,
    proposed,
    { ...NOTE, decision: 'not-o2r', on: '2025-04-30' },
    { field: 'on', rule: 'O2' },
  ],
  [
    'O2 a note before the latest representation',
    decisionNote,
    said,
    { ...NOTE, decision: 'not-o2r', on: '2025-05-19' },
    { field: 'on', rule: 'O2' },
  ],
  ['O2 a note not-o2r within the window', decisionNote, said, { ...NOTE, decision: 'not-o2r', on: '2025-05-21' }, undefined],
  ['O2 a review held before the decision note', reviewHeld, agreed, { ...REVIEW, heldOn: '2025-06-09' }, { field: 'heldOn', rule: 'O2' }],
  ['O2 a review held on the day of the note', reviewHeld, agreed, { ...REVIEW, heldOn: '2025-06-10' }, undefined],
  ['O3 an EHCP date known then, past now', ehcpDate, agreed, { on: '2025-09-15', asOf: '2025-07-01', by: 'sw-1' }, undefined],
  [
    'O3 an EHCP date before the day it was known',
    ehcpDate,
    agreed,
    { on: '2025-06-30', asOf: '2025-07-01', by: 'sw-1' },
    { field: 'on', rule: 'O3' },
  ],
  [
    'O3 an EHCP date in the past, no date given (as before)',
    ehcpDate,
    agreed,
    { on: '2025-09-15', by: 'sw-1' },
    { field: 'on', rule: 'O3' },
  ],
  [
    'O3 an EHCP date known in the future',
    ehcpDate,
    agreed,
    { on: '2027-01-15', asOf: '2026-12-01', by: 'sw-1' },
    { field: 'asOf', rule: 'O3' },
  ],
  [
    'O6 a package change before the last review',
    changePackageCommand,
    reviewed,
    { overnightShortBreaks: true, hoursPerWeek: 4, on: '2025-11-30', by: 'sw-1' },
    { field: 'on', rule: 'O6' },
  ],
  [
    'O6 a package change after it',
    changePackageCommand,
    reviewed,
    { overnightShortBreaks: true, hoursPerWeek: 4, on: '2025-12-02', by: 'sw-1' },
    undefined,
  ],
  [
    'O5 a move to another caseholder in the future',
    caseholderMoved,
    agreed,
    { to: 'sw-2', on: '2026-12-01', by: 'tm-1' },
    { field: 'on', rule: 'O5' },
  ],
  [
    'O4 a plan shared before its review',
    taskDone,
    reviewed,
    { key: 'r1/plan-shared', on: '2025-11-30', by: 'sw-1' },
    { field: 'on', rule: 'O4' },
  ],
  ['O4 a plan shared after it', taskDone, reviewed, { key: 'r1/plan-shared', on: '2025-12-20', by: 'sw-1' }, undefined],
  ['O4 a close before the last review', closeCase, closing, { on: '2025-11-30', reason: 'moved', by: 'tm-1' }, { field: 'on', rule: 'O4' }],
];
test.each(refusals)('validate: %s', (_name, command, model, input, expected) => {
  expect(refusal(() => command.validate(model(), input, ctx()))).toEqual(expected);
});

test('O2 O3 the note made on 2025-06-10: the review, the face-to-face review and the reviews after counted from the dates given', () => {
  const m = agreed();
  expect(m.entry!.decision).toMatchObject({ on: '2025-06-10', firstReviewOn: '2025-12-10' });
  expect(nextReviewDue(m)).toMatchObject({ due: '2025-12-10', rule: 'O2' });
  expect(faceToFaceDue(m)).toMatchObject({ due: '2026-06-10' });
  reviewHeld.apply(m, REVIEW, ctx());
  expect(m.reviews[0]).toMatchObject({ heldOn: '2025-12-01', due: '2025-12-10', onTime: true });
  expect(nextReviewDue(m)).toMatchObject({ due: '2026-06-01' });
  const c = ctx();
  changePackageCommand.apply(m, { overnightShortBreaks: true, hoursPerWeek: 4, on: '2026-01-05', by: 'sw-1' }, c);
  expect(m.overnightSince).toEqual({ on: '2026-01-05', afterReviews: 1 });
  caseholderMoved.apply(m, { to: 'sw-2', on: '2026-02-02', by: 'tm-1' }, c);
  expect(c.notices.at(-1)!.body).toContain('2026-02-02');
});

test('O2 what fell due before the case was recorded is caught up once, the next working day, one notice per recipient', async () => {
  const m = agreed();
  const dated = openToReviewObligations(m, DEFAULT_O2R_SETTINGS, calendar, TODAY).flatMap((o) =>
    o.actions.map((a) => ({ id: a.id, on: a.on, to: a.to, message: obligationMessage(o, a) })),
  );
  const sent = new Set<string>();
  const notices: Notice<OpenToReviewRecipient>[] = [];
  const actions = withCatchUp(dated, sent, m.recordedOn, calendar, async (n) => void notices.push(n), 'Open to Review case o2r-1');
  const late = dated.filter((a) => a.on < TODAY);
  expect(late.length).toBeGreaterThan(3);
  expect(actions[0]).toMatchObject({ id: catchUpId(TODAY), on: '2026-11-25' });
  expect(actions.slice(1)).toEqual(dated.filter((a) => a.on >= TODAY));
  await actions[0].effect!();
  expect(notices.map((n) => n.to[0]).sort()).toEqual(['caseholder', 'team-manager']);
  expect(notices.every((n) => n.kind === 'catch-up' && !/Reminder:/.test(n.body))).toBe(true);
  expect(notices.find((n) => n.to[0] === 'caseholder')!.body).toContain('Overdue: hold O2R review 1 (O2) (due 2025-12-10)');
  expect(late.every((a) => sent.has(a.id))).toBe(true);
  // Caught up: the actions pass through as they are (a case opened today never has a catch-up).
  sent.add(catchUpId(TODAY));
  expect(withCatchUp(dated, sent, m.recordedOn, calendar, async () => undefined, 'x')).toBe(dated);
  expect(withCatchUp(dated, new Set(), undefined, calendar, async () => undefined, 'x')).toBe(dated);
});

describe("O2 a bank holiday proclaimed while the family's window is open", () => {
  // Letter on Tue 2026-11-24: 20 working days close on 2026-12-22. Thu 26 November is then proclaimed.
  const proclaimed = new WorkingDayCalendar(
    buildCalendarSnapshot(loadOfficialHolidays(), [
      { seq: 1, date: '2026-11-26', action: 'add', title: 'one-off', reason: 'proclaimed', createdAt: '' },
    ]),
  );
  const window = { representationWindow: { workingDays: 20 } };
  const entry = (extra: object = {}) => ({
    status: 'entry' as const,
    entry: { rationale: 'r', letterOn: '2026-11-24', representationsBy: '2026-12-22', representations: [], ...extra },
  });
  test.each([
    ['open, the holiday to come', '2026-11-25', 'moves to 2026-12-23', entry()],
    ['open, on its closing day', '2026-12-22', 'moves to 2026-12-23', entry()],
    ['closed before the change (its day gone by)', '2026-12-23', 'stays', entry()],
    ['decided already', '2026-11-30', 'stays', entry({ decision: { on: '2026-11-30', by: 'tm-1', decision: 'not-o2r', rationale: 'r' } })],
  ] as const)('%s (today %s): the close %s', (_name, today, to, m) => {
    expect(representationsByOnCalendar(m, window, proclaimed, today)).toBe(to === 'stays' ? undefined : to.slice(-10));
  });
  test('a holiday removed moves the close earlier, never before today; the same calendar moves nothing', () => {
    const counted = entry({ representationsBy: '2026-12-23' });
    expect(representationsByOnCalendar(counted, window, calendar, '2026-11-25')).toBe('2026-12-22');
    expect(representationsByOnCalendar(counted, window, calendar, '2026-12-23')).toBeUndefined();
    expect(representationsByOnCalendar(entry(), window, calendar, '2026-11-25')).toBeUndefined();
  });
});
