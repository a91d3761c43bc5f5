/**
 * Child in Need reviews chaired by an IRO (rules.md section D): start one, the case page (reviews on
 * time or late against their agreed date, the open deadlines and how they were counted) and one page
 * per command, each with the roles of its API route (api/routes/cin-reviews.ts), through the same service.
 */
import { z } from 'zod';
import { principalOf } from '../../../api/middleware/permit';
import { Role } from '../../../platform/auth/roles';
import { casePagePath } from '../../../platform/case-pages';
import {
  agreeFirstDate,
  completeCinTask,
  endCin,
  moveReview,
  recordCinReview,
  requestReport,
} from '../../../workflows/cin-review/messages';
import * as q from '../../../workflows/cin-review/requests';
import { Mount, WebContext } from '../../app';
import { CommandPage, commandPage } from '../../forms/command-page';
import { dateParts, todayParts } from './case-view';
import { CRITERIA_TEXT } from './child-in-need-words';
import { NO_TASKS, cinTasks } from './task-choices';
import { BASE, CASE_WORKERS, CHAIR, cinView } from './child-in-need-view';

const READERS: readonly Role[] = ['iro-unit', 'iro', 'social-worker', 'team-manager', 'service-manager', 'strategic-manager'];
const STARTERS: readonly Role[] = ['team-manager', 'iro-unit'];
const ON_HINT = 'The day it happened, if not today. It cannot be in the future or before the case opened.';

