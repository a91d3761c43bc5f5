/**
 * The looked-after cycle's command pages that are not about one held review: each mirrors its API
 * route (path, roles, request) in api/routes/looked-after-cycles.ts, with labels written for staff.
 */
import { z } from 'zod';
import { UpdateDefinition } from '@temporalio/common';
import { SecureRouter } from '../../../api/secure-router';
import { By } from '../../../workflows/case-kernel/request-fields';
import {
  adjournReview,
  allocateSocialWorker,
  appointIro,
  bookReview,
  bringForward,
  ceaseLookedAfter,
  changePlacement,
  planEndOfCare,
} from '../../../workflows/looked-after-cycle/messages';
import * as q from '../../../workflows/looked-after-cycle/requests';
import { govukDate } from '../../nunjucks-setup';
import { WebContext } from '../../app';
import { Labels } from '../../forms/schema-form';
import { commandPage } from '../../forms/command-page';
import { LAC_ACTIONS, LacAction, dateParts, lacPath } from './looked-after-actions';

const TODAY_HINT = 'Leave as today unless it happened on an earlier day';

export function lookedAfterCommandPages(r: SecureRouter, ctx: WebContext): void {
  const cycles = ctx.services.lookedAfterCycles;

  /** One command page: the API's request, roles and Update; `dated`: the fields that start at today. */
  const command = <S extends z.ZodType, R>(
    action: LacAction,
    spec: {
      title: string;
      schema: S;
      update: UpdateDefinition<R, [z.output<S> & By]>;
      labels: Labels;
      rule: string;
      submitText: string;
      dated: string[];
      message: (body: z.output<S>) => string;
    },
  ) =>
    commandPage(
      r,
      'cycleId',
      {
        path: action.path,
        title: spec.title,
        roles: action.roles,
        schema: spec.schema,
        labels: spec.labels,
        rule: spec.rule,
        submitText: spec.submitText,
        caption: (id) => `Looked-after review cycle ${id}`,
        caseHref: (id) => lacPath(id),
        // Reading the case first: another team's case or a missing one is refused before the form is shown.
        initial: async ({ caseId, principal }) => {
          const s = await cycles.state(caseId, principal);
          const values = Object.assign({}, ...spec.dated.map((f) => dateParts(f, cycles.today()))) as Record<string, string>;
          // What the user needs in front of them: the review's due date and its booking.
          const b = s.open.booking;
          const now = s.ended
            ? 'This cycle has ended.'
            : `Review ${s.nextReview.reviewNumber} is due by ${govukDate(s.nextReview.due)} (${s.nextReview.rule}); ` +
              (b?.meetingOn
                ? `booked for ${govukDate(b.meetingOn)}${b.time ? ` at ${b.time}` : ''}${b.venue ? `, ${b.venue}` : ''}.`
                : 'not booked yet.');
          return { values, now };
        },
        // The success message says what was accepted, so done() is given the request.
        run: async ({ caseId, principal, body }) => {
          await cycles.command(caseId, spec.update, body, principal);
          return body;
        },
        done: ({ caseId, result }) => ({ to: lacPath(caseId), message: spec.message(result) }),
      },
      ctx.sessions,
    );

  command(LAC_ACTIONS.iro, {
    title: 'Appoint or change the IRO',
    schema: q.IroRequest,
    update: appointIro,
    labels: {
      staffId: { label: 'IRO’s staff id', hint: 'As in the staff directory' },
      on: { label: 'Date the IRO was appointed', hint: `${TODAY_HINT}. A new IRO: not before the current IRO was appointed` },
    },
    rule: 'L1: the IRO unit appoints an IRO within the time the profile sets from the child coming into care.',
    submitText: 'Appoint the IRO',
    dated: ['on'],
    message: () => 'The IRO has been appointed',
  });

  command(LAC_ACTIONS.socialWorker, {
    title: 'Allocate a social worker',
    schema: q.SocialWorkerRequest,
    update: allocateSocialWorker,
    labels: {
      staffId: { label: 'Social worker’s staff id', hint: 'As in the staff directory' },
      on: { label: 'Date the social worker was allocated', hint: `${TODAY_HINT}. Not before the current social worker was allocated` },
    },
    rule: 'L1: the child’s social worker is told of each review and owes the tasks before and after it.',
    submitText: 'Allocate the social worker',
    dated: ['on'],
    message: () => 'The social worker has been allocated',
  });

  command(LAC_ACTIONS.placement, {
    title: 'Record a change of placement',
    schema: q.PlacementChangeRequest,
    update: changePlacement,
    labels: {
      on: { label: 'Date the child moved', hint: 'The day the new placement started' },
      type: 'New placement type',
      unplanned: {
        label: 'Was the move unplanned?',
        hint: 'If yes, the IRO is told at once and asked whether to bring the next review forward (L23)',
      },
    },
    rule: 'L5: a change of placement may make the next review due sooner.',
    submitText: 'Record the move',
    dated: ['on'],
    message: (b) => `The move on ${govukDate(b.on)} has been recorded`,
  });

  command(LAC_ACTIONS.bringForward, {
    title: 'Bring the next review forward',
    schema: q.BringForwardRequest,
    update: bringForward,
    labels: {
      reason: { label: 'Why the review is brought forward', hint: 'The reasons the procedures give for an earlier review' },
      detail: { label: 'More detail', hint: 'Anything the IRO and the team should know' },
      dueBy: { label: 'Hold the review by', hint: 'Earlier than the date it is due now' },
      on: { label: 'Date it was asked for', hint: `${TODAY_HINT}. Not before the last review was held` },
    },
    rule: 'L6: a review can be held earlier than its due date for one of these reasons.',
    submitText: 'Bring the review forward',
    dated: ['on'],
    message: (b) => `The review is now due by ${govukDate(b.dueBy)}`,
  });

  command(LAC_ACTIONS.plannedEnd, {
    title: 'Record that care is planned to end',
    schema: q.PlannedEndRequest,
    update: planEndOfCare,
    labels: {
      plannedEndOn: { label: 'Date care is planned to end', hint: 'A review must be held before this date' },
      kind: { label: 'Why care is planned to end' },
      on: { label: 'Date the end was planned', hint: `${TODAY_HINT}. A review held since this date counts as the review before the end` },
    },
    rule: 'L20: a review is held before a child stops being looked after as planned.',
    submitText: 'Record the planned end',
    dated: ['on'],
    message: (b) => `Care is planned to end on ${govukDate(b.plannedEndOn)}`,
  });

  command(LAC_ACTIONS.booking, {
    title: 'Book or move the next review',
    schema: q.BookingRequest,
    update: bookReview,
    labels: {
      meetingOn: {
        label: 'Date of the meeting',
        hint: 'On or before the date the review is due. Changing only the time or venue is not a re-booking',
      },
      time: { label: 'Time', hint: '24-hour clock, for example 14:30' },
      venue: { label: 'Venue', hint: 'Where the meeting is held' },
      reason: { label: 'Why the meeting is moving', hint: 'Needed only when you move a meeting already booked' },
      strategicManagerPermission: {
        label: 'Strategic manager’s permission',
        hint: 'Needed only for a date after the review is due (L7)',
      },
      'strategicManagerPermission.by': { label: 'Strategic manager’s staff id' },
      'strategicManagerPermission.reason': { label: 'Their reason for allowing the later date' },
      bookedOn: { label: 'Date the booking was made', hint: `${TODAY_HINT}. The meeting cannot be before it` },
    },
    rule: 'L7: the IRO books the date, time and venue, on or before the date the review is due; a later date needs a strategic manager’s permission.',
    submitText: 'Book the review',
    dated: ['bookedOn'],
    message: (b) => `The review is booked for ${govukDate(b.meetingOn)}${b.time ? ` at ${b.time}` : ''}`,
  });

  command(LAC_ACTIONS.adjournment, {
    title: 'Adjourn the review meeting',
    schema: q.AdjournmentRequest,
    update: adjournReview,
    labels: {
      on: { label: 'Date of the adjourned meeting', hint: 'The day the meeting met and was adjourned' },
      resumeOn: { label: 'Date it will resume', hint: 'At most 20 working days after the adjourned meeting' },
      reason: { label: 'Why it was adjourned' },
    },
    rule: 'L12: a review can be adjourned once, and resumes within 20 working days.',
    submitText: 'Adjourn the review',
    dated: ['on'],
    message: (b) => `The review is adjourned to ${govukDate(b.resumeOn)}`,
  });

  command(LAC_ACTIONS.cease, {
    title: 'The child has stopped being looked after',
    schema: q.CeaseRequest,
    update: ceaseLookedAfter,
    labels: {
      on: { label: 'Date the child stopped being looked after' },
      reason: { label: 'Why', hint: 'For example, returned home or adopted' },
      supervisionOrder: { label: 'Does the child leave care under a supervision order?' },
      childInNeedPlan: {
        label: 'Is there a Child in Need plan?',
        hint: 'With a supervision order, an IRO may chair the Child in Need reviews (D1)',
      },
      noReviewReason: {
        label: 'Why no review was held before the decision',
        hint: 'Needed only when no review was held after the end of care was planned (L20)',
      },
    },
    rule: 'L13: the review to come is cancelled; what is owed after reviews already held is still followed up.',
    submitText: 'End the review cycle',
    dated: ['on'],
    message: () => 'The review cycle has ended',
  });
}
