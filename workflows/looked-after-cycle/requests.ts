/**
 * What each looked-after cycle request takes (rules.md L1-L18), declared once: the API parses
 * bodies with these, the OpenAPI document is generated from them, and the checks at the end keep
 * them in step with the Updates' inputs. Business rules that need the case are the workflow's.
 */
import { z } from 'zod';
import type { UpdateDefinition } from '@temporalio/common';
import { Assignable, By, CHILD_ID, TEAM_ID, bool, date, oneOf, staffId, text } from '../case-kernel/request-fields';
import type * as m from './messages';
import { BRING_FORWARD_REASONS, LEGAL_STATUSES, NON_ATTENDEES, PARTICIPATION_CODES, PLACEMENT_TYPES, PLANNED_END_KINDS } from './model';

const childId = z
  .string({ error: "the case system's opaque id (letters, digits, '-' or '_', up to 64), never a name" })
  .regex(CHILD_ID, "the case system's opaque id (letters, digits, '-' or '_', up to 64), never a name")
  .meta({ description: "the case system's opaque id (never a name)" });

/** L1, L2: a child comes into care. */
export const CycleStartRequest = z.strictObject({
  childId,
  becameLookedAfter: date(),
  dateOfBirth: date(),
  legalStatus: oneOf(LEGAL_STATUSES, { description: 'SSDA903 legal status' }),
  placementType: oneOf(PLACEMENT_TYPES),
  placementStartedOn: date({ description: 'defaults to becameLookedAfter' }).optional(),
  team: text({
    max: 64,
    pattern: TEAM_ID,
    hint: "a team code (letters, digits, '-' or '_', up to 64)",
    description: "the child's social work team code (team-scoped users: their own, the default)",
  }).optional(),
  iroUnitNotifiedOn: date({
    description: 'L1: the day the social worker notified the IRO unit (default: today); later than the profile allows is flagged',
  }).optional(),
  profile: z
    .string({ error: 'a policy profile id' })
    .meta({ description: 'policy profile id (default: the installation default)' })
    .optional(),
});
export type CycleStartRequest = z.infer<typeof CycleStartRequest>;

/** A fact's own date: a valid date, not in the future, not before the child became looked after (L2); absent, today. */
const on = (description: string) =>
  date({ description: `${description}; default today; not in the future nor before care (L2)` }).optional();

export const IroRequest = z.strictObject({
  staffId: staffId("the IRO's"),
  on: on(
    "L1: the day the IRO was appointed (a change: not before the current IRO's); the state's iroAppointment judges the first against the profile's appointIro",
  ),
});
export type IroRequest = z.infer<typeof IroRequest>;
export const SocialWorkerRequest = z.strictObject({
  staffId: staffId("the social worker's"),
  on: on("L1: the day the social worker was allocated (not before the current one's)"),
});
export type SocialWorkerRequest = z.infer<typeof SocialWorkerRequest>;

export const PlacementChangeRequest = z.strictObject({
  on: date(),
  type: oneOf(PLACEMENT_TYPES),
  unplanned: bool({
    description: 'L23: an unplanned move: the IRO is told at once and asked whether to bring the review forward',
  }).optional(),
});
export type PlacementChangeRequest = z.infer<typeof PlacementChangeRequest>;

export const BringForwardRequest = z.strictObject({
  reason: oneOf(BRING_FORWARD_REASONS, { rule: 'L6', description: 'L6 reason' }),
  detail: text().optional(),
  dueBy: date({ description: 'earlier than the statutory due date, and not before `on`' }),
  on: on('L6: the day the review was asked to be brought forward (not before the last review held)'),
});
export type BringForwardRequest = z.infer<typeof BringForwardRequest>;

export const PlannedEndRequest = z.strictObject({
  plannedEndOn: date({
    description:
      'L20: after the day it was planned (`on`, default today) and after the child came into care; a review is then due before it',
  }),
  kind: oneOf(PLANNED_END_KINDS, { rule: 'L20', description: 'why care is planned to end' }),
  on: on('L20: the day the end of care was planned (a move: not before the last); a review held since counts'),
});
export type PlannedEndRequest = z.infer<typeof PlannedEndRequest>;

const hhmm = (description: string) =>
  text({ max: 5, pattern: /^([01]\d|2[0-3]):[0-5]\d$/, hint: 'a time, HH:MM (24-hour)', description }).optional();

export const BookingRequest = z.strictObject({
  meetingOn: date({
    description:
      'the same date with another venue or time is not a re-booking (L8); while adjourned (L12) another date only within 20 working days of the adjournment',
  }),
  time: hhmm('L7: the meeting time, HH:MM'),
  venue: text({ max: 200 }).optional(),
  reason: text({ description: 'required when moving a booking (L7)' }).optional(),
  strategicManagerPermission: z.object({ by: staffId("the strategic manager's"), reason: text() }, { error: 'an object' }).optional(),
  bookedOn: on(
    'L7, L8: the day the booking was made (not before the last review held; while adjourned, not before the adjournment); meetingOn is not before it, a postponement is dated with it and "booked too late" (L8) is judged from it',
  ),
});
export type BookingRequest = z.infer<typeof BookingRequest>;

export const AdjournmentRequest = z.strictObject({
  on: date({ description: 'L12: the day of the adjourned meeting (the resume date is booked on it)' }),
  resumeOn: date({ description: 'at most 20 working days later (L12)' }),
  reason: text(),
});
export type AdjournmentRequest = z.infer<typeof AdjournmentRequest>;

