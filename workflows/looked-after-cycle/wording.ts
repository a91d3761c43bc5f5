/** What the cycle's messages say: the subject and body of every notification it sends. */
import { Message } from '../case-kernel/case-kernel';
import { IsoDate } from '../calendar/iso-date';
import { CycleModel, HeldReview } from './model';
import { Action, Obligation, ReviewDue } from './obligations';

/** L1: the IRO unit is asked for the "20 day LAC review" at once. */
export function requestFirstReview(model: CycleModel, first: ReviewDue): Message {
  return {
    rule: 'L1',
    kind: 'request-first-review',
    subject: 'Request for 20 day LAC review',
    body: `A child became looked after on ${model.becameLookedAfter} (team ${model.child.team}). Please appoint an IRO and book the first review, due by ${first.due} (${first.rule}).`,
    dueDate: first.due,
  };
}

const SUBJECT: Record<Action['kind'], string> = {
  reminder: 'Reminder',
  overdue: 'Overdue',
  escalation: 'Escalation: overdue',
  'booked-too-late': 'Booked too late',
  prompt: 'Please consider the review decisions',
  'deemed-agreed': 'Review decisions deemed agreed',
  'open-dispute': 'No agreement: a dispute is opened',
};

/** A dated action of an obligation: a reminder, overdue, escalation, or the L10/L11 outcomes. */
export function actionMessage(model: CycleModel, o: Obligation, a: Action): Message {
  const subject = `${SUBJECT[a.kind]}: ${o.what} (${o.rule})`;
  const body =
    a.kind === 'booked-too-late'
      ? `The meeting was booked on ${model.open.booking?.bookedOn} for ${model.open.booking?.meetingOn}: too late to ${o.what} by ${o.due} (${o.rule}). Do it as soon as possible and record why in the review.`
      : a.kind === 'deemed-agreed'
        ? `No response by ${o.due}: the decisions are deemed agreed (${o.rule}).`
        : a.kind === 'open-dispute'
          ? `No agreement by ${o.due}: the IRO registers a Resolution and Escalation dispute (${o.rule}).`
          : `${o.what}: due by ${o.due} (${o.rule}).${a.kind === 'escalation' ? ' It is overdue and is escalated to you as the manager.' : ''}`;
  return { rule: o.rule, kind: a.kind, subject, body, dueDate: o.due };
}

/** L13 / L16: the cycle has ended (the model's status is already the ending's). */
export function endNotice(model: CycleModel, reason: string, rule: string): Message {
  const booked = model.open.booking;
  return {
    rule,
    kind: model.status,
    subject: booked ? `Review ${model.open.number} on ${booked.meetingOn} is cancelled` : 'Looked-after review cycle ended',
    body: `${reason}.${booked ? ` The review booked for ${booked.meetingOn} is cancelled; please tell everyone invited why.` : ''} No further reviews are due in this period of care.${model.ended?.stepDown ? ' The child leaves care under a supervision order with a Child in Need plan: their CIN reviews may be chaired by an IRO (D1); start one with steppedDownFrom set to this cycle.' : ''}`,
  };
}

/** The notices about a review held, sent once each (the review remembers which). */
export const reviewNotice = {
  starredRecommendations: (h: HeldReview): Message => ({
    rule: 'L11',
    kind: 'starred-recommendations',
    subject: `Starred recommendations from review ${h.reviewNumber}`,
    body: `Review ${h.reviewNumber} held on ${h.heldOn} made ${h.starredRecommendations.length} starred recommendation(s): ${h.starredRecommendations.join('; ')}. Concerns within 5 working days (L11).`,
  }),
  chairedByTeamManager: (h: HeldReview): Message => ({
    rule: 'L17',
    kind: 'chaired-by-team-manager',
    subject: `Review ${h.reviewNumber} was chaired by the team manager`,
    body: `The team manager (${h.chair.staffId}) chaired review ${h.reviewNumber} on ${h.heldOn} in your absence and reports back to you (L17).`,
  }),
  disagreement: (h: HeldReview): Message => ({
    rule: 'L10',
    kind: 'disagreement',
    subject: `The team manager disagrees with review ${h.reviewNumber}'s decisions`,
    body: `Reason: ${h.teamManager?.reason}. Try to resolve it informally; if it is not settled, open a dispute (Resolution and Escalation).`,
  }),
  disputeToOpen: (h: HeldReview): Message => ({
    rule: 'L10',
    kind: 'dispute-to-open',
    subject: `Review ${h.reviewNumber}: disagreement not settled`,
    body: `The disagreement about review ${h.reviewNumber}'s decisions was not settled informally: a Resolution and Escalation dispute is to be opened. ${h.disagreement?.note ?? ''}`.trim(),
  }),
};

/** L7: a second postponement within 12 months goes to quality assurance. */
export function postponementQa(inYear: number, latest: IsoDate): Message {
  return {
    rule: 'L7',
    kind: 'postponement-quality-assurance',
    subject: 'More than one review postponement in 12 months',
    body: `${inYear} postponements in the 12 months to ${latest}; referred for quality assurance (L7).`,
  };
}

/** What a dispute the cycle opens is about (section C). */
export const disputeSummary = {
  L10: (h: HeldReview) => `The team manager disagreed with review ${h.reviewNumber}'s decisions: ${h.teamManager?.reason ?? ''}`,
  L11: (h: HeldReview) =>
    `Starred recommendations of review ${h.reviewNumber} not agreed within 10 working days of the concern: ${h.starred?.concern?.note ?? ''}`,
};

/** L23: an unplanned change of placement, told to the IRO at once. */
export function unplannedMove(c: { on: IsoDate; type: string }): Message {
  return {
    rule: 'L23',
    kind: 'unplanned-placement-change',
    subject: 'Unplanned change of placement: consider bringing the review forward',
    body: `The child moved on ${c.on} to a ${c.type} placement, unplanned. Please consider whether the next review should be brought forward (L6: unplanned-placement-move) and record it if so.`,
  };
}
