/**
 * The looked-after review cycle's messages, defined once for the workflow and the API.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { IsoDate } from './calendar/iso-date';
import { NextReview } from './timescales/review-due-dates';

export interface CycleStart {
  cycleId: string;
  /** Opaque identifier from the authority's case system: never a name. */
  childId: string;
  becameLookedAfter: IsoDate;
  profileId: string;
  team?: string;
}

export interface HeldReview {
  reviewNumber: number;
  heldOn: IsoDate;
  due: IsoDate;
  rule: string;
  onTime: boolean;
}

export interface ReminderSent {
  notificationId: string;
  kind: string;
  rule: string;
  /** When the workflow sent it (workflow time, ISO). */
  at: string;
}

export interface CycleState {
  cycleId: string;
  childId: string;
  becameLookedAfter: IsoDate;
  profile: string;
  team?: string;
  calendarRevision: number;
  status: 'active';
  reviewsHeld: HeldReview[];
  nextReview: NextReview & { dueSoonReminderOn: IsoDate; overdueReminderOn: IsoDate };
  reminders: ReminderSent[];
}

export const cycleStateQuery = defineQuery<CycleState>('cycleState');

export interface RecordReviewHeld {
  heldOn: IsoDate;
}
export interface ReviewRecorded {
  review: HeldReview;
  nextDue: IsoDate;
}
/** Refused (by its validator) for an impossible date; the reason names the rule. */
export const recordReviewHeld = defineUpdate<ReviewRecorded, [RecordReviewHeld]>('recordReviewHeld');
