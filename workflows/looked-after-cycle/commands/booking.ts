/**
 * L7: booking the review (on the day it was booked, `bookedOn`, default today), and moving a
 * booking; L12: one adjournment a review, for at most 20 working days, its resumed meeting moved
 * only within them.
 */
import { IsoDate } from '../../calendar/iso-date';
import { Command } from '../../case-kernel/command';
import { date, refuse, staff, text } from '../../case-kernel/validation';
import { AdjournReview, BookReview } from '../messages';
import { CycleModel } from '../model';
import { openReviewDue } from '../obligations';
import { CycleContext, active, effectiveDate, lastHeld, log, notBeforeCare, notFuture, onDay, time as hhmm } from './common';

export const bookReviewCommand: Command<CycleModel, BookReview, CycleContext> = {
  validate(model, { meetingOn, time, venue, reason, strategicManagerPermission, bookedOn: on }, ctx) {
    active(model);
    date('meetingOn', meetingOn);
    hhmm('time', time);
    text('venue', venue, false);
    const bookedOn = effectiveDate(model, 'bookedOn', on, ctx);
    const last = lastHeld(model);
    if (last && bookedOn < last.heldOn)
      refuse(
        'bookedOn',
        `${bookedOn} is before the last review held (${last.heldOn}); review ${model.open.number} is booked after it`,
        'L7',
      );
    if (meetingOn < bookedOn)
      refuse(
        'meetingOn',
        on === undefined
          ? `${meetingOn} has passed (today is ${bookedOn}); a booking made on an earlier day gives that day as bookedOn`
          : `${meetingOn} is before the booking was made (${bookedOn})`,
        'L7',
      );
    // L8 (002 §17(5)): the same date at another venue (or time) is not a re-booking.
    const sameDate = model.open.booking?.meetingOn === meetingOn;
    const adjourned = model.open.adjournment;
    if (adjourned && (ctx.legacy || !model.open.booking))
      refuse('meetingOn', 'the review is adjourned; it resumes on its adjourned date', 'L12');
    if (model.open.booking !== undefined && !sameDate) text('reason', reason);
    if (adjourned) return resumedMeeting(adjourned, meetingOn, bookedOn, sameDate, ctx);
    const due = openReviewDue(model, ctx.profile, ctx.calendar).due;
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
  apply(model, { meetingOn, time, venue, reason, strategicManagerPermission, by, bookedOn: on }, ctx) {
    const open = model.open;
    const previous = open.booking;
    const bookedOn = on ?? ctx.today;
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
      // Each postponement is kept for the "more than one in 12 months" check, dated the day it was made.
      open.postponements.push({ from: previous.meetingOn, to: meetingOn, on: bookedOn, reason: reason!, strategicManagerPermission });
      model.postponementDates.push(bookedOn);
    }
    open.booking = {
      meetingOn,
      ...(time !== undefined ? { time } : {}),
      venue,
      bookedOn,
      by,
      ...(strategicManagerPermission && !ctx.legacy ? { strategicManagerPermission } : {}),
    };
    if (open.adjournment && previous) {
      // L12: the resumed meeting moves, within the adjournment's limit; the review is chased against the new date.
      const was = open.adjournment.resumeBy;
      open.adjournment.resumeBy = meetingOn;
      log(
        model,
        ctx,
        `adjourned review ${open.number} to resume on ${meetingOn} instead of ${was}${onDay(bookedOn, ctx)}: ${reason}`,
        'L12',
        by,
      );
      return;
    }
    log(
      model,
      ctx,
      previous
        ? `review ${open.number} ${postponed ? 'moved' : 'brought earlier'} from ${previous.meetingOn} to ${meetingOn}${onDay(bookedOn, ctx)}: ${reason}`
        : `review ${open.number} booked for ${meetingOn}${time ? ` at ${time}` : ''}${onDay(bookedOn, ctx, 'booking made')}`,
      'L7',
      by,
    );
  },
};

/**
 * L12 (002 §16, §17(5)): while adjourned, the resumed meeting may change venue or time (L8: not a
 * re-booking), and move to another date only within 20 working days of the adjournment.
 */
function resumedMeeting(
  adjourned: NonNullable<CycleModel['open']['adjournment']>,
  meetingOn: IsoDate,
  bookedOn: IsoDate,
  sameDate: boolean,
  ctx: CycleContext,
): void {
  if (bookedOn < adjourned.on) refuse('bookedOn', `${bookedOn} is before the adjournment (${adjourned.on})`, 'L12');
  if (sameDate) return;
  const limit = ctx.calendar.addWorkingDays(adjourned.on, 20);
  if (meetingOn <= adjourned.on) refuse('meetingOn', `${meetingOn} is not after the adjournment (${adjourned.on})`, 'L12');
  if (meetingOn > limit)
    refuse(
      'meetingOn',
      `${meetingOn} is more than 20 working days after the adjournment on ${adjourned.on} (latest ${limit}): an adjourned review resumes within 20 working days`,
      'L12',
    );
}

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
    // A review is adjourned at its meeting: the one booked, if it is booked.
    const booked = model.open.booking?.meetingOn;
    if (booked && on !== booked)
      refuse(
        'on',
        `review ${model.open.number} is booked for ${booked}: it is adjourned at that meeting (move the booking first if it met on another day)`,
        'L12',
      );
    const limit = ctx.calendar.addWorkingDays(on, 20);
    if (resumeOn <= on) refuse('resumeOn', `${resumeOn} is not after the adjournment (${on})`, 'L12');
    if (resumeOn > limit) refuse('resumeOn', `${resumeOn} is more than 20 working days after ${on} (latest ${limit})`, 'L12');
  },
  apply(model, { on, resumeOn, reason, by }, ctx) {
    model.open.adjournment = { on, resumeBy: resumeOn, reason, ...(ctx.legacy ? {} : { onHold: ON_HOLD }) };
    const time = model.open.booking?.time;
    // The resume date is set at the adjourned meeting (running cycles from before: the day recorded).
    const bookedOn = model.legacy?.dates ? ctx.today : on;
    model.open.booking = { meetingOn: resumeOn, ...(time ? { time } : {}), venue: model.open.booking?.venue, bookedOn, by };
    log(model, ctx, `review ${model.open.number} adjourned on ${on}, to resume on ${resumeOn}: ${reason}`, 'L12', by);
  },
};
