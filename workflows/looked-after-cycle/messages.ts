/**
 * The looked-after review cycle's messages, defined once for the workflow and the API. Commands
 * that can be refused are Updates whose validators name the rule; the state is a Query.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { IsoDate } from '../calendar/iso-date';
import {
  BringForwardReason,
  Child,
  CycleModel,
  Decision,
  HeldReview,
  NonAttendee,
  ParticipationCode,
  Placement,
  PlacementType,
  PlannedEndKind,
} from './model';
import { Obligation, ReviewDue } from './obligations';

export type { HeldReview } from './model';

/** What the API knows when a child comes into care. */
export interface CycleStart {
  cycleId: string;
  child: Child;
  becameLookedAfter: IsoDate;
  placement: Placement;
  profileId: string;
  /** Who recorded it (staff id). */
  by: string;
  /** L1: the day the social worker notified the IRO unit (the API: the day the cycle was started, unless told). */
  iroUnitNotifiedOn?: IsoDate;
  /** Go-live import (docs/import.md): what the previous system knew of this period of care; new starts only. */
  imported?: ImportedHistory;
}

/** A period of care brought in at go-live: applied at start through the cycle's own commands (imported.ts). */
export interface ImportedHistory {
  /** Staff ids; recorded on the day of the import (the day they were appointed before is not known). */
  iro?: string;
  socialWorker?: string;
  /** The reviews already held in this period of care, oldest first. */
  reviews: { heldOn: IsoDate; participation: ParticipationCode }[];
  /** The next review's meeting, booked in the previous system (absent: not booked). */
  nextMeetingOn?: IsoDate;
}

export interface CycleState extends CycleModel {
  calendarRevision: number;
  /** The open review's due date and how it was counted (L2-L6). */
  nextReview: ReviewDue & { reviewNumber: number };
  /** Everything still owed, with its deadline and owner. */
  obligations: Obligation[];
  /** L15-L16 prompts for the open review. */
  agenda: { rule: string; item: string }[];
  /** L1: the social worker's notification to the IRO unit, its deadline, and whether it was late. */
  iroUnitNotification?: { rule: 'L1'; due: IsoDate; on: IsoDate; late: boolean };
  /** L1: the IRO's (first) appointment, its deadline, and whether it was late. */
  iroAppointment?: { rule: 'L1'; due: IsoDate; on: IsoDate; late: boolean };
  /** Notifications sent (action ids), oldest first; old reviews' ids are dropped at continue-as-new. */
  sent: string[];
}

export const cycleStateQuery = defineQuery<CycleState>('cycleState');

/** Every command says who gave it (staff id from the token) so the history shows it. */
export interface By {
  by: string;
}

/** L1: `on` the day of the appointment or allocation (default today). */
export type StaffChoice = { staffId: string; on?: IsoDate } & By;
export const appointIro = defineUpdate<CycleState, [StaffChoice]>('appointIro');
export const allocateSocialWorker = defineUpdate<CycleState, [StaffChoice]>('allocateSocialWorker');
/** L5 */
export type ChangePlacement = { on: IsoDate; type: PlacementType; /** L23 */ unplanned?: boolean } & By;
export const changePlacement = defineUpdate<CycleState, [ChangePlacement]>('changePlacement');
/** L6 */
export type BringForward = {
  reason: BringForwardReason;
  detail?: string;
  dueBy: IsoDate;
  /** requested on (default today) */ on?: IsoDate;
} & By;
export const bringForward = defineUpdate<CycleState, [BringForward]>('bringForward');

/** L20: care is planned to end on this date (or the planned end moves). */
export type PlanEndOfCare = { plannedEndOn: IsoDate; kind: PlannedEndKind; /** recorded on (default today) */ on?: IsoDate } & By;
export const planEndOfCare = defineUpdate<CycleState, [PlanEndOfCare]>('planEndOfCare');

