/**
 * L13: the child stops being looked after; L16: the cycle ends at 18. Ceasing is asked for by a
 * command, but the cycle itself ends it at the top of its next pass (after the end notices), so the
 * command only records that it was asked.
 */
import { IsoDate } from '../../calendar/iso-date';
import { Command } from '../../case-kernel/command';
import { bool, date, refuse, text } from '../../case-kernel/validation';
import { CeaseLookedAfter } from '../messages';
import { CycleModel } from '../model';
import { CycleContext, active, notBeforeCare, notFuture } from './common';

/** The cycle and the cessation asked for (not yet acted on). */
export interface Ending {
  model: CycleModel;
  cease?: CeaseLookedAfter;
}

export const ceaseLookedAfterCommand: Command<Ending, CeaseLookedAfter, CycleContext> = {
  validate({ model }, { on, reason, supervisionOrder, childInNeedPlan, noReviewReason }, ctx) {
    active(model);
    date('on', on);
    text('reason', reason);
    text('noReviewReason', noReviewReason, false);
    if (supervisionOrder !== undefined) bool('supervisionOrder', supervisionOrder);
    if (childInNeedPlan !== undefined) bool('childInNeedPlan', childInNeedPlan);
    notBeforeCare(model, 'on', on);
    notFuture('on', on, ctx);
    const last = model.reviewsHeld[model.reviewsHeld.length - 1];
    if (last && on < last.heldOn) refuse('on', `${on} is before the last review held (${last.heldOn})`, 'L13');
  },
  apply(ending, { on, reason, by, supervisionOrder, childInNeedPlan, noReviewReason }) {
    ending.cease = {
      on,
      reason,
      by,
      ...(supervisionOrder ? { supervisionOrder } : {}),
      ...(childInNeedPlan ? { childInNeedPlan } : {}),
      ...(noReviewReason ? { noReviewReason } : {}),
    };
  },
};

/** Ends the cycle: ceased (L13) if asked, else at 18 (L16). Returns why, for the end notice. */
export function endCycle(
  ending: Ending,
  adultOn: IsoDate,
  ctx: Pick<CycleContext, 'today' | 'legacy'>,
): { reason: string; rule: 'L13' | 'L16' } {
  const { model, cease } = ending;
  const reason = cease ? cease.reason : 'the child turned 18; looked-after status ends';
  model.status = cease ? 'ceased' : 'ended-at-18';
  model.ended = { on: cease?.on ?? adultOn, reason };
  if (cease?.supervisionOrder && cease.childInNeedPlan) {
    model.ended.stepDown = {
      offered: 'cin-review',
      criterion: 'step-down-from-looked-after-with-supervision-order',
      rule: 'D1',
      steppedDownFrom: model.cycleId,
    };
  }
  const rule = cease ? 'L13' : 'L16';
  if (cease && !ctx.legacy) model.ended.reviewBeforeEnding = reviewBeforeEnding(model, cease);
  const what = !cease
    ? `turned 18 on ${adultOn}; the cycle ends`
    : ctx.legacy
      ? `ceased to be looked after on ${cease.on}: ${cease.reason}; pending reviews and tasks cancelled`
      : `ceased to be looked after on ${cease.on}: ${cease.reason}; review ${model.open.number} and its preparation cancelled; reviews already held are still followed up`;
  model.events.push({ on: ctx.today, what, rule, by: cease?.by });
  const l20 = model.ended.reviewBeforeEnding;
  if (l20 && !l20.met) model.events.push({ on: ctx.today, what: l20.note, rule: 'L20', by: cease?.by });
  return { reason, rule };
}

/** L20: a review is held before care ends, once the end is planned; if not, which rule was not met and why. */
function reviewBeforeEnding(
  model: CycleModel,
  cease: CeaseLookedAfter,
): NonNullable<NonNullable<CycleModel['ended']>['reviewBeforeEnding']> {
  const plan = model.plannedEnd;
  const review = plan && model.reviewsHeld.find((h) => h.heldOn >= plan.recordedOn && h.heldOn <= cease.on);
  if (review)
    return { rule: 'L20', met: true, note: `review ${review.reviewNumber} held on ${review.heldOn} before care ended (${plan!.kind})` };
  const why = cease.noReviewReason ?? 'no reason recorded';
  return {
    rule: 'L20',
    met: false,
    note: `L20 not met: no review was held before the decision to cease looking after the child${plan ? ` (end planned for ${plan.on}, ${plan.kind})` : ' (no planned end of care was recorded)'}; why: ${why}`,
  };
}
