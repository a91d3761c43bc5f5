/**
 * Open to Review (O2R) and other low-level disabled-children cases (rules.md section B, and L19):
 * what the case knows, as plain data, and the O1 eligibility test. Pure; the workflow and the API
 * both import it.
 */
import { IsoDate } from '../calendar/iso-date';

/**
 * The kinds of case: an O2R case (the 0-25 protocol, or Kent's low-level cases), or a child in a
 * series of pre-planned short breaks (L19).
 */
export type OpenToReviewCaseKind = 'open-to-review' | 'short-breaks-series';
/** O3 is the 0-25 Open to Review protocol; O6 is Kent's low-level case policy. */
export type Variant = 'protocol' | 'kent';

/** O1: the facts the team manager and social worker weigh before a case moves to O2R. */
export interface Eligibility {
  /** Stable: no ongoing social care input beyond assessed services, no frequent package changes. */
  stable: boolean;
  /** Clear outcomes identified in the care plan. */
  clearOutcomes: boolean;
  safeguardingConcerns: boolean;
  lookedAfter: boolean;
  continuingCare: boolean;
  unstableHealth: boolean;
  lifeLimitingIllness: boolean;
  /** Needed only with a life-limiting illness. */
  parentsAgree?: boolean;
  /** A significant amount of overnight short breaks within a complex plan of support. */
  significantOvernightShortBreaks: boolean;
  /** ...which may still be held in O2R if the case is stable and the support clearly working. */
  overnightBreaksStableAndWorking?: boolean;
}

export const ELIGIBILITY_FIELDS: (keyof Eligibility)[] = [
  'stable',
  'clearOutcomes',
  'safeguardingConcerns',
  'lookedAfter',
  'continuingCare',
  'unstableHealth',
  'lifeLimitingIllness',
  'parentsAgree',
  'significantOvernightShortBreaks',
  'overnightBreaksStableAndWorking',
];

export interface EligibilityFailure {
  field: string;
  rule: 'O1';
  message: string;
}

/** O1: every criterion the case fails, so the refusal lists them all at once. */
export function eligibilityFailures(e: Eligibility): EligibilityFailure[] {
  const out: EligibilityFailure[] = [];
  const fail = (field: keyof Eligibility, message: string) => out.push({ field: `eligibility.${field}`, rule: 'O1', message });
  if (!e.stable) fail('stable', 'the case is not stable (ongoing social care input, or frequent changes of package or provider)');
  if (!e.clearOutcomes) fail('clearOutcomes', 'the care plan does not identify clear outcomes');
  if (e.safeguardingConcerns) fail('safeguardingConcerns', 'there are safeguarding concerns');
  if (e.lookedAfter) fail('lookedAfter', 'the child is looked after (their case is reviewed by an IRO)');
  if (e.continuingCare) fail('continuingCare', 'the child receives a continuing care provision');
  if (e.unstableHealth) fail('unstableHealth', "the child's health needs are unstable");
  if (e.lifeLimitingIllness && e.parentsAgree !== true)
    fail('parentsAgree', "with a life-limiting illness the case is held in O2R only with the parents' or carers' agreement");
  if (e.significantOvernightShortBreaks && e.overnightBreaksStableAndWorking !== true) {
    fail(
      'overnightBreaksStableAndWorking',
      'significant overnight short breaks within a complex plan are held in O2R only if the case is stable and the support clearly working (recorded)',
    );
  }
  return out;
}

export type ReviewType = 'telephone' | 'face-to-face';
/** O6 (Kent): the child is seen once a year at home and once at school, college, day activities or the short-breaks setting. */
export const PLACES = ['home', 'school', 'college', 'day-activities', 'short-breaks', 'other'] as const;
export type Place = (typeof PLACES)[number];
/** L19: one short break (its first day and how many days it lasted). */
export interface ShortBreak {
  on: IsoDate;
  days: number;
  by: string;
}
export const REVIEW_TYPES: readonly ReviewType[] = ['telephone', 'face-to-face'];
/** Who chaired (O6: Kent's first review with overnight breaks is chaired by a senior practitioner or team manager). */
export const CHAIR_ROLES = ['caseholder', 'senior-practitioner', 'team-manager', 'school'] as const;
export type ChairRole = (typeof CHAIR_ROLES)[number];
export const LEAVE_REASONS = ['more-frequent-reviews-needed', 'no-longer-eligible', 'needs-closed', 'series-ended'] as const;
export type LeaveReason = (typeof LEAVE_REASONS)[number];

export interface OpenToReviewReview {
  number: number;
  heldOn: IsoDate;
  type: ReviewType;
  /** The date it was due by, and so whether it was on time. */
  due: IsoDate;
  onTime: boolean;
  childSeen: boolean;
  parentsSeen: boolean;
  /** Where a face-to-face review saw the child (O6). */
  place?: Place;
  chair: { role: ChairRole; staffId?: string };
  /** O4: every review decides whether O2R continues. */
  outcome: 'continue' | 'leave';
  leaveReason?: LeaveReason;
  note?: string;
  /** Brought in at go-live: what followed it (the plan shared, O4) was the previous system's, not chased here. */
  imported?: true;
}

