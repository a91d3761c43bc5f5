/**
 * The codes and fixed lists of a looked-after cycle: SSDA903 legal status and participation codes,
 * placement types, L6 reasons, the L8-L9 tasks, L20 planned ends and L21 non-attendees.
 */
/** SSDA903 legal status codes. */
export const LEGAL_STATUSES = ['C1', 'C2', 'D1', 'E1', 'J1', 'J2', 'J3', 'L1', 'L2', 'L3', 'V2', 'V3', 'V4'] as const;
export type LegalStatus = (typeof LEGAL_STATUSES)[number];

export const PLACEMENT_TYPES = [
  'foster',
  'long-term-foster',
  'kinship-foster',
  'placed-for-adoption',
  'placed-with-parents',
  'residential',
  'secure',
  'independent-living',
  'other',
] as const;
export type PlacementType = (typeof PLACEMENT_TYPES)[number];

/** L6: why a review is brought forward. */
export const BRING_FORWARD_REASONS = [
  'persistent-absence',
  'risk-of-harm',
  'child-request',
  'unplanned-placement-move',
  'care-plan-change',
  'iro-request',
  'welfare-not-safeguarded',
  'leaving-custody',
  'accommodation-ending',
] as const;
export type BringForwardReason = (typeof BRING_FORWARD_REASONS)[number];

/** DfE SSDA903 participation codes: PN0 means the child was under 4 at the review. */
export const PARTICIPATION_CODES = ['PN0', 'PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6', 'PN7'] as const;
export type ParticipationCode = (typeof PARTICIPATION_CODES)[number];

/** L8: the tasks before a meeting, in the order they fall due. */
export const PRE_MEETING_TASKS = ['consult-child', 'invitations', 'reports-to-iro', 'iro-speaks-with-child'] as const;
export type PreMeetingTask = (typeof PRE_MEETING_TASKS)[number];

/** L9: the tasks after a meeting (L10's team manager response is recorded separately). */
export const AFTER_MEETING_TASKS = ['decisions-circulated', 'care-plan-updated', 'full-record', 'copies-to-participants'] as const;
export type AfterMeetingTask = (typeof AFTER_MEETING_TASKS)[number];

/** L21: who may be recorded as not attending a review. */
export const NON_ATTENDEES = ['child', 'parent'] as const;
export type NonAttendee = (typeof NON_ATTENDEES)[number];

/** L20: why care is planned to end (a review is held before it). */
export const PLANNED_END_KINDS = [
  's20-ends',
  'leaving-custody-or-remand',
  'care-order-discharged',
  'special-guardianship-order',
  'child-arrangements-order',
  'adoption-order',
  'return-home',
  'other',
] as const;
export type PlannedEndKind = (typeof PLANNED_END_KINDS)[number];
