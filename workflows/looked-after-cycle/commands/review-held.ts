/** A review held (L3-L5: the next clock runs from its real date; L12, L14, L17, L18; L11 starred; L7 next date). */
import { Command } from '../../case-kernel/command';
import { date, refuse, staff, text } from '../../case-kernel/validation';
import { RecordReviewHeld } from '../messages';
import { CycleModel, HeldReview, NON_ATTENDEES, PARTICIPATION_CODES, ageOn, mayReviewWithoutMeeting } from '../model';
import { openReviewDue } from '../obligations';
import { CycleContext, active, log, notBeforeCare, notFuture, time } from './common';

type DecisionInput = NonNullable<RecordReviewHeld['decisions']>[number];

/** When the review after this one would be due, were this one held on `heldOn`. */
function dueAfter(model: CycleModel, heldOn: string, ctx: CycleContext): string {
  const held = {
    ...model,
    reviewsHeld: [...model.reviewsHeld, { heldOn } as HeldReview],
    open: { ...model.open, number: model.open.number + 1 },
  };
  return openReviewDue({ ...held, open: { number: held.open.number, postponements: [], preMeeting: {} } }, ctx.profile, ctx.calendar).due;
}

export const recordReviewHeldCommand: Command<CycleModel, RecordReviewHeld, CycleContext> = {
  validate(model, r, ctx) {
    active(model);
    const heldOn = date('heldOn', r.heldOn);
    staff('by', r.by);
    notBeforeCare(model, 'heldOn', heldOn);
    notFuture('heldOn', heldOn, ctx);
    const last = model.reviewsHeld[model.reviewsHeld.length - 1];
    // L3 (and L4 after it): the API has always answered this refusal with rule L3.
    if (last && heldOn <= last.heldOn)
      refuse(
        'heldOn',
        `${heldOn} is not after the last review held (${last.heldOn}); the next clock runs from the review actually held`,
        'L3',
      );
    if (model.open.adjournment && heldOn < model.open.adjournment.on)
      refuse('heldOn', `${heldOn} is before the adjournment (${model.open.adjournment.on})`, 'L12');
    if (!(PARTICIPATION_CODES as readonly string[]).includes(r.participation))
      refuse('participation', `one of ${PARTICIPATION_CODES.join(', ')}`, 'L18');
    const under4 = ageOn(model.child.dateOfBirth, heldOn) < 4;
    if (under4 !== (r.participation === 'PN0')) {
      refuse('participation', under4 ? 'PN0: the child was under 4 at the review' : 'PN0 is only for a child under 4 at the review', 'L18');
    }
    if (r.withoutMeeting) {
      const ok = mayReviewWithoutMeeting(model, heldOn);
      if (!ok.ok) refuse('withoutMeeting', ok.why, 'L14');
    }
    if (r.chair) {
      staff('chair.staffId', r.chair.staffId);
      if (!['allocated-iro', 'substitute-iro', 'team-manager'].includes(r.chair.as))
        refuse('chair.as', 'allocated-iro, substitute-iro or team-manager', 'L17');
    }
    if (r.decisions !== undefined) {
      if (!Array.isArray(r.decisions) || r.decisions.length > 100) refuse('decisions', 'a list of at most 100 {text, owner, dueOn}');
      r.decisions.forEach((d: DecisionInput, i: number) => {
        text(`decisions[${i}].text`, d?.text);
        text(`decisions[${i}].owner`, d?.owner);
        if (date(`decisions[${i}].dueOn`, d?.dueOn) < heldOn) refuse(`decisions[${i}].dueOn`, `before the review (${heldOn})`);
      });
    }
    if (r.starredRecommendations !== undefined) {
      if (!Array.isArray(r.starredRecommendations) || r.starredRecommendations.length > 50)
        refuse('starredRecommendations', 'a list of at most 50 texts', 'L11');
      r.starredRecommendations.forEach((s: string, i: number) => text(`starredRecommendations[${i}]`, s));
    }
    if (r.attendees !== undefined) {
      if (!Array.isArray(r.attendees) || r.attendees.length > 50) refuse('attendees', 'a list of at most 50 staff ids or roles', 'L10');
      r.attendees.forEach((a: string, i: number) => staff(`attendees[${i}]`, a));
    }
    if (r.notAttending !== undefined) {
      if (!Array.isArray(r.notAttending) || r.notAttending.some((w) => !(NON_ATTENDEES as readonly string[]).includes(w)))
        refuse('notAttending', `a list of ${NON_ATTENDEES.join(', ')}`, 'L21');
    }
    if (r.nextMeetingOn !== undefined && date('nextMeetingOn', r.nextMeetingOn) <= heldOn)
      refuse('nextMeetingOn', `must be after this review (${heldOn})`, 'L7');
    time('nextMeetingTime', r.nextMeetingTime);
    text('nextMeetingVenue', r.nextMeetingVenue, false);
    // L7: the next date set at the end of the review is a booking like any other.
    if (r.nextMeetingOn !== undefined) {
      const nextDue = dueAfter(model, heldOn, ctx);
      if (r.nextMeetingOn > nextDue) {
        if (!r.nextMeetingPermission)
          refuse(
            'nextMeetingOn',
            `${r.nextMeetingOn} is after the next review is due (${nextDue}); a date outside the statutory timescale needs a strategic manager's permission and a reason`,
            'L7',
          );
        staff('nextMeetingPermission.by', r.nextMeetingPermission.by);
        text('nextMeetingPermission.reason', r.nextMeetingPermission.reason);
      }
    }
  },
  apply(model, r, ctx) {
    const n = openReviewDue(model, ctx.profile, ctx.calendar);
    const open = model.open;
    // L12: an adjourned review is on time if adjourned by its due date and completed by the resume date.
    const adj = open.adjournment;
    const judgedOn = ctx.legacy ? (adj?.on ?? r.heldOn) : adj && r.heldOn <= adj.resumeBy ? adj.on : r.heldOn;
    const review: HeldReview = {
      reviewNumber: open.number,
      heldOn: r.heldOn,
      due: n.due,
      // L6, L20: due earlier than the statutory date; the indicator judges it by the statutory one.
      ...(n.broughtForward || n.beforePlannedEnd ? { statutoryDue: (n.broughtForward ?? n.beforePlannedEnd)!.statutoryDue } : {}),
      rule: n.rule,
      onTime: judgedOn <= n.due,
      withMeeting: !r.withoutMeeting,
      participation: r.participation,
      chair: r.chair ?? { staffId: model.iro?.staffId ?? r.by, as: 'allocated-iro' },
      decisions: (r.decisions ?? []).map((d) => ({ ...d })),
      starredRecommendations: r.starredRecommendations ?? [],
      ...(open.adjournment
        ? { adjourned: ctx.legacy ? { on: open.adjournment.on } : { on: open.adjournment.on, resumeBy: open.adjournment.resumeBy } }
        : {}),
      after: {},
      notices: [],
      ...(r.attendees?.length ? { attendees: [...new Set(r.attendees)] } : {}),
      ...(r.notAttending?.length ? { notAttending: [...new Set(r.notAttending)] } : {}),
    };
    model.reviewsHeld.push(review);
    log(
      model,
      ctx,
      `review ${review.reviewNumber} held on ${r.heldOn} (${review.onTime ? 'on time' : `late: due ${n.due}`})`,
      n.rule,
      r.by,
    );
    if (review.chair.as !== 'allocated-iro') log(model, ctx, `chaired by ${review.chair.as} ${review.chair.staffId}`, 'L17', r.by);
    model.open = { number: open.number + 1, postponements: [], preMeeting: {} };
    if (r.nextMeetingOn)
      model.open.booking = {
        meetingOn: r.nextMeetingOn,
        ...(r.nextMeetingTime ? { time: r.nextMeetingTime } : {}),
        venue: r.nextMeetingVenue,
        // L7, L8: set at the end of the review, so booked on the day it was held (running cycles from before: the day recorded).
        bookedOn: model.legacy?.dates ? ctx.today : r.heldOn,
        by: r.by,
        ...(r.nextMeetingPermission && !ctx.legacy ? { strategicManagerPermission: r.nextMeetingPermission } : {}),
      };
  },
};
