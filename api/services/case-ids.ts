/**
 * Every case id scheme in one place. A workflow id is visible to anyone with access to Temporal
 * (its UI, its logs, its database), so it must not carry the child's case-system id or dates: it is
 * a keyed hash (HMAC-SHA256 with the installation's id key) of them. The same child and period
 * gives the same id, which is what stops a second case; without the key nobody can reverse it or
 * test a guess.
 */
import { createHmac, randomBytes } from 'node:crypto';

/** L1: one looked-after review cycle per child and period of care. */
export const CYCLE_ID = /^lac-[0-9a-f]{24}$/;
/** O1, L19: an Open to Review case or a series of short breaks. */
export const OPEN_TO_REVIEW_CASE_ID = /^(o2r|sbs)-[0-9a-f]{24}$/;
/** E1: a dispute an IRO opened (random, or derived when imported at go-live), or one a cycle opened for a review's decisions (L10, L11). */
export const DISPUTE_ID = /^(red-[0-9a-f]{24}|lac-[0-9a-f]{24}-r\d{1,3}-l1[01])$/;
/** A Child in Need review case. */
export const CHILD_IN_NEED_CASE_ID = /^cin-[0-9a-f]{24}$/;

const mac = (idKey: Buffer, ...parts: string[]) => createHmac('sha256', idKey).update(parts.join('\n')).digest('hex').slice(0, 24);

export function lookedAfterCycleId(idKey: Buffer, childId: string, becameLookedAfter: string): string {
  return `lac-${mac(idKey, 'looked-after-cycle', childId, becameLookedAfter)}`;
}

/** One running O2R case per child; a series of short breaks per child and first break. */
export function openToReviewCaseId(
  idKey: Buffer,
  kind: 'open-to-review' | 'short-breaks-series',
  childId: string,
  firstBreakOn?: string,
): string {
  return `${kind === 'open-to-review' ? 'o2r' : 'sbs'}-${mac(idKey, kind, childId, firstBreakOn ?? '')}`;
}

/** An IRO may open several disputes about one child, so the id is random, not derived. */
export function disputeId(): string {
  return `red-${randomBytes(12).toString('hex')}`;
}

/** A dispute brought in at go-live: derived from the child, the day it opened and its reference in the old system, so a second import finds it. */
export function importedDisputeId(idKey: Buffer, childId: string, openedOn: string, oldReference: string): string {
  return `red-${mac(idKey, 'imported-dispute', childId, openedOn, oldReference)}`;
}

/** One running Child in Need review case per child (a new one once it has ended). */
export function childInNeedCaseId(idKey: Buffer, childId: string): string {
  return `cin-${mac(idKey, 'child-in-need', childId)}`;
}
