/**
 * E6: a referral to CAFCASS at any point, and CAFCASS's decision (due within 14 days of the
 * referral). Recorded after the fact (`on`): the referral from the dispute's opening to today, the
 * decision from the referral to today.
 */
import { Command } from '../../case-kernel/command';
import { effectiveDate, refuse, text } from '../../case-kernel/validation';
import { deadlineAfter } from '../../timescales/interval';
import { CafcassDecisionInput, CafcassReferralInput, DisputeState } from '../messages';
import { DisputeContext, log, stillOpen } from './context';

export const cafcassReferral: Command<DisputeState, CafcassReferralInput, DisputeContext> = {
  validate(s, { reason, on }, ctx) {
    stillOpen(s);
    if (s.cafcass) refuse('reason', `already referred to CAFCASS on ${s.cafcass.referredOn}`, 'E6');
    text('reason', reason);
    effectiveDate('on', on, ctx.today, [[s.openedOn, 'the dispute opened']], 'E6');
  },
  apply(s, { reason, by, on: given }, ctx) {
    const on = given ?? ctx.today;
    s.cafcass = { referredOn: on, reason, decisionDue: deadlineAfter(ctx.calendar, on, ctx.timescales.cafcassDecision).date };
    log(s, ctx, `referred to CAFCASS: ${reason}; decision due by ${s.cafcass.decisionDue}`, 'E6', by, on);
  },
};

export const cafcassDecision: Command<DisputeState, CafcassDecisionInput, DisputeContext> = {
  validate(s, { text: decision, on }, ctx) {
    if (!s.cafcass) refuse('text', 'the dispute has not been referred to CAFCASS', 'E6');
    if (s.cafcass.decision) refuse('text', `CAFCASS's decision was recorded on ${s.cafcass.decision.on}`, 'E6');
    text('text', decision);
    effectiveDate('on', on, ctx.today, [[s.cafcass.referredOn, 'the referral to CAFCASS']], 'E6');
  },
  apply(s, { text: decision, by, on: given }, ctx) {
    const on = given ?? ctx.today;
    s.cafcass!.decision = { on, text: decision };
    log(s, ctx, `CAFCASS decision recorded: ${decision}`, 'E6', by, on);
  },
};
