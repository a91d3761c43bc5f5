/** E2-E5: a response recorded at the current stage; it stops the stage's climb, and the IRO judges it. */
import { Command } from '../../case-kernel/command';
import { text } from '../../case-kernel/validation';
import { DisputeState, ResponseInput } from '../messages';
import { STAGE_DEFS } from '../stages';
import { DisputeContext, log, stillOpen } from './context';

export const response: Command<DisputeState, ResponseInput, DisputeContext> = {
  validate(s, { note }) {
    stillOpen(s);
    text('note', note);
  },
  apply(s, { note, by }, ctx) {
    s.responses.push(ctx.legacy ? { on: ctx.today, by, note } : { on: ctx.today, by, note, stage: s.stage });
    log(s, ctx, `response at ${STAGE_DEFS[s.stage].name} from ${by}`, STAGE_DEFS[s.stage].rule, by);
  },
};
