/**
 * What an O2R case says to people: the letter to the family, the notices its commands ask for,
 * the reminders of its obligations and the end-of-case notice. Pure.
 */
import type { Message, Notice } from '../case-kernel/case-kernel';
import { IsoDate } from '../calendar/iso-date';
import { OpenToReviewModel } from './model';
import { OpenToReviewAction, OpenToReviewObligation, OpenToReviewRecipient, OpenToReviewSettings } from './obligations';

/** O2: the letter to the family with the rationale, and their chance to object. */
export function letterToFamily(rationale: string, representationsBy: IsoDate): Message {
  return {
    rule: 'O2',
    kind: 'letter-to-family',
    subject: "Your child's case is moving to Open to Review",
    body: `${rationale.replace(/([^.!?])$/, '$1.')} Your contact is the Open to Review social worker. If you object, please tell us by ${representationsBy} (O2).`,
  };
}

/** O2: the family objects; the team manager considers it before the decision note. */
export function objectionNotice(id: string, on: IsoDate, summary: string): Notice<OpenToReviewRecipient> {
  return {
    id,
    to: ['team-manager'],
    rule: 'O2',
    kind: 'objection',
    subject: 'O2R: the family objects',
    body: `The family objected on ${on}: ${summary}. Consider it before recording the decision note (O2).`,
  };
}

/** O5: the case has moved to a new caseholder. */
export function allocatedNotice(id: string, from: string, on: IsoDate): Notice<OpenToReviewRecipient> {
  return {
    id,
    to: ['caseholder'],
    rule: 'O5',
    kind: 'allocated',
    subject: 'O2R case allocated to you',
    body: `This case moved to you from ${from} on ${on}.`,
  };
}

/** O5: a caseholder holds more O2R cases than the capacity. */
export function capacityNotice(
  settings: OpenToReviewSettings,
  worker: string,
  caseload: number,
  id: string,
): Notice<OpenToReviewRecipient> {
  return {
    id,
    to: ['team-manager'],
    rule: 'O5',
    kind: 'caseload-over-capacity',
    subject: `O2R caseload over ${settings.caseloadCapacity}`,
    body: `${worker} now holds ${caseload} O2R cases, over the capacity of ${settings.caseloadCapacity} (O5). Review the caseload with the service manager.`,
  };
}

const SUBJECT: Record<OpenToReviewAction['kind'], string> = {
  reminder: 'Reminder',
  overdue: 'Overdue',
  escalation: 'Escalation: overdue',
  prompt: 'Please act',
};

/** A reminder, overdue notice, escalation or prompt about one obligation. */
export function obligationMessage(o: OpenToReviewObligation, a: OpenToReviewAction): Message {
  return {
    rule: o.rule,
    kind: a.kind,
    subject: `${SUBJECT[a.kind]}: ${o.what} (${o.rule})`,
    body: `${o.what}: due by ${o.due}, ${o.why} (${o.rule}).${a.kind === 'escalation' ? ' It is overdue and is escalated to you as the manager.' : ''}`,
    dueDate: o.due,
  };
}

/** Leaving O2R, or not moving to it: the team manager allocates the case to a social worker (O4). */
export function leavingNotice(m: OpenToReviewModel & { ended: NonNullable<OpenToReviewModel['ended']> }): Notice<OpenToReviewRecipient> {
  const allocate = m.ended.allocateTo === 'social-worker';
  return {
    id: `end/${m.status}`,
    to: ['team-manager', 'caseholder'],
    rule: m.status === 'not-o2r' ? 'O2' : 'O4',
    kind: m.status,
    subject: allocate ? 'Case leaves Open to Review: allocate a social worker' : 'Case leaves Open to Review',
    body: `${m.ended.reason} (${m.ended.on}).${allocate ? ' Please allocate the case to a social worker.' : ''}`,
  };
}
