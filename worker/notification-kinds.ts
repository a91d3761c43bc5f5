/**
 * Every kind of notification the workflows (and the dispatcher) can write, and when each is
 * emailed: at once, or gathered into the recipient's morning digest. One table; the kinds that
 * come from a type in the workflows are checked by the compiler (a new one fails to build until
 * it is given a timing here and a template in mail-templates.ts), the literal ones by
 * test/mail-digests.test.ts, which reads the wording files.
 *
 * The principle: at once whatever needs acting on within days or says a deadline has been
 * breached where it matters most (escalations, the first review overdue, the team manager's 5-day
 * prompt, anything in a dispute, a cancelled meeting); in the digest the reminders ahead of a
 * deadline, later overdue notices and what is for information.
 */
import type { NotificationRecord } from '../data/embedded-store';
import type { CinActionKind } from '../workflows/cin-review/obligations';
import type { CinEnding } from '../workflows/cin-review/model';
import type { Stage } from '../workflows/dispute/stages';
import type { CycleStatus } from '../workflows/looked-after-cycle/model';
import type { ActionKind } from '../workflows/looked-after-cycle/obligations';
import type { OpenToReviewModel } from '../workflows/open-to-review/model';
import type { OpenToReviewActionKind } from '../workflows/open-to-review/obligations';

/** Kinds written as literals in the wording files (the test keeps this list complete). */
export const LITERAL_KINDS = [
  'request-first-review',
  'starred-recommendations',
  'chaired-by-team-manager',
  'disagreement',
  'dispute-to-open',
  'postponement-quality-assurance',
  'unplanned-placement-change',
  'catch-up',
  'letter-to-family',
  'objection',
  'allocated',
  'caseload-over-capacity',
  'decision-letter',
  'short-breaks-over-limit',
  'short-breaks-approaching-limit',
  'informal',
  'response-to-judge',
  'judgement-overdue',
  'final-stage-overdue',
  'overall-warning',
  'overall-breach',
  'cafcass-overdue',
  'dispute-closed',
  'chair-agreed',
  'delivery-failed',
] as const;

export type NotificationKind =
  | (typeof LITERAL_KINDS)[number]
  | ActionKind
  | OpenToReviewActionKind
  | CinActionKind
  | Exclude<CycleStatus, 'active'>
  | Exclude<OpenToReviewModel['status'], 'entry' | 'open'>
  | CinEnding
  | `stage-${Exclude<Stage, 0>}`;

export type Timing = 'at-once' | 'digest';

/** The overdue notices of a child's first review: no IRO appointed (L1), the review itself (L2, or its id r1/review/...). */
export function aboutFirstReview(n: Pick<NotificationRecord, 'id' | 'caseId' | 'rule'>): boolean {
  if (!n.caseId.startsWith('lac-')) return false;
  const action = n.id.startsWith(`${n.caseId}/`) ? n.id.slice(n.caseId.length + 1) : n.id;
  return n.rule === 'L1' || n.rule === 'L2' || action.startsWith('r1/review/') || action.startsWith('appoint-iro/');
}

type When = Timing | ((n: NotificationRecord) => Timing);

/** When each kind is emailed (a person set to at-once receives every kind at once). */
export const TIMING: Record<NotificationKind, When> = {
  // Looked-after review cycle
  'request-first-review': 'at-once', // L1: the IRO unit is asked at once; 20 working days run
  reminder: 'digest',
  overdue: (n) => (aboutFirstReview(n) ? 'at-once' : 'digest'),
  escalation: 'at-once',
  'booked-too-late': 'at-once',
  prompt: 'at-once', // L10: the team manager's 5-day decision prompt (and O2R's "please act")
  'deemed-agreed': 'digest',
  'open-dispute': 'at-once',
  ceased: 'at-once', // a booked review is cancelled: the invited are to be told
  'ended-at-18': 'at-once',
  'starred-recommendations': 'at-once', // L11: at once to the principal and strategic managers
  'chaired-by-team-manager': 'digest',
  disagreement: 'at-once',
  'dispute-to-open': 'at-once',
  'postponement-quality-assurance': 'digest',
  'unplanned-placement-change': 'at-once', // L23: told to the IRO at once
  // Lists what is already overdue; on go-live day (an imported case) gathered into the morning digest, not an email per child.
  'catch-up': (n) => (n.id.includes('/catch-up/go-live/') ? 'digest' : 'at-once'),
  // Open to Review and short breaks
  'letter-to-family': 'at-once',
  'decision-letter': 'at-once',
  objection: 'at-once',
  allocated: 'digest',
  'caseload-over-capacity': 'digest',
  left: 'at-once', // allocate a social worker
  'not-o2r': 'at-once',
  closed: 'digest',
  ended: 'digest',
  'short-breaks-over-limit': 'at-once',
  'short-breaks-approaching-limit': 'digest',
  // Resolution and Escalation: 20 working days in all, every notice at once
  informal: 'at-once',
  'stage-1': 'at-once',
  'stage-2': 'at-once',
  'stage-3': 'at-once',
  'stage-4': 'at-once',
  'stage-5': 'at-once',
  'response-to-judge': 'at-once',
  'judgement-overdue': 'at-once',
  'final-stage-overdue': 'at-once',
  'overall-warning': 'at-once',
  'overall-breach': 'at-once',
  'cafcass-overdue': 'at-once',
  'dispute-closed': 'at-once',
  // Child in Need reviews
  'chair-agreed': 'digest',
  closure: 'digest',
  'step-up-child-protection': 'digest',
  'step-up-looked-after': 'digest',
  'step-down': 'digest',
  // The dispatcher's own
  'delivery-failed': 'at-once',
};

export const KINDS = Object.keys(TIMING) as NotificationKind[];

export function isKnownKind(kind: string): kind is NotificationKind {
  return Object.prototype.hasOwnProperty.call(TIMING, kind);
}

/** The kind's timing; a kind not in the table (written by newer workflow code) goes at once, never lost in a digest. */
export function timingOf(n: NotificationRecord): Timing {
  if (!isKnownKind(n.kind)) return 'at-once';
  const w = TIMING[n.kind];
  return typeof w === 'function' ? w(n) : w;
}
