/**
 * Every kind of notification's email template, in one place: a plain sentence saying what the email
 * is, and what the reader is to do. The case's own words (the notification's subject and body, as
 * the workflow wrote them) go between; mail-content.ts adds the child, the deadline, the rule and
 * its source, and the link. Keyed by NotificationKind, so a kind the workflows add does not build
 * until it has a template here (test/mail-content.test.ts renders every one).
 */
import type { NotificationRecord } from '../data/embedded-store';
import { NotificationKind } from './notification-kinds';

export interface Template {
  /** What this email is, in one sentence. */
  about: string;
  /** What the reader is to do. */
  todo: string | ((n: NotificationRecord) => string);
}

const ended = (what: string): Template => ({
  about: `${what} has ended.`,
  todo: 'Nothing more is due in this case; close your own records of it, and tell anyone still expecting a review.',
});
const dispute = (about: string, todo: string): Template => ({ about: `Resolution and Escalation: ${about}`, todo });

export const TEMPLATES: Record<NotificationKind, Template> = {
  // Looked-after review cycle
  'request-first-review': {
    about: 'A child has become looked after: the first review is due within 20 working days.',
    todo: 'Appoint an IRO for the child and book the first review (date, time and venue) before it is due; record both on the case.',
  },
  reminder: { about: 'A reminder: a deadline is coming up.', todo: 'Do it by the date due, then mark it done on the case.' },
  overdue: {
    about: 'Overdue: a deadline has passed and it is not recorded as done.',
    todo: 'Do it now, or record on the case that it was done (with the date); if it cannot be done, record why.',
  },
  escalation: {
    about: 'Escalation: a deadline has passed and is escalated to you as the manager.',
    todo: 'Make sure it is done without further delay, and that the case records it.',
  },
  'booked-too-late': {
    about: 'The review meeting was booked too late for something due before it.',
    todo: 'Do it as soon as possible, and record in the review why it was late.',
  },
  prompt: {
    about: 'A decision or an action is waiting for you, with a date to meet.',
    todo: (n) =>
      n.rule === 'L10'
        ? 'Consider the review decisions within 5 working days of receiving them: agree, or say in writing to the IRO why not. No answer by the date due means they are deemed agreed.'
        : 'Do it by the date due, then record it on the case.',
  },
  'deemed-agreed': {
    about: 'No response came in time: the review decisions are deemed agreed.',
    todo: 'Nothing to do unless the decisions are wrong; then raise it with the IRO.',
  },
  'open-dispute': {
    about: 'No agreement was reached in time: a Resolution and Escalation dispute is to be opened.',
    todo: 'The IRO registers the dispute on the case (the 20 working days of Resolution and Escalation then run).',
  },
  ceased: {
    about: 'The child has stopped being looked after; the review cycle has ended.',
    todo: 'If a review was booked, tell everyone invited that it is cancelled, and why.',
  },
  'ended-at-18': {
    about: 'The young person has turned 18; their looked-after reviews have ended.',
    todo: 'If a review was booked, tell everyone invited that it is cancelled; finish what is still owed from reviews already held.',
  },
  'starred-recommendations': {
    about: 'A review made starred recommendations.',
    todo: 'Read them; raise any concern within 5 working days. Agreement is expected within a further 5.',
  },
  'chaired-by-team-manager': {
    about: 'A review was chaired by the team manager in your absence.',
    todo: "Read the team manager's report back and pick up anything it asks of you.",
  },
  disagreement: {
    about: "The team manager disagrees with a review's decisions.",
    todo: 'Try to resolve it informally; if it is not settled, record that on the case so a Resolution and Escalation dispute is opened.',
  },
  'dispute-to-open': {
    about: 'A disagreement about review decisions was not settled informally.',
    todo: 'Open a Resolution and Escalation dispute on the case.',
  },
  'postponement-quality-assurance': {
    about: 'A review has been postponed more than once in 12 months.',
    todo: 'Look into why, for quality assurance, and record what is to change.',
  },
  'unplanned-placement-change': {
    about: 'The child had an unplanned change of placement.',
    todo: 'Consider whether the next review should be brought forward, and record it on the case if so.',
  },
  'catch-up': {
    about: 'The case was recorded late: these deadlines had already passed or fall due soon.',
    todo: 'Deal with the overdue items first, then those due soon; mark each done on the case.',
  },
  // Open to Review and short breaks
  'letter-to-family': {
    about: 'The letter to the family about Open to Review (your copy).',
    todo: 'Send it to the family; their objections come to the team manager.',
  },
  'decision-letter': { about: 'The letter to the family with the decision on Open to Review (your copy).', todo: 'Send it to the family.' },
  objection: {
    about: 'The family objects to the case moving to Open to Review.',
    todo: 'Consider the objection before recording the decision note.',
  },
  allocated: { about: 'An Open to Review case has been allocated to you.', todo: 'Read the case and note the next review date.' },
  'caseload-over-capacity': {
    about: 'An Open to Review caseholder holds more cases than the capacity.',
    todo: 'Review the caseload with the service manager.',
  },
  left: { about: 'The case has left Open to Review.', todo: 'Allocate the case to a social worker.' },
  'not-o2r': { about: 'The case will not move to Open to Review.', todo: 'Allocate the case to a social worker.' },
  closed: ended('The Open to Review case'),
  ended: ended('The Open to Review case (or series of short breaks)'),
  'short-breaks-over-limit': {
    about: 'Short breaks have gone over 120 days in 12 months.',
    todo: 'The series no longer counts as one placement: review the plan.',
  },
  'short-breaks-approaching-limit': {
    about: 'Short breaks are approaching 120 days in 12 months.',
    todo: 'Check the plan before the limit is reached.',
  },
  // Resolution and Escalation
  informal: dispute('informal resolution has begun.', 'Discuss it directly and record the outcome on the case by the date due.'),
  'stage-1': dispute('a Resolution and Escalation Alert at stage 1.', 'Respond by the date due, with the agreed actions done or in hand.'),
  'stage-2': dispute('the dispute has reached stage 2.', 'Respond by the date due with the expected outcome and timeframe.'),
  'stage-3': dispute('the dispute has reached stage 3.', 'Respond by the date due.'),
  'stage-4': dispute('the dispute has reached stage 4.', 'Respond by the date due.'),
  'stage-5': dispute('the dispute has reached stage 5, the last.', 'Respond by the date due; after it the IRO may refer to CAFCASS.'),
  'response-to-judge': dispute(
    'a response has been recorded.',
    'Judge it by the date due: record the dispute as resolved, or escalate it.',
  ),
  'judgement-overdue': dispute('a response has not been judged in time.', 'Record the dispute as resolved, or escalate it, now.'),
  'final-stage-overdue': dispute('no resolution at stage 5 in time.', 'Resolve it now; the IRO may refer to CAFCASS.'),
  'overall-warning': dispute('the 20 working days are running out.', 'Resolve the dispute before the date due.'),
  'overall-breach': dispute('the 20 working days have passed.', 'Resolve it now, and consider a referral to CAFCASS.'),
  'cafcass-overdue': dispute("CAFCASS's decision is overdue.", 'Chase CAFCASS for its decision and record it on the case.'),
  'dispute-closed': dispute('the dispute is closed.', 'Nothing more to do in the dispute; carry out what was agreed.'),
  // Child in Need reviews
  'chair-agreed': {
    about: "An IRO will chair this child's Child in Need reviews.",
    todo: 'Agree the first date with the chair and family, book a venue and invite the care team.',
  },
  closure: ended("The child's Child in Need reviews (closure)"),
  'step-up-child-protection': ended("The child's Child in Need reviews (stepped up to child protection)"),
  'step-up-looked-after': ended("The child's Child in Need reviews (the child is looked after)"),
  'step-down': ended("The child's Child in Need reviews (stepped down)"),
  // The dispatcher's own
  'delivery-failed': {
    about: 'An email could not be delivered.',
    todo: 'Pass the message below to the person it was for, and correct their address in the directory.',
  },
};

/** The template of a kind; a kind not known here (newer code) is rendered from its own words. */
export function templateOf(kind: string): Template {
  return (
    (TEMPLATES as Record<string, Template>)[kind] ?? { about: 'A notification from a case.', todo: 'Open the case to see what is due.' }
  );
}
