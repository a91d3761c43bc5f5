/**
 * What a dispute says to people: each stage's alert (stage 1 with the agreed actions and timescales,
 * from stage 2 the expected outcome and timeframe), the IRO's prompt to judge a response and its
 * chase, the final stage overdue, the E6 warnings and breach, CAFCASS's decision overdue, and the
 * closing notice. Pure.
 */
import type { Notice } from '../case-kernel/case-kernel';
import { DisputeState, StageEntry } from './messages';
import { STAGE_DEFS, Stage } from './stages';

type Dispute = Pick<DisputeState, 'disputeId' | 'category' | 'summary' | 'overallDue' | 'stage'> &
  Partial<Pick<DisputeState, 'socialWorker' | 'agreedActions' | 'expectedOutcome'>>;

const stageSubject = (stage: Stage) =>
  stage === 0 ? 'Resolution and Escalation: informal resolution' : `Resolution and Escalation Alert: ${STAGE_DEFS[stage].name}`;

/** E2-E5: the stage's recipient and those alerted, and the IRO. */
export function stageAnnouncement(s: Dispute, entry: Pick<StageEntry, 'stage' | 'enteredOn' | 'due'>): Notice {
  const def = STAGE_DEFS[entry.stage];
  const body =
    `Dispute ${s.disputeId} (${s.category}): ${s.summary}. ${def.name} from ${entry.enteredOn}; a response is needed by ${entry.due}. ` +
    `The whole process is to resolve by ${s.overallDue} (E6).` +
    stageDetails(s, entry.stage);
  return {
    id: `stage-${entry.stage}/${entry.enteredOn}`,
    to: [...def.to, ...def.alert, 'iro'],
    rule: def.rule,
    kind: entry.stage === 0 ? 'informal' : `stage-${entry.stage}`,
    subject: stageSubject(entry.stage),
    body,
    dueDate: entry.due,
  };
}

/** E3: stage 1 carries the agreed actions and timescales; E4/E5: from stage 2 the expected outcome and timeframe. */
function stageDetails(s: Dispute, stage: Stage): string {
  const lines: string[] = [];
  if (stage === 1) {
    lines.push(
      s.agreedActions?.length
        ? `Agreed actions and timescales: ${s.agreedActions.map((a) => `${a.action} (by ${a.by})`).join('; ')}.`
        : 'Agreed actions and timescales: not recorded; the IRO is to confirm them.',
    );
  }
  if (stage >= 2) {
    lines.push(
      s.expectedOutcome
        ? `Expected outcome: ${s.expectedOutcome.outcome}, by ${s.expectedOutcome.by}.`
        : 'Expected outcome and timeframe: not recorded; the IRO is to confirm them.',
    );
  }
  if (STAGE_DEFS[stage].to.includes('social-worker') && !s.socialWorker) {
    lines.push("The child's allocated social worker is not recorded: sent to the team's social work address.");
  }
  return lines.map((l) => ` ${l}`).join('');
}

/** E2-E5: a response was recorded; the IRO judges it: resolved, or escalate. */
export function judgeResponse(s: Dispute, r: { on: string; by: string; note: string }, due: string): Notice {
  return {
    id: `notice/judge-response/${s.stage}/${r.on}`,
    to: ['iro'],
    rule: STAGE_DEFS[s.stage].rule,
    kind: 'response-to-judge',
    subject: `Resolution and Escalation: a response at ${STAGE_DEFS[s.stage].name} to judge`,
    body:
      `Dispute ${s.disputeId}: ${r.by} responded on ${r.on}: ${r.note}. The dispute no longer climbs by itself: ` +
      `record it as resolved, or escalate it, by ${due}.`,
    dueDate: due,
  };
}

/** E2-E5: the IRO has not judged the response in time (`chasedOn`: a chase after the first, until it is judged). */
export function judgementOverdue(s: Dispute, due: string, chasedOn?: string): Notice {
  return {
    id: `notice/judgement-overdue/${s.stage}/${due}${chasedOn ? `/${chasedOn}` : ''}`,
    to: ['iro', 'iro-unit-manager'],
    rule: STAGE_DEFS[s.stage].rule,
    kind: 'judgement-overdue',
    subject: `Resolution and Escalation: response at ${STAGE_DEFS[s.stage].name} not yet judged`,
    body:
      `Dispute ${s.disputeId}: the response at ${STAGE_DEFS[s.stage].name} was to be judged (resolved, or escalate) by ${due}.` +
      (chasedOn ? ` Still not judged on ${chasedOn}: the IRO and the IRO unit manager are chased until it is.` : ''),
    dueDate: due,
  };
}

/** E5: no resolution at stage 5 by its deadline. */
export function finalStageOverdue(s: Dispute, stage: Pick<StageEntry, 'enteredOn' | 'due'>): Notice {
  return {
    id: `notice/final-stage-overdue/${stage.enteredOn}`,
    to: ['head-of-paid-service', 'iro'],
    rule: 'E5',
    kind: 'final-stage-overdue',
    subject: 'Resolution and Escalation: no resolution at stage 5',
    body: `Dispute ${s.disputeId} has had no resolution at stage 5 by ${stage.due}. The IRO may refer to CAFCASS (E6).`,
    dueDate: stage.due,
  };
}

/** E6: `n` working days left of the 20. */
export function overallWarning(s: Dispute, n: number): Notice {
  return {
    id: `notice/overall-warning/${n}`,
    to: ['iro', ...STAGE_DEFS[s.stage].to],
    rule: 'E6',
    kind: 'overall-warning',
    subject: `Resolution and Escalation: ${n} working day${n === 1 ? '' : 's'} left`,
    body: `Dispute ${s.disputeId} is to resolve by ${s.overallDue} (20 working days, E6); it is at ${STAGE_DEFS[s.stage].name}.`,
    dueDate: s.overallDue,
  };
}

/** E6: the 20 working days have passed. */
export function overallBreach(s: Dispute): Notice {
  return {
    id: 'notice/overall-breach',
    to: ['iro', 'iro-unit-manager', ...STAGE_DEFS[s.stage].to],
    rule: 'E6',
    kind: 'overall-breach',
    subject: 'Resolution and Escalation: 20 working days passed',
    body: `Dispute ${s.disputeId} was not resolved by ${s.overallDue} (E6). It is at ${STAGE_DEFS[s.stage].name}. Consider a referral to CAFCASS.`,
    dueDate: s.overallDue,
  };
}

/** E6: CAFCASS has not decided within its 14 days. */
export function cafcassOverdue(c: NonNullable<DisputeState['cafcass']>): Notice {
  return {
    id: `notice/cafcass-overdue/${c.referredOn}`,
    to: ['iro', 'iro-unit-manager'],
    rule: 'E6',
    kind: 'cafcass-overdue',
    subject: 'CAFCASS decision overdue',
    body: `Referred to CAFCASS on ${c.referredOn}; its decision was due by ${c.decisionDue} (14 days, E6).`,
    dueDate: c.decisionDue,
  };
}

/** Closed: the people at the current stage are told. */
export function closedNotice(s: Dispute & Pick<DisputeState, 'outcome'>): Notice {
  const o = s.outcome!;
  return {
    id: 'closed',
    to: ['iro', ...STAGE_DEFS[s.stage].to],
    rule: STAGE_DEFS[s.stage].rule,
    kind: 'dispute-closed',
    subject: `Resolution and Escalation: dispute ${o.outcome}`,
    body: `Dispute ${s.disputeId} was ${o.outcome} on ${o.on} at ${STAGE_DEFS[s.stage].name}: ${o.summary}`,
  };
}
