/**
 * Go-live import (docs/import.md): a period of care the previous system already knew, brought in
 * through the cycle's own commands (validated, then applied) so each review held is judged on time
 * or late against its own due date by the same rules (L2-L5), and the next meeting by L7. Pure: the
 * workflow applies it when the cycle starts, and the import service runs it first on a fresh model
 * to check each row and say what would be created.
 */
import { Command } from '../case-kernel/command';
import { runImported } from '../case-kernel/imported';
import { bookReviewCommand } from './commands/booking';
import { CycleContext, log } from './commands/common';
import { allocateSocialWorkerCommand, appointIroCommand } from './commands/iro-and-social-worker';
import { recordReviewHeldCommand } from './commands/review-held';
import { ImportedHistory } from './messages';
import { CycleModel } from './model';

/** Which part of the imported history a refusal is about (the CSV column). */
export type ImportedPart = 'iro' | 'socialWorker' | 'reviews' | 'nextMeetingOn';

export { ImportedRefusal } from '../case-kernel/imported';

const run = <I>(part: ImportedPart, c: Command<CycleModel, I, CycleContext>, model: CycleModel, input: I, ctx: CycleContext) =>
  runImported(part, c, model, input, ctx);

/**
 * Applies the imported history to a new cycle's model (today: the day of the import). Staff are
 * recorded as appointed today, since the previous day is not known (the state's iroAppointment is
 * then left unjudged); the reviews' follow-up after the meeting is not tracked (`imported` on each),
 * nor the next meeting's preparation due before the import (`imported` on the booking).
 */
export function applyImported(model: CycleModel, imp: ImportedHistory, by: string, ctx: CycleContext): void {
  model.imported = { on: ctx.today, reviews: imp.reviews.length };
  log(
    model,
    ctx,
    `brought in from the previous system at go-live with ${imp.reviews.length} review(s) already held; what followed those meetings was done there and is not chased here`,
    undefined,
    by,
  );
  if (imp.iro) {
    run('iro', appointIroCommand, model, { staffId: imp.iro, by }, ctx);
    log(model, ctx, 'the IRO was appointed in the previous system on a day not imported: L1 timing not judged', 'L1', by);
  }
  if (imp.socialWorker) run('socialWorker', allocateSocialWorkerCommand, model, { staffId: imp.socialWorker, by }, ctx);
  for (const r of imp.reviews) {
    run('reviews', recordReviewHeldCommand, model, { heldOn: r.heldOn, participation: r.participation, by }, ctx);
    model.reviewsHeld[model.reviewsHeld.length - 1].imported = true;
  }
  if (imp.nextMeetingOn) {
    run('nextMeetingOn', bookReviewCommand, model, { meetingOn: imp.nextMeetingOn, by }, ctx);
    model.open.booking!.imported = true;
  }
}
