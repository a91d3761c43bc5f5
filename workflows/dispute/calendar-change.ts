/**
 * A bank holiday proclaimed (or removed) while a dispute runs: rules.md's notes say a newly
 * proclaimed holiday must reach running cases. A dispute keeps its deadlines as dates, counted when
 * set (a stage's when it is entered, E6's when the dispute opens, CAFCASS's when referred), so
 * those still to come are counted again from the same start on the new calendar. A deadline whose
 * day has gone by stays: what followed it (a climb, a breach, a chase) has happened, as a
 * looked-after cycle's deadline that passed has its outcome recorded (L10 deemed agreed) and is not
 * reopened. None is moved before today. Pure: it says what moves; the workflow applies it.
 */
import { CaseContext } from '../case-kernel/command';
import { IsoDate } from '../calendar/iso-date';
import { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { deadlineAfter } from '../timescales/interval';
import { log } from './commands/context';
import { DisputeState } from './messages';
import { DisputeTimescales, STAGE_DEFS, overallDeadline, stageDeadline } from './stages';

export interface DeadlineMove {
  deadline: 'stage' | 'overall' | 'cafcass';
  rule: string;
  what: string;
  from: IsoDate;
  to: IsoDate;
}

export function deadlinesOnCalendar(
  s: Pick<DisputeState, 'status' | 'stages' | 'openedOn' | 'overallDue' | 'cafcass'>,
  t: DisputeTimescales,
  calendar: WorkingDayCalendar,
  today: IsoDate,
): DeadlineMove[] {
  const moves: DeadlineMove[] = [];
  const recount = (deadline: DeadlineMove['deadline'], rule: string, what: string, from: IsoDate, counted: IsoDate) => {
    const to = counted < today ? today : counted;
    if (from >= today && to !== from) moves.push({ deadline, rule, what, from, to });
  };
  if (s.status === 'open') {
    const e = s.stages[s.stages.length - 1];
    const def = STAGE_DEFS[e.stage];
    recount('stage', def.rule, `the deadline of ${def.name}`, e.due, stageDeadline(calendar, t, e.stage, e.enteredOn));
    // Breached, its day has gone by (the breach is the working day after): it stays.
    recount('overall', 'E6', 'the deadline for the whole process', s.overallDue, overallDeadline(calendar, t, s.openedOn));
  }
  const c = s.cafcass;
  if (c && !c.decision)
    recount('cafcass', 'E6', "CAFCASS's decision", c.decisionDue, deadlineAfter(calendar, c.referredOn, t.cafcassDecision).date);
  return moves;
}

/** Moves the deadlines and tells the dispute's story why (the calendar's revision names the change). */
export function moveDeadlines(s: DisputeState, moves: DeadlineMove[], ctx: CaseContext): void {
  for (const m of moves) {
    if (m.deadline === 'stage') s.stages[s.stages.length - 1].due = m.to;
    else if (m.deadline === 'overall') s.overallDue = m.to;
    else s.cafcass!.decisionDue = m.to;
    log(
      s,
      ctx,
      `${m.what} moved from ${m.from} to ${m.to}: the bank holidays changed (calendar revision ${ctx.calendar.revision})`,
      m.rule,
    );
  }
}
