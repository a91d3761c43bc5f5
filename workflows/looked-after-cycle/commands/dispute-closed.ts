/** Section C: a dispute this cycle opened (L10 disagreement, L11 starred recommendations) has closed. */
import { IsoDate } from '../../calendar/iso-date';
import { CycleModel } from '../model';
import { heldReview } from './common';

/** What the dispute's disputeClosed signal carries. */
export interface DisputeClosed {
  disputeId: string;
  reviewNumber?: number;
  outcome: string;
  on: IsoDate;
}

export function disputeClosedApply(model: CycleModel, { disputeId, reviewNumber, outcome, on }: DisputeClosed): void {
  const h = reviewNumber === undefined ? undefined : heldReview(model, reviewNumber);
  if (h?.disagreement?.disputeId === disputeId) h.disagreement.status = 'dispute-closed';
  if (h?.starred?.disputeId === disputeId) h.starred.disputeOutcome = { outcome, on };
  model.events.push({ on, what: `dispute ${disputeId} ${outcome}`, rule: 'E6' });
}
