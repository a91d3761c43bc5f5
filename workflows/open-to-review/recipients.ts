/**
 * Who an O2R case's roles are when a message is sent: the caseholder is the staff member holding
 * the case at that moment, the team manager the child's team's, the family the case's own address.
 */
import { OpenToReviewModel } from './model';
import { OpenToReviewRecipient } from './obligations';

export function openToReviewAddress(m: Pick<OpenToReviewModel, 'caseId' | 'caseholder' | 'child'>, to: OpenToReviewRecipient): string {
  switch (to) {
    case 'caseholder':
      return `user:${m.caseholder}`;
    case 'team-manager':
      return `team-manager:${m.child.team}`;
    case 'family':
      return `family:${m.caseId}`;
    default:
      return to;
  }
}
