/** L18: how a review held counts for the national timeliness indicator. */
import { HeldReview } from './model';

/** L18: late for the indicator; a brought-forward review only if it missed its statutory date. */
export function lateForIndicator(r: HeldReview): boolean {
  if (r.onTime) return false;
  // L12: the adjournment date counts only for a review completed by its resume date.
  const a = r.adjourned;
  const judgedOn = a && (!a.resumeBy || r.heldOn <= a.resumeBy) ? a.on : r.heldOn;
  return !(r.statutoryDue && judgedOn <= r.statutoryDue);
}
