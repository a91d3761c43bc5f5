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
import { disputeActions, disputeObligations } from '../workflows/dispute/obligations';
import { openDispute } from '../workflows/dispute/opening';
import { DEFAULT_DISPUTE_TIMESCALES, Stage } from '../workflows/dispute/stages';

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
  ['escalating to the next stage', escalate, dispute, { reason: 'r', by: 'iro-1' }, undefined],
  ['skipping to stage 4', escalate, dispute, { toStage: 4, reason: 'r', by: 'iro-1' }, undefined],
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
    escalate.apply(s, { toStage: 3, reason: 'no progress', by: 'iro-1' }, ctx('2026-03-04'));
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
    expect(s.responses).toEqual([{ on: '2026-03-03', by: 'sw-1', note: 'we will act' }]);
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
  function unanswered(s: DisputeState): [string, IsoDate, Stage][] {
    const done = new Set<string>();
    const out: [string, IsoDate, Stage][] = [];
    for (;;) {
      const next = disputeActions(disputeObligations(s, t, calendar)).find((a) => !done.has(a.id));
      if (!next) return out;
      if (next.kind === 'climb') enterStage(s, (s.stage + 1) as Stage, 'no-response', ctx(next.on));
      if (next.kind === 'overall-breach') recordBreach(s, ctx(next.on));
      done.add(next.id);
      out.push([next.kind === 'overall-warning' ? `${next.kind}/${next.daysLeft}` : next.kind, next.on, s.stage]);
    }
  }

  test('an unanswered dispute climbs each working day after a deadline, across Easter, and the overall clock warns and breaches (E2-E6)', () => {
    const s = dispute();
    expect(unanswered(s)).toEqual([
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

  test('the current stage, the overall clock and a CAFCASS referral, each with its due date and actions', () => {
    const s = referred();
    expect(disputeObligations(s, t, calendar)).toEqual([
      {
        key: 'stage-answer',
        rule: 'E3',
        what: 'a resolution at stage 1',
        due: '2026-03-09',
        actions: [{ id: 'climb/1/2026-03-02', on: '2026-03-10', kind: 'climb' }],
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
