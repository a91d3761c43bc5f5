/** L5: a change of placement; L6: a review brought forward, with its reason. */
import { Command } from '../../case-kernel/command';
import { bool, date, refuse, text } from '../../case-kernel/validation';
import { BringForward, ChangePlacement } from '../messages';
import { BRING_FORWARD_REASONS, CycleModel, PLACEMENT_TYPES } from '../model';
import { openReviewDue } from '../obligations';
import { CycleContext, active, log, notBeforeCare, notFuture } from './common';

/** L5: a review within 20 WD / 4 weeks of the change, where the profile has the rule. */
export const changePlacementCommand: Command<CycleModel, ChangePlacement, CycleContext> = {
  validate(model, { on, type, unplanned }, ctx) {
    active(model);
    date('on', on);
    if (unplanned !== undefined) bool('unplanned', unplanned);
    notBeforeCare(model, 'on', on);
    notFuture('on', on, ctx);
    if (!(PLACEMENT_TYPES as readonly string[]).includes(type)) refuse('type', `one of ${PLACEMENT_TYPES.join(', ')}`);
    if (on < model.placement.startedOn) refuse('on', `${on} is before the current placement started (${model.placement.startedOn})`);
  },
  apply(model, { on, type, unplanned, by }, ctx) {
    // L22: the care plan counts from the first placement, so its start is kept when it first changes.
    if (
      ctx.profile.lookedAfterReview.carePlanAfterFirstPlacement &&
      !model.placementChanges.length &&
      !model.carePlanning?.firstPlacementOn
    )
      model.carePlanning = { ...model.carePlanning, firstPlacementOn: model.placement.startedOn };
    // L23: an unplanned move is told to the IRO at once (at-once.ts), who considers bringing the review forward.
    model.placementChanges.push(unplanned ? { on, type, unplanned } : { on, type });
    model.placement = { type, startedOn: on };
    log(model, ctx, `placement changed to ${type} from ${on}`, ctx.profile.lookedAfterReview.placementChangeReview ? 'L5' : undefined, by);
  },
};

/** L6: only earlier than the review is due anyway, and not in the past. */
export const bringForwardCommand: Command<CycleModel, BringForward, CycleContext> = {
  validate(model, { reason, detail, dueBy }, ctx) {
    active(model);
    if (!(BRING_FORWARD_REASONS as readonly string[]).includes(reason))
      refuse('reason', `one of ${BRING_FORWARD_REASONS.join(', ')}`, 'L6');
    text('detail', detail, false);
    date('dueBy', dueBy);
    if (dueBy < ctx.today) refuse('dueBy', `${dueBy} has passed`, 'L6');
    const statutory = openReviewDue({ ...model, open: { ...model.open, bringForward: undefined } }, ctx.profile, ctx.calendar).due;
    if (dueBy >= statutory) refuse('dueBy', `${dueBy} is not earlier than the date the review is due anyway (${statutory})`, 'L6');
  },
  apply(model, { reason, detail, dueBy, by }, ctx) {
    model.open.bringForward = { reason, detail, requestedOn: ctx.today, by, dueBy };
    log(model, ctx, `review ${model.open.number} brought forward to ${dueBy}: ${reason}`, 'L6', by);
  },
};
