/** L7: booking the review, and moving a booking; L12: one adjournment a review, for at most 20 working days. */
import { Command } from '../../case-kernel/command';
import { date, refuse, staff, text } from '../../case-kernel/validation';
import { AdjournReview, BookReview } from '../messages';
import { CycleModel } from '../model';
import { openReviewDue } from '../obligations';
import { CycleContext, active, log, notBeforeCare, notFuture } from './common';

export const bookReviewCommand: Command<CycleModel, BookReview, CycleContext> = {
  validate(model, { meetingOn, venue, reason, strategicManagerPermission }, ctx) {
    active(model);
    date('meetingOn', meetingOn);
    text('venue', venue, false);
    if (meetingOn < ctx.today) refuse('meetingOn', `${meetingOn} has passed`, 'L7');
    if (model.open.adjournment) refuse('meetingOn', 'the review is adjourned; it resumes on its adjourned date', 'L12');
    const moving = model.open.booking !== undefined;
    if (moving) text('reason', reason);
    const due = openReviewDue(model, ctx.profile, ctx.calendar).due;
    if (meetingOn > due) {
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
  apply(model, { meetingOn, venue, reason, strategicManagerPermission, by }, ctx) {
    const open = model.open;
    const previous = open.booking;
    if (previous && previous.meetingOn !== meetingOn) {
      // Each postponement is kept for the "more than one in 12 months" check.
      open.postponements.push({ from: previous.meetingOn, to: meetingOn, on: ctx.today, reason: reason!, strategicManagerPermission });
      model.postponementDates.push(ctx.today);
    }
    open.booking = { meetingOn, venue, bookedOn: ctx.today, by };
    log(
      model,
      ctx,
      previous
        ? `review ${open.number} moved from ${previous.meetingOn} to ${meetingOn}: ${reason}`
        : `review ${open.number} booked for ${meetingOn}`,
      'L7',
      by,
    );
  },
};

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
    const limit = ctx.calendar.addWorkingDays(on, 20);
    if (resumeOn <= on) refuse('resumeOn', `${resumeOn} is not after the adjournment (${on})`, 'L12');
    if (resumeOn > limit) refuse('resumeOn', `${resumeOn} is more than 20 working days after ${on} (latest ${limit})`, 'L12');
  },
  apply(model, { on, resumeOn, reason, by }, ctx) {
    model.open.adjournment = { on, resumeBy: resumeOn, reason };
    model.open.booking = { meetingOn: resumeOn, venue: model.open.booking?.venue, bookedOn: ctx.today, by };
    log(model, ctx, `review ${model.open.number} adjourned on ${on}, to resume on ${resumeOn}: ${reason}`, 'L12', by);
  },
};