/** O6 (Kent): what sets the review frequency. */
export interface Package {
  overnightShortBreaks: boolean;
  hoursPerWeek: number;
}

export interface OpenToReviewModel {
  caseId: string;
  kind: OpenToReviewCaseKind;
  variant: Variant;
  child: { childId: string; dateOfBirth: IsoDate; team: string };
  /** The O2R social worker (or, for a short-breaks series, the allocated worker): a staff id. */
  caseholder: string;
  openedOn: IsoDate;
  /** Opened on a past date: the day it was recorded (what fell due before then is caught up at that day's close). */
  recordedOn?: IsoDate;
  profileId: string;
  /** O2: the letter, the window for representations, any objection and the team manager's decision note. */
  entry?: {
    rationale: string;
    letterOn: IsoDate;
    representationsBy: IsoDate;
    representations: { on: IsoDate; objection: boolean; summary: string; by: string }[];
    decision?: { on: IsoDate; by: string; decision: 'o2r' | 'not-o2r'; rationale: string; firstReviewOn?: IsoDate };
  };
  /** O3: the face-to-face review is timed with the EHCP annual review when there is one. */
  ehcpAnnualReviewOn?: IsoDate;
  package?: Package;
  /** L19: the first short break of the series. */
  firstBreakOn?: IsoDate;
  /** L19: each short break of the series, as recorded. */
  breaks?: ShortBreak[];
  /** O6 (Kent): when overnight breaks last started, and how many reviews had been held then (absent: from the start). */
  overnightSince?: { on: IsoDate; afterReviews: number };
  /** Brought in at go-live (the day, and how many reviews came with it): its catch-up is go-live's. */
  imported?: { on: IsoDate; reviews: number };
  /** Set by the workflow for histories recorded before the statutory corrections (issue 11): they run as they did. */
  legacyRules?: true;
  /** O3/L19: an overdue review is chased again after its escalation, until held (set by the workflow; absent in older histories). */
  chaseOverdueReviews?: true;
  reviews: OpenToReviewReview[];
  visits: { on: IsoDate; childSeen: boolean; parentsSeen: boolean; where?: string; place?: Place; by: string }[];
  /** Tasks done: key -> date (plan shared, assessment updated, supervision, transition considered). */
  done: Record<string, IsoDate>;
  status: 'entry' | 'open' | 'left' | 'not-o2r' | 'closed' | 'ended';
  ended?: { on: IsoDate; reason: string; allocateTo?: 'social-worker' };
  events: { on: IsoDate; what: string; rule?: string; by?: string }[];
}

/** O6 (Kent): overnight short breaks or a package over 10 hours a week means full 6-monthly reviews. */
export function sixMonthlyFullReviews(m: Pick<OpenToReviewModel, 'variant' | 'package'>): boolean {
  return m.variant === 'kent' && !!m.package && (m.package.overnightShortBreaks || m.package.hoursPerWeek > 10);
}

/** O6 (Kent): the next review is the first since overnight short breaks started, so a senior practitioner or team manager chairs it. */
export function firstReviewWithOvernightBreaks(m: Pick<OpenToReviewModel, 'variant' | 'package' | 'reviews' | 'overnightSince'>): boolean {
  if (m.variant !== 'kent' || !m.package?.overnightShortBreaks) return false;
  return m.reviews.length === (m.overnightSince?.afterReviews ?? 0);
}

/** O3: who was seen counts only face to face: a telephone review sees no one. */
export function seenAt(m: Pick<OpenToReviewModel, 'legacyRules'>, r: OpenToReviewReview, who: 'childSeen' | 'parentsSeen'): boolean {
  return r[who] && (m.legacyRules === true || r.type === 'face-to-face');
}

/** O6 (Kent): where the child was seen, from the place given or the words of `where`. */
export function placeOf(v: { place?: Place; where?: string }): Place | undefined {
  if (v.place) return v.place;
  const w = v.where?.toLowerCase() ?? '';
  if (/\bhome\b/.test(w)) return 'home';
  if (/school/.test(w)) return 'school';
  if (/college/.test(w)) return 'college';
  if (/short.?break|respite/.test(w)) return 'short-breaks';
  if (/day (activit|centre|service)/.test(w)) return 'day-activities';
  return undefined;
}

/** L19: a series of short breaks is for a child: refused from the 18th birthday; O2R ends at 25. */
export function ageRefusal(
  kind: OpenToReviewCaseKind,
  dateOfBirth: IsoDate,
  today: IsoDate,
): { rule: string; message: string } | undefined {
  const age = Number(today.slice(0, 4)) - Number(dateOfBirth.slice(0, 4)) - (today.slice(5) < dateOfBirth.slice(5) ? 1 : 0);
  if (kind === 'short-breaks-series' && age >= 18)
    return { rule: 'L19', message: 'dateOfBirth: a series of short breaks is for a child under 18; this young person is 18 or over' };
  if (kind === 'open-to-review' && age >= 25) return { rule: 'O1', message: 'dateOfBirth: the 0-25 service ends at 25' };
  return undefined;
}
