/**
 * One looked-after review cycle per period of care (rules.md section A, L1-L18). The cycle keeps
 * what is known of the child's reviews (model.ts), works out everything still owed and when to
 * chase it (obligations.ts), and runs on the case kernel: it sleeps until the next morning that
 * something falls due, and sends it. Every command is an Update whose validator names the rule it
 * would break (commands/). Each review held continues the workflow as new, so a cycle that runs for
 * 18 years keeps a short history; it ends when the child stops being looked after or turns 18.
 */
import { condition, continueAsNew, patched, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import { CaseKernel, PassParts, activities, pruneSent } from '../case-kernel/case-kernel';
import { CalendarSnapshot } from '../calendar/working-day-calendar';
import { disputeClosed } from '../dispute/messages';
import { IRO } from '../search-attributes';
import { PolicyProfile } from '../timescales/policy-profile';
import { cycleAtOnce, eighteenNow } from './at-once';
import { bookReviewCommand, adjournReviewCommand } from './commands/booking';
import { Ending, ceaseLookedAfterCommand } from './commands/cease';
import { CycleContext } from './commands/common';
import { answerDecisionsCommand, resolveDisagreementCommand } from './commands/decisions';
import { disputeClosedApply } from './commands/dispute-closed';
import { allocateSocialWorkerCommand, appointIroCommand } from './commands/iro-and-social-worker';
import { bringForwardCommand, changePlacementCommand } from './commands/placement';
import { planEndOfCareCommand } from './commands/planned-end';
import { recordReviewHeldCommand } from './commands/review-held';
import { respondToStarredCommand } from './commands/starred-recommendations';
import { completeTaskCommand } from './commands/tasks';
import { datedActions, followUpOwed, keepSent } from './dated-actions';
import {
  CycleStart,
  CycleState,
  CycleSummary,
  adjournReview,
  allocateSocialWorker,
  answerDecisions,
  appointIro,
  bookReview,
  bringForward,
  ceaseLookedAfter,
  changePlacement,
  completeTask,
  cycleStateQuery,
  planEndOfCare,
  recordReviewHeld,
  resolveDisagreement,
  respondToStarred,
} from './messages';
import { legacyOf, withoutLegacy } from './legacy';
import { applyImported } from './imported';
import { lateForIndicator } from './indicator';
import { CycleModel, ageOn, eighteenthBirthday, initialModel } from './model';
import { obligations, openAgenda, openReviewDue } from './obligations';
import { Recipient, addressOf } from './recipients';
import { lookedAfterFacts, openReviewDates } from './record';
import { iroAppointment, iroUnitNotification } from './review-follow-up';
import { requestFirstReview } from './wording';

export interface CycleInput extends CycleStart {
  /** The authority's profile as it was when the cycle started: a later edit does not move running deadlines. */
  profile: PolicyProfile;
  /** The calendar at start; newer ones arrive by signal or are read before anything is sent. */
  calendar: CalendarSnapshot;
  /** Set by continue-as-new. */
  carried?: { model: CycleModel; sent: string[] };
  /** Started (or continued) with issue 11's corrections: no patch marker needed (its payload is not encrypted). */
  correctedRules?: true;
}

export async function lookedAfterReviewCycle(input: CycleInput): Promise<CycleSummary> {
  const { cycleId, profile } = input;
  const model: CycleModel = input.carried?.model ?? initialModel(input);
  // Issue 11's corrections (L7, L8, L12-L14, L16, L20): a run that began on older code keeps the old behaviour.
  const legacy = !input.correctedRules && !patched('looked-after-statutory-corrections');
  // Facts recorded with their own dates (a next meeting booked on the day of the review, L12's resume chase): newer runs only.
  model.legacy = legacyOf(
    patched('lac-decision-owners'),
    patched('lac-disagreement-in-writing'),
    patched('lac-effective-dates'),
    patched('lac-follow-up-after-18'),
  );
  const kernel = new CaseKernel<Recipient>({
    caseId: cycleId,
    calendar: input.calendar,
    sent: input.carried?.sent,
    address: addressOf(model),
  });
  // L16: the day the cycle was entered (a period of care entered after the 18th birthday is a record of the past).
  if (!input.carried && !legacy) model.enteredOn = kernel.today();
  const heldAtStart = model.reviewsHeld.length;
  const ctx = (): CycleContext => ({ ...kernel.context(), profile, ...(legacy ? { legacy } : {}) });
  // Go-live import: the history is applied now, so its reviews reach the reporting projection at the end of this run.
  if (!input.carried && input.imported) applyImported(model, input.imported, input.by, ctx());
  const calendar = () => kernel.cal.calendar;

  const state = (): CycleState => ({
    ...withoutLegacy(model),
    iroUnitNotification: iroUnitNotification(model, profile, calendar()),
    iroAppointment: iroAppointment(model, profile, calendar()),
    calendarRevision: calendar().revision,
    nextReview: { ...openReviewDue(model, profile, calendar()), reviewNumber: model.open.number },
    obligations: obligations(model, profile, calendar(), legacy),
    agenda: openAgenda(model, profile, calendar()),
    sent: [...kernel.sent],
  });
  setHandler(cycleStateQuery, state);

  // Commands, in the procedure's order.
  kernel.command(appointIro, model, appointIroCommand, ctx, ({ staffId }) => {
    // The IRO's caseload is found by search attribute.
    upsertSearchAttributes([{ key: IRO, value: staffId }]);
    return state();
  });
  kernel.command(allocateSocialWorker, model, allocateSocialWorkerCommand, ctx, state);
  kernel.command(changePlacement, model, changePlacementCommand, ctx, state);
  kernel.command(bringForward, model, bringForwardCommand, ctx, state);
  kernel.command(planEndOfCare, model, planEndOfCareCommand, ctx, state);
  kernel.command(bookReview, model, bookReviewCommand, ctx, state);
  kernel.command(adjournReview, model, adjournReviewCommand, ctx, state);
  kernel.command(completeTask, model, completeTaskCommand, ctx, state);
  kernel.command(recordReviewHeld, model, recordReviewHeldCommand, ctx, () => ({
    review: model.reviewsHeld[model.reviewsHeld.length - 1],
    nextDue: openReviewDue(model, profile, calendar()).due,
  }));
  kernel.command(answerDecisions, model, answerDecisionsCommand, ctx, state);
  kernel.command(resolveDisagreement, model, resolveDisagreementCommand, ctx, state);
  kernel.command(respondToStarred, model, respondToStarredCommand, ctx, state);

  setHandler(disputeClosed, (closed) => {
    disputeClosedApply(model, closed);
    kernel.changed();
  });

  const ending: Ending = { model };
  let endNoticesSent = false;
  setHandler(
    ceaseLookedAfter,
    async (cease) => {
      ceaseLookedAfterCommand.apply(ending, cease, ctx());
      kernel.changed();
      // Answer once everyone has been told and the cycle has closed its books.
      await condition(() => endNoticesSent);
      return summary();
    },
    { validator: (cease) => ceaseLookedAfterCommand.validate(ending, cease, ctx()) },
  );

  function summary(): CycleSummary {
    const late = model.reviewsHeld.filter((r) => !r.onTime);
    return {
      cycleId,
      status: model.status,
      ended: model.ended,
      reviewsHeld: model.reviewsHeld.length,
      reviewsOnTime: model.reviewsHeld.length - late.length,
      lateReviews: late.map((r) => ({ reviewNumber: r.reviewNumber, due: r.due, heldOn: r.heldOn })),
    };
  }

  // L1: the IRO unit is asked for the "20 day LAC review" at once (not for an imported child whose reviews are under way).
  const underWay = model.reviewsHeld.length > 0 || model.open.booking !== undefined;
  if (!input.carried && !(input.imported && underWay))
    await kernel.send('request-first-review', ['iro-unit'], requestFirstReview(model, openReviewDue(model, profile, calendar())));

  // L18: the reporting projection knows the open review (once per run and when its date moves), so one never held fails the child.
  let openRecorded: string | undefined;
  async function recordOpenReview(): Promise<void> {
    if (model.status !== 'active') return;
    // L12: adjourned by its due date, the review is judged by its resume date until then.
    const { reviewNumber, due, statutoryDue } = openReviewDates(model, profile, calendar(), () => patched('lac-open-review-adjourned'));
    const open = { cycleId, childId: model.child.childId, team: model.child.team, reviewNumber, due, statutoryDue };
    if (JSON.stringify(open) === openRecorded || !patched('lac-open-review-record')) return;
    await activities.recordOpenReview(open);
    openRecorded = JSON.stringify(open);
  }

  const adultOn = eighteenthBirthday(model.child.dateOfBirth);
  const atOnce = cycleAtOnce({
    kernel,
    ending,
    profile,
    adultOn,
    ended: async () => {
      // The statutory record has the end before the cease is answered (so the cycle completes on this pass).
      await kernel.record(parts);
      endNoticesSent = true;
    },
    legacy,
  });
  const parts: PassParts<Recipient> = {
    nextDue: () => (model.status === 'active' ? openReviewDue(model, profile, calendar()).due : undefined),
    atOnce: async () => {
      // L13: a cycle about to end (the same test as atOnce's) cancels its review with the care, before the end notice answers the cease.
      if (
        model.status === 'active' &&
        (ending.cease || eighteenNow(model, kernel.today(), adultOn, profile, calendar())) &&
        patched('lac-open-review-record')
      )
        await activities.recordOpenReview({ cycleId, ended: true, endedOn: ending.cease?.on ?? adultOn });
      return (await atOnce()) === 'stop' ? 'stop' : recordOpenReview();
    },
    dated: () =>
      datedActions(
        model,
        profile,
        calendar(),
        () => kernel.today(),
        () => kernel.changed(),
        legacy,
        () => patched('lac-no-arrears-sends'),
      ),
    rest: () => model.reviewsHeld.length > heldAtStart,
    // The 18th birthday wakes an active cycle; once ended (following up), a date gone by would wake it at once, for ever.
    get endsOn() {
      return model.status === 'active' && kernel.today() < adultOn ? adultOn : undefined;
    },
    wakeWhen: () => ending.cease !== undefined && model.status === 'active',
    // (Histories from before the lost wake-up fix slept from the count at this point.)
    sleepFrom: (atTop, now) => (patched('wake-on-changes-during-pass') ? atTop : now),
    // The statutory record: appended after atOnce, so a ceased cycle's last pass writes its end too.
    facts: () => lookedAfterFacts(model, profile, calendar()),
  };
  await kernel.run(parts);

  // The reporting projection (L18) holds every review held in this run.
  for (const r of model.reviewsHeld.slice(heldAtStart)) {
    await activities.recordReviewOutcome({
      cycleId,
      team: model.child.team,
      reviewNumber: r.reviewNumber,
      heldOn: r.heldOn,
      due: r.due,
      onTime: r.onTime,
      participation: r.participation,
      ageAtReview: ageOn(model.child.dateOfBirth, r.heldOn),
      childId: model.child.childId,
      lateForIndicator: lateForIndicator(r),
      ...(r.statutoryDue ? { statutoryDue: r.statutoryDue } : {}),
    });
  }
  // A cease that lands now still ends the cycle (its handler answers once the end notices are sent).
  await kernel.settle(parts);
  // L13: a ceased cycle with reviews still being followed up carries on in a new run.
  if (model.status !== 'active' && (legacy || !followUpOwed(model, profile, calendar()))) return summary();
  // One run per review: the next run starts from the review just held with everything carried over.
  return continueAsNew<typeof lookedAfterReviewCycle>({
    ...input,
    imported: undefined,
    calendar: kernel.cal.snapshot,
    carried: { model, sent: pruneSent(kernel.sent, keepSent(model)) },
    ...(legacy ? {} : { correctedRules: true as const }),
  });
}
