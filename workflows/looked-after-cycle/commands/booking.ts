/** L7: booking the review, and moving a booking; L12: one adjournment a review, for at most 20 working days. */
import { Command } from '../../case-kernel/command';
import { date, refuse, staff, text } from '../../case-kernel/validation';
import { AdjournReview, BookReview } from '../messages';
import { CycleModel } from '../model';
import { openReviewDue } from '../obligations';
import { CycleContext, active, log, notBeforeCare, notFuture, time as hhmm } from './common';

export const bookReviewCommand: Command<CycleModel, BookReview, CycleContext> = {
  validate(model, { meetingOn, time, venue, reason, strategicManagerPermission }, ctx) {
    active(model);
    date('meetingOn', meetingOn);
    hhmm('time', time);
    text('venue', venue, false);
    if (meetingOn < ctx.today) refuse('meetingOn', `${meetingOn} has passed`, 'L7');
    if (model.open.adjournment) refuse('meetingOn', 'the review is adjourned; it resumes on its adjourned date', 'L12');
    // L8 (002 §17(5)): the same date at another venue (or time) is not a re-booking.
    const moving = model.open.booking !== undefined && model.open.booking.meetingOn !== meetingOn;
    if (moving) text('reason', reason);
    const due = openReviewDue(model, ctx.profile, ctx.calendar).due;
    const sameDate = model.open.booking?.meetingOn === meetingOn;
    if (meetingOn > due && !sameDate) {
      if (!strategicManagerPermission) {
        refuse(
          'meetingOn',
          `${meetingOn} is after the review is due (${due}); a date outside the statutory timescale needs a strategic manager's permission and a reason`,
          'L7',
        );
      }
      staff('strategicManagerPermission.by', strategicManagerPermission.by);
      text('strategicManagerPermission.reason', strategicManagerPermission.reason);
    }
  },
  apply(model, { meetingOn, time, venue, reason, strategicManagerPermission, by }, ctx) {
    const open = model.open;
    const previous = open.booking;
    if (previous && previous.meetingOn === meetingOn && !ctx.legacy) {
      // L8: the booking date stays, so no preparation task becomes "booked too late" and no chase is lost.
      open.booking = { ...previous, ...(venue !== undefined ? { venue } : {}), ...(time !== undefined ? { time } : {}) };
      const what = [venue !== undefined ? `venue ${venue}` : '', time !== undefined ? `time ${time}` : ''].filter(Boolean).join(', ');
      log(model, ctx, `review ${open.number} on ${meetingOn}: ${what || 'booking confirmed'}${reason ? ` (${reason})` : ''}`, 'L8', by);
      return;
    }
    // L7: moving a meeting earlier is not a postponement.
    const postponed = previous && previous.meetingOn !== meetingOn && (meetingOn > previous.meetingOn || ctx.legacy);
    if (postponed) {
      // Each postponement is kept for the "more than one in 12 months" check.
      open.postponements.push({ from: previous.meetingOn, to: meetingOn, on: ctx.today, reason: reason!, strategicManagerPermission });
      model.postponementDates.push(ctx.today);
    }
    open.booking = {
      meetingOn,
      ...(time !== undefined ? { time } : {}),
      venue,
      bookedOn: ctx.today,
      by,
      ...(strategicManagerPermission && !ctx.legacy ? { strategicManagerPermission } : {}),
    };
    log(
      model,
      ctx,
      previous
        ? `review ${open.number} ${postponed ? 'moved' : 'brought earlier'} from ${previous.meetingOn} to ${meetingOn}: ${reason}`
        : `review ${open.number} booked for ${meetingOn}${time ? ` at ${time}` : ''}`,
      'L7',
      by,
    );
  },
};

/** 002 §16, said in the cycle's state while the review is adjourned. */
export const ON_HOLD = 'no proposal under consideration at the adjourned review can be implemented until the review has been completed';

export const adjournReviewCommand: Command<CycleModel, AdjournReview, CycleContext> = {
  validate(model, { on, resumeOn, reason }, ctx) {
    active(model);
    date('on', on);
    date('resumeOn', resumeOn);
    text('reason', reason);
    notBeforeCare(model, 'on', on);
    notFuture('on', on, ctx);
    if (model.open.adjournment)
      refuse('on', `review ${model.open.number} has already been adjourned once (on ${model.open.adjournment.on})`, 'L12');
    // Only the review still open can be adjourned: the meeting is after the previous review held.
    const last = model.reviewsHeld[model.reviewsHeld.length - 1];
    if (last && on <= last.heldOn)
      refuse('on', `${on} is not after the last review held (${last.heldOn}): review ${model.open.number} is the one open`, 'L12');
    const limit = ctx.calendar.addWorkingDays(on, 20);
    if (resumeOn <= on) refuse('resumeOn', `${resumeOn} is not after the adjournment (${on})`, 'L12');
    if (resumeOn > limit) refuse('resumeOn', `${resumeOn} is more than 20 working days after ${on} (latest ${limit})`, 'L12');
  },
  apply(model, { on, resumeOn, reason, by }, ctx) {
    model.open.adjournment = { on, resumeBy: resumeOn, reason, ...(ctx.legacy ? {} : { onHold: ON_HOLD }) };
    const time = model.open.booking?.time;
    model.open.booking = { meetingOn: resumeOn, ...(time ? { time } : {}), venue: model.open.booking?.venue, bookedOn: ctx.today, by };
    log(model, ctx, `review ${model.open.number} adjourned on ${on}, to resume on ${resumeOn}: ${reason}`, 'L12', by);
  },
};