export const TaskDoneRequest = z.strictObject({
  key: text({ max: 60, pattern: /^[a-z0-9/-]+$/, hint: "an open task key from the cycle's obligations, e.g. r2/invitations" }),
  on: on('the day it was done (a task after a review: not before it was held)'),
});
export type TaskDoneRequest = z.infer<typeof TaskDoneRequest>;

export const ReviewHeldRequest = z.strictObject({
  heldOn: date(),
  participation: oneOf(PARTICIPATION_CODES, { rule: 'L18', description: 'PN0 exactly when the child is under 4 (L18)' }),
  decisions: z
    .array(z.object({ text: text(), owner: text({ max: 128 }), dueOn: date() }, { error: '{text, owner, dueOn}' }), { error: 'a list' })
    .max(100, 'at most 100 items')
    .optional(),
  starredRecommendations: z
    .array(text({ hint: 'text' }), { error: 'a list' })
    .max(50, 'at most 50 items')
    .optional(),
  withoutMeeting: bool({ description: 'L14: long-term foster placement over 12 months only' }).optional(),
  chair: z
    .object(
      { staffId: staffId("the chair's"), as: oneOf(['allocated-iro', 'substitute-iro', 'team-manager'], { rule: 'L17' }) },
      { error: 'an object' },
    )
    .optional(),
  nextMeetingOn: date({
    description: 'L7: set at the end of the review, so booked on heldOn; after the next due date only with nextMeetingPermission',
  }).optional(),
  nextMeetingTime: hhmm('L7: HH:MM'),
  nextMeetingVenue: text({ max: 200 }).optional(),
  nextMeetingPermission: z
    .object({ by: staffId("the strategic manager's"), reason: text() }, { error: 'an object' })
    .meta({ description: "L7: a strategic manager's permission for a next meeting after the next review is due" })
    .optional(),
  attendees: z
    .array(staffId("an attendee's (or a role)"), { error: 'a list' })
    .max(50, 'at most 50 items')
    .meta({ description: "L10: who attended (staff ids or roles): a team manager's disagreement goes to each in writing" })
    .optional(),
  notAttending: z
    .array(oneOf(NON_ATTENDEES, { rule: 'L21' }), { error: 'a list' })
    .max(2, 'at most 2 items')
    .meta({ description: 'L21: the child or a parent did not attend: the IRO writes with the outcome and offers a meeting' })
    .optional(),
});
export type ReviewHeldRequest = z.infer<typeof ReviewHeldRequest>;

export const DecisionResponseRequest = z.strictObject({
  response: oneOf(['agree', 'disagree'], { rule: 'L10' }),
  reason: text({ description: 'required to disagree' }).optional(),
  on: on('L10: the day the team manager answered (not before the review was held)'),
});
export type DecisionResponseRequest = z.infer<typeof DecisionResponseRequest>;
export const DisagreementRequest = z.strictObject({
  outcome: oneOf(['settled', 'dispute'], { rule: 'L10' }),
  note: text().optional(),
  on: on('L10: the day the IRO settled it or found it needs a dispute (not before the team manager disagreed)'),
});
export type DisagreementRequest = z.infer<typeof DisagreementRequest>;
export const StarredResponseRequest = z.strictObject({
  response: oneOf(['concern', 'agree'], { rule: 'L11' }),
  note: text({ description: 'required for a concern' }).optional(),
  on: on(
    'L11: the day of the concern (judged: within 5 working days of the notification) or agreement (not before the concern); not before the review was held',
  ),
});
export type StarredResponseRequest = z.infer<typeof StarredResponseRequest>;
export const CeaseRequest = z.strictObject({
  on: date(),
  reason: text(),
  supervisionOrder: bool({ description: 'D1: the child leaves care under a supervision order' }).optional(),
  childInNeedPlan: bool({
    description: 'D1: with a Child in Need plan (with a supervision order: the summary offers an IRO-chaired CIN review)',
  }).optional(),
  noReviewReason: text({ description: 'L20: why no review was held before the decision to cease' }).optional(),
});
export type CeaseRequest = z.infer<typeof CeaseRequest>;

// Each request, with who sent it (and the review number from the path), is what its Update takes.
type In<U> = U extends UpdateDefinition<unknown, [infer I], string> ? I : never;
type Review = { reviewNumber: number };
export const requestsFitUpdates: [
  Assignable<IroRequest & By, In<typeof m.appointIro>>,
  Assignable<SocialWorkerRequest & By, In<typeof m.allocateSocialWorker>>,
  Assignable<PlacementChangeRequest & By, In<typeof m.changePlacement>>,
  Assignable<BringForwardRequest & By, In<typeof m.bringForward>>,
  Assignable<PlannedEndRequest & By, In<typeof m.planEndOfCare>>,
  Assignable<BookingRequest & By, In<typeof m.bookReview>>,
  Assignable<AdjournmentRequest & By, In<typeof m.adjournReview>>,
  Assignable<TaskDoneRequest & { on: string } & By, In<typeof m.completeTask>>,
  Assignable<ReviewHeldRequest & By, In<typeof m.recordReviewHeld>>,
  Assignable<DecisionResponseRequest & Review & By, In<typeof m.answerDecisions>>,
  Assignable<DisagreementRequest & Review & By, In<typeof m.resolveDisagreement>>,
  Assignable<StarredResponseRequest & Review & By, In<typeof m.respondToStarred>>,
  Assignable<CeaseRequest & By, In<typeof m.ceaseLookedAfter>>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true];
