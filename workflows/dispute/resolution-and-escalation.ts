/**
 * One Resolution and Escalation dispute (rules.md section C): it starts informally or at a formal
 * stage, tells each stage's recipient and the role alerted, and climbs to the next stage by itself
 * at the close of a stage's deadline day when nobody has responded. The 20-working-day overall clock
 * warns before it runs out and records a breach; a CAFCASS referral has its own 14-day decision
 * timer. Opened on a past date, what fell due before it was recorded is caught up once, the next
 * working day (catch-up.ts); notices a fact recorded later calls for, whose days have gone by, are
 * caught up in one pass. A fact dated `on` meets the dispute as it stood that day (commands/history.ts).
 * A bank holiday proclaimed while it runs moves the deadlines still to come (calendar-change.ts).
 *
 * The case kernel runs the loop; the commands, obligations and wording are pure modules here.
 */
import { getExternalWorkflowHandle, patched, setHandler } from '@temporalio/workflow';
import { CaseKernel, DatedAction, Notice, activities } from '../case-kernel/case-kernel';
import { IsoDate } from '../calendar/iso-date';
import { londonDate } from '../calendar/office-hours';
import { CalendarSnapshot, WorkingDayCalendar } from '../calendar/working-day-calendar';
import { deadlinesOnCalendar, moveDeadlines } from './calendar-change';
import { cafcassDecision, cafcassReferral } from './commands/cafcass';
import { DisputeContext, enterStage, recordBreach } from './commands/context';
import { escalate } from './commands/escalate';
import { resolve } from './commands/resolve';
import { response } from './commands/response';
import {
  DisputeStart,
  DisputeState,
  disputeClosed,
  disputeStateQuery,
  escalateDispute,
  recordCafcassDecision,
  recordDisputeResponse,
  referToCafcass,
  resolveDispute,
} from './messages';
import { actionNotice, arrears, catchUpNotices, firstCatchUpId, firstCatchUpOn, laterCatchUpId, staleNotices } from './catch-up';
import { DisputeAction, DisputeRules, disputeActions, disputeObligations, stillOwed } from './obligations';
import { openDispute } from './opening';
import { disputeAddress } from './recipients';
import { disputeFacts } from './record';
import { DEFAULT_DISPUTE_TIMESCALES, DisputeTimescales, Stage } from './stages';
import { closedNotice, overallBreach, stageAnnouncement } from './wording';

export interface DisputeInput extends DisputeStart {
  calendar: CalendarSnapshot;
  timescales?: DisputeTimescales;
  /** Recorded after the fact: the day it opened (default today; never in the future). */
  openedOn?: IsoDate;
}

