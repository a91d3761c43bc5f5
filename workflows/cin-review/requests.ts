/**
 * What each CIN review request takes (rules.md section D), declared once: the API parses bodies with
 * these and the OpenAPI document is generated from them. D1-D2's requirements are left optional
 * here so that the start's refusal can name every unmet one at once (422), not just the first.
 */
import { z } from 'zod';
import type { UpdateDefinition } from '@temporalio/common';
import { Assignable, By, CHILD_ID, TEAM_ID, bool, date, oneOf, staffId, text } from '../case-kernel/request-fields';
import type * as m from './messages';
import { APPROVER_ROLES, ATTENDANCE, CIN_CRITERIA, CIN_ENDINGS } from './model';

const member = (description: string) =>
  text({ max: 40, pattern: /^[a-z0-9][a-z0-9-]{0,39}$/, hint: 'a short key: school, health-visitor', description });

export const CinStartRequest = z.strictObject({
  childId: text({ max: 64, pattern: CHILD_ID, hint: "the case system's opaque id (letters, digits, '-' or '_'), never a name" }),
  team: text({ max: 64, pattern: TEAM_ID, hint: 'a team code' }).optional(),
  socialWorker: staffId("the allocated social worker's"),
  iro: staffId("the chairing IRO's"),
  criteria: z
    .array(oneOf(CIN_CRITERIA, { rule: 'D1' }), { error: 'a list of criteria' })
    .max(5)
    .meta({ 'x-rule': 'D1', description: 'D1: the criteria that hold' })
    .optional(),
  outsideCriteriaReason: text({ rule: 'D1', description: 'D1: outside the criteria, why an IRO chair adds value' }).optional(),
  approvedBy: z
    .strictObject({ staffId: staffId("the approver's"), role: oneOf(APPROVER_ROLES, { rule: 'D2' }) }, { error: 'an object' })
    .meta({ 'x-rule': 'D2', description: 'D2: the team manager or consultant social worker who approved' })
    .optional(),
  agreedBy: staffId("the IRO unit member's", {
    rule: 'D2',
    description: 'D2: who agreed for the IRO unit (default: the caller, if the IRO unit)',
  }).optional(),
  steppedDownFrom: text({
    max: 28,
    pattern: /^lac-[0-9a-f]{24}$/,
    hint: 'a looked-after cycle id',
    description: 'D1: the looked-after cycle this case steps down from (supervision order)',
  }).optional(),
  profile: z.string({ error: 'a policy profile id' }).optional(),
  openedOn: date({
    rule: 'D2',
    description:
      'recorded after the fact: the day the IRO chair was agreed (default today; never in the future, nor before the looked-after cycle it steps down from ended); the first date is chased from it, and what fell due before today is caught up once, the next working day',
  }).optional(),
});
export type CinStartRequest = z.infer<typeof CinStartRequest>;

/** Recorded after the fact: the day it happened. */
const on = (rule: string, what: string) =>
  date({
    rule,
    description: `recorded after the fact: ${what} (default today; never in the future, nor before the case opened)`,
  }).optional();

export const FirstDateRequest = z.strictObject({
  on: on('D3', 'the day the first date was agreed (the date may not be before it)'),
  date: date({ rule: 'D3' }),
  venue: text({ max: 200 }),
  invited: z.array(member('care team member'), { error: 'a list' }).max(50),
});
export type FirstDateRequest = z.infer<typeof FirstDateRequest>;
export const MoveRequest = z.strictObject({
  on: on('D4', 'the day the date was moved: not before it was set, nor after the date it moves'),
  to: date({ rule: 'D4' }),
  reason: text({ rule: 'D4', description: 'D4: only when absolutely necessary' }),
});
export type MoveRequest = z.infer<typeof MoveRequest>;

export const CinReviewRequest = z.strictObject({
  heldOn: date(),
  chair: staffId("the chair's", { description: 'default: the caller' }).optional(),
  socialWorkerPresent: bool({ rule: 'D5' }),
  presentInstead: z
    .strictObject({ staffId: staffId('a'), role: oneOf(['social-worker', 'team-manager'], { rule: 'D5' }) }, { error: 'an object' })
    .meta({ description: 'D5: a social worker or team manager who knows the case well' })
    .optional(),
  careTeam: z
    .array(
      z.strictObject(
        { member: member('the member'), attendance: oneOf(ATTENDANCE, { rule: 'D5' }), deputy: text({ max: 200 }).optional() },
        { error: 'an object' },
      ),
      { error: 'a list' },
    )
    .max(50),
  nextDate: date({ rule: 'D4', description: 'D4: agreed at the meeting' }),
  note: text().optional(),
});
export type CinReviewRequest = z.infer<typeof CinReviewRequest>;

export const CinTaskRequest = z.strictObject({
  key: text({ max: 80, description: 'r<n>/documents/<document> or r<n>/report/<member>' }),
  on: date({ description: 'default today' }).optional(),
});
export type CinTaskRequest = z.infer<typeof CinTaskRequest>;
export const ReportRequestRequest = z.strictObject({
  agency: member('D6: the agency asked for a report'),
  on: on('D6', 'the day it was asked for: not before the last review held (it is for the next)'),
});
export type ReportRequestRequest = z.infer<typeof ReportRequestRequest>;
export const EndRequest = z.strictObject({
  on: date({ description: 'default today' }).optional(),
  outcome: oneOf(CIN_ENDINGS),
  summary: text(),
});
export type EndRequest = z.infer<typeof EndRequest>;

type In<U> = U extends UpdateDefinition<unknown, [infer I], string> ? I : never;
type Today = { on: string };
export const requestsFitUpdates: [
  Assignable<FirstDateRequest & By, In<typeof m.agreeFirstDate>>,
  Assignable<MoveRequest & By, In<typeof m.moveReview>>,
  Assignable<CinReviewRequest & { chair: string } & By, In<typeof m.recordCinReview>>,
  Assignable<CinTaskRequest & Today & By, In<typeof m.completeCinTask>>,
  Assignable<ReportRequestRequest & By, In<typeof m.requestReport>>,
  Assignable<EndRequest & Today & By, In<typeof m.endCin>>,
] = [true, true, true, true, true, true];
