/**
 * Recording a review held, and the answers to a held review (L10 the team manager's response and the
 * IRO's side of a disagreement, L11 starred recommendations): pages at /reviews and
 * /reviews/<n>/<x>, mirroring the API routes' paths, roles and requests.
 */
import { z } from 'zod';
import { UpdateDefinition } from '@temporalio/common';
import { SecureRouter } from '../../../api/secure-router';
import { By } from '../../../workflows/case-kernel/request-fields';
import {
  CycleState,
  answerDecisions,
  recordReviewHeld,
  resolveDisagreement,
  respondToStarred,
} from '../../../workflows/looked-after-cycle/messages';
import * as q from '../../../workflows/looked-after-cycle/requests';
import { govukDate } from '../../nunjucks-setup';
import { WebContext } from '../../app';
import { Labels } from '../../forms/schema-form';
import { commandPage } from '../../forms/command-page';
import { answerText, decisionLines, starredLines } from './looked-after-reviews';
import { LAC_ACTIONS, LacAction, REVIEW_ACTIONS, dateParts, lacPath, reviewNumberOf } from './looked-after-actions';

const caption = (id: string) => `Looked-after review cycle ${id}`;

export function lookedAfterReviewPages(r: SecureRouter, ctx: WebContext): void {
  const cycles = ctx.services.lookedAfterCycles;
  const today = () => dateParts('on', cycles.today());

  commandPage(
    r,
    'cycleId',
    {
      path: LAC_ACTIONS.review.path,
      title: 'Record a review that has been held',
      roles: LAC_ACTIONS.review.roles,
      schema: q.ReviewHeldRequest,
      labels: {
        heldOn: { label: 'Date the review was held', hint: 'The next review is counted from this date' },
        participation: {
          label: 'How the child took part (participation code)',
          hint: 'PN0: under 4. PN1: attended and spoke for themselves. PN2: attended, an advocate spoke for them. PN3: attended, gave their views without words. PN4: attended but gave no views. PN5: did not attend, briefed an advocate. PN6: did not attend, gave their views another way. PN7: did not attend and no views were given',
        },
        decisions: {
          label: 'Decision',
          hint: 'Each decision of the review, who is to carry it out and by when. Leave unused rows blank',
          rows: 5,
        },
        'decisions.text': { label: 'What was decided' },
        'decisions.owner': { label: 'Who carries it out', hint: 'A staff id, or a role such as social-worker' },
        'decisions.dueOn': { label: 'To be done by' },
        starredRecommendations: {
          label: 'Starred recommendations',
          hint: 'Sent at once to the principal (service) and strategic managers, who may raise a concern within 5 working days (L11)',
        },
        withoutMeeting: {
          label: 'Was the review held without a meeting?',
          hint: 'Only for a long-term foster placement over 12 months (L14)',
        },
        chair: { label: 'Who chaired the review', hint: 'Leave blank if the allocated IRO chaired it' },
        'chair.staffId': { label: 'Chair’s staff id' },
        'chair.as': { label: 'Chaired as', hint: 'A substitute IRO or the team manager when the IRO was unavailable (L17)' },
        nextMeetingOn: {
          label: 'Date of the next meeting',
          hint: 'Set at the end of the review; after the next review is due only with a strategic manager’s permission',
        },
        nextMeetingTime: { label: 'Time of the next meeting', hint: '24-hour clock, for example 14:30' },
        nextMeetingVenue: { label: 'Venue of the next meeting' },
        nextMeetingPermission: {
          label: 'Strategic manager’s permission',
          hint: 'Needed only for a next meeting after the next review is due (L7)',
        },
        'nextMeetingPermission.by': { label: 'Strategic manager’s staff id' },
        'nextMeetingPermission.reason': { label: 'Their reason for allowing the later date' },
        attendees: { label: 'Who attended', hint: 'Staff ids or roles. A team manager’s disagreement is sent to each in writing (L10)' },
        notAttending: {
          label: 'Who did not attend',
          hint: 'The IRO writes to them with the outcome and offers a meeting (L21)',
          optionText: { child: 'The child', parent: 'A parent' },
        },
      },
      rule: 'L3, L4, L9: the next review is counted from the date held; decisions go out within 5 working days, the record within 15.',
      submitText: 'Record the review',
      caption,
      caseHref: (id) => lacPath(id),
      // Reading the case first: another team's case or a missing one is refused before the form is shown.
      initial: async ({ caseId, principal }) => {
        await cycles.state(caseId, principal);
        return dateParts('heldOn', cycles.today());
      },
      run: ({ caseId, principal, body }) => cycles.command(caseId, recordReviewHeld, body, principal),
      done: ({ caseId, result }) => ({
        to: lacPath(caseId),
        message: `Review ${result.review.reviewNumber} recorded; the next review is due by ${govukDate(result.nextDue)}`,
      }),
    },
    ctx.sessions,
  );

  /** A page about held review <n>: the review number comes from the path, as the API's does. */
  const answer = <S extends z.ZodType, R>(
    action: LacAction,
    spec: {
      title: string;
      schema: S;
      update: UpdateDefinition<R, [z.output<S> & { reviewNumber: number } & By]>;
      labels: Labels;
      rule: string;
      submitText: string;
      message: (n: number) => string;
      /** What the answer is about, above the form (the review's decisions, its starred recommendations). */
      now?: (s: CycleState, n: number) => string;
    },
  ) =>
    commandPage(
      r,
      'cycleId',
      {
        path: `/reviews/:reviewNumber${action.path}`,
        title: spec.title,
        roles: action.roles,
        schema: spec.schema,
        labels: spec.labels,
        rule: spec.rule,
        submitText: spec.submitText,
        caption: (id) => caption(id),
        caseHref: (id) => lacPath(id),
        // A review number that is not one is a missing page, before the form is shown.
        initial: async ({ caseId, req, principal }) => {
          const n = reviewNumberOf(req.params.reviewNumber);
          const s = await cycles.state(caseId, principal);
          return spec.now ? { values: today(), now: spec.now(s, n) } : today();
        },
        run: async ({ caseId, req, principal, body }) => {
          const reviewNumber = reviewNumberOf(req.params.reviewNumber);
          await cycles.command(
            caseId,
            spec.update,
            { ...(body as object), reviewNumber } as z.output<S> & { reviewNumber: number },
            principal,
          );
          return reviewNumber;
        },
        done: ({ caseId, result }) => ({ to: lacPath(caseId), message: spec.message(result) }),
      },
      ctx.sessions,
    );

  const ON_HINT = 'Leave as today unless it happened on an earlier day';
  answer(REVIEW_ACTIONS.decisionResponse, {
    title: 'Answer the review’s decisions',
    schema: q.DecisionResponseRequest,
    update: answerDecisions,
    labels: {
      response: {
        label: 'Do you agree with the decisions?',
        hint: 'No answer within 5 working days of receiving them counts as agreement',
      },
      reason: { label: 'Why you disagree', hint: 'Needed to disagree. The IRO and those who attended are told' },
      on: { label: 'Date of your answer', hint: ON_HINT },
    },
    rule: 'L10: the team manager considers the decisions within 5 working days of receiving them.',
    submitText: 'Send the answer',
    message: (n) => `Your answer to review ${n}’s decisions has been recorded`,
    // L10: the team manager answers with the decisions in view.
    now: (s, n) => {
      const h = s.reviewsHeld.find((x) => x.reviewNumber === n);
      if (!h) return `No review ${n} has been held.`;
      const ds = decisionLines(h).map((d, i) => `${i + 1}. ${d}`);
      return `Review ${n}’s decisions (held ${govukDate(h.heldOn)}): ${ds.length ? ds.join('; ') : 'none were recorded'}. ${answerText(h)}.`;
    },
  });

  answer(REVIEW_ACTIONS.disagreement, {
    title: 'The team manager’s disagreement',
    schema: q.DisagreementRequest,
    update: resolveDisagreement,
    labels: {
      outcome: { label: 'Outcome', hint: 'settled: resolved informally; dispute: it cannot be, and a dispute is opened' },
      note: { label: 'Note', hint: 'What was agreed, or why it needs a dispute' },
      on: { label: 'Date of the outcome', hint: `${ON_HINT}. Not before the team manager disagreed` },
    },
    rule: 'L10: the IRO tries to settle a team manager’s disagreement informally, or it becomes a dispute.',
    submitText: 'Record the outcome',
    message: (n) => `The disagreement about review ${n} has been recorded`,
  });

  answer(REVIEW_ACTIONS.starred, {
    title: 'Respond to the starred recommendations',
    schema: q.StarredResponseRequest,
    update: respondToStarred,
    labels: {
      response: { label: 'Your response', hint: 'concern: you have a concern about them; agree: you agree them' },
      note: { label: 'Your concern', hint: 'Needed for a concern' },
      on: { label: 'Date of your response', hint: `${ON_HINT}. A concern is due within 5 working days of the notification` },
    },
    rule: 'L11: concerns within 5 working days of the notification; agreement within 5 more, or a dispute is opened.',
    submitText: 'Send the response',
    message: (n) => `Your response to review ${n}’s starred recommendations has been recorded`,
    // L11: the managers respond with the recommendations and their dates in view.
    now: (s, n) => {
      const h = s.reviewsHeld.find((x) => x.reviewNumber === n);
      if (!h) return `No review ${n} has been held.`;
      if (!h.starredRecommendations.length) return `Review ${n} made no starred recommendations.`;
      const rs = h.starredRecommendations.map((x, i) => `${i + 1}. ${x}`).join('; ');
      return `Review ${n}’s starred recommendations: ${rs}. ${starredLines(h, ctx.services.calendar.calendar()).join('. ')}.`;
    },
  });
}
