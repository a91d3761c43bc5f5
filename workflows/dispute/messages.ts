/**
 * The Resolution and Escalation dispute's messages, defined once for the workflow and the API.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { IsoDate } from '../calendar/iso-date';
import { DisputeCategory, DisputeTimescales, Stage } from './stages';

export interface DisputeStart {
  disputeId: string;
  child: { childId: string; team: string };
  category: DisputeCategory;
  summary: string;
  /** 0 (informal) to 5; a serious safeguarding issue starts at stage 2 or later (E4). */
  startStage: Stage;
  seriousSafeguarding: boolean;
  /** The IRO who raised it (staff id). */
  iro: string;
  /** How it was opened: by an IRO, or by a looked-after cycle (L10 disagreement, L11 starred recommendation). */
  source: 'iro' | 'L10' | 'L11';
  cycleId?: string;
  reviewNumber?: number;
  /** The policy profile whose section C timescales apply (the cycle's, or the authority's default). */
  profileId?: string;
  /** E3: the child's allocated social worker (staff id); absent, stage 1 goes to the team's address. */
  socialWorker?: string;
  /** E3: stage 1's alert carries the actions agreed in the conversation and their timescales. */
  agreedActions?: AgreedAction[];
  /** E4/E5: from stage 2 the alert carries the expected outcome and its timeframe (updated at stage 3). */
  expectedOutcome?: ExpectedOutcome;
  /** Go-live import: open in the previous system, at `startStage` since this day (its deadline counts from it; already announced there). */
  imported?: { stageEnteredOn: IsoDate };
}

export interface AgreedAction {
  action: string;
  by: IsoDate;
}
export interface ExpectedOutcome {
  outcome: string;
  by: IsoDate;
}

export interface StageEntry {
  stage: Stage;
  enteredOn: IsoDate;
  due: IsoDate;
  how: 'opened' | 'no-response' | 'escalated-by-iro';
}

export interface DisputeState extends DisputeStart {
  status: 'open' | 'resolved';
  openedOn: IsoDate;
  /** Opened on a past date: the day it was recorded (what fell due before then is caught up at that day's close). */
  recordedOn?: IsoDate;
  stage: Stage;
  stages: StageEntry[];
  /** The timescales in force for this dispute, fixed when it opened. */
  timescales: DisputeTimescales;
  /** E6: the whole process resolves within 20 working days. */
  overallDue: IsoDate;
  breachedOn?: IsoDate;
  cafcass?: { referredOn: IsoDate; reason: string; decisionDue: IsoDate; decision?: { on: IsoDate; text: string } };
  /** E2-E5: each response, at the stage it answered (a response is for the IRO to judge). */
  responses: { on: IsoDate; by: string; note: string; stage?: Stage }[];
  outcome?: { on: IsoDate; outcome: 'resolved' | 'withdrawn'; summary: string; by: string };
  events: { on: IsoDate; what: string; rule?: string; by?: string }[];
  sent: string[];
}

export const disputeStateQuery = defineQuery<DisputeState>('disputeState');

interface By {
  by: string;
}
/** The date the fact happened, when recorded after it (default today): not in the future, in order with the dispute's facts. */
interface On {
  on?: IsoDate;
}
/** Escalating to stage 1 may give the agreed actions; to stage 2 or above the expected outcome (required if none yet). */
export type EscalateInput = { toStage?: Stage; reason: string; agreedActions?: AgreedAction[]; expectedOutcome?: ExpectedOutcome } & On &
  By;
export type ResponseInput = { note: string } & On & By;
export type CafcassReferralInput = { reason: string } & On & By;
export type CafcassDecisionInput = { text: string } & On & By;
export type ResolveInput = { outcome: 'resolved' | 'withdrawn'; summary: string } & On & By;

/** E5: the IRO escalates early, or skips stages. */
export const escalateDispute = defineUpdate<DisputeState, [EscalateInput]>('escalateDispute');
export const recordDisputeResponse = defineUpdate<DisputeState, [ResponseInput]>('recordDisputeResponse');
/** E6: a referral to CAFCASS at any point; CAFCASS decides within 14 days. */
export const referToCafcass = defineUpdate<DisputeState, [CafcassReferralInput]>('referToCafcass');
export const recordCafcassDecision = defineUpdate<DisputeState, [CafcassDecisionInput]>('recordCafcassDecision');
export const resolveDispute = defineUpdate<DisputeState, [ResolveInput]>('resolveDispute');

/** Sent to the looked-after cycle that opened the dispute when it closes. */
export const disputeClosed = defineSignal<[{ disputeId: string; reviewNumber?: number; outcome: string; on: IsoDate }]>('disputeClosed');
