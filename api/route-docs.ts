/**
 * What each route takes and returns, for the OpenAPI document (api/openapi.ts); keyed "METHOD /path" as declared. A route
 * without an entry fails the build (test/openapi.test.ts). Request bodies are named here and generated from their zod declarations.
 */
import { IMPORT_ROUTE_DOCS } from './route-docs-imports';
import { RECORD_ROUTE_DOCS } from './route-docs-record';
import { OPERATIONS_ROUTE_DOCS } from './route-docs-operations';

export interface RouteDoc {
  summary: string;
  body?: string;
  query?: string[];
  ok?: number;
  /** The answer's media type when it is not JSON (a return as CSV). */
  okType?: string;
  /** Extra refusals this route can give. */
  refusals?: number[];
}

/** What each route takes and returns; keyed "METHOD /path" as declared. */
export const ROUTE_DOCS: Record<string, RouteDoc> = {
  ...OPERATIONS_ROUTE_DOCS,
  'GET /api/openapi.json': { summary: 'this document (no token)' },
  'GET /api/docs': { summary: 'Swagger UI (no token)' },
  'GET /api/docs/init.js': { summary: "Swagger UI's start-up script (no token)" },
  'GET /api/calc/add-working-days': { summary: 'a date plus n working days (England and Wales)', query: ['date', 'n'] },
  'GET /api/calc/working-days-before': { summary: 'n working days before a date', query: ['date', 'n'] },
  'GET /api/calc/next-review': {
    summary: 'when the next review is due (L2-L5)',
    query: ['becameLookedAfter', 'held', 'placementChanges', 'profile'],
  },
  'GET /api/calc/timeline': { summary: 'every deadline around a meeting (L8-L10)', query: ['meeting', 'profile'] },
  'GET /api/profiles': { summary: 'the policy profiles' },
  'GET /api/profiles/:id': { summary: 'one policy profile', refusals: [404] },
  'GET /api/calendar/bank-holidays': { summary: 'the bank holidays the system counts with', query: ['year'] },
  'GET /api/calendar/changes': { summary: "the operator's calendar changes" },
  'POST /api/calendar/changes': {
    summary: 'add a newly proclaimed holiday or remove a moved one; signalled to every running case',
    body: 'CalendarChange',
    ok: 201,
    refusals: [422],
  },
  'GET /api/notifications': {
    summary: 'the outbox for a recipient, case or status, with email deliveries',
    query: ['recipient', 'caseId', 'status'],
  },
  'GET /api/directory': { summary: 'who is who (people, teams, role mailboxes), its revision, and the gaps (addresses nobody fills)' },
  'POST /api/directory/people': {
    summary: 'add a person, or replace one by staff id (delivery: their reminders in the morning digest, or each at once)',
    body: 'DirectoryPerson',
    refusals: [422],
  },
  'POST /api/directory/people/:staffId/remove': { summary: 'remove a person (refused while they manage a team)', refusals: [404, 422] },
  'POST /api/directory/teams/:team': { summary: "set a team's team managers and service manager", body: 'DirectoryTeam', refusals: [422] },
  'POST /api/directory/mailboxes/:name': { summary: 'set a role mailbox, or remove it (null)', body: 'DirectoryMailbox', refusals: [422] },
  'GET /api/audit': { summary: 'the audit log of state-changing requests', query: ['userId', 'target', 'after', 'limit'] },
  ...RECORD_ROUTE_DOCS,
  ...IMPORT_ROUTE_DOCS,
  'POST /api/looked-after-cycles': {
    summary: 'a child comes into care: start the cycle (L1, L2); 409 with the existing cycle for the same child and period of care',
    body: 'CycleStart',
    ok: 201,
    refusals: [409, 422],
  },
  'GET /api/looked-after-cycles/:cycleId': { summary: "the cycle's whole state", refusals: [404] },
  'GET /api/looked-after-cycles/:cycleId/history': {
    summary: 'L18: every review (on time or late against its own due date) and every event',
    refusals: [404],
  },
  'POST /api/looked-after-cycles/:cycleId/iro': { summary: 'L1: appoint (or change) the IRO', body: 'Staff', refusals: [404, 409, 422] },
  'POST /api/looked-after-cycles/:cycleId/social-worker': {
    summary: 'allocate the social worker',
    body: 'Staff',
    refusals: [404, 409, 422],
  },
  'POST /api/looked-after-cycles/:cycleId/placement-changes': {
    summary: 'L5: a change of placement',
    body: 'PlacementChange',
    ok: 201,
    refusals: [404, 409, 422],
  },
  'POST /api/looked-after-cycles/:cycleId/bring-forward': {
    summary: 'L6: bring the next review forward, with its reason',
    body: 'BringForward',
    ok: 201,
    refusals: [404, 409, 422],
  },
  'POST /api/looked-after-cycles/:cycleId/planned-end': {
    summary: 'L20: care is planned to end (or the planned end moves): a review is due before it',
    body: 'PlannedEnd',
    refusals: [404, 409, 422],
  },
  'POST /api/looked-after-cycles/:cycleId/booking': {
    summary: "L7: book or move the next review (after the due date only with a strategic manager's permission)",
    body: 'Booking',
    refusals: [404, 409, 422],
  },
  'POST /api/looked-after-cycles/:cycleId/adjournment': {
    summary: 'L12: adjourn the meeting, once, for at most 20 working days',
    body: 'Adjournment',
    ok: 201,
    refusals: [404, 409, 422],
  },
  'POST /api/looked-after-cycles/:cycleId/tasks': {
    summary: 'an obligation done (L8, L9, decisions, L16 pathway plan), by whoever owes it',
    body: 'TaskDone',
    refusals: [404, 409, 422],
  },
  'POST /api/looked-after-cycles/:cycleId/reviews': {
    summary: 'a review was held (L3-L5 from its real date, L14, L17, L18)',
    body: 'ReviewHeld',
    ok: 201,
    refusals: [404, 409, 422],
  },
  'POST /api/looked-after-cycles/:cycleId/reviews/:reviewNumber/decision-response': {
    summary: "L10: the team manager's answer to a review's decisions",
    body: 'DecisionResponse',
    refusals: [404, 409, 422],
  },
  'POST /api/looked-after-cycles/:cycleId/reviews/:reviewNumber/disagreement': {
    summary: "L10: the IRO settles the team manager's disagreement, or says a dispute is to be opened",
    body: 'Disagreement',
    refusals: [404, 409, 422],
  },
  'POST /api/looked-after-cycles/:cycleId/cease': {
    summary: 'L13: the child stops being looked after; pending reviews cancelled, the cycle ends with a summary',
    body: 'Cease',
    refusals: [404, 409, 422],
  },
  'POST /api/looked-after-cycles/:cycleId/reviews/:reviewNumber/starred-response': {
    summary:
      'L11: a concern about starred recommendations (within 5 working days) or agreement (within 10 of the concern, else a dispute opens)',
    body: 'StarredResponse',
    refusals: [404, 409, 422],
  },
  'POST /api/disputes': {
    summary: 'E1-E6: an IRO opens a Resolution and Escalation dispute (informal or a formal stage; serious safeguarding: stage 2 at least)',
    body: 'DisputeStart',
    ok: 201,
    refusals: [404],
  },
  'GET /api/disputes/:disputeId': {
    summary: "the dispute's state: stage, deadlines, the 20 working day clock, CAFCASS, events",
    refusals: [404],
  },
  'POST /api/disputes/:disputeId/escalate': {
    summary: 'E5: the IRO escalates early or skips stages',
    body: 'Escalate',
    refusals: [404, 409, 422],
  },
  'POST /api/disputes/:disputeId/responses': {
    summary: 'a response at the current stage',
    body: 'Note',
    ok: 201,
    refusals: [404, 409, 422],
  },
  'POST /api/disputes/:disputeId/cafcass': {
    summary: 'E6: refer to CAFCASS (decision within 14 days)',
    body: 'Reason',
    ok: 201,
    refusals: [404, 409, 422],
  },
  'POST /api/disputes/:disputeId/cafcass-decision': {
    summary: "E6: CAFCASS's decision",
    body: 'CafcassDecision',
    refusals: [404, 409, 422],
  },
  'POST /api/disputes/:disputeId/resolve': {
    summary: 'the dispute is resolved or withdrawn; a cycle that opened it is told',
    body: 'Resolve',
    refusals: [404, 409, 422],
  },
  'GET /api/dispute-figures': {
    summary: 'disputes by stage reached, category and outcome, time to resolution, CAFCASS referrals (April-March year)',
    query: ['year'],
  },
  'POST /api/open-to-review-cases': {
    summary:
      'O1-O2: a case moves to Open to Review (eligibility checked: a 422 lists every failed criterion) or, with kind short-breaks-series, a series of short breaks starts (L19); 409 if the child already has a running case',
    body: 'OpenToReviewCaseStart',
    ok: 201,
    refusals: [409, 422],
  },
  'GET /api/open-to-review-cases/:caseId': { summary: 'the case: entry, reviews, visits, what is owed and by when', refusals: [404] },
  'POST /api/open-to-review-cases/:caseId/representations': {
    summary: "O2: the family's representations (an objection prompts the team manager)",
    body: 'Representation',
    ok: 201,
    refusals: [404, 409, 422],
  },
  'POST /api/open-to-review-cases/:caseId/decision-note': {
    summary: "O2: the team manager's decision note, with the rationale and first review date",
    body: 'DecisionNote',
    ok: 201,
    refusals: [404, 409, 422],
  },
  'POST /api/open-to-review-cases/:caseId/reviews': {
    summary: 'O3-O4, O6, L19: a review held (telephone or face-to-face), deciding whether O2R continues',
    body: 'LowLevelReview',
    ok: 201,
    refusals: [404, 409, 422],
  },
  'POST /api/open-to-review-cases/:caseId/visits': {
    summary: 'O3, O6: the child or parents seen',
    body: 'Visit',
    ok: 201,
    refusals: [404, 409, 422],
  },
  'POST /api/open-to-review-cases/:caseId/breaks': {
    summary: 'L19: a short break of a series; the team manager is warned approaching and past 120 days in any 12 months',
    body: 'ShortBreak',
    ok: 201,
    refusals: [404, 409, 422],
  },
  'POST /api/open-to-review-cases/:caseId/ehcp': {
    summary: 'O3: the EHCP annual review date (the face-to-face review moves with it)',
    body: 'Ehcp',
    refusals: [404, 409, 422],
  },
  'POST /api/open-to-review-cases/:caseId/package': {
    summary: "O6: the package that sets Kent's review frequency",
    body: 'Package',
    refusals: [404, 409, 422],
  },
  'POST /api/open-to-review-cases/:caseId/tasks': {
    summary: 'O4, O6: plan shared, assessment updated, supervision, transition considered',
    body: 'LowLevelTask',
    refusals: [404, 409, 422],
  },
  'POST /api/open-to-review-cases/:caseId/caseholder': {
    summary: 'O5: the case moves to another O2R social worker',
    body: 'Staff',
    refusals: [404, 409, 422],
  },
  'POST /api/open-to-review-cases/:caseId/close': { summary: 'the case closes', body: 'CloseCase', refusals: [404, 409, 422] },
  'GET /api/o2r-caseloads/:staffId': {
    summary: "O5: an O2R social worker's running cases (from search attributes), against the capacity",
    refusals: [403],
  },
  'POST /api/o2r-caseloads/:staffId/transfer': {
    summary: "O5: move a worker's whole O2R caseload to another worker in one call",
    body: 'Transfer',
    refusals: [403, 422],
  },
  'POST /api/cin-reviews': {
    summary:
      "D1-D2: an IRO chairs a child in need case (criteria, approval, the IRO unit's agreement; a 422 names every unmet requirement); steppedDownFrom links a looked-after cycle",
    body: 'CinStart',
    ok: 201,
    refusals: [409, 422],
  },
  'GET /api/cin-reviews/:caseId': { summary: 'the CIN case: agreed date, reviews, what is owed and by when, ending', refusals: [404, 409] },
  'POST /api/cin-reviews/:caseId/first-date': {
    summary: 'D3: the social worker agreed the first date with the chair and family, booked a venue and invited the care team',
    body: 'CinFirstDate',
    ok: 201,
    refusals: [404, 409, 422],
  },
  'POST /api/cin-reviews/:caseId/booking': {
    summary: 'D4: move the agreed date (only when absolutely necessary: the reason is recorded and counted)',
    body: 'CinMove',
    refusals: [404, 409, 422],
  },
  'POST /api/cin-reviews/:caseId/reviews': {
    summary:
      'D4-D5: a review held (refused without the social worker or someone who knows the case), with attendance and the next date agreed',
    body: 'CinReview',
    ok: 201,
    refusals: [404, 409, 422],
  },
  'POST /api/cin-reviews/:caseId/tasks': {
    summary: 'D5-D6: a document provided or a written report received',
    body: 'CinTask',
    refusals: [404, 409, 422],
  },
  'POST /api/cin-reviews/:caseId/report-requests': {
    summary: 'D6: a report requested from another agency',
    body: 'CinReportRequest',
    ok: 201,
    refusals: [404, 409, 422],
  },
  'POST /api/cin-reviews/:caseId/end': {
    summary: 'the case closes, steps up (child protection, looked after) or steps down, with its summary',
    body: 'CinEnd',
    refusals: [404, 409, 422],
  },
  'GET /api/cin-caseloads/:iro': {
    summary: "the IRO unit's view of an IRO's running CIN cases (search attributes), soonest due first",
    refusals: [404],
  },
  'POST /codec/encode': { summary: 'Temporal codec server: encrypt payloads (operator)', body: 'CodecPayloads', refusals: [422] },
  'POST /codec/decode': {
    summary: 'Temporal codec server: decrypt payloads for the Web UI (operator)',
    body: 'CodecPayloads',
    refusals: [422],
  },
  'GET /codec/sign-in': { summary: 'operator sign-in page for the Web UI (no token)' },
  'POST /codec/sign-in': { summary: 'operator sign-in: sets the HttpOnly cookie the Web UI sends to /codec (form field token)' },
};
