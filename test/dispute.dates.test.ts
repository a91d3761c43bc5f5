/**
 * Section C's dates as pure functions (rules.md E2-E6, issue 11): a stage climbs at the close of its
 * deadline day, so a response recorded that day is in time; a response waiting for the IRO's
 * judgement is chased until judged; and a dispute recorded after the fact takes the dates things
 * happened (`openedOn`, `on`), in order, with what passed before it was recorded caught up once.
 * Table-driven, no Temporal.
 */
import { ApplicationFailure } from '@temporalio/common';
import { buildCalendarSnapshot, builtInCalendar, loadOfficialHolidays } from '../data/reference-data';
import { IsoDate } from '../workflows/calendar/iso-date';
import { londonTime } from '../workflows/calendar/office-hours';
import { Command } from '../workflows/case-kernel/command';
import { REFUSAL, RefusalDetail } from '../workflows/case-kernel/validation';
import { WorkingDayCalendar } from '../workflows/calendar/working-day-calendar';
import { deadlinesOnCalendar, moveDeadlines } from '../workflows/dispute/calendar-change';
import { arrears, catchUpNotices } from '../workflows/dispute/catch-up';
import { cafcassDecision, cafcassReferral } from '../workflows/dispute/commands/cafcass';
import { DisputeContext, recordBreach } from '../workflows/dispute/commands/context';
import { escalate } from '../workflows/dispute/commands/escalate';
import { resolve } from '../workflows/dispute/commands/resolve';
import { response } from '../workflows/dispute/commands/response';
import { DisputeStart, DisputeState } from '../workflows/dispute/messages';
import { DisputeRules, disputeActions, disputeObligations } from '../workflows/dispute/obligations';
import { openDispute } from '../workflows/dispute/opening';
import { DEFAULT_DISPUTE_TIMESCALES, Stage } from '../workflows/dispute/stages';
import { judgementOverdue } from '../workflows/dispute/wording';

const calendar = builtInCalendar();
const t = DEFAULT_DISPUTE_TIMESCALES;
const ctx = (today: IsoDate): DisputeContext => ({ today, calendar, timescales: t });
const START: DisputeStart = {
  disputeId: 'red-1',
  child: { childId: 'C1', team: 'north-1' },
  category: 'practice',
  summary: 'plan not followed',
  startStage: 1,
  seriousSafeguarding: false,
  iro: 'iro-1',
  source: 'iro',
};
const dispute = (openedOn: IsoDate, startStage: Stage = 1, today: IsoDate = openedOn) =>
  openDispute({ ...START, startStage }, openedOn, calendar, t, today);
const actions = (s: DisputeState, rules?: DisputeRules, today?: IsoDate) =>
  disputeActions(disputeObligations(s, t, calendar, { rules, today }));

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

describe('E2-E6 the climb falls at the close of the deadline day', () => {
  // Good Friday and Easter Monday 2026 are 3 and 6 April.
  test.each([
    [0, '2026-03-02', '2026-03-09'],
    [1, '2026-03-02', '2026-03-09'],
    [2, '2026-03-30', '2026-04-08'],
    [4, '2026-04-01', '2026-04-10'],
  ] as const)(
    'E6 a stage %s entered on %s climbs at 17:00 on %s, its deadline day (entered the day the previous one expires)',
    (stage, on, climbOn) => {
      const [climb] = actions(dispute(on, stage)).filter((a) => a.kind === 'climb');
      expect(climb).toEqual({ id: `climb/${stage}/${on}`, on: climbOn, hour: 17, kind: 'climb' });
    },
  );

  // Whether the climb has happened at a given time on the deadline day (2026-03-09), as the kernel reads it.
  test.each([
    ['09:30', false, 9.5],
    ['16:59', false, 16.98],
    ['17:00', true, 17],
  ] as const)('E2-E5 at %s on the deadline day, climbed: %s', (_at, climbed, hour) => {
    const [climb] = actions(dispute('2026-03-02')).filter((a) => a.kind === 'climb');
    expect(londonTime(climb.on, climb.hour) <= londonTime('2026-03-09', hour)).toBe(climbed);
  });

  test.each(['2026-03-02', '2026-03-06', '2026-03-09'])(
    'E2-E5 a response recorded on %s (up to the deadline day) stops the climb and is judged at stage 1',
    (on) => {
      const s = dispute('2026-03-02');
      response.apply(s, { note: 'visit booked', by: 'sw-1' }, ctx(on));
      expect(s.responses).toEqual([{ on, by: 'sw-1', note: 'visit booked', stage: 1 }]);
      expect(actions(s).map((a) => a.kind)).not.toContain('climb');
      expect(disputeObligations(s, t, calendar)[0]).toMatchObject({ key: 'response-judgement', rule: 'E3' });
    },
  );

  test('running disputes keep their rules: issue-11 ones climb at 09:00 on the deadline, legacy ones the working day after', () => {
    const s = dispute('2026-03-02');
    expect(actions(s, 'issue-11').find((a) => a.kind === 'climb')).toEqual({ id: 'climb/1/2026-03-02', on: '2026-03-09', kind: 'climb' });
    expect(actions(s, 'legacy').find((a) => a.kind === 'climb')).toMatchObject({ on: '2026-03-10' });
  });
});

