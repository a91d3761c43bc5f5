/**
 * The O2R case's (and short-breaks series') messages, defined once for the workflow and the API.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { IsoDate } from '../calendar/iso-date';
import { CalendarSnapshot } from '../calendar/working-day-calendar';
import { ChairRole, LeaveReason, LowLevelCaseModel, LowLevelKind, Package, ReviewType, Variant } from './model';
import { LowLevelObligation, OpenToReviewSettings } from './obligations';

export interface LowLevelCaseStart {
  caseId: string;
  kind: LowLevelKind;
  variant: Variant;
  child: { childId: string; dateOfBirth: IsoDate; team: string };
  caseholder: string;
  profileId: string;
  settings: OpenToReviewSettings;
  /** O2: the rationale written to the family (O2R only). */
  rationale?: string;
  ehcpAnnualReviewOn?: IsoDate;
  package?: Package;
  firstBreakOn?: IsoDate;
  /** O5: the caseholder's running cases when this one started (from visibility), for the capacity warning. */
  caseloadBefore?: number;
  by: string;
}

export interface LowLevelCaseInput extends LowLevelCaseStart {
  calendar: CalendarSnapshot;
  /** Set by continue-as-new. */
  carried?: { model: LowLevelCaseModel; sent: string[] };
}

export interface LowLevelCaseState extends LowLevelCaseModel {
  nextReview?: { due: IsoDate; rule: string; why: string };
  obligations: LowLevelObligation[];
  sent: string[];
  calendarRevision: number;
}

export const lowLevelCaseStateQuery = defineQuery<LowLevelCaseState>('lowLevelCaseState');

interface By { by: string }
/** O2: the family's representations (an objection prompts the team manager). */
export const recordRepresentation = defineUpdate<LowLevelCaseState, [{ on: IsoDate; objection: boolean; summary: string } & By]>('recordRepresentation');
/** O2: the team manager's decision note. */
export const recordDecisionNote = defineUpdate<LowLevelCaseState, [{ decision: 'o2r' | 'not-o2r'; rationale: string; firstReviewOn?: IsoDate } & By]>('recordDecisionNote');

export interface LowLevelReviewHeld extends By {
  heldOn: IsoDate;
  type: ReviewType;
  childSeen: boolean;
  parentsSeen: boolean;
  chair: { role: ChairRole; staffId?: string };
  outcome: 'continue' | 'leave';
  leaveReason?: LeaveReason;
  /** O4: needing more frequent reviews means leaving O2R. */
  moreFrequentReviewsNeeded?: boolean;
  note?: string;
}
export const recordLowLevelReview = defineUpdate<LowLevelCaseState, [LowLevelReviewHeld]>('recordLowLevelReview');
export const recordVisit = defineUpdate<LowLevelCaseState, [{ on: IsoDate; childSeen: boolean; parentsSeen: boolean; where?: string } & By]>('recordVisit');
/** O3: the EHCP annual review date, which the face-to-face review moves with. */
export const setEhcpAnnualReview = defineUpdate<LowLevelCaseState, [{ on: IsoDate } & By]>('setEhcpAnnualReview');
/** O6: the package that sets Kent's review frequency. */
export const changePackage = defineUpdate<LowLevelCaseState, [Package & By]>('changePackage');
/** Plan shared (O4), assessment updated, supervision, transition considered (O6). */
export const completeLowLevelTask = defineUpdate<LowLevelCaseState, [{ key: string; on: IsoDate } & By]>('completeLowLevelTask');
/** O5: the case moves to another O2R social worker. */
export const reassignCaseholder = defineUpdate<LowLevelCaseState, [{ to: string; caseloadAfter?: number; capacityWarning?: boolean } & By]>('reassignCaseholder');
export const closeLowLevelCase = defineUpdate<LowLevelCaseState, [{ on: IsoDate; reason: string } & By]>('closeLowLevelCase');
