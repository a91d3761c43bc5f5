/**
 * Section D's rules as pure functions: the start's check (D1-D2), each command's validate + apply
 * (D3-D6) and the obligations they leave. Table-driven, no Temporal: milliseconds.
 */
import { ApplicationFailure } from '@temporalio/common';
import { builtInCalendar } from '../data/reference-data';
import {
  CinContext,
  agreeFirstDateCommand,
  completeTaskCommand,
  endCommand,
  moveReviewCommand,
  recordReviewCommand,
  requestReportCommand,
} from '../workflows/cin-review/commands';
import { initialModel, startFailures } from '../workflows/cin-review/opening';
import { CinStart } from '../workflows/cin-review/messages';
import { CinModel, DEFAULT_CIN_SETTINGS, cinSettings } from '../workflows/cin-review/model';
import { cinObligations, keepSent } from '../workflows/cin-review/obligations';
import { Command } from '../workflows/case-kernel/command';
import { RefusalDetail } from '../workflows/case-kernel/validation';

const calendar = builtInCalendar();
const TODAY = '2026-03-02'; // a Monday
const ctx = (over: Partial<CinContext> = {}): CinContext => ({ today: TODAY, calendar, settings: DEFAULT_CIN_SETTINGS, ...over });
const START: CinStart = {
  caseId: 'cin-' + '0'.repeat(24),
  child: { childId: 'C1', team: 'north-1' },
  socialWorker: 'sw-1',
  iro: 'iro-1',
  criteria: ['second-cin-plan'],
  approvedBy: { staffId: 'tm-1', role: 'team-manager' },
  agreedBy: 'unit-1',
  profileId: 'statutory',
  settings: DEFAULT_CIN_SETTINGS,
  by: 'tm-1',
};
const fresh = (): CinModel => initialModel(START, '2026-02-02');
const booked = (): CinModel => {
  const m = fresh();
  agreeFirstDateCommand.apply(m, { date: '2026-03-20', venue: 'Family centre', invited: ['school'], by: 'sw-1' }, ctx());
  return m;
};
const REVIEW = {
  heldOn: TODAY,
  chair: 'iro-1',
  socialWorkerPresent: true,
  careTeam: [{ member: 'school', attendance: 'attended' as const }],
  nextDate: '2026-06-01',
  by: 'iro-1',
};
const held = (): CinModel => {
  const m = booked();
  recordReviewCommand.apply(m, REVIEW, ctx());
  return m;
};
const ended = (): CinModel => {
  const m = booked();
  endCommand.apply(m, { on: TODAY, outcome: 'closure', summary: 'needs met', by: 'tm-1' }, ctx());
  return m;
};

function refusal(f: () => void): RefusalDetail[] | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof ApplicationFailure) return e.details as RefusalDetail[];
    throw e;
  }
  return undefined;
}

describe('D1-D2 start: every unmet requirement is named', () => {
  test.each<[string, Partial<CinStart>, string[]]>([
    ['one criterion, approved, agreed', {}, []],
    ['outside the criteria with a reason', { criteria: [], outsideCriteriaReason: 'adds value; capacity allows' }, []],
    [
      'step down with the criterion',
      { criteria: ['step-down-from-looked-after-with-supervision-order'], steppedDownFrom: 'lac-' + '1'.repeat(24) },
      [],
    ],
    [
      'no criterion and no reason, no approval, no agreement',
      { criteria: [], approvedBy: undefined, agreedBy: '' },
      ['criteria:D1', 'approvedBy:D2', 'agreedBy:D2'],
    ],
    ['an unknown criterion', { criteria: ['nice-family' as never] }, ['criteria:D1']],
    ['a step down without its criterion', { steppedDownFrom: 'lac-' + '1'.repeat(24) }, ['criteria:D1']],
    ['approved by a social worker', { approvedBy: { staffId: 'sw-1', role: 'social-worker' as never } }, ['approvedBy:D2']],
  ])('%s', (_name, over, failures) => {
    expect(startFailures({ ...START, ...over }).map((f) => `${f.field}:${f.rule}`)).toEqual(failures);
  });
});

