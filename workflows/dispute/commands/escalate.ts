/**
 * E5: the IRO escalates early, or skips stages; E3/E4: with the agreed actions, or the expected
 * outcome and timeframe. Recorded after the fact (`on`), the stage is entered that day, its deadline from it.
 */
import { Command } from '../../case-kernel/command';
import { date, refuse, staff, text } from '../../case-kernel/validation';
import { AgreedAction, DisputeState, EscalateInput, ExpectedOutcome } from '../messages';
import { Stage } from '../stages';
import { DisputeContext, enterStage, factDate, stillOpen } from './context';
import { bringUpTo, broughtUpTo } from './history';

/** E3: at least one action, each with its timescale. */
export function checkAgreedActions(field: string, v: unknown): AgreedAction[] {
  if (!Array.isArray(v) || v.length === 0) refuse(field, 'the agreed actions, each with the date it is to be done by', 'E3');
  return v.map((a: Partial<AgreedAction>, i) => ({
    action: text(`${field}[${i}].action`, a?.action)!,
    by: date(`${field}[${i}].by`, a?.by),
  }));
}

/** E4: what the IRO expects, and by when. */
export function checkExpectedOutcome(field: string, v: unknown): ExpectedOutcome {
  if (typeof v !== 'object' || v === null) refuse(field, 'the expected outcome and the date it is expected by', 'E4');
  const o = v as Partial<ExpectedOutcome>;
  return { outcome: text(`${field}.outcome`, o.outcome)!, by: date(`${field}.by`, o.by) };
}

export const escalate: Command<DisputeState, EscalateInput, DisputeContext> = {
  validate(model, { toStage, reason, by, agreedActions, expectedOutcome, on }, ctx) {
    stillOpen(model);
    // Judged against the dispute as it stood that day (history.ts): the stages that climbed by then.
    const s = broughtUpTo(model, on, ctx);
    // Recorded after the fact: on or after the current stage was entered and the latest response.
    factDate(s, ctx, on, 'E5', true);
    staff('by', by);
    text('reason', reason);
    const to = toStage ?? s.stage + 1;
    if (!Number.isInteger(to) || to < 1 || to > 5)
      refuse('toStage', `a stage from 1 to 5${s.stage === 5 ? '; stage 5 is the last' : ''}`, 'E5');
    if (to <= s.stage) refuse('toStage', `stage ${to} is not above the current stage (${s.stage})`, 'E5');
    if (agreedActions !== undefined) checkAgreedActions('agreedActions', agreedActions);
    if (expectedOutcome !== undefined) checkExpectedOutcome('expectedOutcome', expectedOutcome);
    // E4: "to ensure expected outcome and timeframe are clear" from stage 2.
    if (!ctx.legacy && to >= 2 && !expectedOutcome && !s.expectedOutcome)
      refuse('expectedOutcome', `stage ${to} needs the expected outcome and the date it is expected by`, 'E4');
  },
  apply(s, { toStage, reason, by, agreedActions, expectedOutcome, on }, ctx) {
    if (on) bringUpTo(s, on, ctx);
    if (agreedActions) s.agreedActions = agreedActions.map(({ action, by: on }) => ({ action: action.trim(), by: on }));
    if (expectedOutcome) s.expectedOutcome = { outcome: expectedOutcome.outcome.trim(), by: expectedOutcome.by };
    enterStage(s, (toStage ?? s.stage + 1) as Stage, 'escalated-by-iro', ctx, by, reason, on ?? ctx.today);
  },
};
