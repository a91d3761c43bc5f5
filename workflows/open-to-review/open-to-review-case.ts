/**
 * One Open to Review case, or one series of short breaks (rules.md section B and L19): the letter
 * to the family and the window for representations, the team manager's decision note, then
 * 6-monthly reviews with a face-to-face review at least yearly (timed with the EHCP annual review),
 * the child and parents seen, plans shared, and Kent's assessment, supervision and transition
 * prompts. It sleeps until the next action's 09:00 in England and continues as new after each
 * review; it ends when the case leaves O2R (the team manager is told whom to allocate), is closed,
 * or the young person reaches the end of the 0-25 service. Opened on a past date (recorded after the
 * fact), what fell due before it was recorded is caught up once, the next working day.
 *
 * The case kernel runs the loop; the commands, obligations and wording are pure modules here.
 */
import { continueAsNew, patched, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import { CaseKernel, Notice, PassParts, pruneSent } from '../case-kernel/case-kernel';
import { withCatchUp } from '../case-kernel/catch-up';
import { Command } from '../case-kernel/command';
import { londonDate } from '../calendar/office-hours';
import { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { CASEHOLDER } from '../search-attributes';
import { caseholderMoved } from './commands/caseholder-moved';
import { Closing, closeCase, endIfDue } from './commands/close';
import { OpenToReviewContext } from './commands/context';
import { decisionNote } from './commands/decision-note';
import { ehcpDate } from './commands/ehcp-date';
import { changePackageCommand } from './commands/package';
import { representation } from './commands/representation';
import { reviewHeld } from './commands/review-held';
import { shortBreak } from './commands/short-break';
import { taskDone } from './commands/task-done';
import { visit } from './commands/visit';
import {
  CaseholderMovedInput,
  OpenToReviewCaseInput,
  OpenToReviewCaseState,
  changePackage,
  closeOpenToReviewCase,
  completeOpenToReviewTask,
  openToReviewCaseStateQuery,
  reassignCaseholder,
  recordDecisionNote,
  recordOpenToReviewReview,
  recordRepresentation,
  recordShortBreak,
  recordVisit,
  setEhcpAnnualReview,
} from './messages';
import { OpenToReviewModel } from './model';
import { OpenToReviewObligation, OpenToReviewRecipient, nextReviewDue, openToReviewObligations } from './obligations';
import { applyImportedOpenToReview } from './imported';
import { endOfService, initialModel, representationsByOnCalendar } from './opening';
import { openToReviewAddress } from './recipients';
import { openToReviewFacts } from './record';
import { capacityNotice, endedNotice, leavingNotice, letterToFamily, obligationMessage } from './wording';

export async function openToReviewCase(input: OpenToReviewCaseInput): Promise<OpenToReviewCaseState> {
  const { settings } = input;
  const m: OpenToReviewModel = input.carried?.model ?? initialModel(input, londonDate(Date.now()), new WorkingDayCalendar(input.calendar));
  const kernel: CaseKernel<OpenToReviewRecipient> = new CaseKernel<OpenToReviewRecipient>({
    caseId: input.caseId,
    calendar: input.calendar,
    sent: input.carried?.sent,
    // Roles are addressed from the case as it is when sent (the caseholder may have moved).
    address: (role) => openToReviewAddress(m, role),
    // O2: a holiday proclaimed while the family's window is open moves its close (histories from before kept it as counted at the start).
    calendarChanged: () => {
      const to = representationsByOnCalendar(m, settings, kernel.cal.calendar, kernel.today());
      if (!to || !patched('o2r-follows-calendar')) return;
      const from = m.entry!.representationsBy;
      m.entry!.representationsBy = to;
      const why = `the bank holidays changed (calendar revision ${kernel.cal.calendar.revision})`;
      m.events.push({
        on: kernel.today(),
        what: `the family's window for representations now closes on ${to}, not ${from}: ${why}`,
        rule: 'O2',
      });
    },
  });
  // Histories recorded before the statutory corrections (issue 11) run as they did until they continue as new.
  if (patched('o2r-statutory-rules')) delete m.legacyRules;
  else m.legacyRules = true;
  // (Histories from before left an overdue review quiet after its one escalation.)
  if (!m.legacyRules && patched('o2r-review-chase')) m.chaseOverdueReviews = true;
  else delete m.chaseOverdueReviews;
  const closing: Closing = { model: m };
  const reviewsAtStart = m.reviews.length;
  const obligations = () => openToReviewObligations(m, settings, kernel.cal.calendar, kernel.today());

  const state = (): OpenToReviewCaseState => ({
    ...m,
    nextReview: m.status === 'open' ? nextReviewDue(m) : undefined,
    obligations: obligations(),
    sent: [...kernel.sent],
    calendarRevision: kernel.cal.calendar.revision,
  });
  setHandler(openToReviewCaseStateQuery, state);

  const ctx = (): OpenToReviewContext => ({ ...kernel.context(), settings, notice: (n) => kernel.notice(n), patched });
  kernel.command(recordRepresentation, m, representation, ctx, state);
  kernel.command(recordDecisionNote, m, decisionNote, ctx, state);
  kernel.command(recordOpenToReviewReview, m, reviewHeld, ctx, state);
  kernel.command(recordVisit, m, visit, ctx, state);
  kernel.command(recordShortBreak, m, shortBreak, ctx, state);
  kernel.command(setEhcpAnnualReview, m, ehcpDate, ctx, state);
  kernel.command(changePackage, m, changePackageCommand, ctx, state);
  kernel.command(completeOpenToReviewTask, m, taskDone, ctx, state);
  // The caseholder is also a search attribute, for the caseload views (O5).
  const movedAndPublished: Command<OpenToReviewModel, CaseholderMovedInput, OpenToReviewContext> = {
    validate: caseholderMoved.validate,
    apply(model, i, c) {
      caseholderMoved.apply(model, i, c);
      upsertSearchAttributes([{ key: CASEHOLDER, value: model.caseholder }]);
    },
  };
  kernel.command(reassignCaseholder, m, movedAndPublished, ctx, state);
  kernel.command(closeOpenToReviewCase, closing, closeCase, ctx, state);
  // Go-live import: the decision note and reviews the previous system held, through the commands above.
  if (!input.carried && input.imported) applyImportedOpenToReview(m, input.imported, input.by, ctx());

  // Recorded after the window for representations closed, the letter was the one written then: not sent again.
  if (!input.carried && m.entry && !input.imported && !(m.recordedOn && m.entry.representationsBy < m.recordedOn))
    await kernel.send('letter', ['family', 'caseholder'], letterToFamily(m.entry.rationale, m.entry.representationsBy));
  if (!input.carried && input.caseloadBefore !== undefined && input.caseloadBefore + 1 > settings.caseloadCapacity) {
    const { id, to, ...message } = capacityNotice(settings, input.caseholder, input.caseloadBefore + 1, 'caseload/start');
    await kernel.send(id, to, message);
  }

  const endsOn = endOfService(input);
  const parts: PassParts<OpenToReviewRecipient> = {
    atOnce: async () => {
      // (Histories from before ended a case recorded after the end of the service at once.)
      endIfDue(closing, kernel.today(), endsOn, () => patched('o2r-record-before-end'));
      await kernel.sendNotices();
      if (m.status !== 'entry' && m.status !== 'open') return 'stop';
    },
    publishAfterAtOnce: true,
    nextDue: () => (m.status === 'open' ? nextReviewDue(m)?.due : undefined),
    dated: () =>
      withCatchUp(
        obligations().flatMap((o) => o.actions.map((a) => ({ id: a.id, on: a.on, to: a.to, message: obligationMessage(o, a) }))),
        kernel.sent,
        m.recordedOn,
        kernel.cal.calendar,
        ({ id, to, ...message }: Notice<OpenToReviewRecipient>) => kernel.send(id, to, message),
        `${m.kind === 'open-to-review' ? 'Open to Review case' : 'The series of short breaks'} ${m.caseId} (opened on ${m.openedOn})`,
        // (Histories from before caught up once only: deadlines revealed later were each sent at once.)
        { today: kernel.today(), enabled: () => patched('o2r-catch-up-per-pass') },
        m.imported?.on,
      ),
    // One run per review: the next run carries everything over.
    rest: () => m.reviews.length > reviewsAtStart,
    // The birthday wakes an open case; a record of the past kept open after it must not wake at once, for ever.
    get endsOn() {
      return kernel.today() < endsOn ? endsOn : undefined;
    },
    wakeWhen: () => closing.close !== undefined && (m.status === 'entry' || m.status === 'open'),
    // The statutory record: appended after atOnce, so the pass that ends the case writes its end too.
    facts: () => openToReviewFacts(m),
  };
  await kernel.run(parts);
  // A close that lands now still closes the case (not lost at continue-as-new).
  await kernel.settle(parts);

  if (m.ended && (m.status === 'left' || m.status === 'not-o2r')) {
    const { id, to, ...message } = leavingNotice({ ...m, ended: m.ended });
    await kernel.send(id, to, message);
  } else if (m.ended && !m.legacyRules) {
    // Closed, or the end of the service (18 for a series, 25 for O2R): the caseholder and team manager are told.
    const { id, to, ...message } = endedNotice({ ...m, ended: m.ended });
    await kernel.send(id, to, message);
  }
  if (m.status === 'entry' || m.status === 'open') {
    const sent = pruneSent(kernel.sent, stillMatters(m, obligations()));
    return continueAsNew<typeof openToReviewCase>({ ...input, calendar: kernel.cal.snapshot, carried: { model: m, sent } });
  }
  return state();
}

/** Only ids that can still matter: those of obligations still open, recent ones, and undated notices. */
function stillMatters(model: OpenToReviewModel, open: OpenToReviewObligation[]): (id: string) => boolean {
  const live = new Set(open.flatMap((o) => o.actions.map((a) => a.id)));
  const keepFrom = model.reviews.length ? model.reviews[Math.max(0, model.reviews.length - 3)].heldOn : model.openedOn;
  return (id) => {
    const d = /\/(\d{4}-\d{2}-\d{2})\//.exec(id)?.[1];
    return !d || d >= keepFrom || live.has(id);
  };
}
