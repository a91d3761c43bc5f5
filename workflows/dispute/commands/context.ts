/**
 * What a dispute command sees besides the dispute (today, the calendar, its timescales), and the
 * changes both commands and the clock make: a stage entered, a breach recorded.
 */
import { CaseContext } from '../../case-kernel/command';
import { refuseEnded } from '../../case-kernel/validation';
import { DisputeState } from '../messages';
import { DisputeTimescales, STAGE_DEFS, Stage, stageDeadline } from '../stages';

export interface DisputeContext extends CaseContext {
  timescales: DisputeTimescales;
  /** A dispute started before responses were judged and stages climbed on their deadline (it keeps those rules). */
  legacy?: boolean;
}

/** One line of the dispute's story, dated today. */
export function log(s: DisputeState, ctx: CaseContext, what: string, rule?: string, by?: string): void {
  s.events.push({ on: ctx.today, what, rule, by });
}

export function stillOpen(s: DisputeState, why = 'the dispute is closed'): void {
  if (s.status !== 'open') refuseEnded('disputeId', why, 'E6');
}

/** E2-E5: the dispute enters a stage today, by itself (no resolution in time) or by the IRO. */
export function enterStage(
  s: DisputeState,
  stage: Stage,
  how: 'no-response' | 'escalated-by-iro',
  ctx: DisputeContext,
  by?: string,
  reason?: string,
): void {
  const entry = { stage, enteredOn: ctx.today, due: stageDeadline(ctx.calendar, ctx.timescales, stage, ctx.today), how };
  s.stages.push(entry);
  s.stage = stage;
  log(
    s,
    ctx,
    how === 'no-response'
      ? `no resolution by ${s.stages[s.stages.length - 2].due}: escalated to ${STAGE_DEFS[stage].name}`
      : `escalated by the IRO to ${STAGE_DEFS[stage].name}: ${reason}`,
    STAGE_DEFS[stage].rule,
    by,
  );
}

/** E6: not resolved within the 20 working days. */
export function recordBreach(s: DisputeState, ctx: CaseContext): void {
  s.breachedOn = ctx.today;
  log(s, ctx, `not resolved within 20 working days (due ${s.overallDue}): breach recorded`, 'E6');
}
