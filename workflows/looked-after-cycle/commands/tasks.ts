/** Any obligation done through completeTask (L8 and L9 tasks, review decisions, the L16 pathway plan, L22 plans). */
import { Command } from '../../case-kernel/command';
import { date, refuse } from '../../case-kernel/validation';
import { CompleteTask } from '../messages';
import { CycleModel, HeldReview } from '../model';
import { recordCarePlanning } from '../care-planning';
import { isCompletable, obligations } from '../obligations';
import { CycleContext, activeOrFollowingUp, log, notBeforeCare, notFuture } from './common';

export const completeTaskCommand: Command<CycleModel, CompleteTask, CycleContext> = {
  validate(model, { key, on }, ctx) {
    activeOrFollowingUp(model);
    date('on', on);
    notFuture('on', on, ctx);
    const open = obligations(model, ctx.profile, ctx.calendar, ctx.legacy).filter((o) => isCompletable(o));
    const task = open.find((o) => o.key === key);
    if (!task) {
      refuse(
        'key',
        `"${String(key).slice(0, 60)}" is not an open task of this cycle (open: ${open.map((o) => o.key).join(', ') || 'none'})`,
      );
    }
    notBeforeCare(model, 'on', on);
    // What follows a review (its record, decisions, outcome letters) is done after it was held.
    const h = model.reviewsHeld.find((r) => key.startsWith(`r${r.reviewNumber}/`));
    if (h && on < h.heldOn) refuse('on', `${on} is before review ${h.reviewNumber} was held (${h.heldOn})`, task.rule);
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
      // L10: circulated decisions recorded after the day: "deemed agreed" waits a working day for the answer to be recorded.
      if (m[2] === 'decisions-circulated' && on < ctx.today && !model.legacy?.dates) h.circulationRecordedOn = ctx.today;
    }
    log(model, ctx, `${key} done on ${on}`, rule, by);
  },
};
