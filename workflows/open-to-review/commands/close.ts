/**
 * The case is closed. The close is only noted here: the workflow ends the case at the top of its
 * next pass (with the end of the service, the other way a case ends), so the answer still shows it open.
 */
import { Command } from '../../case-kernel/command';
import { staff, text } from '../../case-kernel/validation';
import { CloseInput } from '../messages';
import { OpenToReviewModel } from '../model';
import { OpenToReviewContext, past, running } from './context';

/** The case and a close waiting to be acted on. */
export interface Closing {
  model: OpenToReviewModel;
  close?: CloseInput;
}

export const closeCase: Command<Closing, CloseInput, OpenToReviewContext> = {
  validate({ model }, { on, reason, by }, ctx) {
    running(model);
    past(model, ctx, 'on', on, 'O4', [[model.reviews.at(-1)?.heldOn, 'the last review recorded']]);
    text('reason', reason);
    staff('by', by);
  },
  apply(c, { on, reason, by }) {
    c.close = { on, reason, by };
  },
};

/** Ends the case if it was closed or has reached the end of the service (`endsOn`); true if it ended. */
export function endIfDue(c: Closing, today: string, endsOn: string): boolean {
  const m = c.model;
  if (!c.close && today < endsOn) return false;
  const close = c.close;
  m.status = close ? 'closed' : 'ended';
  m.ended = {
    on: close?.on ?? endsOn,
    reason: close ? close.reason : `reached ${m.kind === 'short-breaks-series' ? '18' : '25'}: the end of the service`,
  };
  m.events.push({
    on: today,
    what: close ? `case closed: ${close.reason}` : m.ended.reason,
    rule: m.kind === 'short-breaks-series' ? 'L19' : 'O4',
    by: close?.by,
  });
  return true;
}
