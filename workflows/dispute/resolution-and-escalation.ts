/**
 * One Resolution and Escalation dispute (rules.md section C): it starts informally or at a formal
 * stage, tells each stage's recipient and the role alerted, and climbs to the next stage by itself
 * when a stage's deadline passes without resolution. The 20-working-day overall clock warns before
 * it runs out and records a breach; a CAFCASS referral has its own 14-day decision timer.
 */
import { allHandlersFinished, condition, getExternalWorkflowHandle, proxyActivities, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { followCalendar } from '../case-kernel/case-calendar';
import { IsoDate } from '../calendar/iso-date';
import { londonDate, londonTime } from '../calendar/office-hours';
import { CalendarSnapshot } from '../calendar/working-day-calendar';
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
import { DEFAULT_DISPUTE_TIMESCALES, DisputeTimescales, STAGE_DEFS, Stage, overallDeadline, stageDeadline } from './stages';
import { NEXT_DUE } from '../search-attributes';
import { deadlineAfter } from '../timescales/interval';
import { refuse, staff, text } from '../case-kernel/validation';

export interface DisputeInput extends DisputeStart {
  calendar: CalendarSnapshot;
  timescales?: DisputeTimescales;
}

const { notify, loadCalendar, recordDispute } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', maximumInterval: '5 minutes' },
});