export interface BookReview extends By {
  meetingOn: IsoDate;
  /** L7: HH:MM. */
  time?: string;
  venue?: string;
  /** L7: why an existing booking moves. */
  reason?: string;
  /** L7: a date after the due date needs a strategic manager's permission. */
  strategicManagerPermission?: { by: string; reason: string };
  /** L7, L8: the day the booking was made (default today). */
  bookedOn?: IsoDate;
}
export const bookReview = defineUpdate<CycleState, [BookReview]>('bookReview');

/** L12 */
export type AdjournReview = { on: IsoDate; resumeOn: IsoDate; reason: string } & By;
export const adjournReview = defineUpdate<CycleState, [AdjournReview]>('adjournReview');

/** Marks an obligation done by its key (e.g. "r2/invitations", "r1/full-record", "pathway-plan"). */
export type CompleteTask = { key: string; on: IsoDate } & By;
export const completeTask = defineUpdate<CycleState, [CompleteTask]>('completeTask');

export interface RecordReviewHeld extends By {
  heldOn: IsoDate;
  participation: ParticipationCode;
  decisions?: Omit<Decision, 'doneOn'>[];
  starredRecommendations?: string[];
  /** L14: a review without a meeting (long-term foster placement over 12 months). */
  withoutMeeting?: boolean;
  /** L17: a substitute IRO, or the team manager, chaired it. */
  chair?: { staffId: string; as: 'allocated-iro' | 'substitute-iro' | 'team-manager' };
  /** L7: the IRO sets the next meeting's date at the end of the review. */
  nextMeetingOn?: IsoDate;
  nextMeetingTime?: string;
  nextMeetingVenue?: string;
  /** L7: a next meeting after the next review is due needs a strategic manager's permission. */
  nextMeetingPermission?: { by: string; reason: string };
  /** L10: who attended (staff ids or roles). */
  attendees?: string[];
  /** L21: the child or a parent did not attend. */
  notAttending?: NonAttendee[];
}
export interface ReviewRecorded {
  review: HeldReview;
  nextDue: IsoDate;
}
export const recordReviewHeld = defineUpdate<ReviewRecorded, [RecordReviewHeld]>('recordReviewHeld');

/** L10: only the team manager answers a review's decisions. */
export type AnswerDecisions = { reviewNumber: number; response: 'agree' | 'disagree'; reason?: string; on?: IsoDate } & By;
export const answerDecisions = defineUpdate<CycleState, [AnswerDecisions]>('answerDecisions');
/** L10: the IRO settles a disagreement informally, or says it becomes a dispute. */
export type ResolveDisagreement = { reviewNumber: number; outcome: 'settled' | 'dispute'; note?: string; on?: IsoDate } & By;
export const resolveDisagreement = defineUpdate<CycleState, [ResolveDisagreement]>('resolveDisagreement');

/** L11: a principal or strategic manager raises a concern about starred recommendations, or agrees them. */
export type RespondToStarred = { reviewNumber: number; response: 'concern' | 'agree'; note?: string; on?: IsoDate } & By;
export const respondToStarred = defineUpdate<CycleState, [RespondToStarred]>('respondToStarred');

/** L13: the child stops being looked after: everything pending is cancelled and the cycle ends. */
export type CeaseLookedAfter = {
  on: IsoDate;
  reason: string;
  /** D1: the child leaves care under a supervision order... */
  supervisionOrder?: boolean;
  /** ...with a Child in Need plan: the summary offers an IRO-chaired CIN review. */
  childInNeedPlan?: boolean;
  /** L20: why no review was held before the decision (the plan already followed, or not reasonably practicable). */
  noReviewReason?: string;
} & By;
export const ceaseLookedAfter = defineUpdate<CycleSummary, [CeaseLookedAfter]>('ceaseLookedAfter');

export interface CycleSummary {
  cycleId: string;
  status: CycleModel['status'];
  ended?: CycleModel['ended'];
  reviewsHeld: number;
  reviewsOnTime: number;
  lateReviews: { reviewNumber: number; due: IsoDate; heldOn: IsoDate }[];
}
