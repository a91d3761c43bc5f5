/**
 * The statutory record (issue 14): what happened on a case, as facts that are written once and
 * never changed. A case works its facts out from its model (pure, so the same model always gives
 * the same facts under the same keys); an activity appends the ones not yet written, and a key
 * written before writes nothing. Temporal's histories are operational and deleted after the
 * namespace's retention; this record is kept for decades and the reports and returns read it.
 *
 * No names: a child is its case-system id; free text (a decision, a reason) is what staff typed
 * into the case and is kept as the case record.
 */
import { defineQuery } from '@temporalio/workflow';
import { IsoDate } from '../calendar/iso-date';

export type CaseKind = 'looked-after' | 'open-to-review' | 'dispute' | 'child-in-need';

export interface Fact<D extends object = Record<string, unknown>> {
  /** Unique for ever, `<caseId>/<what>` (e.g. `lac-…/review/3/held`): the same key is never written twice. */
  key: string;
  caseId: string;
  caseKind: CaseKind;
  /** `<kind>/<what>`, e.g. `looked-after/review-held` (docs/record.md lists them with their data). */
  type: string;
  /** The day it happened (or is about), not the day it was written. */
  on: IsoDate;
  /** The child's case-system id (never a name), where the case has one. */
  childId?: string;
  /** The team responsible at the time (reports by team read it). */
  team?: string;
  data: D;
}

/** A fact as the record holds it: its place in the record and when it was written. */
export interface RecordedFact<D extends object = Record<string, unknown>> extends Fact<D> {
  seq: number;
  recordedAt: string;
}

/** looked-after/started: the period of care (SSDA903 HEADER/EPISODES and the reports read it). */
export interface LookedAfterStartedData {
  becameLookedAfter: IsoDate;
  dateOfBirth: IsoDate;
  legalStatus: string;
  placementType: string;
  placementStartedOn: IsoDate;
  profileId: string;
  /** Brought in by the go-live import (its history was entered, not lived, in this system). */
  imported?: boolean;
}

/** looked-after/review-held: one per review (L18 and SSDA903 REVIEWS read it). */
export interface ReviewHeldData {
  reviewNumber: number;
  heldOn: IsoDate;
  /** Its own due date. */
  due: IsoDate;
  /** L6/L20: due earlier than this statutory date (late for the indicator only if held after it). */
  statutoryDue?: IsoDate;
  onTime: boolean;
  lateForIndicator: boolean;
  /** SSDA903 REVIEW_CODE, PN0-PN7. */
  participation: string;
  ageAtReview: number;
  withMeeting: boolean;
  chair: { staffId: string; as: string };
  adjourned?: { on: IsoDate; resumeBy?: IsoDate };
}

/** looked-after/review-due: the open review's dates (a new fact each time they move; the latest counts). */
export interface ReviewDueData {
  reviewNumber: number;
  due: IsoDate;
  statutoryDue: IsoDate;
}

/** looked-after/ended: the period of care ended (ceased or 18); no review is due after it. */
export interface LookedAfterEndedData {
  status: 'ceased' | 'ended-at-18';
  reason: string;
}

export const LOOKED_AFTER_STARTED = 'looked-after/started';
export const REVIEW_HELD = 'looked-after/review-held';
export const REVIEW_DUE = 'looked-after/review-due';
export const LOOKED_AFTER_ENDED = 'looked-after/ended';

/** Every case answers with its facts as they stand (reconciling compares them with the record). */
export const caseFactsQuery = defineQuery<Fact[]>('caseFacts');
