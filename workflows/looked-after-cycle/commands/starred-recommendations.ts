/** L11: concerns about starred recommendations within 5 working days of being told; then agreement. */
import { Command } from '../../case-kernel/command';
import { refuse, text } from '../../case-kernel/validation';
import { RespondToStarred } from '../messages';
import { CycleModel } from '../model';
import { CycleContext, activeOrFollowingUp, heldReview, log } from './common';

export const respondToStarredCommand: Command<CycleModel, RespondToStarred, CycleContext> = {
  validate(model, { reviewNumber, response, note }, ctx) {
    activeOrFollowingUp(model);
    const h = heldReview(model, reviewNumber);
    if (!h?.starred)
      refuse('reviewNumber', `review ${reviewNumber} made no starred recommendations (or they have not been sent yet)`, 'L11');
    if (h.starred.disputeId || h.starred.disputeToOpen) refuse('reviewNumber', 'a dispute has been opened about them', 'L11');
    if (response === 'concern') {
      text('note', note);
      if (h.starred.concern) refuse('response', `a concern was raised on ${h.starred.concern.on}`, 'L11');
      const by = ctx.calendar.addWorkingDays(h.starred.notifiedOn, 5);
      if (ctx.today > by) refuse('response', `concerns were due within 5 working days of ${h.starred.notifiedOn} (by ${by})`, 'L11');
    } else if (response === 'agree') {
      if (!h.starred.concern) refuse('response', 'there is no concern to agree', 'L11');
      if (h.starred.agreedOn) refuse('response', `already agreed on ${h.starred.agreedOn}`, 'L11');
    } else refuse('response', 'concern or agree', 'L11');
  },
  apply(model, { reviewNumber, response, note, by }, ctx) {
    const st = heldReview(model, reviewNumber)!.starred!;
    if (response === 'concern') st.concern = { on: ctx.today, by, note: note! };
    else st.agreedOn = ctx.today;
    log(
      model,
      ctx,
      response === 'concern'
        ? `concern about review ${reviewNumber}'s starred recommendations: ${note}`
        : `starred recommendations of review ${reviewNumber} agreed`,
      'L11',
      by,
    );
  },
};
