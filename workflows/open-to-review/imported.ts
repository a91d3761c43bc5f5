/**
 * Go-live import (docs/import.md): an Open to Review case the previous system already held, brought
 * in through the case's own commands (validated, then applied): the team manager's decision note on
 * its own day (O2; the family's letter and window for representations are long past, so neither is
 * sent nor chased), then each review held, judged on time or late against its own due date (O3,
 * O6). O1 eligibility is not judged again: the case was already in O2R. Pure: the workflow applies
 * it when the case starts, and the import service runs it first on a fresh model to check each row.
 */
import { runImported } from '../case-kernel/imported';
import { OpenToReviewContext, log } from './commands/context';
import { decisionNote } from './commands/decision-note';
import { reviewHeld } from './commands/review-held';
import { ImportedOpenToReview } from './messages';
import { OpenToReviewModel } from './model';

/** Which part of the imported case a refusal is about (the CSV column). */
export type ImportedOpenToReviewPart = 'decidedOn' | 'reviews';

/** Applies the imported case to a new case's model (today: the day of the import); nothing it queues is sent. */
export function applyImportedOpenToReview(m: OpenToReviewModel, imp: ImportedOpenToReview, by: string, ctx: OpenToReviewContext): void {
  const quiet: OpenToReviewContext = { ...ctx, notice: () => undefined, patched: undefined };
  m.imported = { on: ctx.today, reviews: imp.reviews.length };
  log(
    m,
    quiet,
    `brought in from the previous system at go-live, in O2R since ${imp.decidedOn} with ${imp.reviews.length} review(s) held; O1 eligibility was judged there, and the plans shared after those reviews are not chased here`,
    'O2',
    by,
  );
  const note = { decision: 'o2r' as const, rationale: 'decided in the previous system (imported at go-live)', on: imp.decidedOn, by };
  runImported('decidedOn', decisionNote, m, { ...note, firstReviewOn: imp.firstReviewOn }, quiet);
  for (const r of imp.reviews) {
    const { chair, ...held } = r;
    runImported('reviews', reviewHeld, m, { ...held, chair: { role: chair ?? 'caseholder' }, outcome: 'continue', by }, quiet);
    m.reviews[m.reviews.length - 1].imported = true;
  }
}
