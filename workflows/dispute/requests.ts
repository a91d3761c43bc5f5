/**
 * What each Resolution and Escalation request takes (rules.md section C), declared once: the API
 * parses bodies with these, the OpenAPI document is generated from them, and the checks at the
 * end keep them in step with the Updates' inputs.
 */
import { z } from 'zod';
import type { UpdateDefinition } from '@temporalio/common';
import { Assignable, By, CHILD_ID, TEAM_ID, bool, date, oneOf, staffId, text } from '../case-kernel/request-fields';
import type * as m from './messages';
import type { Stage } from './stages';

const STAGES = ['informal', '1', '2', '3', '4', '5'];
/** "informal" or 1 to 5 (as text or a number), as the stage number (informal is 0). */
const stage = z
  .union([z.string(), z.number()], { error: '"informal" or a stage from 1 to 5 (E2-E5)' })
  .transform((v) => String(v))
  .refine((s) => STAGES.includes(s), { error: '"informal" or a stage from 1 to 5 (E2-E5)' })
  .transform((s) => (s === 'informal' ? 0 : Number(s)) as Stage)
  .meta({ 'x-rule': 'E5', description: 'informal, or 1 to 5' });

/** E3: the actions agreed in the conversation, each with its timescale. */
const agreedActions = z
  .array(z.strictObject({ action: text(), by: date({ description: 'the date the action is to be done by' }) }), {
    error: 'a list of { action, by }',
  })
  .min(1, 'at least one agreed action')
  .meta({ 'x-rule': 'E3', description: 'stage 1: the agreed actions and timescales' });
/** E4: what the IRO expects, and by when. */
const expectedOutcome = z
  .strictObject({ outcome: text(), by: date({ description: 'the timeframe: the date the outcome is expected by' }) })
  .meta({ 'x-rule': 'E4', description: 'from stage 2: the expected outcome and timeframe' });

export const DisputeStartRequest = z.strictObject({
  cycleId: text({
    max: 40,
    pattern: /^lac-[0-9a-f]{24}$/,
    hint: 'a looked-after cycle id',
    description: 'the looked-after cycle (or childId and team)',
  }).optional(),
  childId: text({ max: 64, pattern: CHILD_ID, hint: "the case system's opaque id, never a name" }).optional(),
  team: text({ max: 64, pattern: TEAM_ID, hint: 'a team code' }).optional(),
  category: oneOf(['practice', 'judgement', 'clarification-of-accountability', 'strategic'], { rule: 'E1' }),
  summary: text(),
  startStage: stage.optional(),
  seriousSafeguarding: bool().optional(),
  socialWorker: staffId("the child's allocated social worker's", {
    rule: 'E3',
    description: "stage 1's alert goes to them (default: the cycle's allocated social worker)",
  }).optional(),
  agreedActions: agreedActions.optional().meta({ description: 'required when the dispute opens at stage 1' }),
  expectedOutcome: expectedOutcome.optional().meta({ description: 'required when the dispute opens at stage 2 or above' }),
  openedOn: date({
    rule: 'E6',
    description:
      'recorded after the fact: the day it opened (default today; not in the future, nor before the cycle began, nor before 2011-04-01); its stage deadlines and the 20 working days count from it, and what passed before today is caught up once, the next working day',
  }).optional(),
});
export type DisputeStartRequest = z.infer<typeof DisputeStartRequest>;

/** Recorded after the fact: the day it happened. */
const on = (rule: string, what: string) =>
  date({ rule, description: `recorded after the fact: the day ${what} (default today; never in the future)` }).optional();

export const EscalateRequest = z.strictObject({
  on: on(
    'E5',
    'the dispute was escalated: the stages unanswered by their deadlines before then climbed first (at the close of each deadline day); the new stage is entered then and its deadline counts from it; not before the current stage or the latest response',
  ),
  toStage: stage.optional().meta({ description: 'default: the next stage' }),
  reason: text(),
  agreedActions: agreedActions.optional().meta({ description: 'stage 1: the agreed actions and timescales' }),
  expectedOutcome: expectedOutcome
    .optional()
    .meta({ description: 'stage 2 and above: required unless already recorded; escalating to stage 3 may update it' }),
});
export type EscalateRequest = z.infer<typeof EscalateRequest>;
export const ResponseRequest = z.strictObject({
  note: text(),
  on: on(
    'E2-E5',
    "the response came: it answers the stage open that day (stages unanswered by earlier deadlines climbed first; not before it was entered); on the deadline day it is in time, and a climb at that day's close recorded before it is undone",
  ),
});
export type ResponseRequest = z.infer<typeof ResponseRequest>;
export const CafcassRequest = z.strictObject({
  reason: text(),
  on: on('E6', 'of the referral: the 14 days for the decision count from it; not before the dispute opened'),
});
export type CafcassRequest = z.infer<typeof CafcassRequest>;
export const CafcassDecisionRequest = z.strictObject({ text: text(), on: on('E6', "of CAFCASS's decision; not before the referral") });
export type CafcassDecisionRequest = z.infer<typeof CafcassDecisionRequest>;
export const ResolveRequest = z.strictObject({
  outcome: oneOf(['resolved', 'withdrawn']),
  summary: text(),
  on: on(
    'E6',
    'it was resolved or withdrawn, at the stage open that day (stages unanswered by earlier deadlines climbed first): not before the current stage, the latest response or a CAFCASS referral; within the 20 working days, a breach recorded meanwhile is withdrawn',
  ),
});
export type ResolveRequest = z.infer<typeof ResolveRequest>;

// Each request, with who sent it, is what its Update takes.
type In<U> = U extends UpdateDefinition<unknown, [infer I], string> ? I : never;
export const requestsFitUpdates: [
  Assignable<EscalateRequest & By, In<typeof m.escalateDispute>>,
  Assignable<ResponseRequest & By, In<typeof m.recordDisputeResponse>>,
  Assignable<CafcassRequest & By, In<typeof m.referToCafcass>>,
  Assignable<CafcassDecisionRequest & By, In<typeof m.recordCafcassDecision>>,
  Assignable<ResolveRequest & By, In<typeof m.resolveDispute>>,
] = [true, true, true, true, true];
