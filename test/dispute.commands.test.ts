/**
 * The Resolution and Escalation dispute as pure functions (rules.md E1-E6): its commands' refusals
 * (the Refusal's details {field, rule}) and what they record, and its obligations: an unanswered
 * dispute's climb through the stages, the 20-working-day clock and CAFCASS's 14 days. No Temporal.
 */
import { ApplicationFailure } from '@temporalio/common';
import { builtInCalendar } from '../data/reference-data';
import { IsoDate } from '../workflows/calendar/iso-date';
import { Command } from '../workflows/case-kernel/command';
import { REFUSAL, RefusalDetail } from '../workflows/case-kernel/validation';
import { cafcassDecision, cafcassReferral } from '../workflows/dispute/commands/cafcass';
import { DisputeContext, enterStage, recordBreach } from '../workflows/dispute/commands/context';
import { escalate } from '../workflows/dispute/commands/escalate';
import { resolve } from '../workflows/dispute/commands/resolve';
import { response } from '../workflows/dispute/commands/response';
import { DisputeStart, DisputeState } from '../workflows/dispute/messages';
import { disputeActions, disputeObligations, stillOwed } from '../workflows/dispute/obligations';
import { openDispute } from '../workflows/dispute/opening';
import { disputeAddress } from '../workflows/dispute/recipients';
import { DEFAULT_DISPUTE_TIMESCALES, Stage } from '../workflows/dispute/stages';
import { stageAnnouncement } from '../workflows/dispute/wording';

const calendar = builtInCalendar();
const t = DEFAULT_DISPUTE_TIMESCALES;
/** A Monday; Good Friday and Easter Monday 2026 fall on 3 and 6 April. */
const OPENED: IsoDate = '2026-03-02';
const ctx = (today: IsoDate = OPENED): DisputeContext => ({ today, calendar, timescales: t });

