/**
 * Opaque case ids. A workflow id is visible to anyone with access to Temporal (its UI, its logs,
 * its database), so it must not carry the child's case-system id or dates: it is a keyed hash
 * (HMAC-SHA256 with the installation's id key) of them. The same child and period of care always
 * gives the same id, which is what stops a second cycle; without the key nobody can reverse it or
 * test a guess.
 */
import { createHmac } from 'node:crypto';

export const CYCLE_ID = /^lac-[0-9a-f]{24}$/;

export function lookedAfterCycleId(idKey: Buffer, childId: string, becameLookedAfter: string): string {
  const mac = createHmac('sha256', idKey).update(`looked-after-cycle\n${childId}\n${becameLookedAfter}`).digest('hex');
  return `lac-${mac.slice(0, 24)}`;
}
