/**
 * E2-E5: a response recorded at the current stage; it stops the stage's climb, and the IRO judges it.
 * Recorded after the fact (`on`), it is dated when it came, at the stage current then (not before it
 * was entered); one on the stage's deadline day is in time (the climb is at that day's close).
 */
import { Command } from '../../case-kernel/command';
import { text } from '../../case-kernel/validation';
import { DisputeState, ResponseInput } from '../messages';
import { STAGE_DEFS } from '../stages';
import { DisputeContext, factDate, log, stillOpen } from './context';

export const response: Command<DisputeState, ResponseInput, DisputeContext> = {
  validate(s, { note, on }, ctx) {
    stillOpen(s);
    text('note', note);
    factDate(s, ctx, on, STAGE_DEFS[s.stage].rule);
  },
  apply(s, { note, by, on: given }, ctx) {
    const on = given ?? ctx.today;
    s.responses.push(ctx.legacy ? { on, by, note } : { on, by, note, stage: s.stage });
    log(s, ctx, `response at ${STAGE_DEFS[s.stage].name} from ${by}`, STAGE_DEFS[s.stage].rule, by, on);
  },
};
