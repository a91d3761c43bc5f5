/**
 * Resolution and Escalation's pages (rules.md section C): open a dispute, the case page (its stages,
 * who holds it now, the deadlines and how they were counted) and one page per command, each with the
 * roles of its API route (api/routes/disputes.ts) and through the same service, so scope is the API's.
 */
import { z } from 'zod';
import { principalOf } from '../../../api/middleware/permit';
import { CASE_ROLES } from '../../../platform/auth/roles';
import { casePagePath } from '../../../platform/case-pages';
import {
  escalateDispute,
  recordCafcassDecision,
  recordDisputeResponse,
  referToCafcass,
  resolveDispute,
} from '../../../workflows/dispute/messages';
import * as q from '../../../workflows/dispute/requests';
import { InputError } from '../../../api/input-error';
import { CYCLE_ID } from '../../../api/services/case-ids';
import { Mount, WebContext } from '../../app';
import { CommandPage, commandPage } from '../../forms/command-page';
import { Labels } from '../../forms/schema-form';
import { dateParts, todayParts } from './case-view';
import { BASE, IRO_SIDE, disputeView } from './dispute-view';

const ON_HINT = 'The day it happened, if not today. It cannot be in the future.';
const ACTIONS: Labels = {
  agreedActions: { label: 'Agreed action', hint: 'Stage 1 only: what was agreed in the conversation and by when', rows: 3 },
  'agreedActions.action': 'What will be done',
  'agreedActions.by': 'To be done by',
  expectedOutcome: { label: 'Expected outcome', hint: 'From stage 2: what you expect to happen, and by when' },
  'expectedOutcome.outcome': 'What you expect to happen',
  'expectedOutcome.by': 'Expected by',
};
const STAGE_HINT = 'Type informal, or a stage number from 1 to 5';

