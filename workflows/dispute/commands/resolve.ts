/**
 * The dispute is resolved or withdrawn at its current stage. Recorded after the fact (`on`): not
 * before the stage, the latest response or a CAFCASS referral; resolved within the 20 working days
 * after all, a breach recorded meanwhile is withdrawn, and resolved after them with no breach
 * recorded yet (a dispute recorded after the fact), the breach is recorded on the day it happened (E6).
 */
import { Command } from '../../case-kernel/command';
import { refuse, text } from '../../case-kernel/validation';
import { DisputeState, ResolveInput } from '../messages';
import { STAGE_DEFS } from '../stages';
import { DisputeContext, factDate, log, recordBreach, stillOpen } from './context';
import { bringUpTo, broughtUpTo } from './history';

export const resolve: Command<DisputeState, ResolveInput, DisputeContext> = {
  validate(model, { outcome, summary, on }, ctx) {
    stillOpen(model, 'the dispute is already closed');
    // Judged against the dispute as it stood that day (history.ts).
    const s = broughtUpTo(model, on, ctx);
    if (outcome !== 'resolved' && outcome !== 'withdrawn') refuse('outcome', 'resolved or withdrawn');
    text('summary', summary);
    const d = factDate(s, ctx, on, 'E6', true);
    if (s.cafcass && d < s.cafcass.referredOn)
      refuse('on', `${d} is before the referral to CAFCASS (${s.cafcass.referredOn}), made while the dispute was open`, 'E6');
  },
  apply(s, { outcome, summary, by, on: given }, ctx) {
    const on = given ?? ctx.today;
    if (given) bringUpTo(s, given, ctx);
    s.outcome = { on, outcome, summary, by };
    s.status = 'resolved';
    log(s, ctx, `${outcome} at ${STAGE_DEFS[s.stage].name}: ${summary}`, STAGE_DEFS[s.stage].rule, by, on);
    if (s.breachedOn && on <= s.overallDue) {
      log(
        s,
        ctx,
        `${outcome} within the 20 working days (due ${s.overallDue}): the breach recorded on ${s.breachedOn} is withdrawn`,
        'E6',
        by,
        on,
      );
      delete s.breachedOn;
    } else if (!s.breachedOn && on > s.overallDue) recordBreach(s, ctx, ctx.calendar.addWorkingDays(s.overallDue, 1));
  },
};
