/** E6: a referral to CAFCASS at any point, and CAFCASS's decision (due within 14 days). */
import { Command } from '../../case-kernel/command';
import { refuse, text } from '../../case-kernel/validation';
import { deadlineAfter } from '../../timescales/interval';
import { CafcassDecisionInput, CafcassReferralInput, DisputeState } from '../messages';
import { DisputeContext, log, stillOpen } from './context';

export const cafcassReferral: Command<DisputeState, CafcassReferralInput, DisputeContext> = {
  validate(s, { reason }) {
    stillOpen(s);
    if (s.cafcass) refuse('reason', `already referred to CAFCASS on ${s.cafcass.referredOn}`, 'E6');
    text('reason', reason);
  },
  apply(s, { reason, by }, ctx) {
    s.cafcass = { referredOn: ctx.today, reason, decisionDue: deadlineAfter(ctx.calendar, ctx.today, ctx.timescales.cafcassDecision).date };
    log(s, ctx, `referred to CAFCASS: ${reason}; decision due by ${s.cafcass.decisionDue}`, 'E6', by);
  },
};

export const cafcassDecision: Command<DisputeState, CafcassDecisionInput, DisputeContext> = {
  validate(s, { text: decision }) {
    if (!s.cafcass) refuse('text', 'the dispute has not been referred to CAFCASS', 'E6');
    if (s.cafcass.decision) refuse('text', `CAFCASS's decision was recorded on ${s.cafcass.decision.on}`, 'E6');
    text('text', decision);
  },
  apply(s, { text: decision, by }, ctx) {
    s.cafcass!.decision = { on: ctx.today, text: decision };
    log(s, ctx, `CAFCASS decision recorded: ${decision}`, 'E6', by);
  },
};
