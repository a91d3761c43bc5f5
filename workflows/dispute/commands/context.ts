/**
 * What a dispute command sees besides the dispute (today, the calendar, its timescales), and the
 * changes both commands and the clock make: a stage entered, a breach recorded. A command recorded
 * after the fact takes the date it happened (`on`); its checks keep the dispute's facts in order.
 */
import { CaseContext } from '../../case-kernel/command';
import { effectiveDate, refuseEnded } from '../../case-kernel/validation';
import { IsoDate } from '../../calendar/iso-date';
import { DisputeState } from '../messages';
import { DisputeTimescales, STAGE_DEFS, Stage, stageDeadline } from '../stages';

export interface DisputeContext extends CaseContext {
  timescales: DisputeTimescales;
  /** A dispute started before responses were judged and stages climbed on their deadline (it keeps those rules). */
  legacy?: boolean;
  /** A dispute started before facts were applied on their dates (history.ts): a late fact lands at the stage current when recorded. */
  lateFactsAsRecorded?: boolean;
}

/** One line of the dispute's story, dated when it happened (`on`, default today; recorded later: it says when). */
export function log(s: DisputeState, ctx: CaseContext, what: string, rule?: string, by?: string, on = ctx.today): void {
  s.events.push({ on, what: on === ctx.today ? what : `${what} (recorded on ${ctx.today})`, rule, by });
}

export function stillOpen(s: DisputeState, why = 'the dispute is closed'): void {
  if (s.status !== 'open') refuseEnded('disputeId', why, 'E6');
}

/** The current stage's entry. */
export const currentStage = (s: Pick<DisputeState, 'stages'>) => s.stages[s.stages.length - 1];

/**
 * When a command's fact happened (`on`, default today): not in the future, not before the current
 * stage was entered (nor the dispute opened), nor before the latest response when `afterResponses`.
 */
export function factDate(s: DisputeState, ctx: CaseContext, on: unknown, rule: string, afterResponses = false): IsoDate {
  const stage = currentStage(s);
  const last = afterResponses
    ? s.responses
        .map((r) => r.on)
        .sort()
        .at(-1)
    : undefined;
  return effectiveDate(
    'on',
    on,
    ctx.today,
    [
      [s.openedOn, 'the dispute opened'],
      [stage.enteredOn, `${STAGE_DEFS[stage.stage].name} was entered`],
      [last, 'the latest response'],
    ],
    rule,
  );
}

/** E2-E5: the dispute enters a stage (today, or `on` when recorded after the fact), by itself or by the IRO. */
export function enterStage(
  s: DisputeState,
  stage: Stage,
  how: 'no-response' | 'escalated-by-iro',
  ctx: DisputeContext,
  by?: string,
  reason?: string,
  on = ctx.today,
): void {
  const entry = { stage, enteredOn: on, due: stageDeadline(ctx.calendar, ctx.timescales, stage, on), how };
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
    on,
  );
}

/** E6: not resolved within the 20 working days (`on`: the day it was breached, default today). */
export function recordBreach(s: DisputeState, ctx: CaseContext, on = ctx.today): void {
  s.breachedOn = on;
  log(s, ctx, `not resolved within 20 working days (due ${s.overallDue}): breach recorded`, 'E6', undefined, on);
}
