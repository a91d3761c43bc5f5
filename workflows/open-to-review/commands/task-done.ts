/** Plan shared (O4), assessment updated, supervision, transition considered (O6): a task done. */
import { Command } from '../../case-kernel/command';
import { refuse, staff } from '../../case-kernel/validation';
import { TaskDoneInput } from '../messages';
import { OpenToReviewModel } from '../model';
import { openToReviewObligations } from '../obligations';
import { OpenToReviewContext, log, past, running } from './context';

/** Tasks the API may mark done (reviews, visits and the decision note have their own commands). */
const DONE_BY_TASK = /^(r\d+\/plan-shared|assessment|supervision|transition)$/;

export const taskDone: Command<OpenToReviewModel, TaskDoneInput, OpenToReviewContext> = {
  validate(m, { key, on, by }, ctx) {
    running(m);
    // After the review whose plan it shares (O4), and after the last time it was done.
    const review = /^r(\d+)\/plan-shared$/.exec(key)?.[1];
    const held = review ? m.reviews.find((r) => r.number === Number(review))?.heldOn : undefined;
    past(m, ctx, 'on', on, review ? 'O4' : undefined, [
      [held, `review ${review}`],
      [m.done[key], 'the last time it was done'],
    ]);
    staff('by', by);
    const open = openToReviewObligations(m, ctx.settings, ctx.calendar).filter((o) => DONE_BY_TASK.test(o.key));
    if (!open.some((o) => o.key === key)) refuse('key', `not an open task here (open: ${open.map((o) => o.key).join(', ') || 'none'})`);
  },
  apply(m, { key, on, by }, ctx) {
    m.done[key] = on;
    log(m, ctx, `${key} done on ${on}`, openToReviewObligations(m, ctx.settings, ctx.calendar).find((o) => o.key === key)?.rule, by);
  },
};
