/**
 * What a looked-after review cycle knows (rules.md section A), as plain data: carried across
 * continue-as-new and read by the pure obligation rules. No I/O and no clock here.
 */
import { IsoDate, addMonths, addYears } from '../calendar/iso-date';
import type { CycleStart } from './messages';
import {
  LegalStatus,
  PlacementType,
  BringForwardReason,
  ParticipationCode,
  PreMeetingTask,
  AfterMeetingTask,
  NonAttendee,
  PlannedEndKind,
} from './codes';

/** The codes and lists the model uses (SSDA903, L6, L8-L9, L20-L21), also for the API's schemas. */
export * from './codes';

export interface Placement {
  type: PlacementType;
  startedOn: IsoDate;
}

export interface Child {
  /** Opaque identifier from the authority's case system: never a name. */
  childId: string;
  dateOfBirth: IsoDate;
  legalStatus: LegalStatus;
  team: string;
}

export interface Postponement {
  from: IsoDate;
  to: IsoDate;
  on: IsoDate;
  reason: string;
  /** L7: needed when the new date is after the review's due date. */
  strategicManagerPermission?: { by: string; reason: string };
}

export interface Booking {
  meetingOn: IsoDate;
  /** L7: the IRO sets the date, time (HH:MM, London) and venue. */
  time?: string;
  venue?: string;
  bookedOn: IsoDate;
  by: string;
  /** L7: a date after the review is due, with a strategic manager's permission. */
  strategicManagerPermission?: { by: string; reason: string };
  /** Booked in the previous system (go-live import): `bookedOn` is the import day; L8 tasks due before it are not tracked. */
  imported?: true;
}

/** The review the cycle is working towards. */
export interface OpenReview {
  number: number;
  bringForward?: { reason: BringForwardReason; detail?: string; requestedOn: IsoDate; by: string; dueBy: IsoDate };
  booking?: Booking;
  postponements: Postponement[];
  /**
   * L12: once per review, for at most 20 working days. `onHold` (002 §16): nothing under
   * consideration at the adjourned meeting is put into effect before the review is completed.
   */
  adjournment?: { on: IsoDate; resumeBy: IsoDate; reason: string; onHold?: string };
  preMeeting: Partial<Record<PreMeetingTask, IsoDate>>;
}

export interface Decision {
  text: string;
  /** Who is to carry it out: a role or a staff id. */
  owner: string;
  dueOn: IsoDate;
  doneOn?: IsoDate;
}

export interface HeldReview {
  reviewNumber: number;
  heldOn: IsoDate;
  /** Its own due date (L18 judges it against this). */
  due: IsoDate;
  /** L6, L20, L18: due earlier than this statutory date; late for the indicator only if held after it. */
  statutoryDue?: IsoDate;
  rule: string;
  onTime: boolean;
  withMeeting: boolean;
  participation: ParticipationCode;
  /** L17: the allocated IRO, or a substitute IRO or the team manager when the IRO was unavailable. */
  chair: { staffId: string; as: 'allocated-iro' | 'substitute-iro' | 'team-manager' };
  decisions: Decision[];
  starredRecommendations: string[];
  /** L12: adjourned on this date, to resume by `resumeBy` (absent in reviews recorded before it was kept). */
  adjourned?: { on: IsoDate; resumeBy?: IsoDate };
  /** L9: when each task after the meeting was done; L10 `circulationRecordedOn` if recorded after that day. */
  after: Partial<Record<AfterMeetingTask, IsoDate>>;
  circulationRecordedOn?: IsoDate;
  /** L10: the team manager's answer (none by the deadline: deemed agreed). */
  teamManager?: { response: 'agreed' | 'disagreed' | 'deemed-agreed'; on: IsoDate; by?: string; reason?: string };
  /** L10, L21: who attended (staff ids or roles), to be told of a disagreement in writing. */
  attendees?: string[];
  /** L21: a child or parent who did not attend is told the outcome in writing by the IRO, with a face-to-face meeting offered. */
  notAttending?: NonAttendee[];
  /** L21: when each was told. */
  toldOfOutcome?: Partial<Record<NonAttendee, IsoDate>>;
  /** L10: a disagreement the IRO could not settle informally becomes a dispute (section C). */
  disagreement?: {
    status: 'informal' | 'settled' | 'dispute-to-open' | 'dispute-open' | 'dispute-closed';
    note?: string;
    /** When the IRO settled it or found it needs a dispute, if recorded after the day. */
    on?: IsoDate;
    disputeId?: string;
  };
  /** L11: starred recommendations: notified at once; concerns within 5 WD; agreement within 10 WD of a concern, else a dispute. */
  starred?: {
    notifiedOn: IsoDate;
    /** `recordedOn`: a concern recorded after the day it was raised (its outcome waits a working day). */
    concern?: { on: IsoDate; by: string; note: string; recordedOn?: IsoDate };
    agreedOn?: IsoDate;
    disputeToOpen?: boolean;
    disputeId?: string;
    /** The dispute's outcome, once it has closed. */
    disputeOutcome?: { outcome: string; on: IsoDate };
  };
  /** Notices already sent about this review (starred recommendations, chair, disagreement). */
  notices: string[];
  /** Brought in at go-live: its follow-up after the meeting (L9-L11) was done in the previous system and is not tracked. */
  imported?: true;
}

