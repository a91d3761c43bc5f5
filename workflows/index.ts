export { lookedAfterReviewCycle } from './looked-after-review-cycle';