type Case = [
  string,
  () => CinModel,
  Command<CinModel, never, CinContext>,
  Record<string, unknown>,
  string | undefined,
  Partial<CinContext>?,
];
const cmd = <I>(c: Command<CinModel, I, CinContext>) => c as unknown as Command<CinModel, never, CinContext>;

describe('commands refuse with the field and rule, or apply', () => {
  const first = { date: '2026-03-20', venue: 'Family centre', invited: ['school', 'health-visitor'], by: 'sw-1' };
  const table: Case[] = [
    ['D3 first date agreed', fresh, cmd(agreeFirstDateCommand), first, undefined],
    ['D3 first date in the past', fresh, cmd(agreeFirstDateCommand), { ...first, date: '2026-03-01' }, 'date:D3'],
    ['D3 nobody invited', fresh, cmd(agreeFirstDateCommand), { ...first, invited: [] }, 'invited:D3'],
    ['D3 twice', booked, cmd(agreeFirstDateCommand), first, 'date:D4'],
    [
      'D4 max interval (local) between reviews',
      booked,
      cmd(recordReviewCommand),
      { ...REVIEW, nextDate: '2026-12-01' },
      'nextDate:D4',
      { settings: cinSettings({ maxInterval: { months: 6 } }) },
    ],
    [
      'D4 the maximum interval is between reviews, not up to the first',
      fresh,
      cmd(agreeFirstDateCommand),
      { ...first, date: '2026-12-01' },
      undefined,
      { settings: cinSettings({ maxInterval: { months: 6 } }) },
    ],
    [
      'D4 a date that has passed is not moved: the review is late',
      booked,
      cmd(moveReviewCommand),
      { to: '2026-03-30', reason: 'forgot', by: 'iro-1' },
      'to:D4',
      { today: '2026-03-23' },
    ],
    ['D3 a review before the first date was agreed', booked, cmd(recordReviewCommand), { ...REVIEW, heldOn: '2026-02-27' }, 'heldOn:D3'],
    ['D5 an invited member not accounted for', booked, cmd(recordReviewCommand), { ...REVIEW, careTeam: [] }, 'careTeam:D5'],
    [
      'D5 a member recorded twice',
      booked,
      cmd(recordReviewCommand),
      {
        ...REVIEW,
        careTeam: [
          { member: 'school', attendance: 'attended' },
          { member: 'school', attendance: 'report-awaited' },
        ],
      },
      'careTeam[1].member:D5',
    ],
    [
      'D5 a member who has left the care team',
      booked,
      cmd(recordReviewCommand),
      { ...REVIEW, careTeam: [{ member: 'school', attendance: 'left-care-team' }] },
      undefined,
    ],
    ['end: before the last review held', held, cmd(endCommand), { on: '2026-02-27', outcome: 'closure', summary: 's', by: 'tm-1' }, 'on'],
    ['D4 move with a reason', booked, cmd(moveReviewCommand), { to: '2026-03-27', reason: 'chair ill', by: 'iro-1' }, undefined],
    ['D4 move without a reason', booked, cmd(moveReviewCommand), { to: '2026-03-27', reason: '', by: 'iro-1' }, 'reason'],
    ['D4 move to the same date', booked, cmd(moveReviewCommand), { to: '2026-03-20', reason: 'x', by: 'iro-1' }, 'to:D4'],
    ['D3 move before any date', fresh, cmd(moveReviewCommand), { to: '2026-03-27', reason: 'x', by: 'iro-1' }, 'to:D3'],
    ['D4 review held', booked, cmd(recordReviewCommand), REVIEW, undefined],
    ['D3 review before arranging one', fresh, cmd(recordReviewCommand), REVIEW, 'heldOn:D3'],
    ['D5 without the social worker', booked, cmd(recordReviewCommand), { ...REVIEW, socialWorkerPresent: false }, 'socialWorkerPresent:D5'],
    [
      'D5 a team manager who knows the case',
      booked,
      cmd(recordReviewCommand),
      { ...REVIEW, socialWorkerPresent: false, presentInstead: { staffId: 'tm-1', role: 'team-manager' } },
      undefined,
    ],
    [
      'D5 present instead: not a social worker',
      booked,
      cmd(recordReviewCommand),
      { ...REVIEW, socialWorkerPresent: false, presentInstead: { staffId: 'gp-1', role: 'doctor' } },
      'presentInstead.role:D5',
    ],
    [
      'D5 deputy unnamed',
      booked,
      cmd(recordReviewCommand),
      { ...REVIEW, careTeam: [{ member: 'school', attendance: 'deputy' }] },
      'careTeam[0].deputy',
    ],
    [
      'D5 unknown attendance',
      booked,
      cmd(recordReviewCommand),
      { ...REVIEW, careTeam: [{ member: 'school', attendance: 'absent' }] },
      'careTeam[0].attendance:D5',
    ],
    ['D4 next date not after the review', booked, cmd(recordReviewCommand), { ...REVIEW, nextDate: TODAY }, 'nextDate:D4'],
    ['review in the future', booked, cmd(recordReviewCommand), { ...REVIEW, heldOn: '2026-03-03' }, 'heldOn'],
    ['review not after the last', held, cmd(recordReviewCommand), REVIEW, 'heldOn'],
    ['D6 document provided', booked, cmd(completeTaskCommand), { key: 'r1/documents/childs-plan', on: TODAY, by: 'sw-1' }, undefined],
    ['not an open task', booked, cmd(completeTaskCommand), { key: 'r1/report/school', on: TODAY, by: 'sw-1' }, 'key'],
    ['D6 report requested', booked, cmd(requestReportCommand), { agency: 'school', by: 'sw-1' }, undefined],
    ['D6 report requested: bad agency', booked, cmd(requestReportCommand), { agency: 'The School', by: 'sw-1' }, 'agency'],
    [
      'end: step up',
      held,
      cmd(endCommand),
      { on: TODAY, outcome: 'step-up-child-protection', summary: 'section 47', by: 'tm-1' },
      undefined,
    ],
    ['end: unknown outcome', held, cmd(endCommand), { on: TODAY, outcome: 'moved', summary: 's', by: 'tm-1' }, 'outcome'],
    ['ended: nothing more', ended, cmd(moveReviewCommand), { to: '2026-03-27', reason: 'x', by: 'iro-1' }, 'caseId'],
  ];
  for (const [name, model, command, input, refused, over] of table)
    test(name, () => {
      const m = model();
      const before = JSON.stringify(m);
      const r = refusal(() => command.validate(m, input as never, ctx(over)));
      expect(JSON.stringify(m)).toBe(before);
      if (refused) {
        expect(r && `${r[0].field}${r[0].rule ? `:${r[0].rule}` : ''}`).toBe(refused);
        if (refused === 'caseId') expect(r![0].caseEnded).toBe(true);
      } else {
        expect(r).toBeUndefined();
        command.apply(m, input as never, ctx(over));
        expect(m.events.length).toBeGreaterThan(1);
      }
    });
});

