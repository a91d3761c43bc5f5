/**
 * What a dispute says to people: each stage's alert, the final stage overdue, the E6 warnings and
 * breach, CAFCASS's decision overdue, and the closing notice. Pure.
 */
import type { Notice } from '../case-kernel/case-kernel';
import { DisputeState, StageEntry } from './messages';
import { STAGE_DEFS, Stage } from './stages';

type Dispute = Pick<DisputeState, 'disputeId' | 'category' | 'summary' | 'overallDue' | 'stage'>;

const stageSubject = (stage: Stage) =>
  stage === 0 ? 'Resolution and Escalation: informal resolution' : `Resolution and Escalation Alert: ${STAGE_DEFS[stage].name}`;

/** E2-E5: the stage's recipient and those alerted, and the IRO. */
export function stageAnnouncement(s: Dispute, entry: Pick<StageEntry, 'stage' | 'enteredOn' | 'due'>): Notice {
  const def = STAGE_DEFS[entry.stage];
  const body =
    `Dispute ${s.disputeId} (${s.category}): ${s.summary}. ${def.name} from ${entry.enteredOn}; a response is needed by ${entry.due}. ` +
    `The whole process is to resolve by ${s.overallDue} (E6).`;
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
