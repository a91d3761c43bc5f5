/**
 * What each Open to Review request takes (rules.md section B, L19), declared once: the API parses
 * bodies with these, the OpenAPI document is generated from them, and the checks at the end keep
 * them in step with the Updates' inputs.
 */
import { z } from 'zod';
import type { UpdateDefinition } from '@temporalio/common';
import { Assignable, By, CHILD_ID, TEAM_ID, bool, date, hoursPerWeek, oneOf, staffId, text } from '../case-kernel/request-fields';
import type * as m from './messages';

const need = (hint: string) => bool({ hint: '(O1)', rule: 'O1', description: hint });
/** O1: the criteria a case must meet to move to O2R; every failure is listed. */
export const Eligibility = z
  .strictObject(
    {
      stable: need('no ongoing social care input beyond assessed services'),
      clearOutcomes: need('clear outcomes in the care plan'),
      safeguardingConcerns: need('true makes the case ineligible'),
      lookedAfter: need('true makes the case ineligible'),
      continuingCare: need('true makes the case ineligible'),
      unstableHealth: need('true makes the case ineligible'),
      lifeLimitingIllness: need("true: eligible only with the parents' or carers' agreement (parentsAgree)"),
      parentsAgree: need('needed with a life-limiting illness').optional(),
      significantOvernightShortBreaks: need('significant overnight short breaks'),
      overnightBreaksStableAndWorking: need('with significant overnight breaks').optional(),
    },
    {
      error:
        'required: stable, clearOutcomes, safeguardingConcerns, lookedAfter, continuingCare, unstableHealth, lifeLimitingIllness, parentsAgree, significantOvernightShortBreaks, overnightBreaksStableAndWorking (O1)',
    },
  )
  .meta({ 'x-rule': 'O1' });

export const PackageRequest = z.strictObject(
  { overnightShortBreaks: bool({ rule: 'O6' }), hoursPerWeek: hoursPerWeek({ rule: 'O6' }) },
  { error: 'an object' },
);
export type PackageRequest = z.infer<typeof PackageRequest>;
/** Recorded after the fact: the day it happened (default today; never in the future, nor before the case opened). */
const on = (rule: string, what: string) =>
  date({
    rule,
    description: `recorded after the fact: ${what} (default today; never in the future, nor before the case opened)`,
  }).optional();
/** O6: the package changes (`on`: the day it did). */
export const PackageChangeRequest = PackageRequest.extend({ on: on('O6', 'the day the package changed; not before the last review') });
export type PackageChangeRequest = z.infer<typeof PackageChangeRequest>;

const common = {
  childId: text({ max: 64, pattern: CHILD_ID, hint: "the case system's opaque id (letters, digits, '-' or '_'), never a name" }),
  dateOfBirth: date(),
  team: text({ max: 64, pattern: TEAM_ID, hint: 'a team code' }),
  caseholder: staffId("the O2R social worker's", { description: "the O2R social worker's (or allocated worker's) staff id" }),
  profile: z.string({ error: 'a policy profile id' }).meta({ description: 'policy profile id (kent: the O6 variant)' }).optional(),
  openedOn: date({
    rule: 'O2',
    description:
      'recorded after the fact: the day the case opened (O2R: proposed and the family written to, the window for representations counted from it; default today; never in the future, nor before the date of birth); what fell due before today is caught up once, the next working day',
  }).optional(),
};

/** O1-O2: a case moves to Open to Review. */
export const OpenToReviewStartRequest = z.strictObject({
  kind: z.literal('open-to-review', { error: 'one of open-to-review, short-breaks-series' }).optional(),
  ...common,
  rationale: text({ description: 'O2: the rationale written to the family' }),
  eligibility: Eligibility,
  ehcpAnnualReviewOn: date({ description: 'O3: the face-to-face review is timed with it' }).optional(),
  package: PackageRequest.optional(),
});
export type OpenToReviewStartRequest = z.infer<typeof OpenToReviewStartRequest>;

/** Go-live import (docs/import.md): a case already in O2R; O1 was judged in the previous system, so no eligibility here. */
export const ImportedOpenToReviewRequest = z.strictObject({
  ...common,
  openedOn: date({ rule: 'O2', description: 'the day O2R was proposed and the family written to' }),
  ehcpAnnualReviewOn: OpenToReviewStartRequest.shape.ehcpAnnualReviewOn,
  package: PackageRequest.optional(),
});
export type ImportedOpenToReviewRequest = z.infer<typeof ImportedOpenToReviewRequest>;

/** L19: a series of short breaks starts. */
export const ShortBreaksSeriesStartRequest = z.strictObject({
  kind: z.literal('short-breaks-series', { error: 'one of open-to-review, short-breaks-series' }),
  ...common,
  firstBreakOn: date({ description: 'L19: the first short break of the series' }),
});
export type ShortBreaksSeriesStartRequest = z.infer<typeof ShortBreaksSeriesStartRequest>;

/** Either start; `kind` (default open-to-review) says which. */
export const OpenToReviewCaseStartRequest = z.union([OpenToReviewStartRequest, ShortBreaksSeriesStartRequest]);
export type OpenToReviewCaseStartRequest = z.infer<typeof OpenToReviewCaseStartRequest>;
export const START_KINDS = ['open-to-review', 'short-breaks-series'] as const;

