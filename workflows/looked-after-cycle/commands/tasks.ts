/** Any obligation done through completeTask (L8 and L9 tasks, review decisions, the L16 pathway plan, L22 plans). */
import { Command } from '../../case-kernel/command';
import { date, refuse } from '../../case-kernel/validation';
import { CompleteTask } from '../messages';
import { CycleModel, HeldReview } from '../model';
import { recordCarePlanning } from '../care-planning';
import { isCompletable, obligations } from '../obligations';
import { CycleContext, activeOrFollowingUp, log, notFuture } from './common';

export const completeTaskCommand: Command<CycleModel, CompleteTask, CycleContext> = {
  validate(model, { key, on }, ctx) {
    activeOrFollowingUp(model);
    date('on', on);
    notFuture('on', on, ctx);
    const open = obligations(model, ctx.profile, ctx.calendar, ctx.legacy).filter((o) => isCompletable(o));
    if (!open.some((o) => o.key === key)) {
      refuse(
        'key',
        `"${String(key).slice(0, 60)}" is not an open task of this cycle (open: ${open.map((o) => o.key).join(', ') || 'none'})`,
      );
    }
  },
  apply(model, { key, on, by }, ctx) {
    // The rule is read while the task is still owed (once done it is no longer an obligation).
    const rule = obligations(model, ctx.profile, ctx.calendar, ctx.legacy).find((o) => o.key === key)?.rule;
    const m = /^r(\d+)\/(.+)$/.exec(key);
    if (key === 'pathway-plan') model.pathwayPlanOn = on;
    else if (recordCarePlanning(model, key, on)) {
      // L22: the care plan, a placement plan or a PEP.
    } else if (m && Number(m[1]) === model.open.number) model.open.preMeeting[m[2] as keyof typeof model.open.preMeeting] = on;
    else if (m) {
      const h = model.reviewsHeld.find((r) => r.reviewNumber === Number(m[1]))!;
      const d = /^decision-(\d+)$/.exec(m[2]);
      const told = /^outcome-to-(child|parent)$/.exec(m[2]);
      if (d) h.decisions[Number(d[1]) - 1].doneOn = on;
      else if (told) h.toldOfOutcome = { ...h.toldOfOutcome, [told[1]]: on };
      else h.after[m[2] as keyof HeldReview['after']] = on;
    }
    log(model, ctx, `${key} done on ${on}`, rule, by);
  },
};
