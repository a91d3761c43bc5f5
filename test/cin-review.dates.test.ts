/**
 * CIN reviews recorded after the fact (rules.md D2-D6, issue 11): a case whose IRO chair was agreed on
 * a past date is chased from that day; the first date, a moved date and a report asked for are each
 * dated when they happened, judged on that day and kept in order. Table-driven, no Temporal.
 */
import { ApplicationFailure } from '@temporalio/common';
import { builtInCalendar } from '../data/reference-data';
import { IsoDate } from '../workflows/calendar/iso-date';
import { catchUpId, withCatchUp } from '../workflows/case-kernel/catch-up';
import { Command } from '../workflows/case-kernel/command';
import { RefusalDetail } from '../workflows/case-kernel/validation';
import {
  CinContext,
  agreeFirstDateCommand,
  completeTaskCommand,
  moveReviewCommand,
  recordReviewCommand,
  requestReportCommand,
} from '../workflows/cin-review/commands';
import { CinStart } from '../workflows/cin-review/messages';
import { CinModel, DEFAULT_CIN_SETTINGS } from '../workflows/cin-review/model';
import { cinDatedActions, cinObligations, dateSet } from '../workflows/cin-review/obligations';
import { initialModel } from '../workflows/cin-review/opening';

const calendar = builtInCalendar();
const TODAY: IsoDate = '2026-11-24';
const AGREED: IsoDate = '2025-03-03';
const ctx = (): CinContext => ({ today: TODAY, calendar, settings: DEFAULT_CIN_SETTINGS });
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
  openedOn: AGREED,
  by: 'tm-1',
};
const fresh = () => initialModel(START, TODAY);
const FIRST = { date: '2025-04-01', venue: 'Family centre', invited: ['school'], by: 'sw-1', on: '2025-03-10' };
const booked = () => {
  const m = fresh();
  agreeFirstDateCommand.apply(m, FIRST, ctx());
  return m;
};
const held = () => {
  const m = booked();
  const review = { heldOn: '2025-04-01', chair: 'iro-1', socialWorkerPresent: true, nextDate: '2025-07-01', by: 'iro-1' };
  recordReviewCommand.apply(m, { ...review, careTeam: [{ member: 'school', attendance: 'attended' }] }, ctx());
  return m;
};

function refusal(f: () => void): string | undefined {
  try {
    f();
  } catch (e) {
    if (!(e instanceof ApplicationFailure)) throw e;
    const [d] = e.details as RefusalDetail[];
    return `${d.field}:${d.rule}`;
  }
  return undefined;
}

test('D2 D3 the chair agreed on a past date: the first date is chased from that day; recorded today', () => {
  const m = fresh();
  expect(m).toMatchObject({ openedOn: AGREED, recordedOn: TODAY });
  expect(cinObligations(m, DEFAULT_CIN_SETTINGS, calendar)[0]).toMatchObject({
    key: 'first-date',
    why: `the IRO chair was agreed on ${AGREED}`,
  });
  expect(initialModel({ ...START, openedOn: undefined }, TODAY)).toMatchObject({ openedOn: TODAY });
  expect(initialModel({ ...START, openedOn: undefined }, TODAY).recordedOn).toBeUndefined();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCommand = Command<CinModel, any, CinContext>;
const move = { to: '2025-04-15', reason: 'chair ill', by: 'iro-1' };
const table: [string, () => CinModel, AnyCommand, object, string | undefined][] = [
  ['D3 a first date agreed then, past now', fresh, agreeFirstDateCommand, FIRST, undefined],
  ['D3 a first date before the day it was agreed', fresh, agreeFirstDateCommand, { ...FIRST, date: '2025-03-09' }, 'date:D3'],
  ['D3 a first date agreed before the chair was', fresh, agreeFirstDateCommand, { ...FIRST, on: '2025-03-02' }, 'on:D3'],
  ['D3 a first date agreed in the future', fresh, agreeFirstDateCommand, { ...FIRST, on: '2026-11-25', date: '2026-12-10' }, 'on:D3'],
  ['D3 a past first date without a date given (as before)', fresh, agreeFirstDateCommand, { ...FIRST, on: undefined }, 'date:D3'],
  ['D4 a move on a past date, to a later one', booked, moveReviewCommand, { ...move, on: '2025-03-20' }, undefined],
  ['D4 a move before the date was set', booked, moveReviewCommand, { ...move, on: '2025-03-09' }, 'on:D4'],
  ['D4 a move after the agreed date had passed', booked, moveReviewCommand, { ...move, on: '2025-04-02', to: '2025-04-20' }, 'to:D4'],
  ['D4 a move to a date before the day it was moved', booked, moveReviewCommand, { ...move, on: '2025-03-20', to: '2025-03-19' }, 'to:D4'],
  [
    'D6 a report asked for after the last review',
    held,
    requestReportCommand,
    { agency: 'school', on: '2025-04-02', by: 'sw-1' },
    undefined,
  ],
  ['D6 a report asked for before the last review', held, requestReportCommand, { agency: 'school', on: '2025-03-31', by: 'sw-1' }, 'on:D6'],
  ['D6 a report asked for in the future', held, requestReportCommand, { agency: 'school', on: '2026-12-01', by: 'sw-1' }, 'on:D6'],
  [
    'a document provided before the case opened',
    booked,
    completeTaskCommand,
    { key: 'r1/documents/childs-plan', on: '2025-03-01', by: 'sw-1' },
    'on:undefined',
  ],
];
test.each(table)('validate: %s', (_name, model, command, input, expected) => {
  expect(refusal(() => command.validate(model(), input, ctx()))).toEqual(expected);
});

test('D3 D4 D6 each fact on its date: the booking, the move and the report asked for; the date now agreed was set by the move', () => {
  const m = booked();
  expect(m.booking).toMatchObject({ on: '2025-03-10' });
  moveReviewCommand.apply(m, { ...move, on: '2025-03-20' }, ctx());
  expect(m.moves).toEqual([{ on: '2025-03-20', from: '2025-04-01', to: '2025-04-15', reason: 'chair ill', by: 'iro-1' }]);
  expect(dateSet(m)).toBe('2025-03-20');
  const h = held();
  requestReportCommand.apply(h, { agency: 'gp', on: '2025-04-02', by: 'sw-1' }, ctx());
  expect(h.reportsRequested).toEqual([{ on: '2025-04-02', agency: 'gp', by: 'sw-1', forReview: 2 }]);
});

test('D3 what fell due before the case was recorded is caught up once, the next working day', async () => {
  const m = fresh();
  const dated = cinDatedActions(cinObligations(m, DEFAULT_CIN_SETTINGS, calendar));
  const sent = new Set<string>();
  const out: string[] = [];
  const [catchUp, ...rest] = withCatchUp(
    dated,
    sent,
    m.recordedOn,
    calendar,
    async (n) => void out.push(`${n.to[0]}: ${n.body}`),
    'CIN case',
  );
  expect(catchUp).toMatchObject({ id: catchUpId(TODAY), on: '2026-11-25' });
  expect(rest).toEqual([]);
  await catchUp.effect!();
  // The reminder for a deadline long passed says nothing; the overdue notice and the escalation do.
  expect(out.map((l) => l.split(':')[0]).sort()).toEqual(['social-worker', 'team-manager']);
  expect(out.join('\n')).not.toContain('Reminder');
  expect(dated.every((a) => sent.has(a.id))).toBe(true);
});