describe('obligations', () => {
  const keys = (m: CinModel) => cinObligations(m, DEFAULT_CIN_SETTINGS, calendar).map((o) => `${o.key}@${o.due}`);
  test('D3 the first date within 10 working days of the chair being agreed, chased then the team manager', () => {
    const [o] = cinObligations(fresh(), DEFAULT_CIN_SETTINGS, calendar);
    expect([o.key, o.rule, o.due]).toEqual(['first-date', 'D3', '2026-02-16']);
    expect(o.actions.map((a) => [a.kind, a.on, a.to.join()])).toEqual([
      ['reminder', '2026-02-09', 'social-worker'],
      ['overdue', '2026-02-17', 'social-worker'],
      ['escalation', '2026-02-19', 'team-manager'],
    ]);
  });
  test('D4 the agreed date is the deadline; D6 the four documents 3 working days before it', () => {
    expect(keys(booked())).toEqual([
      'review@2026-03-20',
      ...['care-team-minutes', 'single-assessment', 'childs-plan', 'direct-work'].map((d) => `r1/documents/${d}@2026-03-17`),
    ]);
    const review = cinObligations(booked(), DEFAULT_CIN_SETTINGS, calendar)[0];
    expect(review.actions.map((a) => [a.kind, a.to.join()])).toEqual([
      ['reminder', 'iro,social-worker'],
      ['overdue', 'iro,social-worker'],
      ['escalation', 'iro-unit,team-manager'],
    ]);
    const lead = cinObligations(booked(), cinSettings({ documentsLeadTime: { workingDays: 10 } }), calendar)[1];
    expect(lead.due).toBe('2026-03-06');
  });
  test('D4 a moved date moves the deadline; D5 an awaited written report is chased from the review', () => {
    const m = booked();
    moveReviewCommand.apply(m, { to: '2026-03-27', reason: 'chair ill', by: 'iro-1' }, ctx());
    expect(keys(m)[0]).toBe('review@2026-03-27');
    expect(m.moves).toHaveLength(1);
    recordReviewCommand.apply(
      m,
      {
        ...REVIEW,
        careTeam: [
          { member: 'school', attendance: 'report-awaited' },
          { member: 'gp', attendance: 'written-report' },
        ],
      },
      ctx(),
    );
    expect(m.reviews[0]).toMatchObject({ agreedDate: '2026-03-27', onTime: true });
    expect(keys(m)).toContain(`r1/report/school@${TODAY}`);
    expect(keys(m).some((k) => k.includes('/report/gp'))).toBe(false);
    completeTaskCommand.apply(m, { key: 'r1/report/school', on: TODAY, by: 'sw-1' }, ctx());
    expect(keys(m).some((k) => k.includes('/report/'))).toBe(false);
  });
  test('D4 a review due and not held when the case ends counts as late in its summary', () => {
    const m = booked();
    endCommand.apply(
      m,
      { on: '2026-03-25', outcome: 'step-down', summary: 'stepped down to TAF', by: 'tm-1' },
      ctx({ today: '2026-03-25' }),
    );
    expect(m.ended).toMatchObject({ missedReview: '2026-03-20' });
    expect(m.ended!.summary).toBe('stepped down to TAF (0 reviews held, 1 late, the review due 2026-03-20 not held, 0 dates moved)');
  });
  test('D6 documents not provided in full are recorded on the review', () => {
    const m = booked();
    completeTaskCommand.apply(m, { key: 'r1/documents/childs-plan', on: TODAY, by: 'sw-1' }, ctx());
    recordReviewCommand.apply(m, REVIEW, ctx());
    expect(m.reviews[0].documentsMissing).toEqual(['care-team-minutes', 'single-assessment', 'direct-work']);
    expect(m.events.at(-1)!.what).toContain('documents not provided in full (D6): care-team-minutes, single-assessment, direct-work');
  });
  test('D4/D6 a date agreed at short notice: no reminder dated before it was agreed, the documents due at once', () => {
    const m = fresh();
    agreeFirstDateCommand.apply(m, { date: '2026-03-04', venue: 'Family centre', invited: ['school'], by: 'sw-1' }, ctx());
    const [review, doc] = cinObligations(m, DEFAULT_CIN_SETTINGS, calendar);
    expect(review.actions.map((a) => a.kind)).toEqual(['overdue', 'escalation']);
    expect([doc.due, doc.actions.map((a) => a.kind)]).toEqual([TODAY, ['overdue', 'escalation']]);
  });
  test('an ended case owes nothing, with its summary; old sent ids are pruned but live ones kept', () => {
    const m = ended();
    expect(cinObligations(m, DEFAULT_CIN_SETTINGS, calendar)).toEqual([]);
    expect(m.ended!.summary).toBe('needs met (0 reviews held, 0 late, 0 dates moved)');
    const h = held();
    const keep = keepSent(h, cinObligations(h, DEFAULT_CIN_SETTINGS, calendar));
    expect([keep('first-date/2026-02-16/overdue'), keep('chair-agreed'), keep('review/2026-06-01/reminder')]).toEqual([false, true, true]);
  });
});