describe('E2-E5 a response is chased until the IRO judges it', () => {
  // Response on Wed 2026-03-04: judgement due Fri 03-06, first chase Mon 03-09, then every 2 working days.
  test.each([
    ['2026-03-05', ['2026-03-09', '2026-03-11']],
    ['2026-03-09', ['2026-03-09', '2026-03-11']],
    ['2026-03-11', ['2026-03-09', '2026-03-11', '2026-03-13']],
    ['2026-03-20', ['2026-03-09', '2026-03-19', '2026-03-23']],
  ] as const)('E2-E5 on %s the chases are %j (the first, the last one due, the next)', (today, chases) => {
    const s = dispute('2026-03-02');
    response.apply(s, { note: 'n', by: 'sw-1' }, ctx('2026-03-04'));
    const chased = actions(s, 'current', today).filter((a) => a.kind === 'judgement-overdue');
    expect(chased.map((a) => a.on)).toEqual(chases);
    // Each chase is its own notice, to the IRO and the IRO unit manager.
    const notices = chased.map((a) => judgementOverdue(s, a.due!, a.repeat ? a.on : undefined));
    expect(new Set(notices.map((n) => n.id)).size).toBe(chases.length);
    expect(notices.every((n) => n.to.join() === 'iro,iro-unit-manager')).toBe(true);
  });

  test.each([
    ['resolved', (s: DisputeState) => resolve.apply(s, { outcome: 'resolved', summary: 'ok', by: 'iro-1' }, ctx('2026-03-20'))],
    [
      'escalated',
      (s: DisputeState) =>
        escalate.apply(s, { reason: 'r', expectedOutcome: { outcome: 'o', by: '2026-03-27' }, by: 'iro-1' }, ctx('2026-03-20')),
    ],
  ] as const)('E2-E5 once %s, the chase stops', (_name, judge) => {
    const s = dispute('2026-03-02');
    response.apply(s, { note: 'n', by: 'sw-1' }, ctx('2026-03-04'));
    judge(s);
    expect(actions(s, 'current', '2026-03-30').filter((a) => a.kind === 'judgement-overdue')).toEqual([]);
  });

  test('E2-E5 issue-11 disputes (running before this) keep their single chase', () => {
    const s = dispute('2026-03-02');
    response.apply(s, { note: 'n', by: 'sw-1' }, ctx('2026-03-04'));
    expect(
      actions(s, 'issue-11', '2026-03-20')
        .filter((a) => a.kind === 'judgement-overdue')
        .map((a) => a.on),
    ).toEqual(['2026-03-09']);
  });
});

