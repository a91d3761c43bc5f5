/**
 * A policy profile: one local authority's timescales, as data. A profile may only make a statutory
 * deadline earlier (rules.md: "A local procedure may only make a deadline earlier than the law"),
 * so every timescale must keep each count of the statutory profile at no more than its value, and
 * may add further counts (the earlier date then applies).
 */
import { disputeLadderMisfit } from './dispute-ladder';
import { INTERVAL_UNITS, Interval } from './interval';

export interface LookedAfterReviewTimescales {
  /** L1: the IRO unit is asked for the first review within this time of becoming looked after. */
  requestFirstReview: Interval;
  /** L1: no IRO appointed by then: reminder to the IRO unit manager. */
  appointIro: Interval;
  /** L2 */
  firstReview: Interval;
  /** L3 */
  secondReview: Interval;
  /** L4 */
  laterReviews: Interval;
  /** L4 (Stoke): the date later reviews are ideally booked for, ahead of the deadline. */
  bookLaterReviewsAt?: Interval;
  /** L5: a review within this time of a change of placement, later timescales restarting from it; absent: not this authority's rule. */
  placementChangeReview?: Interval;
  /** L8, counted back from the meeting. */
  consultChildBefore: Interval;
  invitationsBefore: Interval;
  reportsToIroBefore: Interval;
  iroSpeaksWithChildBefore: Interval;
  /** L9 and L10, counted from the meeting. */
  decisionsCirculated: Interval;
  /** L10: from receipt of the decisions. */
  teamManagerConsiders: Interval;
  carePlanUpdated: Interval;
  fullRecord: Interval;
  copiesToParticipants: Interval;
  /** L9 (Stoke): the IRO escalates if there is no updated care plan by then. */
  carePlanEscalation?: Interval;
  /** L22 (Stoke): care planning around the reviews; absent: not tracked by this authority's cycles. */
  carePlanAfterFirstPlacement?: Interval;
  placementPlanAfterPlacement?: Interval;
  personalEducationPlan?: Interval;
  personalEducationPlanReview?: Interval;
  /** L22 (Stoke 004 §6.6): the health plan is available for the first review: this long before it (with the reports to the IRO). */
  healthPlanBeforeFirstReview?: Interval;
}

export interface Reminders {
  /** A "review due soon, not yet booked" reminder this long before the due date. */
  reviewDueSoon: Interval;
}

/**
 * Section C (E2-E6): how long each stage of Resolution and Escalation has to answer. The informal
 * stage and stages 1, 3, 4 and 5 are the authority's to set; stage 2 (5 WD) and the whole process
 * (20 WD) are the law's ceilings. A profile without the section uses the statutory one's.
 */
export interface ResolutionAndEscalationTimescales {
  informal?: Interval;
  stage1?: Interval;
  stage2?: Interval;
  stage3?: Interval;
  stage4?: Interval;
  stage5?: Interval;
  overall?: Interval;
  /** E2-E5: how long the IRO has to judge a response recorded at a stage (resolved, or escalate); a local choice. */
  responseJudgement?: Interval;
}
export const DISPUTE_TIMESCALE_KEYS: (keyof ResolutionAndEscalationTimescales)[] = [
  'informal',
  'stage1',
  'stage2',
  'stage3',
  'stage4',
  'stage5',
  'overall',
  'responseJudgement',
];
/** Only these have a ceiling in law (E4, E6); the rest are local choices. */
const DISPUTE_CEILINGS: (keyof ResolutionAndEscalationTimescales)[] = ['stage2', 'overall'];

export interface PolicyProfile {
  id: string;
  name: string;
  source: string;
  lookedAfterReview: LookedAfterReviewTimescales;
  reminders: Reminders;
  resolutionAndEscalation?: ResolutionAndEscalationTimescales;
  /** Section B: the authority's Open to Review settings (none is statutory; absent: the 0-25 protocol's). */
  openToReview?: OpenToReviewProfile;
  /** Section D: the authority's CIN review settings (the seed sets none; absent: the defaults in code). */
  childInNeedReview?: { maxInterval?: Interval; documentsLeadTime?: Interval };
}

export interface OpenToReviewProfile {
  /** O3 the 0-25 protocol, or O6 Kent's low-level case policy. */
  variant?: 'protocol' | 'kent';
  /** O2: the family's window for representations (default 20 WD). */
  representationWindow?: Interval;
  /** O5: an O2R social worker's caseload (default 100). */
  caseloadCapacity?: number;
}