export async function resolutionAndEscalation(input: DisputeInput): Promise<DisputeState> {
  const t = input.timescales ?? DEFAULT_DISPUTE_TIMESCALES;
  const cal = followCalendar(input.calendar, () => { changes++; });
  const today = () => londonDate(Date.now());
  const openedOn = today();
  // E4: a serious safeguarding issue goes to stage 2 at least.
  const startStage: Stage = input.seriousSafeguarding && input.startStage < 2 ? 2 : input.startStage;
  const s: DisputeState = {
    ...input,
    startStage,
    status: 'open',
    openedOn,
    stage: startStage,
    stages: [{ stage: startStage, enteredOn: openedOn, due: stageDeadline(cal.calendar, t, startStage, openedOn), how: 'opened' }],
    overallDue: overallDeadline(cal.calendar, t, openedOn),
    responses: [],
    events: [{ on: openedOn, what: `dispute opened (${input.category}) at ${STAGE_DEFS[startStage].name}${startStage !== input.startStage ? ' (serious safeguarding issue: stage 2 at least)' : ''}`, rule: input.source === 'iro' ? 'E1' : input.source, by: input.iro }],
    timescales: t,
    sent: [],
  };
  delete (s as Partial<DisputeInput>).calendar;
  const sent = new Set<string>();
  let changes = 0;
  const log = (what: string, rule?: string, by?: string) => { s.events.push({ on: today(), what, rule, by }); changes++; };
  const state = (): DisputeState => ({ ...s, sent: [...sent] });
  setHandler(disputeStateQuery, state);

  const address = (role: string): string => {
    if (role === 'social-worker' || role === 'team-manager') return `${role}:${s.child.team}`;
    if (role === 'iro') return `user:${s.iro}`;
    return role;
  };
  async function send(id: string, to: string[], rule: string, kind: string, subject: string, body: string, dueDate?: IsoDate) {
    if (sent.has(id)) return;
    for (const a of [...new Set(to.map(address))]) {
      await notify({ id: `${s.disputeId}/${id}/${a}`, recipient: a, caseId: s.disputeId, rule, kind, subject, body, dueDate });
    }
    sent.add(id);
  }
  const project = () => recordDispute({
    disputeId: s.disputeId, team: s.child.team, category: s.category, source: s.source, openedOn: s.openedOn,
    startStage: s.startStage, stage: s.stage, highestStage: Math.max(...s.stages.map((x) => x.stage)),
    status: s.status, outcome: s.outcome?.outcome ?? null, resolvedOn: s.outcome?.on ?? null,
    cafcassReferredOn: s.cafcass?.referredOn ?? null, breachedOn: s.breachedOn ?? null,
  });

  const current = () => s.stages[s.stages.length - 1];
  function enter(stage: Stage, how: 'no-response' | 'escalated-by-iro', by?: string, reason?: string) {
    const entry = { stage, enteredOn: today(), due: stageDeadline(cal.calendar, t, stage, today()), how };
    s.stages.push(entry);
    s.stage = stage;
    log(how === 'no-response'
      ? `no resolution by ${s.stages[s.stages.length - 2].due}: escalated to ${STAGE_DEFS[stage].name}`
      : `escalated by the IRO to ${STAGE_DEFS[stage].name}: ${reason}`, STAGE_DEFS[stage].rule, by);
  }

  setHandler(escalateDispute, ({ toStage, reason, by }) => {
    enter((toStage ?? s.stage + 1) as Stage, 'escalated-by-iro', by, reason);
    return state();
  }, {
    validator: ({ toStage, reason, by }) => {
      if (s.status !== 'open') refuse('disputeId', 'the dispute is closed', 'E6');
      staff('by', by);
      text('reason', reason);
      const to = toStage ?? s.stage + 1;
      if (!Number.isInteger(to) || to < 1 || to > 5) refuse('toStage', `a stage from 1 to 5${s.stage === 5 ? '; stage 5 is the last' : ''}`, 'E5');
      if (to <= s.stage) refuse('toStage', `stage ${to} is not above the current stage (${s.stage})`, 'E5');
    },
  });

  setHandler(recordDisputeResponse, ({ note, by }) => {
    s.responses.push({ on: today(), by, note });
    log(`response at ${STAGE_DEFS[s.stage].name} from ${by}`, STAGE_DEFS[s.stage].rule, by);
    return state();
  }, { validator: ({ note }) => { if (s.status !== 'open') refuse('disputeId', 'the dispute is closed', 'E6'); text('note', note); } });

  setHandler(referToCafcass, ({ reason, by }) => {
    s.cafcass = { referredOn: today(), reason, decisionDue: deadlineAfter(cal.calendar, today(), t.cafcassDecision).date };
    log(`referred to CAFCASS: ${reason}; decision due by ${s.cafcass.decisionDue}`, 'E6', by);
    return state();
  }, {
    validator: ({ reason }) => {
      if (s.status !== 'open') refuse('disputeId', 'the dispute is closed', 'E6');
      if (s.cafcass) refuse('reason', `already referred to CAFCASS on ${s.cafcass.referredOn}`, 'E6');
      text('reason', reason);
    },
  });

  setHandler(recordCafcassDecision, ({ text: decision, by }) => {
    s.cafcass!.decision = { on: today(), text: decision };
    log(`CAFCASS decision recorded: ${decision}`, 'E6', by);
    return state();
  }, {
    validator: ({ text: decision }) => {
      if (!s.cafcass) refuse('text', 'the dispute has not been referred to CAFCASS', 'E6');
      if (s.cafcass.decision) refuse('text', `CAFCASS's decision was recorded on ${s.cafcass.decision.on}`, 'E6');
      text('text', decision);
    },
  });

  setHandler(resolveDispute, ({ outcome, summary, by }) => {
    s.outcome = { on: today(), outcome, summary, by };
    s.status = 'resolved';
    log(`${outcome} at ${STAGE_DEFS[s.stage].name}: ${summary}`, STAGE_DEFS[s.stage].rule, by);
    return state();
  }, {
    validator: ({ outcome, summary }) => {
      if (s.status !== 'open') refuse('disputeId', 'the dispute is already closed', 'E6');
      if (outcome !== 'resolved' && outcome !== 'withdrawn') refuse('outcome', 'resolved or withdrawn');
      text('summary', summary);
    },
  });

  const stageSubject = (stage: Stage) => (stage === 0 ? 'Resolution and Escalation: informal resolution' : `Resolution and Escalation Alert: ${STAGE_DEFS[stage].name}`);
  async function announce(entry: { stage: Stage; enteredOn: IsoDate; due: IsoDate }) {
    const def = STAGE_DEFS[entry.stage];
    const body = `Dispute ${s.disputeId} (${s.category}): ${s.summary}. ${def.name} from ${entry.enteredOn}; a response is needed by ${entry.due}. ` +
      `The whole process is to resolve by ${s.overallDue} (E6).`;
    await send(`stage-${entry.stage}/${entry.enteredOn}`, [...def.to, ...def.alert, 'iro'], def.rule, entry.stage === 0 ? 'informal' : `stage-${entry.stage}`, stageSubject(entry.stage), body, entry.due);
  }

  await project();
  upsertSearchAttributes([{ key: NEXT_DUE, value: new Date(`${s.overallDue}T00:00:00Z`) }]);
  let announced = 0;
  let projectedStages = s.stages.length;
  while (s.status === 'open') {
    // Changes made while this pass awaits an activity must wake the sleep below, not be missed.
    const seen = changes;
    while (announced < s.stages.length) await announce(s.stages[announced++]);
    if (projectedStages !== s.stages.length) { projectedStages = s.stages.length; await project(); }
    const now = Date.now();
    const stage = current();
    const actions: { id: string; on: IsoDate; run: () => Promise<void> }[] = [];
    // E2-E5: no resolution by the stage's deadline: up to the next stage by itself.
    if (s.stage < 5) {
      actions.push({ id: `climb/${stage.stage}/${stage.enteredOn}`, on: cal.calendar.addWorkingDays(stage.due, 1), run: async () => enter((s.stage + 1) as Stage, 'no-response') });
    } else {
      actions.push({ id: `final-stage-overdue/${stage.enteredOn}`, on: cal.calendar.addWorkingDays(stage.due, 1), run: () => send(`notice/final-stage-overdue/${stage.enteredOn}`, ['head-of-paid-service', 'iro'], 'E5', 'final-stage-overdue', 'Resolution and Escalation: no resolution at stage 5', `Dispute ${s.disputeId} has had no resolution at stage 5 by ${stage.due}. The IRO may refer to CAFCASS (E6).`, stage.due) });
    }
    // E6: warnings before the 20 working days run out, then the breach.
    for (const n of t.overallWarnings) {
      const on = cal.calendar.workingDaysBefore(s.overallDue, n);
      actions.push({ id: `overall-warning/${n}`, on, run: () => send(`notice/overall-warning/${n}`, ['iro', ...STAGE_DEFS[s.stage].to], 'E6', 'overall-warning', `Resolution and Escalation: ${n} working day${n === 1 ? '' : 's'} left`, `Dispute ${s.disputeId} is to resolve by ${s.overallDue} (20 working days, E6); it is at ${STAGE_DEFS[s.stage].name}.`, s.overallDue) });
    }
    actions.push({
      id: 'overall-breach', on: cal.calendar.addWorkingDays(s.overallDue, 1), run: async () => {
        s.breachedOn = today();
        log(`not resolved within 20 working days (due ${s.overallDue}): breach recorded`, 'E6');
        await send('notice/overall-breach', ['iro', 'iro-unit-manager', ...STAGE_DEFS[s.stage].to], 'E6', 'overall-breach', 'Resolution and Escalation: 20 working days passed', `Dispute ${s.disputeId} was not resolved by ${s.overallDue} (E6). It is at ${STAGE_DEFS[s.stage].name}. Consider a referral to CAFCASS.`, s.overallDue);
        await project();
      },
    });
    if (s.cafcass && !s.cafcass.decision) {
      const c = s.cafcass;
      actions.push({ id: `cafcass-overdue/${c.referredOn}`, on: cal.calendar.addWorkingDays(c.decisionDue, 1), run: () => send(`notice/cafcass-overdue/${c.referredOn}`, ['iro', 'iro-unit-manager'], 'E6', 'cafcass-overdue', 'CAFCASS decision overdue', `Referred to CAFCASS on ${c.referredOn}; its decision was due by ${c.decisionDue} (14 days, E6).`, c.decisionDue) });
    }
    const pending = actions.filter((a) => !sent.has(a.id));
    const ready = pending.filter((a) => londonTime(a.on) <= now);
    if (ready.length) {
      if (await cal.refreshOnce(now, loadCalendar)) continue;
      const a = ready.sort((x, y) => x.on.localeCompare(y.on))[0];
      await a.run();
      // Marked done after it ran; the messages it sent are marked under their own ids.
      sent.add(a.id);
      continue;
    }
    if (pending.length === 0) {
      await condition(() => changes !== seen);
    } else {
      const wakeAt = Math.min(...pending.map((a) => londonTime(a.on)));
      await condition(() => changes !== seen, Math.max(1, wakeAt - Date.now()));
    }
  }

  // Closed: the people at the current stage and a cycle that opened it are told.
  await send('closed', ['iro', ...STAGE_DEFS[s.stage].to], STAGE_DEFS[s.stage].rule, 'dispute-closed', `Resolution and Escalation: dispute ${s.outcome!.outcome}`, `Dispute ${s.disputeId} was ${s.outcome!.outcome} on ${s.outcome!.on} at ${STAGE_DEFS[s.stage].name}: ${s.outcome!.summary}`);
  await project();
  await condition(allHandlersFinished);
  if (s.cycleId) {
    try {
      await getExternalWorkflowHandle(s.cycleId).signal(disputeClosed, { disputeId: s.disputeId, reviewNumber: s.reviewNumber, outcome: s.outcome!.outcome, on: s.outcome!.on });
    } catch {
      // The cycle has ended (the child is no longer looked after): nothing to tell.
    }
  }
  return state();
}
