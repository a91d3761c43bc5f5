/**
 * What a Resolution and Escalation dispute still owes (rules.md E2-E6), like every case's
 * obligations: the current stage's answer (no answer by its deadline: the dispute climbs to the
 * next stage the working day after, or at stage 5 the final stage is reported overdue), the E6
 * overall clock (warnings before the 20 working days run out, the breach the working day after)
 * and CAFCASS's decision (overdue the working day after its 14 days). Pure: the workflow
 * recomputes them after every change and acts on one at a time, earliest first.
 */
import { IsoDate } from '../calendar/iso-date';
import { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { DisputeState } from './messages';
import { DisputeTimescales, STAGE_DEFS } from './stages';

export type DisputeActionKind = 'climb' | 'final-stage-overdue' | 'overall-warning' | 'overall-breach' | 'cafcass-overdue';

export interface DisputeAction {
  /** Stable: an action done is never done again. */
  id: string;
  on: IsoDate;
  kind: DisputeActionKind;
  /** overall-warning: the working days left. */
  daysLeft?: number;
}

export interface DisputeObligation {
  key: 'stage-answer' | 'overall' | 'cafcass-decision';
  rule: string;
  what: string;
  due: IsoDate;
  actions: DisputeAction[];
}

export type DisputeFacts = Pick<DisputeState, 'status' | 'stage' | 'stages' | 'overallDue' | 'cafcass'>;

export function disputeObligations(s: DisputeFacts, t: DisputeTimescales, calendar: WorkingDayCalendar): DisputeObligation[] {
  if (s.status !== 'open') return [];
  const dayAfter = (d: IsoDate) => calendar.addWorkingDays(d, 1);
  const stage = s.stages[s.stages.length - 1];
  const def = STAGE_DEFS[stage.stage];
  const out: DisputeObligation[] = [];
  // E2-E5: no resolution by the stage's deadline: up to the next stage by itself; stage 5 is the last.
  out.push({
    key: 'stage-answer',
    rule: stage.stage < 5 ? def.rule : 'E5',
    what: `a resolution at ${def.name}`,
    due: stage.due,
    actions: [
      stage.stage < 5
        ? { id: `climb/${stage.stage}/${stage.enteredOn}`, on: dayAfter(stage.due), kind: 'climb' }
        : { id: `final-stage-overdue/${stage.enteredOn}`, on: dayAfter(stage.due), kind: 'final-stage-overdue' },
    ],
  });
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
  // E6: CAFCASS decides within 14 days of a referral.
  const c = s.cafcass;
  if (c && !c.decision) {
    out.push({
      key: 'cafcass-decision',
      rule: 'E6',
      what: "CAFCASS's decision",
      due: c.decisionDue,
      actions: [{ id: `cafcass-overdue/${c.referredOn}`, on: dayAfter(c.decisionDue), kind: 'cafcass-overdue' }],
    });
  }
  return out;
}

/** Every action, earliest first (ties in the order above): the workflow does the first ready one, then recomputes. */
export function disputeActions(obligations: DisputeObligation[]): DisputeAction[] {
  return obligations.flatMap((o) => o.actions).sort((x, y) => x.on.localeCompare(y.on));
}
