export { lookedAfterReviewCycle } from './looked-after-review-cycle';
export { resolutionAndEscalation } from './resolution-and-escalation';
export { openToReviewCase } from './open-to-review-case';
