/**
 * One Resolution and Escalation dispute (rules.md section C): it starts informally or at a formal
 * stage, tells each stage's recipient and the role alerted, and climbs to the next stage by itself
 * when a stage's deadline passes without resolution. The 20-working-day overall clock warns before
 * it runs out and records a breach; a CAFCASS referral has its own 14-day decision timer.
 *
 * The case kernel runs the loop; the commands, obligations and wording are pure modules here.
 */
import { getExternalWorkflowHandle, patched, setHandler } from '@temporalio/workflow';
import { CaseKernel, DatedAction, Notice, activities } from '../case-kernel/case-kernel';
import { londonDate } from '../calendar/office-hours';
import { CalendarSnapshot, WorkingDayCalendar } from '../calendar/working-day-calendar';
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
import { DisputeAction, disputeActions, disputeObligations, stillOwed } from './obligations';
import { openDispute } from './opening';
import { disputeAddress } from './recipients';
import { DEFAULT_DISPUTE_TIMESCALES, DisputeTimescales, Stage } from './stages';
import {
  cafcassOverdue,
  closedNotice,
  finalStageOverdue,
  judgeResponse,
  judgementOverdue,
  overallBreach,
  overallWarning,
  stageAnnouncement,
} from './wording';

export interface DisputeInput extends DisputeStart {
  calendar: CalendarSnapshot;
  timescales?: DisputeTimescales;
}

export async function resolutionAndEscalation(input: DisputeInput): Promise<DisputeState> {
  // Disputes started before responses were judged (and stages climbed on their deadline) keep those rules.
  const legacy = !patched('dispute-responses-judged');
  const t = input.timescales ?? DEFAULT_DISPUTE_TIMESCALES;
  const s = openDispute(input, londonDate(Date.now()), new WorkingDayCalendar(input.calendar), t);
  const kernel = new CaseKernel<string>({ caseId: s.disputeId, calendar: input.calendar, address: (role) => disputeAddress(s, role) });
  const state = (): DisputeState => ({ ...s, sent: [...kernel.sent] });
  setHandler(disputeStateQuery, state);

  const ctx = (): DisputeContext => ({ ...kernel.context(), timescales: t, legacy });
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

  /** What each obligation's action does: the dispute climbs a stage, or people are told (and a breach is recorded). */
  const dated = (a: DisputeAction): DatedAction => {
    const stage = s.stages[s.stages.length - 1];
    const effect = async (): Promise<void> => {
      // A command that landed while the loop awaited an activity may have made this action stale (no skipped stage, nothing after resolution).
      if (!stillOwed(a, s, t, kernel.cal.calendar, { legacy }) && patched('dispute-stale-actions')) return;
      switch (a.kind) {
        case 'climb':
          return enterStage(s, (s.stage + 1) as Stage, 'no-response', ctx());
        case 'final-stage-overdue':
          return send(finalStageOverdue(s, stage));
        case 'judge-response':
          return send(
            judgeResponse(
              s,
              s.responses.find((r) => r.stage === s.stage && r.on >= stage.enteredOn)!,
              a.due!,
            ),
          );
        case 'judgement-overdue':
          return send(judgementOverdue(s, a.due!));
        case 'overall-warning':
          return send(overallWarning(s, a.daysLeft!));
        case 'overall-breach':
          recordBreach(s, kernel.context());
          await send(overallBreach(s));
          return project();
        case 'cafcass-overdue':
          return send(cafcassOverdue(s.cafcass!));
      }
    };
    return { id: a.id, on: a.on, effect };
  };

  await project();
  let announced = 0;
  let projectedStages = s.stages.length;
  await kernel.run({
    nextDue: () => s.overallDue,
    atOnce: async () => {
      if (s.status !== 'open') return 'stop';
      while (announced < s.stages.length) await send(stageAnnouncement(s, s.stages[announced++]));
      if (projectedStages !== s.stages.length) {
        projectedStages = s.stages.length;
        await project();
      }
    },
    clockAfterAtOnce: true,
    dated: () => disputeActions(disputeObligations(s, t, kernel.cal.calendar, { legacy })).map(dated),
    // A climb changes what follows: one action, then everything is recomputed.
    oneActionPerPass: true,
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
    await kernel.run({
      nextDue: () => s.cafcass!.decisionDue,
      atOnce: async () => (s.cafcass!.decision ? 'stop' : undefined),
      dated: () => disputeActions(disputeObligations(s, t, kernel.cal.calendar, { legacy })).map(dated),
    });
    await kernel.settle();
  }
  return state();
}
