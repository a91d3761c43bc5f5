/** L5: a change of placement; L6: a review brought forward, with its reason. */
import { Command } from '../../case-kernel/command';
import { bool, date, refuse, text } from '../../case-kernel/validation';
import { BringForward, ChangePlacement } from '../messages';
import { BRING_FORWARD_REASONS, CycleModel, PLACEMENT_TYPES } from '../model';
import { openReviewDue } from '../obligations';
import { CycleContext, active, effectiveDate, lastHeld, log, notBeforeCare, notFuture, onDay } from './common';

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
    // A change before the last review held would have changed when that review was due: record facts in order.
    const last = lastHeld(model);
    if (last && on < last.heldOn)
      refuse(
        'on',
        `${on} is before the last review held (${last.heldOn}); a change of placement is recorded before the reviews after it`,
        'L5',
      );
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

/** L6: only earlier than the review is due anyway, and not before the day it was asked for (`on`, default today). */
export const bringForwardCommand: Command<CycleModel, BringForward, CycleContext> = {
  validate(model, { reason, detail, dueBy, on }, ctx) {
    active(model);
    if (!(BRING_FORWARD_REASONS as readonly string[]).includes(reason))
      refuse('reason', `one of ${BRING_FORWARD_REASONS.join(', ')}`, 'L6');
    text('detail', detail, false);
    date('dueBy', dueBy);
    const requestedOn = effectiveDate(model, 'on', on, ctx);
    const last = lastHeld(model);
    if (last && requestedOn < last.heldOn)
      refuse('on', `${requestedOn} is before the last review held (${last.heldOn}); it brings forward review ${model.open.number}`, 'L6');
    if (dueBy < requestedOn)
      refuse('dueBy', on === undefined ? `${dueBy} has passed` : `${dueBy} is before it was asked for (${requestedOn})`, 'L6');
    const statutory = openReviewDue({ ...model, open: { ...model.open, bringForward: undefined } }, ctx.profile, ctx.calendar).due;
    if (dueBy >= statutory) refuse('dueBy', `${dueBy} is not earlier than the date the review is due anyway (${statutory})`, 'L6');
  },
  apply(model, { reason, detail, dueBy, by, on }, ctx) {
    const requestedOn = on ?? ctx.today;
    model.open.bringForward = { reason, detail, requestedOn, by, dueBy };
    log(model, ctx, `review ${model.open.number} brought forward to ${dueBy}: ${reason}${onDay(requestedOn, ctx, 'asked')}`, 'L6', by);
  },
};
