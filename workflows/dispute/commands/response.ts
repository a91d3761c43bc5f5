/**
 * E2-E5: a response recorded at the current stage; it stops the stage's climb, and the IRO judges it.
 * Recorded after the fact (`on`), it is dated when it came, at the stage open that day (history.ts:
 * the climbs before it happened first; one on a stage's deadline day is in time, the climb is at that
 * day's close, and a climb recorded before it with nothing since is undone).
 */
import { Command } from '../../case-kernel/command';
import { refuse, text } from '../../case-kernel/validation';
import { DisputeState, ResponseInput } from '../messages';
import { STAGE_DEFS } from '../stages';
import { DisputeContext, currentStage, factDate, log, stillOpen } from './context';
import { bringUpTo, broughtUpTo, datesFacts, undoPrematureClimbs } from './history';

export const response: Command<DisputeState, ResponseInput, DisputeContext> = {
  validate(model, { note, on }, ctx) {
    stillOpen(model);
    text('note', note);
    // Judged against the dispute as it stood that day (history.ts).
    const s = broughtUpTo(model, on, ctx, true);
    const d = factDate(s, ctx, on, STAGE_DEFS[s.stage].rule);
    // A stage entered by itself was entered at the close of its day: a response that day answered the stage before.
    const entry = currentStage(s);
    if (datesFacts(ctx) && on !== undefined && entry.how === 'no-response' && d === entry.enteredOn)
      refuse(
        'on',
        `${d} is before ${STAGE_DEFS[s.stage].name} was entered (at the close of that day, with facts at it since)`,
        STAGE_DEFS[s.stage].rule,
      );
  },
  apply(s, { note, by, on: given }, ctx) {
    const on = given ?? ctx.today;
    if (given) {
      undoPrematureClimbs(s, given, ctx);
      bringUpTo(s, given, ctx);
    }
    s.responses.push(ctx.legacy ? { on, by, note } : { on, by, note, stage: s.stage });
    log(s, ctx, `response at ${STAGE_DEFS[s.stage].name} from ${by}`, STAGE_DEFS[s.stage].rule, by, on);
  },
};
