/** The dispute is resolved or withdrawn at its current stage. */
import { Command } from '../../case-kernel/command';
import { refuse, text } from '../../case-kernel/validation';
import { DisputeState, ResolveInput } from '../messages';
import { STAGE_DEFS } from '../stages';
import { DisputeContext, log, stillOpen } from './context';

export const resolve: Command<DisputeState, ResolveInput, DisputeContext> = {
  validate(s, { outcome, summary }) {
    stillOpen(s, 'the dispute is already closed');
    if (outcome !== 'resolved' && outcome !== 'withdrawn') refuse('outcome', 'resolved or withdrawn');
    text('summary', summary);
  },
  apply(s, { outcome, summary, by }, ctx) {
    s.outcome = { on: ctx.today, outcome, summary, by };
    s.status = 'resolved';
    log(s, ctx, `${outcome} at ${STAGE_DEFS[s.stage].name}: ${summary}`, STAGE_DEFS[s.stage].rule, by);
  },
};
