/**
 * Child in Need reviews chaired by an IRO (rules.md section D, seed 003): what the case knows, as
 * plain data. Pure; the workflow, its commands and the API all import it.
 */
import { IsoDate } from '../calendar/iso-date';
import { CaseEvent } from '../case-kernel/command';
import { Interval } from '../timescales/interval';

/** D1: the five criteria for an IRO chair, in the briefing's order. */
export const CIN_CRITERIA = [
  'closing-within-3-months',
  'step-down-from-second-child-protection-plan',
  'second-cin-plan',
  'step-down-from-looked-after-with-supervision-order',
  'consultant-social-worker-case-holder',
] as const;
export type CinCriterion = (typeof CIN_CRITERIA)[number];
/** The criterion a looked-after cycle's step down brings with it (D1). */
export const STEP_DOWN_CRITERION: CinCriterion = 'step-down-from-looked-after-with-supervision-order';

/** D2: who approves the referral before the IRO unit agrees that an IRO chairs. */
export const APPROVER_ROLES = ['team-manager', 'consultant-social-worker'] as const;

/** D6: what the social worker provides, in full, before each review. */
export const CIN_DOCUMENTS = ['care-team-minutes', 'single-assessment', 'childs-plan', 'direct-work'] as const;
export type CinDocument = (typeof CIN_DOCUMENTS)[number];
export const DOCUMENT_WORDS: Record<CinDocument, string> = {
  'care-team-minutes': 'the minutes of all care team meetings',
  'single-assessment': 'the single assessment, updated as required',
  'childs-plan': "the child's plan",
  'direct-work': 'any direct work completed with the child',
};

/** D5: how each care team member took part. */
/** D5: how each care team member took part; `left-care-team` takes them off the care team from then on. */
export const ATTENDANCE = ['attended', 'deputy', 'written-report', 'report-awaited', 'left-care-team'] as const;
export type Attendance = (typeof ATTENDANCE)[number];

/** How a CIN case ends: closed, stepped up, or stepped down (to TAF or universal services). */
export const CIN_ENDINGS = ['closure', 'step-up-child-protection', 'step-up-looked-after', 'step-down'] as const;
export type CinEnding = (typeof CIN_ENDINGS)[number];

/** The authority's settings (profile `childInNeedReview`); the seed sets none, so these are local. */
export interface CinSettings {
  /** D4: the longest gap between reviews an agreed date may leave (none unless the profile says). */
  maxInterval?: Interval;
  /** D6: the documents are due this long before each review. */
  documentsLeadTime: Interval;
  /** D3: the social worker agrees the first date within this time of the chair being agreed. */
  firstDateWithin: Interval;
  reviewDueSoon: Interval;
}
export const DEFAULT_CIN_SETTINGS: CinSettings = {
  documentsLeadTime: { workingDays: 3 },
  firstDateWithin: { workingDays: 10 },
  reviewDueSoon: { workingDays: 10 },
};
export function cinSettings(p?: { maxInterval?: Interval; documentsLeadTime?: Interval }): CinSettings {
  return {
    ...DEFAULT_CIN_SETTINGS,
    maxInterval: p?.maxInterval,
    documentsLeadTime: p?.documentsLeadTime ?? DEFAULT_CIN_SETTINGS.documentsLeadTime,
  };
}

export interface CareTeamMember {
  /** The agency or role, as a short key (school, health-visitor...): also the written report's task key. */
  member: string;
  attendance: Attendance;
  deputy?: string;
}

export interface CinReview {
  number: number;
  heldOn: IsoDate;
  /** The date agreed for it, which it was chased against (D4). */
  agreedDate: IsoDate;
  onTime: boolean;
  chair: string;
  /** D5: the allocated social worker, or who knew the case well in their place. */
  socialWorkerPresent: boolean;
  presentInstead?: { staffId: string; role: 'social-worker' | 'team-manager' };
  careTeam: CareTeamMember[];
  nextDate: IsoDate;
  /** D6: documents not provided in full before the review (recorded when it was held). */
  documentsMissing?: CinDocument[];
  note?: string;
}

/** D5: who is on the care team for the next review: those invited to the first, then those at the last. */
export function careTeamFor(m: Pick<CinModel, 'booking' | 'reviews'>): string[] {
  const last = m.reviews.at(-1);
  if (!last) return m.booking?.invited ?? [];
  return last.careTeam.filter((c) => c.attendance !== 'left-care-team').map((c) => c.member);
}

export interface CinModel {
  /** D4: an overdue review is chased again after its escalation, until held (set by the workflow; absent in older histories). */
  chaseOverdueReviews?: true;
  caseId: string;
  child: { childId: string; team: string };
  socialWorker: string;
  /** The IRO who chairs. */
  iro: string;
  profileId: string;
  openedOn: IsoDate;
  /** Opened on a past date: the day it was recorded (what fell due before then is caught up at that day's close). */
  recordedOn?: IsoDate;
  /** D1-D2: why an IRO chairs, who approved and the IRO unit's agreement. */
  criteria: CinCriterion[];
  outsideCriteriaReason?: string;
  approvedBy: { staffId: string; role: (typeof APPROVER_ROLES)[number] };
  agreedBy: string;
  /** D1: the looked-after cycle this case steps down from. */
  steppedDownFrom?: string;
  /** D3: the first date agreed, venue booked, care team invited. */
  booking?: { on: IsoDate; venue: string; invited: string[] };
  /** D4: the date agreed for the next review (the deadline chased). */
  nextDate?: IsoDate;
  moves: { on: IsoDate; from: IsoDate; to: IsoDate; reason: string; by: string }[];
  reviews: CinReview[];
  /** D6 reports requested from other agencies. */
  reportsRequested: { on: IsoDate; agency: string; by: string; forReview: number }[];
  /** Tasks done: key -> date (r2/documents/childs-plan, r1/report/school). */
  done: Record<string, IsoDate>;
  status: 'open' | 'ended';
  ended?: {
    on: IsoDate;
    outcome: CinEnding;
    summary: string;
    by: string;
    /** D4: a review was due by this agreed date and had not been held when the case ended: it counts as late. */
    missedReview?: IsoDate;
  };
  events: CaseEvent[];
}