/**
 * Behaviour a running cycle keeps from before a rule was corrected (set at each run's start from
 * patched(); absent in a new cycle). Read by the pure rules so a replayed history sends what it sent.
 */
export interface Legacy {
  /** L9: decisions were chased with the social worker and the IRO, whoever owned them. */
  decisionOwners?: true;
  /** L10: the disagreement went to the IRO only, and informal resolution had no timescale. */
  disagreement?: true;
  /** L13/L16: at 18 the follow-up of reviews already held was dropped with the cycle. */
  endsAt18WithoutFollowUp?: true;
  /** Dates of facts: a next meeting was booked on the day recorded; L12 the resume chase went to the IRO and their manager only. */
  dates?: true;
}

export type CycleStatus = 'active' | 'ceased' | 'ended-at-18';

/** L13: a cycle that has ended (ceased, or the young person turned 18) still follows up the reviews already held. */
export function followsUpAfterEnding(model: CycleModel): boolean {
  return model.status === 'ceased' || (model.status === 'ended-at-18' && !model.legacy?.endsAt18WithoutFollowUp);
}

export interface CycleModel {
  cycleId: string;
  child: Child;
  becameLookedAfter: IsoDate;
  placement: Placement;
  /** The placement the child came into care in (kept for the statutory record; absent in older cycles). */
  firstPlacement?: Placement;
  /** L23: `unplanned` placement changes tell the IRO at once (`iroToldOn`). */
  placementChanges: { on: IsoDate; type: PlacementType; unplanned?: boolean; iroToldOn?: IsoDate }[];
  profileId: string;
  /** L1: when the social worker notified the IRO unit that the child came into care (absent in older cycles). */
  iroUnitNotifiedOn?: IsoDate;
  legacy?: Legacy;
  /** L16: the day the cycle was started in the system (absent in older cycles). */
  enteredOn?: IsoDate;
  /** Brought in at go-live on `on` with `reviews` reviews already held (docs/import.md); absent for cycles started here. */
  imported?: { on: IsoDate; reviews: number };
  /** L1: `firstAppointedOn` kept when the IRO changes (the appointment within the set time is the first). */
  iro?: { staffId: string; appointedOn: IsoDate; firstAppointedOn?: IsoDate };
  socialWorker?: { staffId: string; allocatedOn: IsoDate };
  reviewsHeld: HeldReview[];
  open: OpenReview;
  /** L7: every postponement in the period of care, for the "more than one a year" check. */
  postponementDates: IsoDate[];
  /** L16 */
  pathwayPlanOn?: IsoDate;
  /** L20: a planned end of care makes a review due before it (absent from older cycles). */
  plannedEnd?: PlannedEnd;
  /** L22 (profiles with care-planning timescales): the plans made, by date (absent until one is recorded). */
  carePlanning?: CarePlanning;
  status: CycleStatus;
  ended?: {
    on: IsoDate;
    reason: string;
    stepDown?: StepDownToChildInNeed;
    /** L20: whether a review was held before the decision to cease, and if not, why. */
    reviewBeforeEnding?: { rule: 'L20'; met: boolean; note: string };
  };
  /** What happened, in order: the cycle's full history for staff and inspectors. */
  events: CycleEvent[];
}