function dispute(fields: Partial<DisputeStart> = {}): DisputeState {
  return openDispute(
    {
      disputeId: 'red-1',
      child: { childId: 'C1', team: 'north-1' },
      category: 'practice',
      summary: 'plan not followed',
      startStage: 1,
      seriousSafeguarding: false,
      iro: 'iro-1',
      source: 'iro',
      ...fields,
    },
    OPENED,
    calendar,
    t,
  );
}
const at = (stage: Stage) => dispute({ startStage: stage });
const resolved = () => {
  const s = dispute();
  resolve.apply(s, { outcome: 'resolved', summary: 'agreed', by: 'iro-1' }, ctx());
  return s;
};
const referred = () => {
  const s = dispute();
  cafcassReferral.apply(s, { reason: 'no resolution', by: 'iro-1' }, ctx());
  return s;
};
const decided = () => {
  const s = referred();
  cafcassDecision.apply(s, { text: 'no action', by: 'iro-1' }, ctx());
  return s;
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

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCommand = Command<DisputeState, any, DisputeContext>;
const refusals: [string, AnyCommand, () => DisputeState, unknown, { field: string; rule?: string } | undefined][] = [
  ['escalating a closed dispute', escalate, resolved, { reason: 'r', by: 'iro-1' }, { field: 'disputeId', rule: 'E6' }],
  ['escalating by an odd staff id', escalate, dispute, { reason: 'r', by: 'has space' }, { field: 'by' }],
  ['escalating without a reason', escalate, dispute, { reason: '', by: 'iro-1' }, { field: 'reason' }],
  ['escalating to stage 6', escalate, dispute, { toStage: 6, reason: 'r', by: 'iro-1' }, { field: 'toStage', rule: 'E5' }],
  ['escalating past stage 5', escalate, () => at(5), { reason: 'r', by: 'iro-1' }, { field: 'toStage', rule: 'E5' }],
  ['escalating to the current stage', escalate, () => at(3), { toStage: 3, reason: 'r', by: 'iro-1' }, { field: 'toStage', rule: 'E5' }],
  ['escalating to a lower stage', escalate, () => at(3), { toStage: 2, reason: 'r', by: 'iro-1' }, { field: 'toStage', rule: 'E5' }],
  [
    'escalating to the next stage',
    escalate,
    dispute,
    { reason: 'r', expectedOutcome: { outcome: 'o', by: '2026-03-20' }, by: 'iro-1' },
    undefined,
  ],
  [
    'skipping to stage 4',
    escalate,
    dispute,
    { toStage: 4, reason: 'r', expectedOutcome: { outcome: 'o', by: '2026-03-20' }, by: 'iro-1' },
    undefined,
  ],
  ['a response once closed', response, resolved, { note: 'n', by: 'sw-1' }, { field: 'disputeId', rule: 'E6' }],
  ['a response without a note', response, dispute, { note: '  ', by: 'sw-1' }, { field: 'note' }],
  ['a second referral to CAFCASS', cafcassReferral, referred, { reason: 'r', by: 'iro-1' }, { field: 'reason', rule: 'E6' }],
  ['a referral once closed', cafcassReferral, resolved, { reason: 'r', by: 'iro-1' }, { field: 'disputeId', rule: 'E6' }],
  ["CAFCASS's decision without a referral", cafcassDecision, dispute, { text: 'd', by: 'iro-1' }, { field: 'text', rule: 'E6' }],
  ["CAFCASS's decision twice", cafcassDecision, decided, { text: 'd', by: 'iro-1' }, { field: 'text', rule: 'E6' }],
  ["CAFCASS's decision without text", cafcassDecision, referred, { text: '', by: 'iro-1' }, { field: 'text' }],
  ['resolving twice', resolve, resolved, { outcome: 'resolved', summary: 's', by: 'iro-1' }, { field: 'disputeId', rule: 'E6' }],
  ['an outcome that is neither', resolve, dispute, { outcome: 'won', summary: 's', by: 'iro-1' }, { field: 'outcome' }],
  ['resolving without a summary', resolve, dispute, { outcome: 'withdrawn', summary: '', by: 'iro-1' }, { field: 'summary' }],
];

test.each(refusals)('validate: %s', (_name, command, model, input, expected) => {
  expect(refusal(() => command.validate(model(), input, ctx()))).toEqual(expected);
});

describe('opening and apply', () => {
  test.each([
    [0, false, 0, '2026-03-09'],
    [0, true, 2, '2026-03-09'],
    [3, true, 3, '2026-03-09'],
  ] as const)(
    'opened at stage %s (serious safeguarding %s): at stage %s, answer due %s (E2-E4)',
    (startStage, seriousSafeguarding, stage, due) => {
      const s = dispute({ startStage, seriousSafeguarding });
      expect(s).toMatchObject({ status: 'open', stage, startStage: stage, overallDue: '2026-03-30' });
      expect(s.stages).toEqual([{ stage, enteredOn: OPENED, due, how: 'opened' }]);
      expect('calendar' in s).toBe(false);
    },
  );

  test('the IRO escalates to stage 3: entered today with its own deadline (E5)', () => {
    const s = dispute();
    escalate.apply(
      s,
      { toStage: 3, reason: 'no progress', expectedOutcome: { outcome: 'o', by: '2026-03-20' }, by: 'iro-1' },
      ctx('2026-03-04'),
    );
    expect(s.stage).toBe(3);
    expect(s.stages.at(-1)).toEqual({ stage: 3, enteredOn: '2026-03-04', due: '2026-03-11', how: 'escalated-by-iro' });
    expect(s.events.at(-1)).toEqual({ on: '2026-03-04', what: 'escalated by the IRO to stage 3: no progress', rule: 'E5', by: 'iro-1' });
  });

  test('a response, a CAFCASS referral and decision, and the resolution are recorded', () => {
    const s = dispute();
    response.apply(s, { note: 'we will act', by: 'sw-1' }, ctx('2026-03-03'));
    cafcassReferral.apply(s, { reason: 'rights at risk', by: 'iro-1' }, ctx('2026-03-04'));
    cafcassDecision.apply(s, { text: 'no action', by: 'iro-1' }, ctx('2026-03-10'));
    resolve.apply(s, { outcome: 'withdrawn', summary: 'plan followed', by: 'iro-1' }, ctx('2026-03-11'));
    expect(s.responses).toEqual([{ on: '2026-03-03', by: 'sw-1', note: 'we will act', stage: 1 }]);
    expect(s.cafcass).toEqual({
      referredOn: '2026-03-04',
      reason: 'rights at risk',
      decisionDue: '2026-03-18',
      decision: { on: '2026-03-10', text: 'no action' },
    });
    expect(s).toMatchObject({
      status: 'resolved',
      outcome: { on: '2026-03-11', outcome: 'withdrawn', summary: 'plan followed', by: 'iro-1' },
    });
    expect(s.events.slice(1).map((e) => e.rule)).toEqual(['E3', 'E6', 'E6', 'E3']);
  });
});

describe('obligations', () => {
  /** Does what the workflow does: the earliest action not yet done, one at a time, each on its own date. */
  function unanswered(s: DisputeState, legacy = false): [string, IsoDate, Stage][] {
    const done = new Set<string>();
    const out: [string, IsoDate, Stage][] = [];
    for (;;) {
      const next = disputeActions(disputeObligations(s, t, calendar, { rules: legacy ? 'legacy' : 'current' })).find(
        (a) => !done.has(a.id),
      );
      if (!next) return out;
      if (next.kind === 'climb') enterStage(s, (s.stage + 1) as Stage, 'no-response', ctx(next.on));
      if (next.kind === 'overall-breach') recordBreach(s, ctx(next.on));
      done.add(next.id);
      out.push([next.kind === 'overall-warning' ? `${next.kind}/${next.daysLeft}` : next.kind, next.on, s.stage]);
    }
  }

  test('a dispute started before issue 11 (legacy) climbs each working day after a deadline, across Easter, and the overall clock warns and breaches (E2-E6)', () => {
    const s = dispute();
    expect(unanswered(s, true)).toEqual([
      ['climb', '2026-03-10', 2],
      ['climb', '2026-03-18', 3],
      ['overall-warning/5', '2026-03-23', 3],
      ['climb', '2026-03-26', 4],
      ['overall-warning/1', '2026-03-27', 4],
      ['overall-breach', '2026-03-31', 4],
      ['climb', '2026-04-07', 5],
      ['final-stage-overdue', '2026-04-15', 5],
    ]);
    expect(s.breachedOn).toBe('2026-03-31');
    expect(s.events.filter((e) => e.what.startsWith('no resolution by')).map((e) => e.what)).toEqual([
      'no resolution by 2026-03-09: escalated to stage 2',
      'no resolution by 2026-03-17: escalated to stage 3',
      'no resolution by 2026-03-25: escalated to stage 4',
      'no resolution by 2026-04-02: escalated to stage 5',
    ]);
  });

  test('the current stage (E6: climbing at the close of its deadline day), the overall clock and a CAFCASS referral, each with its due date and actions', () => {
    const s = referred();
    expect(disputeObligations(s, t, calendar)).toEqual([
      {
        key: 'stage-answer',
        rule: 'E3',
        what: 'a resolution at stage 1',
        due: '2026-03-09',
        actions: [{ id: 'climb/1/2026-03-02', on: '2026-03-09', hour: 17, kind: 'climb' }],
      },
      {
        key: 'overall',
        rule: 'E6',
        what: 'the whole process resolved',
        due: '2026-03-30',
        actions: [
          { id: 'overall-warning/5', on: '2026-03-23', kind: 'overall-warning', daysLeft: 5 },
          { id: 'overall-warning/1', on: '2026-03-27', kind: 'overall-warning', daysLeft: 1 },
          { id: 'overall-breach', on: '2026-03-31', kind: 'overall-breach' },
        ],
      },
      {
        key: 'cafcass-decision',
        rule: 'E6',
        what: "CAFCASS's decision",
        due: '2026-03-16',
        actions: [{ id: 'cafcass-overdue/2026-03-02', on: '2026-03-17', kind: 'cafcass-overdue' }],
      },
    ]);
  });

  test.each([
    [
      'at stage 5 the final stage is reported overdue, not climbed',
      () => at(5),
      ['final-stage-overdue', 'overall-warning', 'overall-warning', 'overall-breach'],
    ],
    ['once CAFCASS has decided, its clock stops', decided, ['climb', 'overall-warning', 'overall-warning', 'overall-breach']],
    ['a resolved dispute owes nothing', resolved, []],
  ] as const)('%s', (_name, model, kinds) => {
    expect(disputeActions(disputeObligations(model(), t, calendar)).map((a) => a.kind)).toEqual(kinds);
  });
});

describe('issue 11: responses judged, the ladder inside the 20 working days, the alerts (E2-E6)', () => {
  /** Does what the workflow does, one action at a time: climbs, and breaches. */
  function run(s: DisputeState, until: IsoDate = '2026-12-31'): [string, IsoDate, Stage][] {
    const done = new Set<string>();
    const out: [string, IsoDate, Stage][] = [];
    for (;;) {
      const next = disputeActions(disputeObligations(s, t, calendar)).find((a) => !done.has(a.id));
      if (!next || next.on > until) return out;
      if (next.kind === 'climb') enterStage(s, (s.stage + 1) as Stage, 'no-response', ctx(next.on));
      if (next.kind === 'overall-breach') recordBreach(s, ctx(next.on));
      done.add(next.id);
      out.push([next.kind === 'overall-warning' ? `${next.kind}/${next.daysLeft}` : next.kind, next.on, s.stage]);
    }
  }

  test('E6 opened informally and unanswered, each stage is entered the day the previous one expires: stage 3 by working day 15, its answer due with the 20', () => {
    const s = dispute({ startStage: 0 });
    expect(run(s)).toEqual([
      ['climb', '2026-03-09', 1],
      ['climb', '2026-03-16', 2],
      ['overall-warning/5', '2026-03-23', 2],
      ['climb', '2026-03-23', 3],
      ['overall-warning/1', '2026-03-27', 3],
      ['climb', '2026-03-30', 4],
      ['overall-breach', '2026-03-31', 4],
      ['climb', '2026-04-08', 5],
      ['final-stage-overdue', '2026-04-16', 5],
    ]);
    expect(s.stages.find((x) => x.stage === 3)).toMatchObject({ enteredOn: '2026-03-23', due: '2026-03-30' });
    expect(s.overallDue).toBe('2026-03-30');
  });

  test('E6 opened at stage 1 and unanswered, stages 1 to 4 fit the 20 working days', () => {
    const s = dispute();
    run(s, '2026-03-29');
    expect(s.stages.map((x) => [x.stage, x.enteredOn, x.due])).toEqual([
      [1, '2026-03-02', '2026-03-09'],
      [2, '2026-03-09', '2026-03-16'],
      [3, '2026-03-16', '2026-03-23'],
      [4, '2026-03-23', '2026-03-30'],
    ]);
  });

  test('E2-E5 a response at a stage stops its climb: the IRO is prompted at once to judge it within 2 working days, and chased the working day after, then every 2 working days', () => {
    const s = dispute();
    response.apply(s, { note: 'we will book the contact', by: 'sw-1' }, ctx('2026-03-04'));
    expect(s.responses).toEqual([{ on: '2026-03-04', by: 'sw-1', note: 'we will book the contact', stage: 1 }]);
    const [judgement] = disputeObligations(s, t, calendar);
    expect(judgement).toEqual({
      key: 'response-judgement',
      rule: 'E3',
      what: "the IRO's judgement of the response at stage 1",
      due: '2026-03-06',
      actions: [
        { id: 'judge-response/1/2026-03-02', on: '2026-03-04', kind: 'judge-response', due: '2026-03-06' },
        { id: 'judgement-overdue/1/2026-03-02', on: '2026-03-09', kind: 'judgement-overdue', due: '2026-03-06' },
        { id: 'judgement-overdue/1/2026-03-02/2026-03-11', on: '2026-03-11', kind: 'judgement-overdue', due: '2026-03-06', repeat: true },
      ],
    });
    // Nobody climbs it: the stage stays until the IRO resolves or escalates.
    expect(run(s).filter(([kind]) => kind === 'climb')).toEqual([]);
    expect(s.stage).toBe(1);
  });

  test('E2-E5 once the IRO escalates after a response, the new stage climbs by itself again if nobody responds there', () => {
    const s = dispute();
    response.apply(s, { note: 'not possible', by: 'sw-1' }, ctx('2026-03-04'));
    const outcome = { outcome: 'contact plan agreed', by: '2026-03-20' };
    escalate.apply(s, { reason: 'response not enough', expectedOutcome: outcome, by: 'iro-1' }, ctx('2026-03-05'));
    expect(disputeActions(disputeObligations(s, t, calendar)).find((a) => a.kind === 'climb')).toEqual({
      id: 'climb/2/2026-03-05',
      on: '2026-03-12',
      hour: 17,
      kind: 'climb',
    });
  });

  test('E2 a response at the informal stage is judged too', () => {
    const s = dispute({ startStage: 0 });
    response.apply(s, { note: 'agreed by phone', by: 'tm-1' }, ctx('2026-03-03'));
    expect(disputeObligations(s, t, calendar)[0]).toMatchObject({ key: 'response-judgement', rule: 'E2', due: '2026-03-05' });
  });

  test('E3 the stage 1 alert goes to the allocated social worker and carries the agreed actions and timescales', () => {
    const s = dispute({ socialWorker: 'sw-7', agreedActions: [{ action: 'book sibling contact', by: '2026-03-06' }] });
    const n = stageAnnouncement(s, s.stages[0]);
    expect(n.to.map((r) => disputeAddress(s, r))).toEqual(['user:sw-7', 'team-manager:north-1', 'user:iro-1']);
    expect(n.subject).toBe('Resolution and Escalation Alert: stage 1');
    expect(n.body).toContain('Agreed actions and timescales: book sibling contact (by 2026-03-06).');
    expect(n.body).not.toContain('not recorded');
  });

  test('E3 no social worker recorded: the alert goes to the team address and says so', () => {
    const s = dispute({ agreedActions: [{ action: 'visit', by: '2026-03-06' }] });
    const n = stageAnnouncement(s, s.stages[0]);
    expect(n.to.map((r) => disputeAddress(s, r))).toEqual(['social-worker:north-1', 'team-manager:north-1', 'user:iro-1']);
    expect(n.body).toContain("The child's allocated social worker is not recorded");
  });

  test('E4 E5 from stage 2 the alert carries the expected outcome and timeframe, updated at stage 3', () => {
    const s = dispute({ startStage: 2, expectedOutcome: { outcome: 'placement funded', by: '2026-03-13' } });
    expect(stageAnnouncement(s, s.stages[0]).body).toContain('Expected outcome: placement funded, by 2026-03-13.');
    const later = { outcome: 'placement funded and started', by: '2026-03-20' };
    escalate.apply(s, { reason: 'no answer', expectedOutcome: later, by: 'iro-1' }, ctx('2026-03-09'));
    expect(s.expectedOutcome).toEqual(later);
    expect(stageAnnouncement(s, s.stages.at(-1)!).body).toContain('Expected outcome: placement funded and started, by 2026-03-20.');
  });

  test.each([
    ['E4 escalating to stage 2 with no expected outcome recorded', {}, dispute, { field: 'expectedOutcome', rule: 'E4' }],
    ['E4 an expected outcome without its timeframe', { expectedOutcome: { outcome: 'x' } }, dispute, { field: 'expectedOutcome.by' }],
    ['E3 agreed actions that are not a list', { toStage: 1, agreedActions: 'do it' }, () => at(0), { field: 'agreedActions', rule: 'E3' }],
    ['E4 escalating once an expected outcome is recorded', {}, () => at(2), undefined],
  ] as const)('validate: %s', (_name, extra, model, expected) => {
    const s = model();
    if (s.stage === 2) s.expectedOutcome = { outcome: 'o', by: '2026-03-20' };
    expect(refusal(() => escalate.validate(s, { reason: 'r', by: 'iro-1', ...extra } as never, ctx()))).toEqual(expected);
  });

  test('a command that lands while the loop awaits an activity makes the climb it was about to do stale: no skipped stage, nothing after resolution', () => {
    const s = dispute();
    const [climb] = disputeActions(disputeObligations(s, t, calendar));
    expect(climb.kind).toBe('climb');
    expect(stillOwed(climb, s, t, calendar)).toBe(true);
    const escalated = dispute();
    escalate.apply(escalated, { toStage: 2, reason: 'r', expectedOutcome: { outcome: 'o', by: '2026-03-20' }, by: 'iro-1' }, ctx());
    expect(stillOwed(climb, escalated, t, calendar)).toBe(false);
    expect(stillOwed(climb, resolved(), t, calendar)).toBe(false);
    const answered = dispute();
    response.apply(answered, { note: 'n', by: 'sw-1' }, ctx());
    expect(stillOwed(climb, answered, t, calendar)).toBe(false);
  });

  test('E6 a pending CAFCASS decision keeps its chase after the dispute is resolved', () => {
    const s = referred();
    resolve.apply(s, { outcome: 'resolved', summary: 'agreed', by: 'iro-1' }, ctx('2026-03-05'));
    expect(disputeActions(disputeObligations(s, t, calendar))).toEqual([
      { id: 'cafcass-overdue/2026-03-02', on: '2026-03-17', kind: 'cafcass-overdue' },
    ]);
  });
});
