/**
 * Resolution and Escalation (rules.md section C, E1-E6): the stages, who each goes to and who is
 * alerted, and their deadlines. Pure; the dispute workflow imports it.
 */
import { IsoDate } from '../calendar/iso-date';
import { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { Interval, deadlineAfter } from '../timescales/interval';
import type { ResolutionAndEscalationTimescales } from '../timescales/policy-profile';

/** E1 */
export const DISPUTE_CATEGORIES = ['practice', 'judgement', 'clarification-of-accountability', 'strategic'] as const;
export type DisputeCategory = (typeof DISPUTE_CATEGORIES)[number];

/** 0 is the informal stage (E2); 1-5 the formal stages (E3-E5). */
export type Stage = 0 | 1 | 2 | 3 | 4 | 5;
export const STAGES: readonly Stage[] = [0, 1, 2, 3, 4, 5];

export interface StageDef {
  stage: Stage;
  rule: string;
  name: string;
  /** Who the stage is addressed to... */
  to: string[];
  /** ...and who is alerted (copied). */
  alert: string[];
}

/** E2-E5. Team-scoped addresses are completed with the child's team when sent. */
export const STAGE_DEFS: Record<Stage, StageDef> = {
  0: { stage: 0, rule: 'E2', name: 'informal resolution', to: ['social-worker', 'team-manager'], alert: [] },
  1: { stage: 1, rule: 'E3', name: 'stage 1', to: ['social-worker'], alert: ['team-manager'] },
  2: { stage: 2, rule: 'E4', name: 'stage 2', to: ['area-service-manager'], alert: ['safeguarding-service-manager'] },
  3: { stage: 3, rule: 'E5', name: 'stage 3', to: ['deputy-director'], alert: ['safeguarding-manager'] },
  4: { stage: 4, rule: 'E5', name: 'stage 4', to: ['director'], alert: ['deputy-director-safeguarding'] },
  5: { stage: 5, rule: 'E5', name: 'stage 5', to: ['head-of-paid-service'], alert: ['director-of-childrens-services'] },
};

export interface DisputeTimescales {
  /** E2: how long informal resolution may take before stage 1 (per authority). */
  informal: Interval;
  /** E4: stage 2 answers within 5 working days at most. Stages 1, 3, 4, 5: per authority. */
  stageResponse: Record<1 | 2 | 3 | 4 | 5, Interval>;
  /** E6: the whole process resolves within 20 working days. */
  overall: Interval;
  /** E6: warnings this many working days before the overall deadline. */
  overallWarnings: number[];
  /** E6: CAFCASS decides within 14 days. */
  cafcassDecision: Interval;
  /** E2-E5: a response recorded at a stage is for the IRO to judge (resolved, or escalate) within this (per authority). */
  judgement?: Interval;
}

export const DEFAULT_DISPUTE_TIMESCALES: DisputeTimescales = {
  informal: { workingDays: 5 },
  stageResponse: { 1: { workingDays: 5 }, 2: { workingDays: 5 }, 3: { workingDays: 5 }, 4: { workingDays: 5 }, 5: { workingDays: 5 } },
  overall: { workingDays: 20 },
  overallWarnings: [5, 1],
  cafcassDecision: { days: 14 },
  judgement: { workingDays: 2 },
};

/** E2-E5: a judgement not given by its deadline is chased again this often until it is (IRO and IRO unit manager). */
export const JUDGEMENT_CHASE: Interval = { workingDays: 2 };

/** A profile's section C timescales over the defaults (which are the statutory profile's). */
export function disputeTimescales(section?: ResolutionAndEscalationTimescales): DisputeTimescales {
  const d = DEFAULT_DISPUTE_TIMESCALES;
  if (!section) return d;
  return {
    ...d,
    informal: section.informal ?? d.informal,
    stageResponse: {
      1: section.stage1 ?? d.stageResponse[1],
      2: section.stage2 ?? d.stageResponse[2],
      3: section.stage3 ?? d.stageResponse[3],
      4: section.stage4 ?? d.stageResponse[4],
      5: section.stage5 ?? d.stageResponse[5],
    },
    overall: section.overall ?? d.overall,
    judgement: section.responseJudgement ?? d.judgement,
  };
}

/** When the current stage must have answered by (the last compliant day). */
export function stageDeadline(calendar: WorkingDayCalendar, t: DisputeTimescales, stage: Stage, enteredOn: IsoDate): IsoDate {
  const interval = stage === 0 ? t.informal : t.stageResponse[stage];
  return deadlineAfter(calendar, enteredOn, interval).date;
}

/** E2-E5: when the IRO must have judged a response first recorded on `respondedOn`. */
export function judgementDeadline(calendar: WorkingDayCalendar, t: DisputeTimescales, respondedOn: IsoDate): IsoDate {
  return deadlineAfter(calendar, respondedOn, t.judgement ?? DEFAULT_DISPUTE_TIMESCALES.judgement!).date;
}

export function overallDeadline(calendar: WorkingDayCalendar, t: DisputeTimescales, openedOn: IsoDate): IsoDate {
  return deadlineAfter(calendar, openedOn, t.overall).date;
}
