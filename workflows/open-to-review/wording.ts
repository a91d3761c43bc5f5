/**
 * What an O2R case says to people: the letter to the family, the notices its commands ask for,
 * the reminders of its obligations and the end-of-case notice. Pure.
 */
import type { Message, Notice } from '../case-kernel/case-kernel';
import { IsoDate } from '../calendar/iso-date';
import { OpenToReviewModel } from './model';
import { OpenToReviewAction, OpenToReviewObligation, OpenToReviewRecipient, OpenToReviewSettings } from './obligations';
import { SHORT_BREAKS_LIMIT } from './short-breaks';

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

/** O2: the letter establishing the decision: the rationale, the named O2R social worker, and the duty route for urgent matters. */
export function decisionLetter(m: OpenToReviewModel): Notice<OpenToReviewRecipient> {
  const d = m.entry!.decision!;
  const rationale = d.rationale.replace(/([^.!?])$/, '$1.');
  const duty = 'If the matter is urgent, contact the 0-25 Social Care Duty worker.';
  const body =
    d.decision === 'o2r'
      ? `Your child's case has moved to Open to Review. ${rationale} Your named Open to Review social worker is ${m.caseholder}: ` +
        'contact them first if an issue arises, including a change to how you use direct payments (you need not wait for the 6-monthly ' +
        `telephone review). ${duty} The first review will be held by ${d.firstReviewOn} (O2).`
      : `Your child's case will not move to Open to Review. ${rationale} The team manager will allocate a social worker to you; ` +
        `until then contact ${m.caseholder}. ${duty} (O2)`;
  return {
    id: 'decision-letter',
    to: ['family', 'caseholder'],
    rule: 'O2',
    kind: 'decision-letter',
    subject: d.decision === 'o2r' ? "Your child's case has moved to Open to Review" : "Your child's case will not move to Open to Review",
    body,
  };
}

/** L19: the series is approaching, or past, 120 days of breaks in 12 months. */
export function shortBreaksNotice(id: string, busiest: { days: number; from?: IsoDate; to?: IsoDate }): Notice<OpenToReviewRecipient> {
  const over = busiest.days > SHORT_BREAKS_LIMIT;
  return {
    id: `${id}/${over ? 'over-limit' : 'approaching-limit'}`,
    to: ['team-manager'],
    rule: 'L19',
    kind: over ? 'short-breaks-over-limit' : 'short-breaks-approaching-limit',
    subject: over
      ? `Short breaks: over ${SHORT_BREAKS_LIMIT} days in 12 months`
      : `Short breaks: approaching ${SHORT_BREAKS_LIMIT} days in 12 months`,
    body:
      `${busiest.days} days of short breaks from ${busiest.from} to ${busiest.to}; at most ${SHORT_BREAKS_LIMIT} days in any 12 months ` +
      `for the series to count as one placement (L19).${over ? ' The series no longer counts as one placement: review the plan.' : ''}`,
  };
}

/** The case ends (closed by a manager, or the end of the service at 18 or 25): the caseholder and team manager are told. */
export function endedNotice(m: OpenToReviewModel & { ended: NonNullable<OpenToReviewModel['ended']> }): Notice<OpenToReviewRecipient> {
  const series = m.kind === 'short-breaks-series';
  return {
    id: `end/${m.status}`,
    to: ['caseholder', 'team-manager'],
    rule: series ? 'L19' : 'O4',
    kind: m.status,
    subject: `${series ? 'Series of short breaks' : 'Open to Review case'} ${m.status === 'closed' ? 'closed' : 'ended'}`,
    body: `${m.status === 'closed' ? 'Closed: ' : ''}${m.ended.reason} (${m.ended.on}).`,
  };
}