export const RepresentationRequest = z.strictObject({
  on: date({ description: 'default today' }).optional(),
  objection: bool({ hint: '(does the family object?)', rule: 'O2' }),
  summary: text(),
});
export type RepresentationRequest = z.infer<typeof RepresentationRequest>;

export const DecisionNoteRequest = z.strictObject({
  decision: oneOf(['o2r', 'not-o2r'], { rule: 'O2' }),
  rationale: text(),
  firstReviewOn: date({ rule: 'O3', description: 'required for o2r: after the note, within 6 months of it' }).optional(),
  on: on(
    'O2',
    'the day the note was made: after the window for representations, not before the latest representation; the first review is within 6 months of it',
  ),
});
export type DecisionNoteRequest = z.infer<typeof DecisionNoteRequest>;

const PLACE = oneOf(['home', 'school', 'college', 'day-activities', 'short-breaks', 'other'], {
  rule: 'O6',
  description:
    "O6 (Kent): where the child was seen (once a year at home, once at school, college or the short-breaks setting); else read from 'where'",
});
export const ReviewRequest = z.strictObject({
  heldOn: date(),
  type: oneOf(['telephone', 'face-to-face'], { rule: 'O3' }),
  childSeen: bool({ rule: 'O3' }),
  parentsSeen: bool({ rule: 'O3', description: 'O3: only a face-to-face review counts as seeing them' }),
  place: PLACE.optional(),
  chair: z
    .strictObject(
      {
        role: oneOf(['caseholder', 'senior-practitioner', 'team-manager', 'school'], {
          description: 'O6: the first review with overnight breaks (Kent) by a senior practitioner or team manager',
        }),
        staffId: staffId('a').optional(),
      },
      { error: 'an object' },
    )
    .optional(),
  outcome: oneOf(['continue', 'leave'], { rule: 'O4', description: 'O4: every review decides whether O2R continues' }),
  leaveReason: oneOf(['more-frequent-reviews-needed', 'no-longer-eligible', 'needs-closed', 'series-ended'], { rule: 'O4' }).optional(),
  moreFrequentReviewsNeeded: bool({ description: 'O4: true means the case leaves O2R' }).optional(),
  note: text().optional(),
});
export type ReviewRequest = z.infer<typeof ReviewRequest>;

export const VisitRequest = z.strictObject({
  on: date(),
  childSeen: bool().optional(),
  parentsSeen: bool().optional(),
  where: text({ max: 200 }).optional(),
  place: PLACE.optional(),
});
export type VisitRequest = z.infer<typeof VisitRequest>;
/** L19: one short break of the series. */
export const ShortBreakRequest = z.strictObject({
  on: date({ description: 'L19: the first day of the break' }),
  days: z
    .number({ error: 'whole days, 1 to 120' })
    .int('whole days, 1 to 120')
    .min(1, 'whole days, 1 to 120')
    .max(120, 'whole days, 1 to 120')
    .meta({ 'x-rule': 'L19', description: 'how many days the break lasted' }),
});
export type ShortBreakRequest = z.infer<typeof ShortBreakRequest>;
export const EhcpRequest = z.strictObject({
  annualReviewOn: date({ rule: 'O3', description: 'the next EHCP annual review (not before `on`)' }),
  on: on('O3', 'the day the date was known'),
});
export type EhcpRequest = z.infer<typeof EhcpRequest>;
export const TaskRequest = z.strictObject({
  key: text({ max: 64, description: 'r<n>/plan-shared, assessment, supervision or transition' }),
  on: date({ description: 'default today' }).optional(),
});
export type TaskRequest = z.infer<typeof TaskRequest>;
export const CaseholderRequest = z.strictObject({
  staffId: staffId("the O2R social worker's"),
  on: on('O5', 'the day the case moved to them'),
});
export type CaseholderRequest = z.infer<typeof CaseholderRequest>;
export const CloseRequest = z.strictObject({ on: date({ description: 'default today' }).optional(), reason: text() });
export type CloseRequest = z.infer<typeof CloseRequest>;
/** O5: a whole caseload moves. */
export const TransferRequest = z.strictObject({ toStaffId: staffId("the receiving O2R social worker's") });
export type TransferRequest = z.infer<typeof TransferRequest>;

// Each request, with who sent it and the defaults the API fills in, is what its Update takes.
type In<U> = U extends UpdateDefinition<unknown, [infer I], string> ? I : never;
type Today = { on: string };
type Chair = { chair: { role: NonNullable<ReviewRequest['chair']>['role']; staffId?: string } };
export const requestsFitUpdates: [
  Assignable<RepresentationRequest & Today & By, In<typeof m.recordRepresentation>>,
  Assignable<DecisionNoteRequest & By, In<typeof m.recordDecisionNote>>,
  Assignable<Omit<ReviewRequest, 'chair'> & Chair & By, In<typeof m.recordOpenToReviewReview>>,
  Assignable<VisitRequest & { childSeen: boolean; parentsSeen: boolean } & By, In<typeof m.recordVisit>>,
  Assignable<PackageChangeRequest & By, In<typeof m.changePackage>>,
  Assignable<ShortBreakRequest & By, In<typeof m.recordShortBreak>>,
  Assignable<TaskRequest & Today & By, In<typeof m.completeOpenToReviewTask>>,
  Assignable<CloseRequest & Today & By, In<typeof m.closeOpenToReviewCase>>,
] = [true, true, true, true, true, true, true, true];