export function childInNeedPages(page: Mount, ctx: WebContext): void {
  const cases = ctx.services.cinReviews;
  const today = () => cases.today();
  const caseHref = (id: string) => casePagePath(id);

  page(`${BASE}/new`, (r) => {
    commandPage(
      r,
      '',
      {
        path: '',
        title: 'An IRO will chair a Child in Need case’s reviews',
        caption: () => 'Child in Need reviews',
        roles: STARTERS,
        schema: q.CinStartRequest,
        rule: 'D1, D2: an IRO chairs when the case meets a criterion (or adds value outside them), approved by a team manager or consultant social worker and agreed with the IRO service; the first review is then arranged (D3).',
        labels: {
          childId: { label: 'Child’s case-system id', hint: 'The id in the case system, never a name' },
          team: { label: 'Social work team code', hint: 'Leave blank to use your own team' },
          socialWorker: { label: 'Allocated social worker’s staff id', hint: 'For example sw-0042' },
          iro: { label: 'Chairing IRO’s staff id', hint: 'The IRO who will chair the reviews' },
          criteria: { label: 'Criteria that apply', hint: 'D1', optionText: CRITERIA_TEXT },
          outsideCriteriaReason: { label: 'If no criterion applies: why an IRO chair adds value', kind: 'textarea' },
          approvedBy: { label: 'Who approved the IRO chair', hint: 'A team manager or consultant social worker' },
          'approvedBy.staffId': 'Their staff id',
          'approvedBy.role': {
            label: 'Their role',
            optionText: { 'team-manager': 'Team manager', 'consultant-social-worker': 'Consultant social worker' },
          },
          agreedBy: {
            label: 'Who agreed for the IRO service (staff id)',
            hint: 'Leave blank if you are the IRO unit member agreeing it',
          },
          steppedDownFrom: {
            label: 'Looked-after cycle it steps down from',
            hint: 'Only for a step down from care with a supervision order: the cycle id (starts lac-)',
          },
          profile: { label: 'Policy profile', hint: 'Leave blank for the authority’s usual procedures' },
          openedOn: { label: 'Date the IRO chair was agreed', hint: 'Today, or the day it was agreed if you are recording it later' },
        },
        submitText: 'Start the reviews',
        initial: () => dateParts('openedOn', today()),
        run: ({ body, principal }) => cases.start(body, principal),
        done: ({ result }) => ({ to: caseHref(result.caseId), message: 'The Child in Need reviews have started' }),
        caseHref: () => '/cases/new',
      },
      ctx.sessions,
    );
  });

  page(BASE, (r) => {
    r.get('/:caseId', READERS, async (req, res) => {
      const id = String(req.params.caseId);
      const s = await cases.state(id, principalOf(res));
      res.render('pages/case.njk', {
        title: `Child in Need case ${id}`,
        backLink: '/',
        view: cinView(s, principalOf(res), ctx.services.calendar.calendar()),
      });
    });

    const cmd = <S extends z.ZodType, R>(spec: Omit<CommandPage<S, R>, 'caseHref' | 'caption' | 'done'>) =>
      commandPage(
        r,
        'caseId',
        {
          caseHref,
          caption: (id) => `Child in Need case ${id}`,
          done: ({ caseId }) => ({ to: caseHref(caseId), message: 'Saved' }),
          ...spec,
          readable: (id, p) => cases.state(id, p),
        },
        ctx.sessions,
      );
    const onToday = todayParts(today);

    cmd({
      path: '/first-date',
      title: 'Record the first review date agreed',
      roles: CASE_WORKERS,
      schema: q.FirstDateRequest,
      rule: 'D3: once the IRO chair is agreed, the social worker agrees the first date with the IRO, books a venue and invites the care team.',
      labels: {
        on: { label: 'Date it was agreed', hint: ON_HINT },
        date: { label: 'Date of the first review' },
        venue: { label: 'Where the review will be held' },
        invited: { label: 'Care team members invited', hint: 'A short name for each agency or role, for example school or health-visitor' },
      },
      initial: onToday(),
      submitText: 'Record the date',
      run: ({ caseId, principal, body }) => cases.command(caseId, agreeFirstDate, body, principal),
    });
    cmd({
      path: '/booking',
      title: 'Move the next review to another date',
      roles: [...CHAIR, ...CASE_WORKERS],
      schema: q.MoveRequest,
      rule: 'D4: the review date agreed at the last meeting is moved only when absolutely necessary.',
      labels: {
        on: { label: 'Date the review was moved', hint: ON_HINT },
        to: { label: 'New date of the review' },
        reason: { label: 'Why it had to move', hint: 'Only when absolutely necessary', kind: 'textarea' },
      },
      initial: onToday(),
      submitText: 'Move the review',
      run: ({ caseId, principal, body }) => cases.command(caseId, moveReview, body, principal),
    });
    cmd({
      path: '/reviews',
      title: 'Record a review that was held',
      roles: CHAIR,
      schema: q.CinReviewRequest,
      rule: 'D4, D5: the next date is agreed at each review; the care team attends, sends a deputy or a written report.',
      labels: {
        heldOn: { label: 'Date the review was held' },
        chair: { label: 'Chair’s staff id', hint: 'Leave blank if you chaired it' },
        socialWorkerPresent: { label: 'Was the allocated social worker there?' },
        presentInstead: { label: 'If not: who attended who knows the case well' },
        'presentInstead.staffId': 'Their staff id',
        'presentInstead.role': { label: 'Their role', optionText: { 'social-worker': 'Social worker', 'team-manager': 'Team manager' } },
        careTeam: { label: 'Care team member', hint: 'Each agency or role on the care team and how they took part', rows: 4 },
        'careTeam.member': { label: 'Agency or role', hint: 'A short name, for example school' },
        'careTeam.attendance': {
          label: 'How they took part',
          optionText: {
            attended: 'Attended',
            deputy: 'Sent a deputy',
            'written-report': 'Sent a written report',
            'report-awaited': 'Report awaited',
            'left-care-team': 'Has left the care team',
          },
        },
        'careTeam.deputy': { label: 'Deputy who attended', hint: 'Only if they sent a deputy' },
        nextDate: { label: 'Date agreed for the next review' },
        note: { label: 'Notes', hint: 'Anything else to record (no names of children)', kind: 'textarea' },
      },
      initial: onToday('heldOn'),
      submitText: 'Record the review',
      run: ({ caseId, principal, body }) =>
        cases.command(caseId, recordCinReview, { ...body, chair: body.chair ?? principal.userId }, principal),
    });
    cmd({
      path: '/tasks',
      title: 'Mark documents or a report as provided',
      roles: [...CHAIR, ...CASE_WORKERS],
      schema: q.CinTaskRequest,
      rule: 'D5, D6: the documents are provided in full before each review; an agency may send a written report instead of attending.',
      labels: {
        key: { label: 'What was provided?' },
        on: { label: 'Date it was provided', hint: ON_HINT },
      },
      initial: onToday(),
      choices: ({ caseId, principal }) => cinTasks((id, p) => cases.state(id, p), caseId, principal),
      noChoices: NO_TASKS,
      submitText: 'Mark as provided',
      run: ({ caseId, principal, body }) => cases.command(caseId, completeCinTask, { ...body, on: body.on ?? today() }, principal),
    });
    cmd({
      path: '/report-requests',
      title: 'Record a report asked for from another agency',
      roles: CASE_WORKERS,
      schema: q.ReportRequestRequest,
      rule: 'D6: a report asked for is for the next review, and is chased before it.',
      labels: {
        agency: { label: 'Agency asked for the report', hint: 'A short name, for example school or health-visitor' },
        on: { label: 'Date it was asked for', hint: ON_HINT },
      },
      initial: onToday(),
      submitText: 'Record the request',
      run: ({ caseId, principal, body }) => cases.command(caseId, requestReport, body, principal),
    });
    cmd({
      path: '/end',
      title: 'End the Child in Need case',
      roles: [...CHAIR, 'team-manager'],
      schema: q.EndRequest,
      rule: 'D4: a review due by its agreed date and not held when the case ends counts as late.',
      labels: {
        on: { label: 'Date the case ended', hint: ON_HINT },
        outcome: {
          label: 'How the case ended',
          optionText: {
            closure: 'Closed',
            'step-up-child-protection': 'Stepped up to child protection',
            'step-up-looked-after': 'Stepped up: the child is looked after',
            'step-down': 'Stepped down to early help or universal services',
          },
        },
        summary: { label: 'Summary', hint: 'Why the case ended', kind: 'textarea' },
      },
      initial: onToday(),
      submitText: 'End the case',
      run: ({ caseId, principal, body }) => cases.command(caseId, endCin, { ...body, on: body.on ?? today() }, principal),
    });
  });
}
