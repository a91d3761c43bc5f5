/**
 * One page per Open to Review command (representations, the decision note, reviews, visits, short
 * breaks, the EHCP date, the package, tasks, the caseholder, closing), each with the roles of its
 * API route (api/routes/open-to-review-cases.ts) and the API's defaults (today, the caseholder chairs).
 */
import { z } from 'zod';
import { casePagePath } from '../../../platform/case-pages';
import {
  changePackage,
  closeOpenToReviewCase,
  completeOpenToReviewTask,
  recordDecisionNote,
  recordOpenToReviewReview,
  recordRepresentation,
  recordShortBreak,
  recordVisit,
  setEhcpAnnualReview,
} from '../../../workflows/open-to-review/messages';
import * as q from '../../../workflows/open-to-review/requests';
import { Mount, WebContext } from '../../app';
import { CommandPage, commandPage } from '../../forms/command-page';
import { todayParts } from './case-view';
import { CASE_WORKERS, MANAGERS, O2R_BASE } from './open-to-review';
import { NO_TASKS, openToReviewTasks } from './task-choices';

const ON_HINT = 'The day it happened, if not today. It cannot be in the future or before the case opened.';
const PLACE_HINT = 'Kent counts the child seen at home once a year and once at school, college or the short-breaks setting';
const PLACES = {
  home: 'Home',
  school: 'School',
  college: 'College',
  'day-activities': 'Day activities',
  'short-breaks': 'Short-breaks setting',
  other: 'Somewhere else',
};