export function disputePages(page: Mount, ctx: WebContext): void {
  const disputes = ctx.services.disputes;
  const today = () => ctx.services.openToReviewCases.today();
  const caseHref = (id: string) => casePagePath(id);
  const common = {
    caseHref,
    caption: (id: string) => `Dispute ${id}`,
    done: ({ caseId }: { caseId: string }) => ({ to: caseHref(caseId), message: 'Saved' }),
  };

  page(`${BASE}/new`, (r) => {
    commandPage(
      r,
      '',
      {
        path: '',
        title: 'Open a dispute about a child’s plan',
        caption: () => 'Resolution and Escalation',
        roles: IRO_SIDE,
        schema: q.DisputeStartRequest,
        rule: 'E1-E6: informal resolution first; each stage has its own deadline, and the whole process should be resolved within 20 working days.',
        labels: {
          cycleId: {
            label: 'Looked-after review cycle id',
            hint: 'If the child is looked after, the cycle id (starts lac-). Otherwise leave it blank and give the child’s id and team.',
          },
          childId: { label: 'Child’s case-system id', hint: 'Only if you gave no cycle id. The id in the case system, never a name.' },
          team: { label: 'Social work team code', hint: 'Only if you gave no cycle id' },
          category: {
            label: 'What the dispute is about',
            optionText: {
              practice: 'Practice',
              judgement: 'Professional judgement',
              'clarification-of-accountability': 'Clarification of who is accountable',
              strategic: 'Strategic',
            },
          },
          summary: { label: 'Summary of the issue', hint: 'What you disagree with and why', kind: 'textarea' },
          startStage: { label: 'Stage to start at', hint: `${STAGE_HINT}. Leave blank to start with informal resolution.` },
          seriousSafeguarding: { label: 'Is there a serious safeguarding issue?', hint: 'If yes, the dispute starts at stage 2 or later' },
          socialWorker: {
            label: 'Allocated social worker’s staff id',
            hint: 'The stage 1 alert goes to them. Leave blank to use the cycle’s allocated social worker.',
          },
          ...ACTIONS,
          openedOn: { label: 'Date the dispute was opened', hint: 'Today, or the day it opened if you are recording it later' },
        },
        submitText: 'Open the dispute',
        // From a cycle's page ("Open a dispute"): the form starts with that cycle's id.
        query: ['cycleId'],
        initial: ({ req }) => {
          const raw = req.query.cycleId;
          // Only a cycle's own id is filled in (the link from a cycle's page); anything else is a mistake in the address.
          if (raw !== undefined && (typeof raw !== 'string' || !CYCLE_ID.test(raw)))
            throw new InputError('cycleId', 'cycleId: not a looked-after cycle id (lac- and 24 hex digits, as on the cycle’s page)', 400);
          const cycleId = raw;
          return { ...dateParts('openedOn', today()), ...(cycleId ? { cycleId } : {}) };
        },
        run: ({ body, principal }) => disputes.open(body, principal),
        done: ({ result }) => ({ to: caseHref(result.disputeId), message: 'The dispute has been opened' }),
        caseHref: () => '/cases/new',
      },
      ctx.sessions,
    );
  });

  page(BASE, (r) => {
    r.get('/:disputeId', CASE_ROLES, async (req, res) => {
      const id = String(req.params.disputeId);
      const s = await disputes.state(id, principalOf(res));
      const view = disputeView(s, principalOf(res), ctx.services.calendar.calendar(), today());
      res.render('pages/case.njk', { title: view.title, backLink: '/', view });
    });

    const cmd = <S extends z.ZodType, R>(spec: Omit<CommandPage<S, R>, 'caseHref' | 'caption' | 'done'>) =>
      commandPage(
        r,
        'disputeId',
        {
          ...common,
          ...spec,
          readable: (id, p) => disputes.state(id, p),
        },
        ctx.sessions,
      );
    const onToday = todayParts(today);

    cmd({
      path: '/responses',
      title: 'Record a response to the dispute',
      roles: CASE_ROLES,
      schema: q.ResponseRequest,
      rule: 'E2-E5: a response on or before the stage’s deadline is in time; the IRO then judges it within 2 working days.',
      labels: {
        note: { label: 'The response', hint: 'What was said or agreed in reply', kind: 'textarea' },
        on: { label: 'Date of the response', hint: ON_HINT },
      },
      initial: onToday(),
      submitText: 'Record the response',
      run: ({ caseId, principal, body }) => disputes.command(caseId, recordDisputeResponse, body, principal),
    });
    cmd({
      path: '/escalate',
      title: 'Escalate the dispute',
      roles: IRO_SIDE,
      schema: q.EscalateRequest,
      rule: 'E5: the IRO may escalate before a stage’s deadline, or skip stages; the new stage’s deadline counts from the day it is entered.',
      labels: {
        on: { label: 'Date of the escalation', hint: ON_HINT },
        toStage: { label: 'Stage to escalate to', hint: `${STAGE_HINT}. Leave blank for the next stage.` },
        reason: { label: 'Why you are escalating', hint: 'This goes in the alert to the people who hold the new stage', kind: 'textarea' },
        ...ACTIONS,
      },
      initial: onToday(),
      submitText: 'Escalate',
      run: ({ caseId, principal, body }) => disputes.command(caseId, escalateDispute, body, principal),
    });
    cmd({
      path: '/resolve',
      title: 'Record that the dispute is resolved or withdrawn',
      roles: IRO_SIDE,
      schema: q.ResolveRequest,
      rule: 'E6: the whole process should be resolved within 20 working days of the dispute opening.',
      labels: {
        outcome: {
          label: 'Outcome',
          optionText: { resolved: 'Resolved: the issue is settled', withdrawn: 'Withdrawn: you no longer pursue it' },
        },
        summary: { label: 'Summary of the outcome', hint: 'What was agreed or why it was withdrawn', kind: 'textarea' },
        on: { label: 'Date it was resolved or withdrawn', hint: ON_HINT },
      },
      initial: onToday(),
      submitText: 'Record the outcome',
      run: ({ caseId, principal, body }) => disputes.command(caseId, resolveDispute, body, principal),
    });
    cmd({
      path: '/cafcass',
      title: 'Refer the dispute to CAFCASS',
      roles: IRO_SIDE,
      schema: q.CafcassRequest,
      rule: 'E6: the IRO may refer to CAFCASS at any point; CAFCASS decides within 14 days of the referral.',
      labels: {
        reason: { label: 'Why you are referring to CAFCASS', hint: 'The reason given in the referral', kind: 'textarea' },
        on: { label: 'Date of the referral', hint: ON_HINT },
      },
      initial: onToday(),
      submitText: 'Record the referral',
      run: ({ caseId, principal, body }) => disputes.command(caseId, referToCafcass, body, principal),
    });
    cmd({
      path: '/cafcass-decision',
      title: 'Record CAFCASS’s decision',
      roles: IRO_SIDE,
      schema: q.CafcassDecisionRequest,
      rule: 'E6: CAFCASS decides within 14 days of the referral.',
      labels: {
        text: { label: 'CAFCASS’s decision', hint: 'What CAFCASS decided', kind: 'textarea' },
        on: { label: 'Date of the decision', hint: 'The day CAFCASS decided. It cannot be before the referral or in the future.' },
      },
      initial: onToday(),
      submitText: 'Record the decision',
      run: ({ caseId, principal, body }) => disputes.command(caseId, recordCafcassDecision, body, principal),
    });
  });
}