export class ProfileError extends Error {}

type Key = keyof LookedAfterReviewTimescales;
const REQUIRED: Key[] = [
  'requestFirstReview',
  'appointIro',
  'firstReview',
  'secondReview',
  'laterReviews',
  'consultChildBefore',
  'invitationsBefore',
  'reportsToIroBefore',
  'iroSpeaksWithChildBefore',
  'decisionsCirculated',
  'teamManagerConsiders',
  'carePlanUpdated',
  'fullRecord',
  'copiesToParticipants',
];
const OPTIONAL: Key[] = [
  'bookLaterReviewsAt',
  'placementChangeReview',
  'carePlanEscalation',
  'carePlanAfterFirstPlacement',
  'placementPlanAfterPlacement',
  'personalEducationPlan',
  'personalEducationPlanReview',
  'healthPlanBeforeFirstReview',
];
/** Counted back from the meeting: a larger count is the earlier (stricter) date. */
const BEFORE: Key[] = ['consultChildBefore', 'invitationsBefore', 'reportsToIroBefore', 'iroSpeaksWithChildBefore'];

function checkInterval(where: string, value: unknown): Interval {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ProfileError(`${where}: must be an object with workingDays, days or months`);
  }
  const v = value as Record<string, unknown>;
  const unknown = Object.keys(v).filter((k) => !(INTERVAL_UNITS as string[]).includes(k));
  if (unknown.length) throw new ProfileError(`${where}: unknown field ${unknown.join(', ')} (allowed: workingDays, days, months)`);
  const present = INTERVAL_UNITS.filter((u) => v[u] !== undefined);
  if (!present.length) throw new ProfileError(`${where}: needs workingDays, days or months`);
  for (const u of present) {
    const n = v[u];
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 1000) {
      throw new ProfileError(`${where}.${u}: must be a whole number from 0 to 1000`);
    }
  }
  return v as Interval;
}

