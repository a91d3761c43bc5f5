/**
 * One Child in Need case chaired by an IRO (rules.md section D): the social worker arranges the
 * first review (D3), each review agrees the next date, which is the deadline chased (D4), written
 * reports and documents are chased (D5, D6), until the case closes, steps up or steps down. The
 * kernel does the rest; the case continues as new after each review. Opened on a past date
 * (recorded after the fact), what fell due before it was recorded is caught up once, the next working day.
 */
import { continueAsNew, patched, setHandler } from '@temporalio/workflow';
import { londonDate } from '../calendar/office-hours';
import { CaseKernel, pruneSent } from '../case-kernel/case-kernel';
import { withCatchUp } from '../case-kernel/catch-up';
import {
  CinContext,
  agreeFirstDateCommand,
  completeTaskCommand,
  endCommand,
  moveReviewCommand,
  recordReviewCommand,
  requestReportCommand,
} from './commands';
import { initialModel } from './opening';
import {
  CinInput,
  CinState,
  agreeFirstDate,
  cinStateQuery,
  completeCinTask,
  endCin,
  moveReview,
  recordCinReview,
  requestReport,
} from './messages';
import { CinModel } from './model';
import { cinFacts } from './record';
import { CinRecipient, cinDatedActions, cinObligations, keepSent } from './obligations';

export async function cinReview(input: CinInput): Promise<CinState> {
  const model: CinModel = input.carried?.model ?? initialModel(input, londonDate(Date.now()));
  const kernel: CaseKernel<CinRecipient> = new CaseKernel<CinRecipient>({
    caseId: input.caseId,
    calendar: input.calendar,
    sent: input.carried?.sent,
    address: (r) =>
      r === 'social-worker'
        ? `user:${model.socialWorker}`
        : r === 'iro'
          ? `user:${model.iro}`
          : r === 'team-manager'
            ? `team-manager:${model.child.team}`
            : 'iro-unit',
  });
  const reviewsAtStart = model.reviews.length;
  const ctx = (): CinContext => ({ ...kernel.context(), settings: input.settings });
  // (Histories from before left an overdue review quiet after its one escalation.)
  if (patched('cin-review-chase')) model.chaseOverdueReviews = true;
  else delete model.chaseOverdueReviews;
  const obligations = () => cinObligations(model, input.settings, kernel.cal.calendar, kernel.today());
  const state = (): CinState => ({
    ...model,
    obligations: obligations(),
    sent: [...kernel.sent],
    calendarRevision: kernel.cal.calendar.revision,
  });
  setHandler(cinStateQuery, state);

  kernel.command(agreeFirstDate, model, agreeFirstDateCommand, ctx, state);
  kernel.command(moveReview, model, moveReviewCommand, ctx, state);
  kernel.command(recordCinReview, model, recordReviewCommand, ctx, state);
  kernel.command(completeCinTask, model, completeTaskCommand, ctx, state);
  kernel.command(requestReport, model, requestReportCommand, ctx, state);
  kernel.command(endCin, model, endCommand, ctx, state);

  if (!input.carried) {
    await kernel.send('chair-agreed', ['social-worker', 'iro'], {
      rule: 'D3',
      kind: 'chair-agreed',
      subject: 'CIN review: an IRO chairs; please arrange the first review',
      body: `IRO ${model.iro} will chair this child's CIN reviews. The social worker agrees the first date with the chair and family, books a venue and invites the care team (D3).`,
    });
  }
  const outcome = await kernel.run({
    nextDue: () => obligations().find((o) => o.key === 'review' || o.key === 'first-date')?.due,
    atOnce: async () => {
      if (model.status === 'open') return;
      const e = model.ended!;
      await kernel.send('ended', ['social-worker', 'team-manager', 'iro', 'iro-unit'], {
        rule: 'D4',
        kind: e.outcome,
        subject: `CIN review case ended: ${e.outcome}`,
        body: `${e.summary}. Ended on ${e.on}.`,
      });
      return 'stop';
    },
    dated: () =>
      withCatchUp(
        cinDatedActions(obligations()),
        kernel.sent,
        model.recordedOn,
        kernel.cal.calendar,
        ({ id, to, ...message }) => kernel.send(id, to, message),
        `CIN review case ${model.caseId} (opened on ${model.openedOn})`,
        // (Histories from before caught up once only: deadlines revealed later were each sent at once.)
        { today: kernel.today(), enabled: () => patched('cin-catch-up-per-pass') },
      ),
    rest: () => model.reviews.length > reviewsAtStart,
    // The statutory record: appended after atOnce, so the pass that ends the case writes its end too.
    facts: () => cinFacts(model),
  });
  await kernel.settle();
  if (outcome === 'rest') {
    // One run per review: the next carries the case over.
    return continueAsNew<typeof cinReview>({
      ...input,
      calendar: kernel.cal.snapshot,
      carried: { model, sent: pruneSent(kernel.sent, keepSent(model, obligations())) },
    });
  }
  return state();
}
