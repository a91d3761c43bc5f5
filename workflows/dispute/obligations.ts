/**
 * What a Resolution and Escalation dispute still owes (rules.md E2-E6), like every case's
 * obligations: the current stage's answer (nobody responded by its deadline: the dispute enters the
 * next stage at the close of that day, so a response recorded on the deadline day is in time and the
 * stages fit the 20 working days; at stage 5 the final stage is reported overdue the working day
 * after), or, once someone has responded, the IRO's judgement of the response (prompted at once,
 * chased the working day after it is due and again every JUDGEMENT_CHASE until judged); the E6
 * overall clock (warnings before the 20 working days run out, the breach the working day after) and
 * CAFCASS's decision (overdue the working day after its 14 days, even once the dispute is resolved).
 * Pure: the workflow recomputes them after every change and acts on one at a time, earliest first.
 * Disputes keep the rules they started under (`rules`): 'legacy' ones climb the working day after
 * and ignore responses; 'issue-11' ones climb at 09:00 on the deadline and chase the judgement once.
 */
import { IsoDate } from '../calendar/iso-date';
import { OFFICE_CLOSES_HOUR } from '../calendar/office-hours';
import { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { repeatedChases } from '../timescales/interval';
import { DisputeState } from './messages';
import { DisputeTimescales, JUDGEMENT_CHASE, STAGE_DEFS, judgementDeadline } from './stages';

export type DisputeActionKind =
  'climb' | 'final-stage-overdue' | 'judge-response' | 'judgement-overdue' | 'overall-warning' | 'overall-breach' | 'cafcass-overdue';

export interface DisputeAction {
  /** Stable: an action done is never done again. */
  id: string;
  on: IsoDate;
  /** The hour England time it falls due (absent: 09:00); a climb falls at the close of the deadline day. */
  hour?: number;
  kind: DisputeActionKind;
  /** overall-warning: the working days left. */
  daysLeft?: number;
  /** judge-response, judgement-overdue: when the IRO's judgement is due. */
  due?: IsoDate;
  /** judgement-overdue: a chase after the first (its notice is a new one, dated). */
  repeat?: true;
}

export interface DisputeObligation {
  key: 'stage-answer' | 'response-judgement' | 'overall' | 'cafcass-decision';
  rule: string;
  what: string;
  due: IsoDate;
  actions: DisputeAction[];
}

export type DisputeFacts = Pick<DisputeState, 'status' | 'stage' | 'stages' | 'overallDue' | 'cafcass'> & {
  responses?: DisputeState['responses'];
};

/** The rules a dispute started under: running histories keep theirs (see the workflow's patches). */
export type DisputeRules = 'legacy' | 'issue-11' | 'current';
export interface DisputeOptions {
  rules?: DisputeRules;
  /** Today, for the repeated chases of a judgement (without it: the first repeat only). */
  today?: IsoDate;
}

export function disputeObligations(
  s: DisputeFacts,
  t: DisputeTimescales,
  calendar: WorkingDayCalendar,
  { rules = 'current', today }: DisputeOptions = {},
): DisputeObligation[] {
  const legacy = rules === 'legacy';
  // Resolved: only CAFCASS's pending decision is still owed (its chase is kept).
  if (s.status !== 'open') return cafcassObligation(s, calendar);
  const dayAfter = (d: IsoDate) => calendar.addWorkingDays(d, 1);
  const stage = s.stages[s.stages.length - 1];
  const def = STAGE_DEFS[stage.stage];
  const out: DisputeObligation[] = [];
  const response = legacy ? undefined : s.responses?.find((r) => r.stage === stage.stage && r.on >= stage.enteredOn);
  if (response) {
    // E2-E5: a response is for the IRO to judge (resolved, or escalate); the stage no longer climbs by itself.
    const due = judgementDeadline(calendar, t, response.on);
    const key = `${stage.stage}/${stage.enteredOn}`;
    const overdue = dayAfter(due);
    // Chased until judged: again every JUDGEMENT_CHASE after the first, to the IRO and the IRO unit manager.
    const chases = rules === 'current' ? repeatedChases(calendar, overdue, today ?? overdue, JUDGEMENT_CHASE) : [];
    out.push({
      key: 'response-judgement',
      rule: def.rule,
      what: `the IRO's judgement of the response at ${def.name}`,
      due,
      actions: [
        { id: `judge-response/${key}`, on: response.on, kind: 'judge-response', due },
        { id: `judgement-overdue/${key}`, on: overdue, kind: 'judgement-overdue', due },
        ...chases.map((on): DisputeAction => ({ id: `judgement-overdue/${key}/${on}`, on, kind: 'judgement-overdue', due, repeat: true })),
      ],
    });
  } else {
    // E2-E5: nobody responded by the stage's deadline: the next stage at the close of that day (issue-11: its
    // 09:00; legacy: the day after); stage 5 is the last.
    const climbOn = legacy ? dayAfter(stage.due) : stage.due;
    out.push({
      key: 'stage-answer',
      rule: stage.stage < 5 ? def.rule : 'E5',
      what: `a resolution at ${def.name}`,
      due: stage.due,
      actions: [
        stage.stage < 5
          ? {
              id: `climb/${stage.stage}/${stage.enteredOn}`,
              on: climbOn,
              ...(rules === 'current' ? { hour: OFFICE_CLOSES_HOUR } : {}),
              kind: 'climb',
            }
          : { id: `final-stage-overdue/${stage.enteredOn}`, on: dayAfter(stage.due), kind: 'final-stage-overdue' },
      ],
    });
  }
  // E6: warnings before the 20 working days run out, then the breach.
  out.push({
    key: 'overall',
    rule: 'E6',
    what: 'the whole process resolved',
    due: s.overallDue,
    actions: [
      ...t.overallWarnings.map((n): DisputeAction => ({
        id: `overall-warning/${n}`,
        on: calendar.workingDaysBefore(s.overallDue, n),
        kind: 'overall-warning',
        daysLeft: n,
      })),
      { id: 'overall-breach', on: dayAfter(s.overallDue), kind: 'overall-breach' },
    ],
  });
  return [...out, ...cafcassObligation(s, calendar)];
}

/** E6: CAFCASS decides within 14 days of a referral. */
function cafcassObligation(s: DisputeFacts, calendar: WorkingDayCalendar): DisputeObligation[] {
  const c = s.cafcass;
  if (!c || c.decision) return [];
  const on = calendar.addWorkingDays(c.decisionDue, 1);
  return [
    {
      key: 'cafcass-decision',
      rule: 'E6',
      what: "CAFCASS's decision",
      due: c.decisionDue,
      actions: [{ id: `cafcass-overdue/${c.referredOn}`, on, kind: 'cafcass-overdue' }],
    },
  ];
}

/** Every action, earliest first (ties by hour, then in the order above): the workflow does the first ready one, then recomputes. */
export function disputeActions(obligations: DisputeObligation[]): DisputeAction[] {
  return obligations.flatMap((o) => o.actions).sort((x, y) => x.on.localeCompare(y.on) || (x.hour ?? 0) - (y.hour ?? 0));
}

/**
 * Whether an action computed earlier is still owed now: a command that landed while the workflow
 * awaited an activity (an escalation, a response, the resolution) may have made it stale, and a
 * stale climb would skip a stage or enter one after resolution.
 */
export function stillOwed(
  a: Pick<DisputeAction, 'id'>,
  s: DisputeFacts,
  t: DisputeTimescales,
  calendar: WorkingDayCalendar,
  opts: DisputeOptions = {},
): boolean {
  return disputeObligations(s, t, calendar, opts).some((o) => o.actions.some((x) => x.id === a.id));
}