/** Validates the shape of a parsed profile file and, given the statutory profile, that it only tightens. */
export function validateProfile(raw: unknown, statutory?: PolicyProfile): PolicyProfile {
  if (typeof raw !== 'object' || raw === null) throw new ProfileError('profile: must be a JSON object');
  const p = raw as Record<string, unknown>;
  for (const f of ['id', 'name', 'source']) {
    if (typeof p[f] !== 'string' || !(p[f] as string).trim()) throw new ProfileError(`profile.${f}: must be a non-empty string`);
  }
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(p.id as string)) throw new ProfileError('profile.id: lower-case letters, digits and hyphens only');
  const lar = p.lookedAfterReview as Record<string, unknown> | undefined;
  if (typeof lar !== 'object' || lar === null) throw new ProfileError('profile.lookedAfterReview: missing');
  const unknownKeys = Object.keys(lar).filter((k) => !([...REQUIRED, ...OPTIONAL] as string[]).includes(k));
  if (unknownKeys.length) throw new ProfileError(`profile.lookedAfterReview: unknown timescale ${unknownKeys.join(', ')}`);
  for (const k of REQUIRED) checkInterval(`profile.lookedAfterReview.${k}`, lar[k]);
  for (const k of OPTIONAL) if (lar[k] !== undefined) checkInterval(`profile.lookedAfterReview.${k}`, lar[k]);
  const rem = p.reminders as Record<string, unknown> | undefined;
  if (typeof rem !== 'object' || rem === null) throw new ProfileError('profile.reminders: missing');
  checkInterval('profile.reminders.reviewDueSoon', rem.reviewDueSoon);
  const re = p.resolutionAndEscalation as Record<string, unknown> | undefined;
  if (re !== undefined) {
    if (typeof re !== 'object' || re === null || Array.isArray(re))
      throw new ProfileError('profile.resolutionAndEscalation: must be an object of timescales');
    const unknownRe = Object.keys(re).filter((k) => !(DISPUTE_TIMESCALE_KEYS as string[]).includes(k));
    if (unknownRe.length)
      throw new ProfileError(
        `profile.resolutionAndEscalation: unknown timescale ${unknownRe.join(', ')} (allowed: ${DISPUTE_TIMESCALE_KEYS.join(', ')})`,
      );
    for (const k of DISPUTE_TIMESCALE_KEYS) if (re[k] !== undefined) checkInterval(`profile.resolutionAndEscalation.${k}`, re[k]);
  }

  const o2r = p.openToReview as Record<string, unknown> | undefined;
  if (o2r !== undefined) {
    if (typeof o2r !== 'object' || o2r === null || Array.isArray(o2r)) throw new ProfileError('profile.openToReview: must be an object');
    const unknownO2r = Object.keys(o2r).filter((k) => !['variant', 'representationWindow', 'caseloadCapacity'].includes(k));
    if (unknownO2r.length)
      throw new ProfileError(
        `profile.openToReview: unknown setting ${unknownO2r.join(', ')} (allowed: variant, representationWindow, caseloadCapacity)`,
      );
    if (o2r.variant !== undefined && o2r.variant !== 'protocol' && o2r.variant !== 'kent')
      throw new ProfileError('profile.openToReview.variant: protocol or kent');
    if (o2r.representationWindow !== undefined) checkInterval('profile.openToReview.representationWindow', o2r.representationWindow);
    const cap = o2r.caseloadCapacity;
    if (cap !== undefined && (typeof cap !== 'number' || !Number.isInteger(cap) || cap < 1 || cap > 1000))
      throw new ProfileError('profile.openToReview.caseloadCapacity: a whole number from 1 to 1000');
  }

  const cin = p.childInNeedReview as Record<string, unknown> | undefined;
  if (cin !== undefined) {
    if (typeof cin !== 'object' || cin === null || Array.isArray(cin))
      throw new ProfileError('profile.childInNeedReview: must be an object');
    const unknownCin = Object.keys(cin).filter((k) => !['maxInterval', 'documentsLeadTime'].includes(k));
    if (unknownCin.length)
      throw new ProfileError(
        `profile.childInNeedReview: unknown setting ${unknownCin.join(', ')} (allowed: maxInterval, documentsLeadTime)`,
      );
    for (const k of ['maxInterval', 'documentsLeadTime']) if (cin[k] !== undefined) checkInterval(`profile.childInNeedReview.${k}`, cin[k]);
  }

  const profile = raw as PolicyProfile;
  if (statutory && profile.id !== statutory.id) assertOnlyTightens(profile, statutory);
  // E6: the stages must fit the whole process.
  const misfit = disputeLadderMisfit(profile.resolutionAndEscalation, statutory?.resolutionAndEscalation);
  if (misfit) throw new ProfileError(`profile ${profile.id}: ${misfit}`);
  return profile;
}

function assertOnlyTightens(profile: PolicyProfile, statutory: PolicyProfile): void {
  for (const k of DISPUTE_CEILINGS) {
    const law = statutory.resolutionAndEscalation?.[k];
    const local = profile.resolutionAndEscalation?.[k];
    if (!law || !local) continue; // absent: the statutory timescale stands
    for (const unit of INTERVAL_UNITS) {
      const lawN = law[unit];
      if (lawN === undefined) continue;
      const localN = local[unit];
      if (localN === undefined || localN > lawN) {
        throw new ProfileError(
          `profile ${profile.id}: resolutionAndEscalation.${k}.${unit} ${localN === undefined ? 'is missing' : `= ${localN}`} ` +
            `would make the statutory deadline (${unit} ${lawN}) later; a local profile may only make deadlines earlier`,
        );
      }
    }
  }
  for (const k of [...REQUIRED, ...OPTIONAL]) {
    const law = statutory.lookedAfterReview[k];
    const local = profile.lookedAfterReview[k];
    if (!law) continue;
    if (!local) {
      throw new ProfileError(`profile ${profile.id}: lookedAfterReview.${k} is missing; the statutory timescale must stand`);
    }
    for (const unit of INTERVAL_UNITS) {
      const lawN = law[unit];
      if (lawN === undefined) continue;
      const localN = local[unit];
      const looser = localN === undefined || (BEFORE.includes(k) ? localN < lawN : localN > lawN);
      if (looser) {
        throw new ProfileError(
          `profile ${profile.id}: lookedAfterReview.${k}.${unit} ${localN === undefined ? 'is missing' : `= ${localN}`} ` +
            `would make the statutory deadline (${unit} ${lawN}) later; a local profile may only make deadlines earlier`,
        );
      }
    }
  }
}
