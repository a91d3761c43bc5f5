/**
 * What the cycle does at once at the top of each pass, in this order (running histories depend on
 * it): end the cycle (L13 ceased, L16 at 18) with its end notice; for each review held, the notices
 * its facts call for and the L10/L11 disputes to open; the L7 postponement quality assurance; the
 * L23 unplanned move; a catch-up notice for deadlines that passed before the cycle knew of them.
 */
import { ParentClosePolicy, patched, startChild } from '@temporalio/workflow';
import { IsoDate, addDays, addYears } from '../calendar/iso-date';
import { CaseKernel, Message } from '../case-kernel/case-kernel';
import { DisputeCategory, disputeTimescales } from '../dispute/stages';
import { resolutionAndEscalation } from '../dispute/resolution-and-escalation';
import { CASE_KIND, CaseKind, TEAM } from '../search-attributes';
import { PolicyProfile } from '../timescales/policy-profile';
import { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { Ending, endCycle } from './commands/cease';
import { CycleModel, HeldReview } from './model';
import { followUpOwed } from './dated-actions';
import { END_NOTICE_TO, Recipient } from './recipients';
import { catchUpNotices, staleActions } from './catch-up';
import { obligations, openReviewDue } from './obligations';
import { recipientOf } from './review-follow-up';
import { disputeSummary, endNotice, postponementQa, reviewNotice, unplannedMove } from './wording';

export interface AtOnceParts {
  kernel: CaseKernel<Recipient>;
  ending: Ending;
  profile: PolicyProfile;
  adultOn: IsoDate;
  /** Told once the end notices have gone (the cease command answers then, once the end is recorded). */
  ended(): void | Promise<void>;
  /** A run started before issue 11's corrections stops at once when the child ceases to be looked after. */
  legacy?: boolean;
}

export function cycleAtOnce({ kernel, ending, profile, adultOn, ended, legacy }: AtOnceParts): () => Promise<'stop' | void> {
  const { model } = ending;
  const cycleId = model.cycleId;
  const notified = { postponementQa: model.postponementDates.length };

  /** Starts the Resolution and Escalation dispute (its own workflow, which outlives this run), dated when it arose. */
  async function openDispute(h: HeldReview, source: 'L10' | 'L11', category: DisputeCategory, summary: string): Promise<string> {
    const openedOn = disputeOpenedOn(h, source, kernel.cal.calendar, kernel.today());
    const disputeId = `${cycleId}-r${h.reviewNumber}-${source.toLowerCase()}`;
    await startChild(resolutionAndEscalation, {
      workflowId: disputeId,
      parentClosePolicy: ParentClosePolicy.ABANDON,
      typedSearchAttributes: [
        { key: CASE_KIND, value: CaseKind.resolutionAndEscalation },
        { key: TEAM, value: model.child.team },
      ],
      args: [
        {
          disputeId,
          child: { childId: model.child.childId, team: model.child.team },
          category,
          summary,
          startStage: 1,
          seriousSafeguarding: false,
          iro: model.iro?.staffId ?? 'iro-unit',
          socialWorker: model.socialWorker?.staffId,
          source,
          cycleId,
          reviewNumber: h.reviewNumber,
          calendar: kernel.cal.snapshot,
          profileId: profile.id,
          timescales: disputeTimescales(profile.resolutionAndEscalation),
          ...(openedOn ? { openedOn } : {}),
        },
      ],
    });
    kernel.log(model.events, `dispute ${disputeId} opened (${source})`, source);
    return disputeId;
  }

  async function reviewNotices(h: HeldReview) {
    const notice = async (when: boolean, to: Recipient[], m: Message) => {
      if (!when || h.notices.includes(m.kind)) return;
      await kernel.send(`r${h.reviewNumber}/${m.kind}`, to, m);
      h.notices.push(m.kind);
    };
    await notice(h.starredRecommendations.length > 0, ['principal-manager', 'strategic-manager'], reviewNotice.starredRecommendations(h));
    if (h.starredRecommendations.length > 0 && !h.starred) h.starred = { notifiedOn: kernel.today() };
    // L10 / L11: a disagreement not settled, or starred recommendations not agreed, opens a dispute (section C).
    if (h.disagreement?.status === 'dispute-to-open' && !h.disagreement.disputeId && patched('cycle-opens-disputes')) {
      h.disagreement.disputeId = await openDispute(h, 'L10', 'practice', disputeSummary.L10(h));
      h.disagreement.status = 'dispute-open';
    }
    if (h.starred?.disputeToOpen && !h.starred.disputeId && patched('cycle-opens-disputes')) {
      h.starred.disputeId = await openDispute(h, 'L11', 'strategic', disputeSummary.L11(h));
    }
    await notice(h.chair.as === 'team-manager', ['iro'], reviewNotice.chairedByTeamManager(h));
    // L10: in writing to the IRO and everyone recorded as attending (running cycles: the IRO only).
    const attendees = model.legacy?.disagreement ? [] : (h.attendees ?? []).map((a) => recipientOf(a, model));
    await notice(h.teamManager?.response === 'disagreed', ['iro', ...attendees], reviewNotice.disagreement(h));
    await notice(h.disagreement?.status === 'dispute-to-open', ['iro', 'iro-unit-manager'], reviewNotice.disputeToOpen(h));
  }

  return async () => {
    if (model.status === 'active' && (ending.cease || eighteenNow(model, kernel.today(), adultOn, profile, kernel.cal.calendar))) {
      const { reason, rule } = endCycle(ending, adultOn, { today: kernel.today(), legacy });
      kernel.changed();
      await kernel.send(`end/${model.status}`, END_NOTICE_TO, endNotice(model, reason, rule));
      await ended();
      if (legacy) return 'stop';
    }
    // L13: the review to come is cancelled, but reviews already held are followed up to the end.
    if (model.status !== 'active' && !followUpOwed(model, profile, kernel.cal.calendar)) return 'stop';
    // Facts recorded by commands that tell someone at once (each once: the review remembers).
    for (const h of model.reviewsHeld) await reviewNotices(h);
    // L7: a second postponement within 12 months goes to the service manager (quality assurance).
    if (model.postponementDates.length > notified.postponementQa) {
      notified.postponementQa = model.postponementDates.length;
      const latest = model.postponementDates[model.postponementDates.length - 1];
      const yearAgo = addYears(latest, -1);
      const inYear = model.postponementDates.filter((d) => d > yearAgo).length;
      if (inYear >= 2)
        await kernel.send(`postponement-qa/${model.postponementDates.length}`, ['service-manager'], postponementQa(inYear, latest));
    }
    // L23: an unplanned move is told to the IRO at once, asking whether to bring the review forward.
    for (const [i, c] of model.placementChanges.entries()) {
      if (!c.unplanned || c.iroToldOn) continue;
      await kernel.send(`placement-change/${i + 1}/unplanned`, ['iro'], unplannedMove(c));
      c.iroToldOn = kernel.today();
    }
    // Deadlines that passed before the cycle knew of them: one catch-up notice per recipient.
    const today = kernel.today();
    // Imported at go-live: on the import day, what falls today is folded too (one notice per recipient).
    const importDay = model.imported?.on === today;
    const foldBefore = importDay ? addDays(today, 1) : today;
    const stale = staleActions(obligations(model, profile, kernel.cal.calendar), kernel.sent, foldBefore);
    if (stale.length && patched('lac-catch-up-notices')) {
      // (Histories from before named each day's catch-up by recipient only, so a second one that day was lost.)
      const perPass = patched('lac-catch-up-per-pass');
      for (const { to, message, of } of catchUpNotices(stale, today))
        // An import's catch-ups are named as such: the mail gathers them into each person's morning digest, not one email a child.
        await kernel.send(`catch-up/${importDay ? 'go-live/' : ''}${today}/${to}${perPass ? `/${of}` : ''}`, [to], message);
      for (const { a } of stale) kernel.sent.add(a.id);
    }
  };
}

/**
 * L16: the cycle ends on the 18th birthday. A period of care entered after that birthday (recorded
 * after the fact) is a record of the past: it runs on while a review due before the birthday is
 * still open, so the reviews held before it can be recorded, and ends once none is.
 */
export function eighteenNow(
  model: CycleModel,
  today: IsoDate,
  adultOn: IsoDate,
  profile: PolicyProfile,
  calendar: WorkingDayCalendar,
  recordsThePast = () => patched('lac-record-before-18'),
): boolean {
  if (today < adultOn) return false;
  const pastRecord = model.enteredOn !== undefined && model.enteredOn >= adultOn;
  return !(pastRecord && openReviewDue(model, profile, calendar).due < adultOn && recordsThePast());
}

/**
 * Section C from L10/L11: the day the dispute arose, when before today (a fact recorded later): L10
 * the day the IRO found the disagreement needs a dispute; L11 the working day after the 10 working
 * days for agreement ran out (the day the IRO registers it, as a live cycle does). Absent: today.
 */
export function disputeOpenedOn(h: HeldReview, source: 'L10' | 'L11', calendar: WorkingDayCalendar, today: IsoDate): IsoDate | undefined {
  const concern = h.starred?.concern?.on;
  const on = source === 'L10' ? h.disagreement?.on : concern && calendar.addWorkingDays(calendar.addWorkingDays(concern, 10), 1);
  return on && on < today ? on : undefined;
}
