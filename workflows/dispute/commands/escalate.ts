/** E5: the IRO escalates early, or skips stages. */
import { Command } from '../../case-kernel/command';
import { refuse, staff, text } from '../../case-kernel/validation';
import { DisputeState, EscalateInput } from '../messages';
import { Stage } from '../stages';
import { DisputeContext, enterStage, stillOpen } from './context';

export const escalate: Command<DisputeState, EscalateInput, DisputeContext> = {
  validate(s, { toStage, reason, by }) {
    stillOpen(s);
    staff('by', by);
    text('reason', reason);
    const to = toStage ?? s.stage + 1;
    if (!Number.isInteger(to) || to < 1 || to > 5)
      refuse('toStage', `a stage from 1 to 5${s.stage === 5 ? '; stage 5 is the last' : ''}`, 'E5');
    if (to <= s.stage) refuse('toStage', `stage ${to} is not above the current stage (${s.stage})`, 'E5');
  },
  apply(s, { toStage, reason, by }, ctx) {
    enterStage(s, (toStage ?? s.stage + 1) as Stage, 'escalated-by-iro', ctx, by, reason);
  },
};