export function openToReviewCommandPages(page: Mount, ctx: WebContext): void {
  const cases = ctx.services.openToReviewCases;
  const today = () => cases.today();
  const caseHref = (id: string) => casePagePath(id);

  page(O2R_BASE, (r) => {
    const cmd = <S extends z.ZodType, R>(spec: Omit<CommandPage<S, R>, 'caseHref' | 'caption' | 'done'>) =>
      commandPage(
        r,
        'caseId',
        {
          caseHref,
          caption: (id) => `Case ${id}`,
          done: ({ caseId }) => ({ to: caseHref(caseId), message: 'Saved' }),
          ...spec,
          readable: (id, p) => cases.state(id, p),
        },
        ctx.sessions,
      );
    const onToday = todayParts(today);

    cmd({
      path: '/representations',
      title: 'Record the family’s representations',
      roles: CASE_WORKERS,
      schema: q.RepresentationRequest,
      rule: 'O2: the family may make representations within the window after the letter; an objection goes to the team manager.',
      labels: {
        on: { label: 'Date of the representations', hint: 'Today, or the day they were made' },
        objection: { label: 'Does the family object to Open to Review?' },
        summary: { label: 'What the family said', kind: 'textarea' },
      },
      initial: onToday(),
      submitText: 'Record the representations',
      run: ({ caseId, principal, body }) => cases.command(caseId, recordRepresentation, { ...body, on: body.on ?? today() }, principal),
    });
    cmd({
      path: '/decision-note',
      title: 'Record the decision note',
      roles: ['team-manager'],
      schema: q.DecisionNoteRequest,
      rule: 'O2, O3: the team manager decides after the window for representations; the first review is within 6 months of the note.',
      labels: {
        decision: {
          label: 'Decision',
          optionText: { o2r: 'The case moves to Open to Review', 'not-o2r': 'The case does not move to Open to Review' },
        },
        rationale: { label: 'Rationale for the decision', kind: 'textarea' },
        firstReviewOn: {
          label: 'Date of the first review',
          hint: 'If it moves to Open to Review: after the note and within 6 months of it',
        },
        on: { label: 'Date of the note', hint: 'After the window for representations closed; it cannot be in the future' },
      },
      initial: onToday(),
      submitText: 'Record the decision',
      run: ({ caseId, principal, body }) => cases.command(caseId, recordDecisionNote, body, principal),
    });
    cmd({
      path: '/reviews',
      title: 'Record a review that was held',
      roles: CASE_WORKERS,
      schema: q.ReviewRequest,
      rule: 'O3, O4: telephone reviews every 6 months and face to face every 12; each review decides whether Open to Review continues.',
      labels: {
        heldOn: { label: 'Date the review was held' },
        type: { label: 'How the review was held', optionText: { telephone: 'By telephone', 'face-to-face': 'Face to face' } },
        childSeen: { label: 'Was the child seen?', hint: 'Only a face-to-face review counts as seeing them' },
        parentsSeen: { label: 'Were the parents seen?', hint: 'Only a face-to-face review counts as seeing them' },
        place: { label: 'Where the child was seen', hint: PLACE_HINT, optionText: PLACES },
        chair: { label: 'Who chaired', hint: 'Leave blank if the caseholder chaired' },
        'chair.role': {
          label: 'Their role',
          optionText: {
            caseholder: 'Caseholder',
            'senior-practitioner': 'Senior practitioner',
            'team-manager': 'Team manager',
            school: 'School',
          },
        },
        'chair.staffId': 'Their staff id',
        outcome: {
          label: 'Does Open to Review continue?',
          optionText: { continue: 'Yes, it continues', leave: 'No, the case leaves Open to Review' },
        },
        leaveReason: {
          label: 'If it leaves: why',
          optionText: {
            'more-frequent-reviews-needed': 'More frequent reviews are needed',
            'no-longer-eligible': 'No longer eligible',
            'needs-closed': 'Needs are met: the case closes',
            'series-ended': 'The series of short breaks has ended',
          },
        },
        moreFrequentReviewsNeeded: { label: 'Are more frequent reviews needed?', hint: 'Yes means the case leaves Open to Review' },
        note: { label: 'Notes', hint: 'Anything else to record (no names of children)', kind: 'textarea' },
      },
      initial: onToday('heldOn'),
      submitText: 'Record the review',
      run: ({ caseId, principal, body }) =>
        cases.command(caseId, recordOpenToReviewReview, { ...body, chair: body.chair ?? { role: 'caseholder' as const } }, principal),
    });
    cmd({
      path: '/visits',
      title: 'Record a visit',
      roles: CASE_WORKERS,
      schema: q.VisitRequest,
      rule: 'O6 (Kent): the child is seen once a year at home and once at school, college or the short-breaks setting.',
      labels: {
        on: { label: 'Date of the visit' },
        childSeen: 'Was the child seen?',
        parentsSeen: 'Were the parents seen?',
        where: { label: 'Where the visit was', hint: 'In a few words, no addresses' },
        place: { label: 'Kind of place', hint: PLACE_HINT, optionText: PLACES },
      },
      initial: onToday(),
      submitText: 'Record the visit',
      run: ({ caseId, principal, body }) =>
        cases.command(
          caseId,
          recordVisit,
          { ...body, childSeen: body.childSeen ?? false, parentsSeen: body.parentsSeen ?? false },
          principal,
        ),
    });
    cmd({
      path: '/breaks',
      title: 'Record a short break',
      roles: CASE_WORKERS,
      schema: q.ShortBreakRequest,
      rule: 'L19: a series of short breaks is at most 120 days in any 12 months; the team manager is warned as it nears that.',
      labels: {
        on: { label: 'First day of the break' },
        days: { label: 'How many days the break lasted', hint: 'Whole days, from 1 to 120' },
      },
      initial: onToday(),
      submitText: 'Record the break',
      run: ({ caseId, principal, body }) => cases.command(caseId, recordShortBreak, body, principal),
    });
    cmd({
      path: '/ehcp',
      title: 'Record the EHCP annual review date',
      roles: CASE_WORKERS,
      schema: q.EhcpRequest,
      rule: 'O3: the face-to-face review is timed with the EHCP annual review.',
      labels: {
        annualReviewOn: { label: 'Date of the next EHCP annual review', hint: 'Not before the day you knew of it' },
        on: { label: 'Date you knew of it', hint: ON_HINT },
      },
      initial: onToday(),
      submitText: 'Record the date',
      run: ({ caseId, principal, body }) =>
        cases.command(caseId, setEhcpAnnualReview, { on: body.annualReviewOn, asOf: body.on }, principal),
    });
    cmd({
      path: '/package',
      title: 'Record a change to the package of support',
      roles: CASE_WORKERS,
      schema: q.PackageChangeRequest,
      rule: 'O6 (Kent): overnight short breaks or more than 10 hours a week means full reviews every 6 months.',
      labels: {
        overnightShortBreaks: 'Does the package now include overnight short breaks?',
        hoursPerWeek: { label: 'Hours of support a week', hint: 'A number, for example 6' },
        on: { label: 'Date the package changed', hint: 'Not before the last review; it cannot be in the future' },
      },
      initial: onToday(),
      submitText: 'Record the change',
      run: ({ caseId, principal, body }) => cases.command(caseId, changePackage, body, principal),
    });
    cmd({
      path: '/tasks',
      title: 'Mark a task as done',
      roles: CASE_WORKERS,
      schema: q.TaskRequest,
      rule: 'O4: the review plan is shared within a month of each review; the assessment, supervision and transition are kept up.',
      labels: {
        key: { label: 'Which task is done?' },
        on: { label: 'Date it was done', hint: ON_HINT },
      },
      initial: onToday(),
      choices: ({ caseId, principal }) => openToReviewTasks((id, p) => cases.state(id, p), caseId, principal),
      noChoices: NO_TASKS,
      submitText: 'Mark as done',
      run: ({ caseId, principal, body }) => cases.command(caseId, completeOpenToReviewTask, { ...body, on: body.on ?? today() }, principal),
    });
    cmd({
      path: '/caseholder',
      title: 'Move the case to another caseholder',
      roles: MANAGERS,
      schema: q.CaseholderRequest,
      rule: 'O5: an Open to Review social worker holds about 100 cases; you are warned if this takes them over.',
      labels: {
        staffId: { label: 'New caseholder’s staff id', hint: 'The Open to Review social worker taking the case' },
        on: { label: 'Date the case moved to them', hint: ON_HINT },
      },
      initial: onToday(),
      submitText: 'Move the case',
      run: ({ caseId, principal, body }) => cases.reassign(caseId, body.staffId, principal, body.on),
    });
    cmd({
      path: '/close',
      title: 'Close the case',
      roles: MANAGERS,
      schema: q.CloseRequest,
      labels: {
        on: { label: 'Date the case closed', hint: ON_HINT },
        reason: { label: 'Why the case is closing', kind: 'textarea' },
      },
      initial: onToday(),
      submitText: 'Close the case',
      run: ({ caseId, principal, body }) => cases.command(caseId, closeOpenToReviewCase, { ...body, on: body.on ?? today() }, principal),
    });
  });
}
