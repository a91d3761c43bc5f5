/**
 * L11: concerns about starred recommendations within 5 working days of being told; then agreement.
 * Each on the day it happened (`on`, default today): the 5 working days are judged with that date.
 */
import { Command } from '../../case-kernel/command';
import { refuse, text } from '../../case-kernel/validation';
import { RespondToStarred } from '../messages';
import { CycleModel } from '../model';
import { CycleContext, activeOrFollowingUp, effectiveDate, heldReview, log, onDay } from './common';

export const respondToStarredCommand: Command<CycleModel, RespondToStarred, CycleContext> = {
  validate(model, { reviewNumber, response, note, on }, ctx) {
    activeOrFollowingUp(model);
    const h = heldReview(model, reviewNumber);
    if (!h?.starred)
      refuse('reviewNumber', `review ${reviewNumber} made no starred recommendations (or they have not been sent yet)`, 'L11');
    if (h.starred.disputeId || h.starred.disputeToOpen) refuse('reviewNumber', 'a dispute has been opened about them', 'L11');
    if (response !== 'concern' && response !== 'agree') refuse('response', 'concern or agree', 'L11');
    const d = effectiveDate(model, 'on', on, ctx);
    if (d < h.heldOn) refuse('on', `${d} is before review ${reviewNumber} was held (${h.heldOn})`, 'L11');
    if (response === 'concern') {
      text('note', note);
      if (h.starred.concern) refuse('response', `a concern was raised on ${h.starred.concern.on}`, 'L11');
      const by = ctx.calendar.addWorkingDays(h.starred.notifiedOn, 5);
      if (d > by)
        refuse(
          on === undefined ? 'response' : 'on',
          `concerns were due within 5 working days of ${h.starred.notifiedOn} (by ${by})`,
          'L11',
        );
    } else {
      if (!h.starred.concern) refuse('response', 'there is no concern to agree', 'L11');
      if (h.starred.agreedOn) refuse('response', `already agreed on ${h.starred.agreedOn}`, 'L11');
      if (d < h.starred.concern.on) refuse('on', `${d} is before the concern was raised (${h.starred.concern.on})`, 'L11');
    }
  },
  apply(model, { reviewNumber, response, note, by, on }, ctx) {
    const st = heldReview(model, reviewNumber)!.starred!;
    const d = on ?? ctx.today;
    // A concern recorded after the day: the dispute its lapse opens waits a working day for the agreement to be recorded.
    if (response === 'concern') st.concern = { on: d, by, note: note!, ...(d < ctx.today ? { recordedOn: ctx.today } : {}) };
    else st.agreedOn = d;
    log(
      model,
      ctx,
      response === 'concern'
        ? `concern about review ${reviewNumber}'s starred recommendations${onDay(d, ctx)}: ${note}`
        : `starred recommendations of review ${reviewNumber} agreed${onDay(d, ctx)}`,
      'L11',
      by,
    );
  },
};
