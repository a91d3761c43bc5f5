/**
 * Search attributes: what an IRO unit needs to find cases (what kind, whose, when due), and never
 * anything that identifies a child. Registered by the worker at start-up and in tests.
 */
import { SearchAttributeType, defineSearchAttributeKey } from '@temporalio/common';

export const CASE_KIND = defineSearchAttributeKey('CareReviewsKind', SearchAttributeType.KEYWORD);
export const NEXT_DUE = defineSearchAttributeKey('CareReviewsNextDue', SearchAttributeType.DATETIME);
export const TEAM = defineSearchAttributeKey('CareReviewsTeam', SearchAttributeType.KEYWORD);
export const PROFILE = defineSearchAttributeKey('CareReviewsProfile', SearchAttributeType.KEYWORD);
export const IRO = defineSearchAttributeKey('CareReviewsIro', SearchAttributeType.KEYWORD);
/** O5: the O2R social worker (a staff id) whose caseload the case is in. */
export const CASEHOLDER = defineSearchAttributeKey('CareReviewsCaseholder', SearchAttributeType.KEYWORD);

export const ALL_SEARCH_ATTRIBUTES = [CASE_KIND, NEXT_DUE, TEAM, PROFILE, IRO, CASEHOLDER];

export const CaseKind = {
  lookedAfterReviewCycle: 'looked-after-review-cycle',
  resolutionAndEscalation: 'resolution-and-escalation',
  openToReview: 'open-to-review',
  shortBreaksSeries: 'short-breaks-series',
  /** Child in Need reviews chaired by an IRO (section D). */
  cinReview: 'cin-review',
} as const;
