/**
 * The case is closed. The close is only noted here: the workflow ends the case at the top of its
 * next pass (with the end of the service, the other way a case ends), so the answer still shows it open.
 */
import { Command } from '../../case-kernel/command';
import { staff, text } from '../../case-kernel/validation';
import { CloseInput } from '../messages';
import { OpenToReviewModel } from '../model';
import { nextReviewDue } from '../due-dates';
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

/**
 * L19/O4: the end of the service (18th or 25th birthday) has come. A case recorded on or after that
 * birthday is a record of the past: it runs on while the decision note, or a review due before the
 * birthday, is still to be recorded (so what happened before it can be), then ends dated on it.
 */
export function serviceEnded(m: OpenToReviewModel, today: string, endsOn: string, recordsThePast: () => boolean): boolean {
  if (today < endsOn) return false;
  if ((m.recordedOn ?? m.openedOn) < endsOn) return true;
  const owed = m.status === 'entry' ? m.entry?.letterOn : nextReviewDue(m)?.due;
  return !(owed !== undefined && owed < endsOn && recordsThePast());
}

/** Ends the case if it was closed or has reached the end of the service (`endsOn`); true if it ended. */
export function endIfDue(c: Closing, today: string, endsOn: string, recordsThePast: () => boolean = () => false): boolean {
  const m = c.model;
  if (!c.close && !serviceEnded(m, today, endsOn, recordsThePast)) return false;
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