describe('E1-E6 a dispute recorded after the fact', () => {
  test.each([
    ['2025-03-03', 1, '2025-03-10', '2025-03-31'],
    ['2025-03-03', 0, '2025-03-10', '2025-03-31'],
    // Good Friday 2025 is 18 April, Easter Monday 21 April, the early May bank holiday 5 May.
    ['2025-04-14', 2, '2025-04-23', '2025-05-15'],
  ] as const)(
    'E6 opened on %s at stage %s: its stage answer is due %s and the whole process %s, counted from that day',
    (openedOn, stage, due, overallDue) => {
      const s = dispute(openedOn, stage, '2026-11-24');
      expect(s).toMatchObject({
        openedOn,
        recordedOn: '2026-11-24',
        overallDue,
        stages: [{ stage, enteredOn: openedOn, due, how: 'opened' }],
      });
      expect(s.events[0]).toMatchObject({ on: openedOn, what: expect.stringContaining('(recorded on 2026-11-24)') });
    },
  );

  test('E1 opened today: no recordedOn (as before)', () => {
    expect(dispute('2026-11-24').recordedOn).toBeUndefined();
  });

  const historic = () => dispute('2025-03-03', 1, '2026-11-24');
  const responded = () => {
    const s = historic();
    response.apply(s, { note: 'n', by: 'sw-1', on: '2025-03-05' }, ctx('2026-11-24'));
    return s;
  };
  const referred = () => {
    const s = historic();
    cafcassReferral.apply(s, { reason: 'r', by: 'iro-1', on: '2025-03-20' }, ctx('2026-11-24'));
    return s;
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type AnyCommand = Command<DisputeState, any, DisputeContext>;
  const up = { reason: 'r', expectedOutcome: { outcome: 'o', by: '2025-03-20' }, by: 'iro-1' };
  const refusals: [string, AnyCommand, () => DisputeState, object, { field: string; rule?: string } | undefined][] = [
    ['E3 a response in the future', response, historic, { note: 'n', on: '2026-11-25' }, { field: 'on', rule: 'E3' }],
    ['E3 a response before the dispute opened', response, historic, { note: 'n', on: '2025-03-02' }, { field: 'on', rule: 'E3' }],
    ['E3 a response on the deadline day', response, historic, { note: 'n', on: '2025-03-10' }, undefined],
    ['a response dated with something that is not a date', response, historic, { note: 'n', on: 'last week' }, { field: 'on' }],
    ['E5 an escalation before the latest response', escalate, responded, { ...up, on: '2025-03-04' }, { field: 'on', rule: 'E5' }],
    ['E5 an escalation on the day of the response', escalate, responded, { ...up, on: '2025-03-05' }, undefined],
    [
      'E6 a resolution before the stage was entered',
      resolve,
      historic,
      { outcome: 'resolved', summary: 's', on: '2025-02-28' },
      { field: 'on', rule: 'E6' },
    ],
    [
      'E6 a resolution before a CAFCASS referral',
      resolve,
      referred,
      { outcome: 'resolved', summary: 's', on: '2025-03-19' },
      { field: 'on', rule: 'E6' },
    ],
    [
      'E6 a resolution in the future',
      resolve,
      historic,
      { outcome: 'resolved', summary: 's', on: '2027-01-01' },
      { field: 'on', rule: 'E6' },
    ],
    [
      'E6 a referral to CAFCASS before the dispute opened',
      cafcassReferral,
      historic,
      { reason: 'r', on: '2025-03-01' },
      { field: 'on', rule: 'E6' },
    ],
    ["E6 CAFCASS's decision before the referral", cafcassDecision, referred, { text: 'd', on: '2025-03-19' }, { field: 'on', rule: 'E6' }],
    ["E6 CAFCASS's decision after it", cafcassDecision, referred, { text: 'd', on: '2025-04-01' }, undefined],
  ];
  test.each(refusals)('validate: %s', (_name, command, model, input, expected) => {
    const s = model();
    expect(refusal(() => command.validate(s, { by: 'iro-1', ...input }, ctx('2026-11-24')))).toEqual(expected);
  });

  test('E4 a response dated before the current stage was entered is refused (it answered an earlier stage)', () => {
    const s = responded();
    escalate.apply(s, { ...up, on: '2025-03-06' }, ctx('2026-11-24'));
    expect(refusal(() => response.validate(s, { note: 'n', by: 'sw-1', on: '2025-03-05' }, ctx('2026-11-24')))).toEqual({
      field: 'on',
      rule: 'E4',
    });
  });

  test('E2-E6 the story as it happened: each fact on its date, each stage deadline from its entry, the CAFCASS clock from the referral', () => {
    const s = responded();
    escalate.apply(s, { ...up, on: '2025-03-06' }, ctx('2026-11-24'));
    cafcassReferral.apply(s, { reason: 'r', by: 'iro-1', on: '2025-03-07' }, ctx('2026-11-24'));
    cafcassDecision.apply(s, { text: 'd', by: 'iro-1', on: '2025-03-14' }, ctx('2026-11-24'));
    resolve.apply(s, { outcome: 'resolved', summary: 'agreed', by: 'iro-1', on: '2025-03-12' }, ctx('2026-11-24'));
    expect(s.responses).toEqual([{ on: '2025-03-05', by: 'sw-1', note: 'n', stage: 1 }]);
    expect(s.stages.at(-1)).toEqual({ stage: 2, enteredOn: '2025-03-06', due: '2025-03-13', how: 'escalated-by-iro' });
    expect(s.cafcass).toMatchObject({ referredOn: '2025-03-07', decisionDue: '2025-03-21', decision: { on: '2025-03-14' } });
    expect(s.outcome).toMatchObject({ on: '2025-03-12', outcome: 'resolved' });
    expect(s.events.map((e) => e.on)).toEqual(['2025-03-03', '2025-03-05', '2025-03-06', '2025-03-07', '2025-03-14', '2025-03-12']);
    expect(s.events.slice(1).every((e) => e.what.endsWith('(recorded on 2026-11-24)'))).toBe(true);
  });

  // The 20 working days from 2025-03-03 end on 2025-03-31; the breach is the working day after.
  test.each([
    ['2025-03-31', true, undefined],
    ['2025-04-01', true, '2025-04-01'],
    ['2025-03-31', false, undefined],
    ['2025-04-10', false, '2025-04-01'],
  ] as const)('E6 resolved on %s (a breach recorded before: %s): breached on %s', (on, breached, breachedOn) => {
    const s = historic();
    if (breached) recordBreach(s, ctx('2026-11-24'), '2025-04-01');
    resolve.apply(s, { outcome: 'resolved', summary: 's', by: 'iro-1', on }, ctx('2026-11-24'));
    expect(s.breachedOn).toBe(breachedOn);
  });

  test('E2-E6 what passed before it was recorded is caught up once: one notice per recipient, no warning for a passed deadline', () => {
    const s = historic();
    const late = arrears(actions(s, 'current', '2026-11-24'), new Set(), '2026-11-24');
    expect(late.map((a) => [a.kind, a.on])).toEqual([
      ['climb', '2025-03-10'],
      ['overall-warning', '2025-03-24'],
      ['overall-warning', '2025-03-28'],
      ['overall-breach', '2025-04-01'],
    ]);
    const notices = catchUpNotices(s, late, '2026-11-24');
    expect(notices.map((n) => n.to[0]).sort()).toEqual(['iro', 'iro-unit-manager', 'social-worker', 'team-manager']);
    expect(notices.every((n) => n.kind === 'catch-up' && n.id.startsWith('catch-up/2026-11-24/'))).toBe(true);
    const iro = notices.find((n) => n.to[0] === 'iro')!;
    expect(iro.body.split('\n').slice(1)).toEqual([
      '- No response at stage 1 by its deadline: the dispute moves to stage 2 today (due 2025-03-10)',
      '- Resolution and Escalation: 20 working days passed (due 2025-03-31)',
    ]);
    // Already caught up (sent): nothing in arrears.
    expect(arrears(actions(s, 'current', '2026-11-24'), new Set(late.map((a) => a.id)), '2026-11-24')).toEqual([]);
  });
});

describe('E2-E6 a bank holiday proclaimed while a dispute runs moves the deadlines still to come', () => {
  // Opened Tue 2026-11-24 at stage 1: stage 1 due 2026-12-01, the 20 working days 2026-12-22. Thu 26 November is then proclaimed.
  const proclaimed = new WorkingDayCalendar(
    buildCalendarSnapshot(loadOfficialHolidays(), [
      { seq: 1, date: '2026-11-26', action: 'add', title: 'one-off', reason: 'proclaimed', createdAt: '' },
    ]),
  );
  const moves = (s: DisputeState, today: IsoDate, cal = proclaimed, timescales = t) =>
    deadlinesOnCalendar(s, timescales, cal, today).map((m) => [m.deadline, m.from, m.to]);

  test('E2-E6 still to come (the deadline day included): the stage deadline and the 20 working days move, and the story says so', () => {
    const s = dispute('2026-11-24');
    expect([s.stages[0].due, s.overallDue]).toEqual(['2026-12-01', '2026-12-22']);
    const found = deadlinesOnCalendar(s, t, proclaimed, '2026-11-25');
    expect(found.map((m) => [m.deadline, m.from, m.to])).toEqual([
      ['stage', '2026-12-01', '2026-12-02'],
      ['overall', '2026-12-22', '2026-12-23'],
    ]);
    // Proclaimed late (the deadline day itself): that deadline has not passed yet.
    expect(moves(s, '2026-12-01')).toEqual(found.map((m) => [m.deadline, m.from, m.to]));
    moveDeadlines(s, found, { today: '2026-11-25', calendar: proclaimed });
    expect([s.stages[0].due, s.overallDue]).toEqual(['2026-12-02', '2026-12-23']);
    expect(s.events.slice(1).map((e) => [e.on, e.rule, e.what])).toEqual([
      ['2026-11-25', 'E3', 'the deadline of stage 1 moved from 2026-12-01 to 2026-12-02: the bank holidays changed (calendar revision 1)'],
      [
        '2026-11-25',
        'E6',
        'the deadline for the whole process moved from 2026-12-22 to 2026-12-23: the bank holidays changed (calendar revision 1)',
      ],
    ]);
    // Counted again on the same calendar: nothing more moves.
    expect(moves(s, '2026-11-25')).toEqual([]);
  });

  test('E2-E6 a deadline already passed is not moved back into the future, nor one moved before today', () => {
    // Stage 1 answered (no climb), its deadline gone by: it stays; the 20 working days still move.
    const answered = dispute('2026-11-24');
    response.apply(answered, { note: 'n', by: 'sw-1', on: '2026-11-30' }, ctx('2026-11-30'));
    expect(moves(answered, '2026-12-02')).toEqual([['overall', '2026-12-22', '2026-12-23']]);
    // Breached (the working day after the 20 working days): passed, not reopened by a holiday proclaimed before it.
    const breached = dispute('2026-10-27');
    recordBreach(breached, ctx('2026-11-25'));
    expect(breached.overallDue).toBe('2026-11-24');
    const earlier = buildCalendarSnapshot(loadOfficialHolidays(), [
      { seq: 1, date: '2026-11-10', action: 'add', title: 'one-off', reason: 'proclaimed', createdAt: '' },
    ]);
    expect(moves(breached, '2026-11-25', new WorkingDayCalendar(earlier))).toEqual([]);
    // A holiday removed: a deadline still to come moves earlier, but never before today.
    const counted = dispute('2026-11-24', 1);
    moveDeadlines(counted, deadlinesOnCalendar(counted, t, proclaimed, '2026-11-24'), { today: '2026-11-24', calendar: proclaimed });
    expect(moves(counted, '2026-11-25', calendar)).toEqual([
      ['stage', '2026-12-02', '2026-12-01'],
      ['overall', '2026-12-23', '2026-12-22'],
    ]);
    expect(moves(counted, '2026-12-02', calendar)).toEqual([['overall', '2026-12-23', '2026-12-22']]);
  });

  test("E6 CAFCASS's decision counted in working days moves; resolved, only it is still followed", () => {
    const weekly = { ...t, cafcassDecision: { workingDays: 5 } };
    const s = openDispute(START, '2026-11-24', calendar, weekly, '2026-11-24');
    cafcassReferral.apply(s, { reason: 'r', by: 'iro-1' }, { ...ctx('2026-11-24'), timescales: weekly });
    resolve.apply(s, { outcome: 'resolved', summary: 's', by: 'iro-1' }, { ...ctx('2026-11-24'), timescales: weekly });
    expect(moves(s, '2026-11-25', proclaimed, weekly)).toEqual([['cafcass', '2026-12-01', '2026-12-02']]);
    // The statutory 14 calendar days do not move for a holiday.
    const days = dispute('2026-11-24');
    cafcassReferral.apply(days, { reason: 'r', by: 'iro-1' }, ctx('2026-11-24'));
    expect(moves(days, '2026-11-25').map(([d]) => d)).toEqual(['stage', 'overall']);
  });
});