export async function resolutionAndEscalation(input: DisputeInput): Promise<DisputeState> {
  // Disputes started before responses were judged (and stages climbed on their deadline) keep those rules;
  // those started before climbs moved to the close of the deadline day keep 09:00 and one chase of a judgement.
  const legacy = !patched('dispute-responses-judged');
  const rules: DisputeRules = legacy ? 'legacy' : patched('dispute-climb-at-close') ? 'current' : 'issue-11';
  // Those started before a late fact was applied on its date (climbs before it, a premature climb undone) keep the stage current when recorded.
  const lateFactsAsRecorded = !patched('dispute-facts-on-their-dates');
  const t = input.timescales ?? DEFAULT_DISPUTE_TIMESCALES;
  const today = londonDate(Date.now());
  const s = openDispute(input, input.openedOn ?? today, new WorkingDayCalendar(input.calendar), t, today);
  const kernel: CaseKernel<string> = new CaseKernel<string>({
    caseId: s.disputeId,
    calendar: input.calendar,
    address: (role) => disputeAddress(s, role),
    // A holiday proclaimed while it runs moves the deadlines still to come (histories from before kept those counted when set).
    calendarChanged: () => {
      const moves = deadlinesOnCalendar(s, t, kernel.cal.calendar, kernel.today());
      if (moves.length && patched('dispute-follows-calendar')) moveDeadlines(s, moves, kernel.context());
    },
  });
  const state = (): DisputeState => ({ ...s, sent: [...kernel.sent] });
  setHandler(disputeStateQuery, state);

  const ctx = (): DisputeContext => ({ ...kernel.context(), timescales: t, legacy, lateFactsAsRecorded });
  kernel.command(escalateDispute, s, escalate, ctx, state);
  kernel.command(recordDisputeResponse, s, response, ctx, state);
  kernel.command(referToCafcass, s, cafcassReferral, ctx, state);
  kernel.command(recordCafcassDecision, s, cafcassDecision, ctx, state);
  kernel.command(resolveDispute, s, resolve, ctx, state);

  const send = ({ id, to, ...message }: Notice) => kernel.send(id, to, message);
  // The reporting projection of the dispute (stage reached, breach, outcome).
  const project = () =>
    activities.recordDispute({
      disputeId: s.disputeId,
      team: s.child.team,
      category: s.category,
      source: s.source,
      openedOn: s.openedOn,
      startStage: s.startStage,
      stage: s.stage,
      highestStage: Math.max(...s.stages.map((x) => x.stage)),
      status: s.status,
      outcome: s.outcome?.outcome ?? null,
      resolvedOn: s.outcome?.on ?? null,
      cafcassReferredOn: s.cafcass?.referredOn ?? null,
      breachedOn: s.breachedOn ?? null,
    });

  const obligations = () => disputeObligations(s, t, kernel.cal.calendar, { rules, today: kernel.today() });
  /** What each obligation's action does: the dispute climbs a stage, or people are told (and a breach is recorded). */
  const dated = (a: DisputeAction): DatedAction => {
    const effect = async (): Promise<void> => {
      // A command that landed while the loop awaited an activity may have made this action stale (no skipped stage, nothing after resolution).
      if (!stillOwed(a, s, t, kernel.cal.calendar, { rules, today: kernel.today() }) && patched('dispute-stale-actions')) return;
      switch (a.kind) {
        case 'climb':
          return enterStage(s, (s.stage + 1) as Stage, 'no-response', ctx());
        case 'overall-breach':
          // Already recorded by a fact dated after it (history.ts): not twice.
          if (!s.breachedOn) recordBreach(s, kernel.context());
          await send(overallBreach(s));
          return project();
        default:
          return send(actionNotice(s, a)!);
      }
    };
    return { id: a.id, on: a.on, ...(a.hour === undefined ? {} : { hour: a.hour }), effect };
  };
  /** Opened on a past date: what fell due before it was recorded, caught up once the next working day. */
  const catchUp = async (): Promise<void> => {
    const late = arrears(disputeActions(obligations()), kernel.sent, s.recordedOn!);
    for (const n of catchUpNotices(s, late, kernel.today())) await send(n);
    for (const a of late) kernel.sent.add(a.id);
    // A command that landed while the notices went (a resolution, an escalation, a response) may have made the climb or the breach stale.
    const owed = (a: DisputeAction) => stillOwed(a, s, t, kernel.cal.calendar, { rules, today: kernel.today() });
    const changes = late.filter((a) => a.kind === 'overall-breach' || a.kind === 'climb');
    const recheck = changes.some((a) => !owed(a)) && patched('dispute-catch-up-recheck');
    const due = changes.filter((a) => !recheck || owed(a));
    const breach = due.find((a) => a.kind === 'overall-breach');
    if (breach && !s.breachedOn) recordBreach(s, kernel.context(), breach.on);
    if (due.some((a) => a.kind === 'climb')) enterStage(s, (s.stage + 1) as Stage, 'no-response', ctx());
    if (breach) await project();
  };
  /** Notices a fact recorded later called for, whose day has gone by: one catch-up per pass, at once. */
  const laterCatchUp = (all: DisputeAction[]): DatedAction[] | undefined => {
    const today = kernel.today();
    const stale = staleNotices(all, kernel.sent, today);
    if (!stale.length || !patched('dispute-catch-up-per-pass')) return undefined;
    const id = laterCatchUpId(today, stale);
    const effect = async (): Promise<void> => {
      for (const n of catchUpNotices(s, stale, today, id)) await send(n);
      for (const a of stale) kernel.sent.add(a.id);
    };
    return [{ id, on: today, effect }, ...all.filter((a) => !stale.includes(a)).map(dated)];
  };
  const actions = (): DatedAction[] => {
    const all = disputeActions(obligations());
    const first = firstCatchUpId(s, kernel.today());
    const late = s.recordedOn && !kernel.sent.has(first) ? arrears(all, kernel.sent, s.recordedOn) : [];
    if (!late.length) return laterCatchUp(all) ?? all.map(dated);
    const caughtUp = { id: first, on: firstCatchUpOn(s, kernel.cal.calendar), effect: catchUp };
    return [caughtUp, ...all.filter((a) => !late.includes(a)).map(dated)];
  };

  await project();
  let announced = 0;
  let projectedStages = s.stages.length;
  await kernel.run({
    nextDue: () => s.overallDue,
    atOnce: async () => {
      if (s.status !== 'open') return 'stop';
      // A premature climb undone (history.ts): the stage entered next is announced.
      announced = Math.min(announced, s.stages.length);
      while (announced < s.stages.length) {
        const entry = s.stages[announced++];
        // Recorded after the fact, a stage whose deadline had passed by then is not announced now (the catch-up says it);
        // imported at go-live, the stage it was at was announced in the previous system.
        const importedStage = s.imported && entry.how === 'opened';
        if (!(s.recordedOn && entry.due < s.recordedOn) && !importedStage) await send(stageAnnouncement(s, entry));
      }
      if (projectedStages !== s.stages.length) {
        projectedStages = s.stages.length;
        await project();
      }
    },
    clockAfterAtOnce: true,
    dated: actions,
    // A climb changes what follows: one action, then everything is recomputed.
    oneActionPerPass: true,
    // The statutory record: appended after atOnce, so the pass that stops on a resolution writes it too.
    facts: () => disputeFacts(s),
  });

  // Closed: the people at the current stage and a cycle that opened it are told.
  await send(closedNotice(s));
  await project();
  await kernel.settle();
  if (s.cycleId) {
    try {
      await getExternalWorkflowHandle(s.cycleId).signal(disputeClosed, {
        disputeId: s.disputeId,
        reviewNumber: s.reviewNumber,
        outcome: s.outcome!.outcome,
        on: s.outcome!.on,
      });
    } catch {
      // The cycle has ended (the child is no longer looked after): nothing to tell.
    }
  }
  // E6: resolved with CAFCASS still to decide: its chase is kept, and the decision can still be recorded.
  if (s.cafcass && !s.cafcass.decision && patched('dispute-cafcass-after-resolution')) {
    // Resolved on a past date: a decision overdue before the dispute was recorded is caught up like the rest, not chased at once.
    const caughtUp = patched('dispute-cafcass-catch-up');
    await kernel.run({
      nextDue: () => s.cafcass!.decisionDue,
      atOnce: async () => (s.cafcass!.decision ? 'stop' : undefined),
      dated: () => (caughtUp ? actions() : disputeActions(obligations()).map(dated)),
      facts: () => disputeFacts(s),
    });
    await kernel.settle();
  }
  return state();
}
