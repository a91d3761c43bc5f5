/**
 * A fact recorded after the fact (`on`) is judged and applied against the dispute as it stood that
 * day (rules.md E2-E6), so that the same story gives the same dispute whether it was entered live or
 * later (a command without a date is applied as the dispute stands). Brought up to `on`: each stage nobody answered by its deadline climbed at the close of that
 * day (entered then, dated then, its own deadline from it), and the 20 working days breached the
 * working day after they ran out. Nothing is sent for these now: they are history (a catch-up lists
 * what is still owed). And a response dated a stage's deadline day but recorded after that day's
 * climb answers the stage open that day: the premature climbs after it are undone. Pure.
 */
import { effectiveDate } from '../../case-kernel/validation';
import { IsoDate } from '../../calendar/iso-date';
import { DisputeState, StageEntry } from '../messages';
import { STAGE_DEFS, Stage } from '../stages';
import { DisputeContext, enterStage, log, recordBreach } from './context';

/** Whether this dispute applies late facts on their dates (running disputes started before keep the stage current when recorded). */
export const datesFacts = (ctx: DisputeContext) => !ctx.legacy && !ctx.lateFactsAsRecorded;

/** Whether a stage was answered by its deadline (a response at it, dated from its entry to its deadline). */
function answered(s: Pick<DisputeState, 'responses'>, e: StageEntry): boolean {
  return s.responses.some((r) => r.stage === e.stage && r.on >= e.enteredOn && r.on <= e.due);
}

/** E2-E6: the dispute brought up to `on` (in place): the climbs and the breach that fell before that day. */
export function bringUpTo(s: DisputeState, on: IsoDate, ctx: DisputeContext): void {
  if (s.status !== 'open' || !datesFacts(ctx)) return;
  for (let e = s.stages[s.stages.length - 1]; e.stage < 5 && e.due < on && !answered(s, e); e = s.stages[s.stages.length - 1])
    enterStage(s, (e.stage + 1) as Stage, 'no-response', ctx, undefined, undefined, e.due);
  const breach = ctx.calendar.addWorkingDays(s.overallDue, 1);
  if (!s.breachedOn && breach <= on) recordBreach(s, ctx, breach);
}

/** A copy of the dispute brought up to `on` (for validation, which changes nothing); a response's premature climbs undone. */
export function broughtUpTo(s: DisputeState, on: unknown, ctx: DisputeContext, isResponse = false): DisputeState {
  if (!datesFacts(ctx) || on === undefined) return s;
  // Only a well-formed date from the opening to today is brought up to (the command's own checks refuse the rest).
  let d: IsoDate;
  try {
    d = effectiveDate('on', on, ctx.today, [[s.openedOn, 'the dispute opened']]);
  } catch {
    return s;
  }
  const copy: DisputeState = { ...s, stages: [...s.stages], events: [...s.events], responses: [...s.responses] };
  if (isResponse) undoPrematureClimbs(copy, d, ctx, true);
  bringUpTo(copy, d, ctx);
  return copy;
}

/**
 * E2-E5: a response dated `on` answers the stage open that day: a stage entered by itself at the
 * close of `on` or later, with only such climbs after it, was entered too soon (the response came in
 * time): those climbs are undone and the undoing is recorded. `quiet`: for validation (no event).
 */
export function undoPrematureClimbs(s: DisputeState, on: IsoDate, ctx: DisputeContext, quiet = false): void {
  if (s.status !== 'open' || !datesFacts(ctx)) return;
  let keep = s.stages.length;
  while (keep > 1 && s.stages[keep - 1].how === 'no-response' && s.stages[keep - 1].enteredOn >= on && s.stages[keep - 2].due >= on) keep--;
  if (keep === s.stages.length) return;
  // No later fact: nothing recorded (but the climbs) since the first premature climb.
  const first = s.stages[keep];
  if (s.responses.some((r) => r.on >= first.enteredOn) || (s.cafcass && s.cafcass.referredOn > first.enteredOn)) return;
  const undone = s.stages.splice(keep);
  s.stage = s.stages[keep - 1].stage;
  if (quiet) return;
  log(
    s,
    ctx,
    `a response dated ${on} came by the deadline of ${STAGE_DEFS[s.stage].name} (${s.stages[keep - 1].due}): ` +
      `the climb to ${undone.map((e) => `${STAGE_DEFS[e.stage].name} on ${e.enteredOn}`).join(', then ')} is undone`,
    STAGE_DEFS[s.stage].rule,
  );
}
