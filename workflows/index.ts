export { lookedAfterReviewCycle } from './looked-after-cycle/looked-after-review-cycle';
export { resolutionAndEscalation } from './dispute/resolution-and-escalation';
export { openToReviewCase } from './open-to-review/open-to-review-case';
export { cinReview } from './cin-review/cin-review';