/**
 * D1: a child who leaves care under a supervision order with a Child in Need plan may have their
 * CIN reviews chaired by an IRO. The ended cycle offers it; starting the CIN review with
 * `steppedDownFrom` set to this cycle links the two.
 */
export interface StepDownToChildInNeed {
  offered: 'cin-review';
  criterion: 'step-down-from-looked-after-with-supervision-order';
  rule: 'D1';
  steppedDownFrom: string;
}

export interface PlannedEnd {
  on: IsoDate;
  kind: PlannedEndKind;
  /** When it was planned: a review held since then is the review before the end. */
  recordedOn: IsoDate;
  by: string;
  /** Earlier dates it was planned for, and when and by whom it was moved. */
  moves?: { from: IsoDate; kind: PlannedEndKind; on: IsoDate; by: string }[];
}

/** L22: the care plan, each placement's plan (by the placement's start) and each PEP, with when each was done. */
export interface CarePlanning {
  /** The first placement's start (kept when the placement first changes). */
  firstPlacementOn?: IsoDate;
  carePlanOn?: IsoDate;
  placementPlans?: Record<IsoDate, IsoDate>;
  /** When each PEP (and PEP review) was done, oldest first. */
  peps?: IsoDate[];
  /** When the health plan was made available (for the first review). */
  healthPlanOn?: IsoDate;
}

export interface CycleEvent {
  on: IsoDate;
  what: string;
  rule?: string;
  by?: string;
}

export function ageOn(dateOfBirth: IsoDate, on: IsoDate): number {
  let years = Number(on.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  if (on.slice(5) < dateOfBirth.slice(5)) years--;
  return years;
}

/** Looked-after status ends at 18 (L16). */
export function eighteenthBirthday(dateOfBirth: IsoDate): IsoDate {
  return addYears(dateOfBirth, 18);
}

/** The agenda rules (L15-L16) live beside the model's other rules; kept importable from here. */
export { agendaFor, pathwayPlanDue } from './agenda';

/** L14: a long-term foster placement held over 12 months may have reviews without a meeting. */
export function mayReviewWithoutMeeting(model: CycleModel, heldOn: IsoDate): { ok: true } | { ok: false; why: string } {
  if (model.placement.type !== 'long-term-foster')
    return { ok: false, why: 'only a long-term foster placement may have a review without a meeting' };
  // "Over twelve months" (002 §1, §10): more than 12 months, so not on the anniversary itself.
  if (addMonths(model.placement.startedOn, 12) >= heldOn) {
    return { ok: false, why: `the long-term foster placement started ${model.placement.startedOn}: it must be held over 12 months first` };
  }
  const lastMeeting = [...model.reviewsHeld].reverse().find((r) => r.withMeeting);
  if (!lastMeeting || addMonths(lastMeeting.heldOn, 12) <= heldOn) {
    return { ok: false, why: `a meeting is needed at least once a year (last meeting: ${lastMeeting?.heldOn ?? 'none'})` };
  }
  return { ok: true };
}

/** A new period of care: the first review is open and nothing else has happened (L1). */
export function initialModel(input: CycleStart): CycleModel {
  return {
    cycleId: input.cycleId,
    child: input.child,
    becameLookedAfter: input.becameLookedAfter,
    placement: input.placement,
    firstPlacement: input.placement,
    placementChanges: [],
    profileId: input.profileId,
    ...(input.iroUnitNotifiedOn ? { iroUnitNotifiedOn: input.iroUnitNotifiedOn } : {}),
    reviewsHeld: [],
    open: { number: 1, postponements: [], preMeeting: {} },
    postponementDates: [],
    status: 'active',
    events: [{ on: input.becameLookedAfter, what: 'became looked after; cycle started', rule: 'L1', by: input.by }],
  };
}
