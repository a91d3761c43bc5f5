/**
 * The O2R case's (and short-breaks series') messages, defined once for the workflow and the API.
 * The wire names ("lowLevelCaseState", "recordLowLevelReview"...) are those running histories
 * already contain, so they stay as they were when the TypeScript names changed.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { IsoDate } from '../calendar/iso-date';
import { CalendarSnapshot } from '../calendar/working-day-calendar';
import { ChairRole, LeaveReason, OpenToReviewModel, OpenToReviewCaseKind, Package, Place, ReviewType, Variant } from './model';
import { OpenToReviewObligation, OpenToReviewSettings } from './obligations';

export interface OpenToReviewCaseStart {
  caseId: string;
  kind: OpenToReviewCaseKind;
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
  /** Recorded after the fact: the day the case opened (O2R: proposed and the family written to); default today. */
  openedOn?: IsoDate;
  /** Go-live import: the case as the previous system held it, applied at start through the case's own commands (imported.ts). */
  imported?: ImportedOpenToReview;
  by: string;
}

/** An O2R case already decided in the previous system: the team manager's decision note and the reviews held since. */
export interface ImportedOpenToReview {
  decidedOn: IsoDate;
  /** The first review date the decision note gave (O2). */
  firstReviewOn: IsoDate;
  /** Oldest first; each continued O2R (the case is still in O2R). */
  reviews: { heldOn: IsoDate; type: ReviewType; childSeen: boolean; parentsSeen: boolean; chair?: ChairRole }[];
}

export interface OpenToReviewCaseInput extends OpenToReviewCaseStart {
  calendar: CalendarSnapshot;
  /** Set by continue-as-new. */
  carried?: { model: OpenToReviewModel; sent: string[] };
}

export interface OpenToReviewCaseState extends OpenToReviewModel {
  nextReview?: { due: IsoDate; rule: string; why: string };
  obligations: OpenToReviewObligation[];
  sent: string[];
  calendarRevision: number;
}

export const openToReviewCaseStateQuery = defineQuery<OpenToReviewCaseState>('lowLevelCaseState');

interface By {
  by: string;
}
export type RepresentationInput = { on: IsoDate; objection: boolean; summary: string } & By;
/** `on`: the day the note was recorded (default today); the window and the 6 months are judged from it. */
export type DecisionNoteInput = { decision: 'o2r' | 'not-o2r'; rationale: string; firstReviewOn?: IsoDate; on?: IsoDate } & By;
export type VisitInput = { on: IsoDate; childSeen: boolean; parentsSeen: boolean; where?: string; place?: Place } & By;
/** L19: one short break of a series (its first day and how many days). */
export type ShortBreakInput = { on: IsoDate; days: number } & By;
/** `on` is the EHCP annual review's date; `asOf` the day it was recorded (default today: it may not be before it). */
export type EhcpDateInput = { on: IsoDate; asOf?: IsoDate } & By;
/** `on`: the day the package changed (default today). */
export type PackageInput = Package & { on?: IsoDate } & By;
export type TaskDoneInput = { key: string; on: IsoDate } & By;
export type CaseholderMovedInput = { to: string; caseloadAfter?: number; capacityWarning?: boolean; on?: IsoDate } & By;
export type CloseInput = { on: IsoDate; reason: string } & By;

/** O2: the family's representations (an objection prompts the team manager). */
export const recordRepresentation = defineUpdate<OpenToReviewCaseState, [RepresentationInput]>('recordRepresentation');
/** O2: the team manager's decision note. */
export const recordDecisionNote = defineUpdate<OpenToReviewCaseState, [DecisionNoteInput]>('recordDecisionNote');

export interface OpenToReviewReviewHeld extends By {
  heldOn: IsoDate;
  type: ReviewType;
  childSeen: boolean;
  parentsSeen: boolean;
  /** Where the child was seen, for a face-to-face review (O6). */
  place?: Place;
  chair: { role: ChairRole; staffId?: string };
  outcome: 'continue' | 'leave';
  leaveReason?: LeaveReason;
  /** O4: needing more frequent reviews means leaving O2R. */
  moreFrequentReviewsNeeded?: boolean;
  note?: string;
}
export const recordOpenToReviewReview = defineUpdate<OpenToReviewCaseState, [OpenToReviewReviewHeld]>('recordLowLevelReview');
export const recordVisit = defineUpdate<OpenToReviewCaseState, [VisitInput]>('recordVisit');
/** L19: a short break of the series; the team manager is warned approaching and past 120 days in 12 months. */
export const recordShortBreak = defineUpdate<OpenToReviewCaseState, [ShortBreakInput]>('recordShortBreak');
/** O3: the EHCP annual review date, which the face-to-face review moves with. */
export const setEhcpAnnualReview = defineUpdate<OpenToReviewCaseState, [EhcpDateInput]>('setEhcpAnnualReview');
/** O6: the package that sets Kent's review frequency. */
export const changePackage = defineUpdate<OpenToReviewCaseState, [PackageInput]>('changePackage');
/** Plan shared (O4), assessment updated, supervision, transition considered (O6). */
export const completeOpenToReviewTask = defineUpdate<OpenToReviewCaseState, [TaskDoneInput]>('completeLowLevelTask');
/** O5: the case moves to another O2R social worker. */
export const reassignCaseholder = defineUpdate<OpenToReviewCaseState, [CaseholderMovedInput]>('reassignCaseholder');
export const closeOpenToReviewCase = defineUpdate<OpenToReviewCaseState, [CloseInput]>('closeLowLevelCase');
