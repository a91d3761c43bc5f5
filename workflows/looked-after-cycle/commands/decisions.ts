/**
 * L10: the team manager answers a review's decisions; the IRO settles a disagreement informally or
 * it becomes a dispute. Each on the day it happened (`on`, default today), not before the review.
 */
import { Command } from '../../case-kernel/command';
import { refuse, text } from '../../case-kernel/validation';
import { deadlineAfter } from '../../timescales/interval';
import { AnswerDecisions, ResolveDisagreement } from '../messages';
import { CycleModel } from '../model';
import { CycleContext, activeOrFollowingUp, effectiveDate, heldReview, log, onDay } from './common';

export const answerDecisionsCommand: Command<CycleModel, AnswerDecisions, CycleContext> = {
  validate(model, { reviewNumber, response, reason, on }, ctx) {
    activeOrFollowingUp(model);
    const h = heldReview(model, reviewNumber);
    if (!h) refuse('reviewNumber', `no review ${reviewNumber} has been held`, 'L10');
    if (!h.after['decisions-circulated'])
      refuse('reviewNumber', `the decisions of review ${reviewNumber} have not been circulated yet`, 'L10');
    if (h.teamManager)
      refuse('reviewNumber', `review ${reviewNumber}'s decisions were already ${h.teamManager.response} on ${h.teamManager.on}`, 'L10');
    if (response !== 'agree' && response !== 'disagree') refuse('response', 'agree or disagree', 'L10');
    if (response === 'disagree') text('reason', reason);
    const d = effectiveDate(model, 'on', on, ctx);
    if (d < h.heldOn) refuse('on', `${d} is before review ${reviewNumber} was held (${h.heldOn})`, 'L10');
    // 002 §13: a disagreement counts within the initial 5 working days; after that the decisions stand as agreed.
    const by = deadlineAfter(ctx.calendar, h.after['decisions-circulated'], ctx.profile.lookedAfterReview.teamManagerConsiders).date;
    if (response === 'disagree' && d > by)
      refuse(
        'on',
        `${d} is after the 5 working days from receiving the decisions (by ${by}): the decisions are deemed agreed; a later disagreement is for the IRO and the dispute process`,
        'L10',
      );
  },
  apply(model, { reviewNumber, response, reason, by, on }, ctx) {
    const h = heldReview(model, reviewNumber)!;
    const answeredOn = on ?? ctx.today;
    h.teamManager = { response: response === 'agree' ? 'agreed' : 'disagreed', on: answeredOn, by, reason };
    if (response === 'disagree') h.disagreement = { status: 'informal' };
    log(
      model,
      ctx,
      `team manager ${response === 'agree' ? 'agreed with' : 'disagreed with'} the decisions of review ${reviewNumber}${onDay(answeredOn, ctx)}${reason ? `: ${reason}` : ''}`,
      'L10',
      by,
    );
  },
};

export const resolveDisagreementCommand: Command<CycleModel, ResolveDisagreement, CycleContext> = {
  validate(model, { reviewNumber, outcome, note, on }, ctx) {
    activeOrFollowingUp(model);
    const h = heldReview(model, reviewNumber);
    if (!h || h.disagreement?.status !== 'informal') refuse('reviewNumber', `review ${reviewNumber} has no open disagreement`, 'L10');
    if (outcome !== 'settled' && outcome !== 'dispute') refuse('outcome', 'settled or dispute', 'L10');
    text('note', note, false);
    const d = effectiveDate(model, 'on', on, ctx);
    const since = h.teamManager?.on ?? h.heldOn;
    if (d < since) refuse('on', `${d} is before the team manager disagreed (${since})`, 'L10');
  },
  apply(model, { reviewNumber, outcome, note, by, on }, ctx) {
    const h = heldReview(model, reviewNumber)!;
    h.disagreement = { status: outcome === 'settled' ? 'settled' : 'dispute-to-open', note, ...(on ? { on } : {}) };
    log(
      model,
      ctx,
      outcome === 'settled'
        ? `disagreement on review ${reviewNumber} settled informally${onDay(on ?? ctx.today, ctx)}`
        : `disagreement on review ${reviewNumber} not settled${onDay(on ?? ctx.today, ctx)}: a dispute is to be opened`,
      'L10',
      by,
    );
  },
};
