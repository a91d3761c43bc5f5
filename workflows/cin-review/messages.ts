/**
 * The CIN review case's messages, defined once for the workflow and the API (wire names are what
 * histories will contain: never rename them).
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { IsoDate } from '../calendar/iso-date';
import { CalendarSnapshot } from '../calendar/working-day-calendar';
import { APPROVER_ROLES, CareTeamMember, CinCriterion, CinEnding, CinModel, CinSettings } from './model';
import { CinObligation } from './obligations';

/** D1-D2: what starting a case takes (the API checks it with startFailures before starting). */
export interface CinStart {
  caseId: string;
  child: { childId: string; team: string };
  socialWorker: string;
  iro: string;
  criteria: CinCriterion[];
  outsideCriteriaReason?: string;
  approvedBy: { staffId: string; role: (typeof APPROVER_ROLES)[number] };
  /** The IRO unit's agreement that an IRO chairs (D2): who agreed. */
  agreedBy: string;
  steppedDownFrom?: string;
  profileId: string;
  settings: CinSettings;
  /** Recorded after the fact: the day the IRO chair was agreed (D2); default today. */
  openedOn?: IsoDate;
  by: string;
}

export interface CinInput extends CinStart {
  calendar: CalendarSnapshot;
  /** Set by continue-as-new. */
  carried?: { model: CinModel; sent: string[] };
}

export interface CinState extends CinModel {
  obligations: CinObligation[];
  sent: string[];
  calendarRevision: number;
}

interface By {
  by: string;
}
/** Recorded after the fact, `on` is the day it happened (default today). */
interface On {
  on?: IsoDate;
}
export interface FirstDate extends By, On {
  date: IsoDate;
  venue: string;
  invited: string[];
}
export interface MoveReview extends By, On {
  to: IsoDate;
  reason: string;
}
export interface CinReviewHeld extends By {
  heldOn: IsoDate;
  chair: string;
  socialWorkerPresent: boolean;
  presentInstead?: { staffId: string; role: 'social-worker' | 'team-manager' };
  careTeam: CareTeamMember[];
  nextDate: IsoDate;
  note?: string;
}
export interface CinTaskDone extends By {
  key: string;
  on: IsoDate;
}
export interface ReportRequested extends By, On {
  agency: string;
}
export interface EndCin extends By {
  on: IsoDate;
  outcome: CinEnding;
  summary: string;
}

export const cinStateQuery = defineQuery<CinState>('cinReviewState');
export const agreeFirstDate = defineUpdate<CinState, [FirstDate]>('agreeFirstCinReview');
export const moveReview = defineUpdate<CinState, [MoveReview]>('moveCinReview');
export const recordCinReview = defineUpdate<CinState, [CinReviewHeld]>('recordCinReview');
export const completeCinTask = defineUpdate<CinState, [CinTaskDone]>('completeCinTask');
export const requestReport = defineUpdate<CinState, [ReportRequested]>('requestCinReport');
export const endCin = defineUpdate<CinState, [EndCin]>('endCinReview');
