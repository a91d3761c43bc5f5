/**
 * Thousands of malformed requests across every endpoint, on the real stack: each gets a 4xx with a
 * message, never a 5xx, and nothing changes (no case started or altered, no notification, no
 * calendar change). Every API route the app declares must have a spec here, so a new endpoint is
 * fuzzed from the day it is added; every page route is fuzzed with a spec derived from its path
 * and roles (pageSpec), its forms posted url-encoded as a browser posts them.
 */
import request from 'supertest';
import { declaredRoutes } from '../api/app';
import { ROLES, Role } from '../platform/auth/roles';
import { RouteDeclaration } from '../api/secure-router';
import { isPage } from '../web/middleware/page-errors';
import { addDays } from '../workflows/calendar/iso-date';
import { londonDate } from '../workflows/calendar/office-hours';
import { cycleStateQuery } from '../workflows/looked-after-cycle/messages';
import { cameIntoCare, tokenFor } from './support/security';
import { eventually, Stack, startStack } from './support/stack';

/** Deterministic, so a failure reproduces. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = prng(20261123);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

/** Values wrong for any field of this API (some may pass one field's check; never all of them). */
const JUNK: unknown[] = [
  null,
  true,
  0,
  -1,
  1e308,
  3.5,
  '',
  ' ',
  'x'.repeat(5000),
  '2023-02-30',
  '2023-13-01',
  '20230101',
  '01/02/2023',
  '1900-01-01',
  '2999-12-31',
  'Jane Smith',
  "'; DROP TABLE notifications; --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '\u0000',
  '\ud800',
  '😀',
  [],
  [1, 2],
  {},
  { $gt: '' },
  { __proto__: { admin: true } },
  { a: { b: { c: { d: {} } } } },
];

const today = londonDate(Date.now());

interface Spec {
  /** A role allowed to call it, so the request gets past the guard to the input checks. */
  as: Role | 'nobody';
  params?: Record<string, unknown[]>;
  query?: { valid: Record<string, string>; invalid: Record<string, unknown[]> };
  /** `optional`: fields the endpoint may go without (so leaving one out is not a mistake). */
  body?: { valid: Record<string, unknown>; invalid: Record<string, unknown[]>; optional?: string[] };
  /** A derived page spec (pageSpec): its POSTs go to a case that does not exist. */
  page?: boolean;
}

const BAD_CYCLE_IDS = [
  'lac-xyz',
  'lac-' + 'g'.repeat(24),
  'LAC-0123456789ABCDEF01234567',
  'C-0001-2026-01-05',
  '%00',
  '..%2F..%2Fetc',
  'x'.repeat(300),
  '%E0%A4%A',
];
const BAD_DISPUTE_IDS = [
  'red-xyz',
  'red-' + 'g'.repeat(24),
  'lac-' + '0'.repeat(24) + '-r1-l12',
  '%00',
  'x'.repeat(300),
  'red-' + '0'.repeat(24),
];
const BAD_CASE_IDS = [
  'o2r-xyz',
  'o2r-' + 'g'.repeat(24),
  'lac-' + '0'.repeat(24),
  'O2R-' + '0'.repeat(24),
  '%00',
  'x'.repeat(300),
  'o2r-' + '0'.repeat(24),
];
const BAD_CIN_IDS = [
  'cin-xyz',
  'cin-' + 'g'.repeat(24),
  'o2r-' + '0'.repeat(24),
  'CIN-' + '0'.repeat(24),
  '%00',
  'x'.repeat(300),
  'cin-' + '0'.repeat(24),
];
const STAFF = ['', 'a b', 'x'.repeat(200), 5, null, 'Jane Smith'];
const BAD_DATES = ['', '2023-02-30', '2023-2-3', '23-01-01', 'today', 5, null, [], {}, '2023-01-01T00:00:00Z'];

function specs(cycleId: string, becameLookedAfter: string): Record<string, Spec> {
  /** A recorded fact's own date (on, bookedOn): a real date, not in the future, not before care (L2). */
  const FACT_DATES = [...BAD_DATES, addDays(today, 1), addDays(becameLookedAfter, -1)];
  return {
    'GET /health': { as: 'nobody' },
    'GET /ready': { as: 'nobody' },
    // Its own guard (a metrics token, or this machine only): the test client is on this machine.
    'GET /metrics': { as: 'nobody' },
    'GET /api/openapi.json': { as: 'nobody' },
    'GET /api/docs': { as: 'nobody' },
    'GET /api/docs/init.js': { as: 'nobody' },
    'GET /api/calc/add-working-days': {
      as: 'iro',
      query: { valid: { date: '2026-01-05', n: '3' }, invalid: { date: BAD_DATES, n: ['-1', '1.5', 'ten', '99999999', ''] } },
    },
    'GET /api/calc/working-days-before': {
      as: 'iro',
      query: { valid: { date: '2026-01-05', n: '3' }, invalid: { date: BAD_DATES, n: ['-1', '1.5', 'ten', '99999999', ''] } },
    },
    'GET /api/calc/next-review': {
      as: 'iro',
      query: {
        valid: { becameLookedAfter: '2026-01-05' },
        invalid: {
          becameLookedAfter: BAD_DATES,
          held: ['2026-01-04', '2026-02-30', 'x,y', '2026-03-01,2026-02-01'],
          placementChanges: ['nope', '2026-02-30'],
          profile: ['cornwall', 'STATUTORY', '../statutory'],
        },
      },
    },
    'GET /api/calc/timeline': {
      as: 'iro',
      query: { valid: { meeting: '2026-03-04' }, invalid: { meeting: BAD_DATES, profile: ['cornwall', ''] } },
    },
    'GET /api/profiles': { as: 'iro' },
    'GET /api/profiles/:id': { as: 'iro', params: { id: ['cornwall', 'x'.repeat(300), '%00', '__proto__', 'constructor'] } },
    'GET /api/calendar/bank-holidays': {
      as: 'iro',
      query: { valid: { year: '2026' }, invalid: { year: ['', '1800', '3000', '20x6', '2026.5', '-2026'] } },
    },
    'GET /api/calendar/changes': { as: 'iro' },
    'POST /api/calendar/changes': {
      as: 'operator',
      body: {
        valid: { date: '2031-06-03', action: 'add', title: 'Jubilee', reason: 'proclaimed' },
        optional: ['action'],
        invalid: {
          date: BAD_DATES,
          action: ['delete', 'ADD', 1, null],
          title: ['', ' ', 'x'.repeat(201), 7, null],
          reason: ['', 'x'.repeat(1001), [], null],
        },
      },
    },
    'GET /api/notifications': {
      as: 'iro-unit',
      query: {
        valid: { recipient: 'iro-unit' },
        invalid: {
          recipient: ['', 'IRO Unit', 'x'.repeat(200), 'iro unit'],
          caseId: ['', 'not a case', 'x'.repeat(300)],
          status: ['', 'SENT', 'delivered', 'x'.repeat(100)],
        },
      },
    },
    'GET /api/directory': { as: 'operator' },
    'POST /api/directory/people': {
      as: 'operator',
      body: {
        valid: { staffId: 'fz-1', name: 'A Person', email: 'a.person@example.org', roles: ['iro'], team: null, delivery: 'at-once' },
        optional: ['roles', 'team', 'delivery'],
        invalid: {
          staffId: STAFF,
          name: ['', ' ', 'x'.repeat(201), 5, null],
          email: ['', 'not an email', 'a@b', 'x'.repeat(250) + '@example.org', 5, null, ['a@example.org']],
          roles: ['iro', [''], ['Team Manager'], [5], Array(21).fill('iro'), null],
          team: ['', 'a b', 'x'.repeat(65), 5, []],
          delivery: ['', 'soon', 'AT-ONCE', 'at once', 5, null, ['digest']],
        },
      },
    },
    'POST /api/directory/people/:staffId/remove': { as: 'operator', params: { staffId: ['a b', 'x'.repeat(200), '%00', '-x'] } },
    'POST /api/directory/teams/:team': {
      as: 'service-manager',
      params: { team: ['a b', 'x'.repeat(65), '%00', '-x', '..'] },
      body: {
        valid: { teamManagers: ['nobody-in-the-directory'], serviceManager: null },
        optional: ['serviceManager'],
        invalid: {
          teamManagers: ['tm-4', [''], ['a b'], [5], Array(21).fill('tm-4'), null],
          serviceManager: ['', 'a b', 5, []],
        },
      },
    },
    'POST /api/directory/mailboxes/:name': {
      as: 'operator',
      params: { name: ['IRO Unit', 'a b', 'x'.repeat(200), '%00', '-x', ':x'] },
      body: { valid: { email: 'unit@example.org' }, invalid: { email: ['', 'unit', 'a@b', 5, [], {}] } },
    },
    'GET /api/audit': {
      as: 'operator',
      query: {
        valid: {},
        invalid: { userId: ['', 'a b', 'x'.repeat(200)], target: ['', 'a b'], after: ['-1', 'x', '1e3'], limit: ['0', '5001', 'ten', ''] },
      },
    },
    'POST /api/looked-after-cycles': {
      as: 'iro-unit',
      body: {
        valid: cameIntoCare({ childId: 'FUZZ-NEW-1', becameLookedAfter: today }),
        optional: ['profile', 'placementStartedOn'],
        invalid: {
          childId: ['', 'Jane Smith', 'x'.repeat(65), '-leading', 42, null, [], {}],
          becameLookedAfter: [...BAD_DATES, addDays(today, 1), '2999-01-01'],
          dateOfBirth: [...BAD_DATES, addDays(today, 1), '1990-01-01'],
          legalStatus: ['X9', 'c2', '', 5, null],
          placementType: ['hotel', '', 5, []],
          placementStartedOn: [...BAD_DATES, addDays(today, -1), addDays(today, 1)],
          team: ['', 'a b', 'x'.repeat(65), 5, []],
          profile: ['cornwall', '', 5],
          iroUnitNotifiedOn: [...BAD_DATES, addDays(today, 1), addDays(today, -1)],
          zz: ['unknown field'],
        },
      },
    },
    'GET /api/looked-after-cycles/:cycleId': { as: 'iro-unit', params: { cycleId: BAD_CYCLE_IDS } },
    'GET /api/looked-after-cycles/:cycleId/history': { as: 'team-manager', params: { cycleId: BAD_CYCLE_IDS } },
    'POST /api/looked-after-cycles/:cycleId/iro': {
      as: 'iro-unit',
      params: { cycleId: BAD_CYCLE_IDS },
      body: { valid: { staffId: 'iro-7' }, invalid: { staffId: STAFF, on: FACT_DATES } },
    },
    'POST /api/looked-after-cycles/:cycleId/social-worker': {
      as: 'team-manager',
      params: { cycleId: BAD_CYCLE_IDS },
      body: { valid: { staffId: 'sw-7' }, invalid: { staffId: STAFF, on: FACT_DATES } },
    },
    'POST /api/looked-after-cycles/:cycleId/placement-changes': {
      as: 'team-manager',
      params: { cycleId: BAD_CYCLE_IDS },
      body: {
        valid: { on: today, type: 'residential' },
        invalid: {
          on: [...BAD_DATES, addDays(today, 1), addDays(becameLookedAfter, -1)],
          type: ['hotel', '', 5],
          unplanned: ['yes', 1, null],
        },
      },
    },
    'POST /api/looked-after-cycles/:cycleId/bring-forward': {
      as: 'iro',
      params: { cycleId: BAD_CYCLE_IDS },
      body: {
        valid: { reason: 'risk-of-harm', dueBy: addDays(today, 5) },
        optional: ['detail'],
        invalid: {
          reason: ['bored', '', 5],
          dueBy: [...BAD_DATES, addDays(today, -1), '2999-01-01'],
          detail: ['', 'x'.repeat(2001), 5],
          on: FACT_DATES,
        },
      },
    },
    'POST /api/looked-after-cycles/:cycleId/planned-end': {
      as: 'team-manager',
      params: { cycleId: BAD_CYCLE_IDS },
      body: {
        valid: { plannedEndOn: addDays(today, 30), kind: 'return-home' },
        invalid: { plannedEndOn: [...BAD_DATES, today, addDays(today, -1), '2999-01-01'], kind: ['moving', '', 5], on: FACT_DATES },
      },
    },
    'POST /api/looked-after-cycles/:cycleId/booking': {
      as: 'iro',
      params: { cycleId: BAD_CYCLE_IDS },
      body: {
        valid: { meetingOn: addDays(today, 7) },
        optional: ['venue', 'reason', 'strategicManagerPermission'],
        invalid: {
          meetingOn: [...BAD_DATES, addDays(today, -1), '2999-01-01'],
          venue: ['', 'x'.repeat(201), 5],
          reason: ['', 5],
          strategicManagerPermission: ['x', [], { by: 'a b', reason: 'r' }, { by: 'sm-1' }],
          bookedOn: FACT_DATES,
          time: ['25:00', '9am', '09:60', '', 5],
        },
      },
    },
    'POST /api/looked-after-cycles/:cycleId/adjournment': {
      as: 'iro',
      params: { cycleId: BAD_CYCLE_IDS },
      body: {
        valid: { on: today, resumeOn: addDays(today, 5), reason: 'child unwell' },
        invalid: {
          on: [...BAD_DATES, addDays(today, 1), addDays(becameLookedAfter, -1)],
          resumeOn: [...BAD_DATES, today, addDays(today, 60)],
          reason: ['', 5],
        },
      },
    },
    'POST /api/looked-after-cycles/:cycleId/tasks': {
      as: 'iro',
      params: { cycleId: BAD_CYCLE_IDS },
      body: {
        valid: { key: 'r1/iro-speaks-with-child', on: today },
        optional: ['on'],
        invalid: { key: ['', 'NOPE', 'r9/x', 'x'.repeat(100), 5, '../'], on: [...BAD_DATES, addDays(today, 1)] },
      },
    },
    'POST /api/looked-after-cycles/:cycleId/reviews': {
      as: 'iro-unit',
      params: { cycleId: BAD_CYCLE_IDS },
      body: {
        valid: { heldOn: today, participation: 'PN1' },
        optional: ['decisions', 'starredRecommendations', 'withoutMeeting', 'chair', 'nextMeetingOn', 'nextMeetingVenue'],
        invalid: {
          heldOn: [...BAD_DATES, addDays(becameLookedAfter, -1), addDays(today, 30), '1999-01-01'],
          participation: ['PN9', 'pn1', '', 5, 'PN0'],
          decisions: [
            'x',
            [1],
            [{ text: '', owner: 'sw', dueOn: today }],
            [{ text: 't', owner: 'sw', dueOn: '1999-01-01' }],
            Array(101).fill({}),
          ],
          starredRecommendations: ['x', [''], [5]],
          withoutMeeting: ['yes', 1, true],
          chair: ['x', { staffId: 'a b', as: 'substitute-iro' }, { staffId: 's1', as: 'boss' }],
          nextMeetingOn: [...BAD_DATES, '1999-01-01'],
          nextMeetingVenue: ['', 5],
          nextMeetingTime: ['24:00', '9.30', '', 5],
          nextMeetingPermission: ['x', [], { by: 'a b', reason: 'r' }, { by: 'sm-1' }],
          attendees: ['x', [''], ['a b'], Array(51).fill('sw-1')],
          notAttending: ['child', ['uncle'], ['child', 'parent', 'child'], [5]],
        },
      },
    },
    'POST /api/looked-after-cycles/:cycleId/reviews/:reviewNumber/decision-response': {
      as: 'team-manager',
      params: { cycleId: BAD_CYCLE_IDS, reviewNumber: ['0', 'x', '1.5', '9999', '-1'] },
      body: { valid: { response: 'agree' }, optional: ['reason'], invalid: { response: ['yes', '', 5], reason: ['', 5], on: FACT_DATES } },
    },
    'POST /api/looked-after-cycles/:cycleId/reviews/:reviewNumber/disagreement': {
      as: 'iro',
      params: { cycleId: BAD_CYCLE_IDS, reviewNumber: ['0', 'x', '9999'] },
      body: { valid: { outcome: 'settled' }, optional: ['note'], invalid: { outcome: ['maybe', '', 5], note: ['', 5], on: FACT_DATES } },
    },
    'POST /api/looked-after-cycles/:cycleId/cease': {
      as: 'iro-unit',
      params: { cycleId: BAD_CYCLE_IDS },
      body: {
        valid: { on: today, reason: 'returned home' },
        invalid: {
          on: [...BAD_DATES, addDays(today, 1), addDays(becameLookedAfter, -1)],
          reason: ['', 5, 'x'.repeat(2001)],
          noReviewReason: ['', 5, 'x'.repeat(2001)],
          supervisionOrder: ['yes', 1],
          childInNeedPlan: ['no', 0],
        },
      },
    },
    'POST /api/looked-after-cycles/:cycleId/reviews/:reviewNumber/starred-response': {
      as: 'service-manager',
      params: { cycleId: BAD_CYCLE_IDS, reviewNumber: ['0', 'x', '9999'] },
      body: { valid: { response: 'agree' }, optional: ['note'], invalid: { response: ['maybe', '', 5], note: ['', 5], on: FACT_DATES } },
    },
    'POST /api/disputes': {
      as: 'iro',
      body: {
        valid: { childId: 'FUZZ-D', team: 'north-1', category: 'practice', summary: 'plan not followed', socialWorker: 'sw-1' },
        optional: ['startStage', 'seriousSafeguarding', 'openedOn'],
        invalid: {
          openedOn: [...BAD_DATES, addDays(today, 1)],
          childId: ['', 'Jane Smith', 5],
          team: ['', 'a b'],
          category: ['other', '', 5],
          summary: ['', 5, 'x'.repeat(2001)],
          startStage: ['0', '6', 'formal', -1, null],
          seriousSafeguarding: ['yes', 1],
          cycleId: ['lac-x', 'lac-' + '0'.repeat(24)],
        },
      },
    },
    'POST /api/open-to-review-cases': {
      as: 'team-manager',
      body: {
        valid: {
          childId: 'FUZZ-O2R',
          dateOfBirth: '2016-03-01',
          team: 'north-1',
          caseholder: 'o2r-sw-1',
          rationale: 'stable short breaks package',
          eligibility: {
            stable: true,
            clearOutcomes: true,
            safeguardingConcerns: false,
            lookedAfter: false,
            continuingCare: false,
            unstableHealth: false,
            lifeLimitingIllness: false,
            significantOvernightShortBreaks: false,
          },
        },
        optional: ['ehcpAnnualReviewOn', 'package', 'profile', 'openedOn'],
        invalid: {
          openedOn: [...BAD_DATES, addDays(today, 1), '2016-02-28'],
          kind: ['o2r', '', 5],
          childId: ['', 'Jane Smith', 5],
          dateOfBirth: [...BAD_DATES, '2999-01-01', '1990-01-01'],
          team: ['', 'a b', 'south-9'],
          caseholder: STAFF,
          rationale: ['', 5],
          eligibility: [
            null,
            'yes',
            [],
            {},
            { stable: true },
            { stable: 'yes' },
            {
              stable: true,
              clearOutcomes: true,
              safeguardingConcerns: true,
              lookedAfter: false,
              continuingCare: false,
              unstableHealth: false,
              lifeLimitingIllness: true,
              significantOvernightShortBreaks: false,
            },
            { zz: true },
          ],
          ehcpAnnualReviewOn: BAD_DATES,
          package: [
            'x',
            {},
            { overnightShortBreaks: 'y', hoursPerWeek: 2 },
            { overnightShortBreaks: true, hoursPerWeek: -1 },
            { overnightShortBreaks: true, hoursPerWeek: 500 },
          ],
          profile: ['', 'nowhere', 5],
          firstBreakOn: ['2026-01-01'],
        },
      },
    },
    'GET /api/open-to-review-cases/:caseId': { as: 'team-manager', params: { caseId: BAD_CASE_IDS } },
    'POST /api/open-to-review-cases/:caseId/representations': {
      as: 'team-manager',
      params: { caseId: BAD_CASE_IDS },
      body: {
        valid: { objection: true, summary: 'we object' },
        optional: ['on'],
        invalid: { objection: ['yes', null, 1], summary: ['', 5], on: BAD_DATES },
      },
    },
    'POST /api/open-to-review-cases/:caseId/decision-note': {
      as: 'team-manager',
      params: { caseId: BAD_CASE_IDS },
      body: {
        valid: { decision: 'not-o2r', rationale: 'r' },
        optional: ['firstReviewOn', 'on'],
        invalid: { decision: ['yes', '', 5], rationale: ['', 5], firstReviewOn: BAD_DATES, on: BAD_DATES },
      },
    },
    'POST /api/open-to-review-cases/:caseId/reviews': {
      as: 'team-manager',
      params: { caseId: BAD_CASE_IDS },
      body: {
        valid: { heldOn: today, type: 'telephone', childSeen: false, parentsSeen: true, outcome: 'continue' },
        optional: ['chair', 'leaveReason', 'moreFrequentReviewsNeeded', 'note'],
        invalid: {
          heldOn: BAD_DATES,
          type: ['phone', '', 5],
          childSeen: ['yes', null],
          parentsSeen: [1],
          outcome: ['stay', '', 5],
          leaveReason: ['bored', 5],
          chair: ['x', { role: 'boss' }, { role: 'school', staffId: 'a b' }],
          moreFrequentReviewsNeeded: ['yes'],
          note: ['', 5],
        },
      },
    },
    'POST /api/open-to-review-cases/:caseId/visits': {
      as: 'team-manager',
      params: { caseId: BAD_CASE_IDS },
      body: {
        valid: { on: today, childSeen: true },
        optional: ['parentsSeen', 'where', 'childSeen', 'place'],
        invalid: { on: BAD_DATES, childSeen: ['yes'], parentsSeen: [1], where: ['', 'x'.repeat(201), 5], place: ['garden', 5] },
      },
    },
    'POST /api/open-to-review-cases/:caseId/breaks': {
      as: 'team-manager',
      params: { caseId: BAD_CASE_IDS },
      body: { valid: { on: today, days: 2 }, invalid: { on: BAD_DATES, days: [0, -1, 1.5, 121, '2', null] } },
    },
    'POST /api/open-to-review-cases/:caseId/ehcp': {
      as: 'team-manager',
      params: { caseId: BAD_CASE_IDS },
      body: { valid: { annualReviewOn: addDays(today, 30) }, optional: ['on'], invalid: { annualReviewOn: BAD_DATES, on: BAD_DATES } },
    },
    'POST /api/open-to-review-cases/:caseId/package': {
      as: 'team-manager',
      params: { caseId: BAD_CASE_IDS },
      body: {
        valid: { overnightShortBreaks: true, hoursPerWeek: 4 },
        optional: ['on'],
        invalid: { overnightShortBreaks: ['yes', null], hoursPerWeek: [-1, 169, '4', null], on: BAD_DATES },
      },
    },
    'POST /api/open-to-review-cases/:caseId/tasks': {
      as: 'team-manager',
      params: { caseId: BAD_CASE_IDS },
      body: { valid: { key: 'supervision' }, optional: ['on'], invalid: { key: ['', 5, 'x'.repeat(100)], on: BAD_DATES } },
    },
    'POST /api/open-to-review-cases/:caseId/caseholder': {
      as: 'team-manager',
      params: { caseId: BAD_CASE_IDS },
      body: { valid: { staffId: 'o2r-sw-2' }, optional: ['on'], invalid: { staffId: STAFF, on: BAD_DATES } },
    },
    'POST /api/open-to-review-cases/:caseId/close': {
      as: 'team-manager',
      params: { caseId: BAD_CASE_IDS },
      body: { valid: { reason: 'moved away' }, optional: ['on'], invalid: { reason: ['', 5], on: BAD_DATES } },
    },
    'GET /api/o2r-caseloads/:staffId': { as: 'team-manager', params: { staffId: ['a b', '%00', 'x'.repeat(300), '..'] } },
    'POST /api/o2r-caseloads/:staffId/transfer': {
      as: 'team-manager',
      params: { staffId: ['a b', '%00', 'x'.repeat(300)] },
      body: { valid: { toStaffId: 'o2r-sw-9' }, invalid: { toStaffId: [...STAFF, 'staffId'] } },
    },
    'POST /api/cin-reviews': {
      as: 'team-manager',
      body: {
        valid: {
          childId: 'FUZZ-CIN',
          team: 'north-1',
          socialWorker: 'sw-1',
          iro: 'iro-1',
          criteria: ['second-cin-plan'],
          approvedBy: { staffId: 'tm-1', role: 'team-manager' },
          agreedBy: 'unit-1',
        },
        optional: ['team', 'outsideCriteriaReason', 'steppedDownFrom', 'profile', 'openedOn'],
        invalid: {
          openedOn: [...BAD_DATES, addDays(today, 1)],
          childId: ['', 'Jane Smith', 5],
          team: ['', 'a b', 'south-9'],
          socialWorker: STAFF,
          iro: STAFF,
          criteria: ['x', ['nope'], [5], null],
          outsideCriteriaReason: ['', 5],
          approvedBy: ['x', {}, { staffId: 'sw-1', role: 'social-worker' }, { staffId: 'a b', role: 'team-manager' }],
          agreedBy: STAFF,
          steppedDownFrom: ['lac-x', 'o2r-' + '0'.repeat(24), 5],
          profile: ['', 'nowhere', 5],
        },
      },
    },
    'GET /api/cin-reviews/:caseId': { as: 'iro-unit', params: { caseId: BAD_CIN_IDS } },
    'POST /api/cin-reviews/:caseId/first-date': {
      as: 'team-manager',
      params: { caseId: BAD_CIN_IDS },
      body: {
        valid: { date: addDays(today, 10), venue: 'Family centre', invited: ['school'] },
        optional: ['on'],
        invalid: { date: BAD_DATES, venue: ['', 5], invited: ['school', [''], ['A B'], [5], null], on: BAD_DATES },
      },
    },
    'POST /api/cin-reviews/:caseId/booking': {
      as: 'iro',
      params: { caseId: BAD_CIN_IDS },
      body: {
        valid: { to: addDays(today, 10), reason: 'chair ill' },
        optional: ['on'],
        invalid: { to: BAD_DATES, reason: ['', 5], on: BAD_DATES },
      },
    },
    'POST /api/cin-reviews/:caseId/reviews': {
      as: 'iro',
      params: { caseId: BAD_CIN_IDS },
      body: {
        valid: {
          heldOn: today,
          socialWorkerPresent: true,
          careTeam: [{ member: 'school', attendance: 'attended' }],
          nextDate: addDays(today, 90),
        },
        optional: ['chair', 'presentInstead', 'note'],
        invalid: {
          heldOn: BAD_DATES,
          chair: STAFF,
          socialWorkerPresent: ['yes', null],
          presentInstead: ['x', { staffId: 'tm-1', role: 'gp' }],
          careTeam: ['x', [{ member: 'school', attendance: 'absent' }], [{ member: 'A B', attendance: 'attended' }]],
          nextDate: BAD_DATES,
          note: ['', 5],
        },
      },
    },
    'POST /api/cin-reviews/:caseId/tasks': {
      as: 'team-manager',
      params: { caseId: BAD_CIN_IDS },
      body: { valid: { key: 'r1/documents/childs-plan' }, optional: ['on'], invalid: { key: ['', 5, 'x'.repeat(100)], on: BAD_DATES } },
    },
    'POST /api/cin-reviews/:caseId/report-requests': {
      as: 'team-manager',
      params: { caseId: BAD_CIN_IDS },
      body: { valid: { agency: 'school' }, optional: ['on'], invalid: { agency: ['', 'The School', 5], on: BAD_DATES } },
    },
    'POST /api/cin-reviews/:caseId/end': {
      as: 'iro',
      params: { caseId: BAD_CIN_IDS },
      body: {
        valid: { outcome: 'closure', summary: 'needs met' },
        optional: ['on'],
        invalid: { outcome: ['closed', '', 5], summary: ['', 5], on: BAD_DATES },
      },
    },
    'GET /api/cin-caseloads/:iro': { as: 'iro-unit', params: { iro: ['a b', '%00', 'x'.repeat(300), '..'] } },
    'GET /api/disputes/:disputeId': { as: 'iro', params: { disputeId: BAD_DISPUTE_IDS } },
    'POST /api/disputes/:disputeId/escalate': {
      as: 'iro',
      params: { disputeId: BAD_DISPUTE_IDS },
      body: {
        valid: { reason: 'no answer' },
        optional: ['toStage', 'on'],
        invalid: { reason: ['', 5], toStage: ['0', '6', 'x', 0], on: BAD_DATES },
      },
    },
    'POST /api/disputes/:disputeId/responses': {
      as: 'iro',
      params: { disputeId: BAD_DISPUTE_IDS },
      body: { valid: { note: 'n' }, optional: ['on'], invalid: { note: ['', 5, null], on: BAD_DATES } },
    },
    'POST /api/disputes/:disputeId/cafcass': {
      as: 'iro',
      params: { disputeId: BAD_DISPUTE_IDS },
      body: { valid: { reason: 'r' }, optional: ['on'], invalid: { reason: ['', 5], on: BAD_DATES } },
    },
    'POST /api/disputes/:disputeId/cafcass-decision': {
      as: 'iro',
      params: { disputeId: BAD_DISPUTE_IDS },
      body: { valid: { text: 't' }, optional: ['on'], invalid: { text: ['', 5], on: BAD_DATES } },
    },
    'POST /api/disputes/:disputeId/resolve': {
      as: 'iro',
      params: { disputeId: BAD_DISPUTE_IDS },
      body: {
        valid: { outcome: 'resolved', summary: 's' },
        optional: ['on'],
        invalid: { outcome: ['done', '', 5], summary: ['', 5], on: BAD_DATES },
      },
    },
    'GET /api/dispute-figures': { as: 'service-manager', query: { valid: { year: '2025' }, invalid: { year: ['', '1999', 'x'] } } },
    // A text/csv body: JSON bodies are refused (415), the CSV itself is tested in import.looked-after-rows.test.ts.
    'POST /api/imports/looked-after': {
      as: 'iro-unit',
      query: { valid: { dryRun: 'true' }, invalid: { dryRun: ['', 'yes', 'TRUE', '1', 'x'.repeat(100)] } },
    },
    // The same for Open to Review cases and open disputes (their CSV: import.open-to-review-rows and import.dispute-rows tests).
    'POST /api/imports/open-to-review': {
      as: 'iro-unit',
      query: { valid: { dryRun: 'true' }, invalid: { dryRun: ['', 'yes', 'TRUE', '1', 'x'.repeat(100)] } },
    },
    'POST /api/imports/disputes': {
      as: 'operator',
      query: { valid: { dryRun: 'false' }, invalid: { dryRun: ['', 'no', 'False', '0', 'x'.repeat(100)] } },
    },
    'GET /api/timeliness': {
      as: 'service-manager',
      query: { valid: { year: '2025' }, invalid: { year: ['', '1999', '20x5', '2101'], team: ['', 'a b'] } },
    },
    'POST /api/record/reconcile': {
      as: 'operator',
      body: { valid: { repair: false }, optional: ['repair'], invalid: { repair: ['', 'yes', 1, null, []] } },
    },
    'GET /api/returns/ssda903/reviews.csv': {
      as: 'service-manager',
      query: { valid: { year: '2024' }, invalid: { year: ['', '1999', '20x4', '2101', '2024-25'] } },
    },
    'POST /codec/encode': {
      as: 'operator',
      body: {
        valid: {},
        invalid: {
          payloads: [
            null,
            'x',
            {},
            [null],
            [1],
            [{ data: '***' }],
            [{ metadata: 'x' }],
            [{ metadata: { encoding: 5 } }],
            Array(1001).fill({}),
          ],
        },
      },
    },
    'POST /codec/decode': {
      as: 'operator',
      body: {
        valid: {},
        invalid: {
          payloads: [
            null,
            'x',
            [{ data: '!!' }],
            [
              {
                metadata: {
                  encoding: Buffer.from('binary/encrypted').toString('base64'),
                  'encryption-key-id': Buffer.from('t1').toString('base64'),
                },
                data: 'AAAA',
              },
            ],
            [
              {
                metadata: {
                  encoding: Buffer.from('binary/encrypted').toString('base64'),
                  'encryption-key-id': Buffer.from('nokey').toString('base64'),
                },
                data: Buffer.alloc(40).toString('base64'),
              },
            ],
          ],
        },
      },
    },
    'GET /codec/sign-in': { as: 'nobody' },
    'POST /codec/sign-in': { as: 'nobody', body: { valid: {}, invalid: { token: ['', 'abc', 'a.b.c', 'x'.repeat(3000), 5] } } },
  };
}

/** Junk form fields for any page's form: none of them makes a valid command (see pageSpec). */
const FORM_JUNK: Record<string, unknown[]> = {
  childId: ['', 'Jane Smith', 'x'.repeat(300)],
  'on-day': ['32', 'x', '', '-1'],
  'on-month': ['13', 'x'],
  'on-year': ['20x6', '1800', '99999'],
  staffId: ['', 'a b', 'x'.repeat(200)],
  'decisions[0].text': ['x'.repeat(20_000)],
  _csrf: ['', 'x'],
  zz: ['1'],
};

/** Junk for any page's query parameter (names, markup, paths, too long). */
const QUERY_JUNK: unknown[] = ['Jane Smith', '<script>x</script>', '../..', '%00', 'x'.repeat(300)];

/** Bad values of a page's path parameter, by name. */
function badParams(name: string, pattern: string): unknown[] {
  if (name === 'cycleId') return BAD_CYCLE_IDS;
  if (name === 'disputeId') return BAD_DISPUTE_IDS;
  if (name === 'caseId') return pattern.includes('/child-in-need/') ? BAD_CIN_IDS : BAD_CASE_IDS;
  if (name === 'reviewNumber') return ['0', '-1', 'one', '1.5', '99999999999', '%00'];
  return ['x'.repeat(300), '%00', '..%2F..', '%E0%A4%A'];
}

/** Pages with their own spec: the sign-in forms' input is the token itself. */
const PAGE_SPECS: Record<string, Spec> = {
  'GET /sign-in': { as: 'nobody' },
  'POST /sign-in': {
    as: 'nobody',
    body: {
      valid: {},
      invalid: { token: ['', ' ', 'abc', 'a.b.c', 'x'.repeat(3000), 'Bearer x'], next: ['//evil.example', 'https://evil.example', '/'] },
    },
  },
  'GET /sign-in/oidc': { as: 'nobody' },
  'GET /sign-in/callback': { as: 'nobody', query: { valid: {}, invalid: { code: ['', 'x'], state: ['x'], error: ['access_denied'] } } },
};

/**
 * A page's spec from its declaration: a role it allows, its path parameters' bad values, and for a
 * form junk fields. A POST's case is one that does not exist (pathFor), so even a form whose fields
 * are all optional cannot change anything; a GET shows the real base case.
 */
function pageSpec(d: RouteDeclaration): Spec {
  const key = `${d.method} ${d.path}`;
  if (PAGE_SPECS[key]) return PAGE_SPECS[key];
  const as: Role | 'nobody' = d.roles === 'public' ? 'nobody' : d.roles[0];
  const names = [...d.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
  const params = names.length ? Object.fromEntries(names.map((n) => [n, badParams(n, d.path)])) : undefined;
  // A page's declared query parameters (a GET form: /cases/find?childId=, /managers?year=) get junk each.
  const query = d.query.length ? { valid: {}, invalid: Object.fromEntries(d.query.map((q) => [q, QUERY_JUNK])) } : undefined;
  return { as, params, query, body: d.method === 'POST' ? { valid: {}, invalid: FORM_JUNK } : undefined, page: true };
}

let stack: Stack;
let cycleId: string;
let becameLookedAfter: string;
let tokens: Partial<Record<Role, string>>;

beforeAll(async () => {
  stack = await startStack('fuzz');
  tokens = {};
  for (const r of ROLES) tokens[r] = await tokenFor(r, { userId: `fuzz-${r}`, team: 'north-1' });
  becameLookedAfter = addDays(today, -10);
  const r = await request(stack.app)
    .post('/api/looked-after-cycles')
    .set('Authorization', `Bearer ${tokens['iro-unit']}`)
    .send(cameIntoCare({ childId: 'FUZZ-BASE', becameLookedAfter, team: 'north-1', dateOfBirth: '2015-06-01' }));
  expect(r.status).toBe(201);
  cycleId = r.body.cycleId;
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

interface Attempt {
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, unknown>;
  body?: unknown;
  raw?: { type: string; text: string };
  auth?: string | null;
  why: string;
}

function attempts(route: string, spec: Spec): Attempt[] {
  const [method, pattern] = route.split(' ') as ['GET' | 'POST', string];
  const out: Attempt[] = [];
  const params = Object.keys(spec.params ?? {});
  const pathWith = (over: Record<string, string> = {}) =>
    pattern.replace(
      /:(\w+)/g,
      (_m, name: string) =>
        over[name] ??
        (name === 'cycleId'
          ? spec.page && method === 'POST'
            ? 'lac-' + '0'.repeat(24)
            : cycleId
          : name === 'id'
            ? 'statutory'
            : name === 'reviewNumber'
              ? '1'
              : name === 'disputeId'
                ? 'red-' + '0'.repeat(24)
                : name === 'caseId'
                  ? (pattern.includes('/cin-reviews/') || pattern.includes('/child-in-need/') ? 'cin-' : 'o2r-') + '0'.repeat(24)
                  : name),
    );
  const base = { method, path: pathWith() };

  // Bad path parameters.
  for (const p of params)
    for (const v of spec.params![p])
      out.push({
        ...base,
        path: pathWith({ [p]: String(v) }),
        body: spec.body?.valid,
        query: spec.query?.valid,
        why: `${p}=${String(v).slice(0, 30)}`,
      });
  // Unknown query parameters, and every invalid value of every known one (alone and repeated).
  out.push({ ...base, query: { ...spec.query?.valid, zz: '1' }, body: spec.body?.valid, why: 'unknown query parameter' });
  out.push({
    ...base,
    query: { ...spec.query?.valid, ['x'.repeat(100)]: 'x' },
    body: spec.body?.valid,
    why: 'long unknown query parameter',
  });
  if (spec.query) {
    for (const [field, values] of Object.entries(spec.query.invalid)) {
      for (const v of values)
        out.push({ ...base, query: { ...spec.query.valid, [field]: v }, why: `query ${field}=${String(v).slice(0, 30)}` });
      out.push({ ...base, query: { ...spec.query.valid, [field]: ['2026-01-05', 'zz'] }, why: `query ${field} repeated` });
    }
    const fields = Object.entries(spec.query.invalid);
    for (let i = 0; i < 100; i++) {
      const [field, values] = pick(fields);
      const query: Record<string, unknown> = { ...spec.query.valid, [field]: pick(values) };
      for (const [other] of fields) if (other !== field && rand() < 0.5) query[other] = String(pick(JUNK));
      out.push({ ...base, query, why: `mixed query ${JSON.stringify(query).slice(0, 60)}` });
    }
  }
  // Bodies: each field wrong in turn (the rest valid), each required field missing, then random
  // mixes where one field is surely wrong and others are junk.
  if (spec.body && method === 'POST') {
    const fields = Object.entries(spec.body.invalid);
    for (const [field, values] of fields) {
      for (const v of values)
        out.push({ ...base, body: { ...spec.body.valid, [field]: v }, why: `body ${field}=${JSON.stringify(v)?.slice(0, 30)}` });
      if (field in spec.body.valid && !spec.body.optional?.includes(field)) {
        const { [field]: _drop, ...rest } = spec.body.valid;
        out.push({ ...base, body: rest, why: `body without ${field}` });
      }
    }
    for (let i = 0; i < 150; i++) {
      const [field, values] = pick(fields);
      const body: Record<string, unknown> = { ...spec.body.valid, [field]: pick(values) };
      for (const [other] of fields) if (other !== field && rand() < 0.5) body[other] = pick(JUNK);
      if (rand() < 0.3) body[pick(['__proto__', 'constructor', 'zz', 'x'.repeat(60)])] = pick(JUNK);
      out.push({ ...base, body, why: `mixed body ${JSON.stringify(body).slice(0, 60)}` });
    }
    // Not a JSON object at all, or not JSON.
    for (const whole of [null, 7, 'text', [], [spec.body.valid], true])
      out.push({ ...base, raw: { type: 'application/json', text: JSON.stringify(whole) }, why: `body ${JSON.stringify(whole)}` });
    for (const text of ['{', '{"a":', '{"a":1,}', "{'a':1}", '\u0000', '[]]', '{"a":"\\ud800"', 'x'.repeat(200_000)])
      out.push({ ...base, raw: { type: 'application/json', text }, why: `broken JSON ${text.slice(0, 10)}` });
    out.push({ ...base, raw: { type: 'application/json; charset=utf-7', text: '{}' }, why: 'charset utf-7' });
    out.push({ ...base, raw: { type: 'text/plain', text: JSON.stringify(spec.body.valid) }, why: 'text/plain body' });
    if (!pattern.startsWith('/codec'))
      out.push({ ...base, raw: { type: 'application/x-www-form-urlencoded', text: 'childId=a&heldOn=b' }, why: 'form body' });
  }
  // Tokens: missing, junk, or another's. (The sign-in page's own token is its input, fuzzed above.)
  if (spec.as !== 'nobody') {
    for (const auth of [null, 'Bearer', 'Bearer x', 'Basic YTpi', `Bearer ${tokens.iro}x`, 'Bearer a.b.c', `bearer ${tokens.iro}`]) {
      out.push({ ...base, body: spec.body?.valid, query: spec.query?.valid, auth, why: `authorization ${String(auth).slice(0, 20)}` });
    }
  }
  // Paths just beside this one.
  for (const suffix of ['/x', '/../..', '/%', '/%ZZ', '/x/y']) out.push({ ...base, path: base.path + suffix, why: `path ${suffix}` });
  return out;
}

async function send(a: Attempt, as: Role | 'nobody') {
  let req = a.method === 'GET' ? request(stack.app).get(a.path) : request(stack.app).post(a.path);
  const auth = a.auth !== undefined ? a.auth : as === 'nobody' ? null : `Bearer ${tokens[as]}`;
  if (auth) req = req.set('Authorization', auth);
  if (a.query) req = req.query(a.query as Record<string, string>);
  if (a.raw) return req.set('Content-Type', a.raw.type).send(a.raw.text);
  if (a.method === 'POST' && a.body !== undefined) {
    return a.path.startsWith('/codec/sign-in') || isPage(a.path)
      ? req.type('form').send(a.body as Record<string, string>)
      : req.send(a.body as object);
  }
  return req;
}

/** Every declared route's spec: the API's written here, the pages' derived from their declarations. */
function allSpecs(): Record<string, Spec> {
  const pages = declaredRoutes(stack.app).filter((d) => isPage(d.path));
  return { ...specs(cycleId, becameLookedAfter), ...Object.fromEntries(pages.map((d) => [`${d.method} ${d.path}`, pageSpec(d)])) };
}

test('every declared API route has a fuzz spec (a new endpoint must add one); every page is fuzzed', () => {
  const declared = declaredRoutes(stack.app).map((d) => `${d.method} ${d.path}`);
  expect(Object.keys(specs(cycleId, becameLookedAfter)).sort()).toEqual(declared.filter((k) => !isPage(k.split(' ')[1])).sort());
  expect(Object.keys(allSpecs()).sort()).toEqual([...declared].sort());
  expect(Object.keys(PAGE_SPECS).filter((k) => !declared.includes(k))).toEqual([]);
  expect(declared.filter((k) => isPage(k.split(' ')[1])).length).toBeGreaterThanOrEqual(8);
});

/**
 * What a refusal must carry: the API's JSON error message, or for a page an HTML page saying what
 * is wrong (a form's error summary or the error page). A page asked for with no usable session or
 * token goes to the sign-in page instead (303); a form posted so is the sign-in page itself (401),
 * offering to send it again once signed in. Neither changes anything.
 */
function refusedProperly(a: Attempt, r: request.Response): boolean {
  if (isPage(a.path) && r.status === 303 && /^\/sign-in(\?|$)/.test(r.headers.location ?? '')) return true;
  if (isPage(a.path) && a.method === 'POST' && r.status === 401 && r.text.includes('Sign in to care-reviews')) return true;
  if (r.status < 400 || r.status >= 500) return false;
  if (r.type === 'text/html') return /govuk-error-summary|Go to your start page/.test(r.text);
  const message = r.body?.error?.message;
  return typeof message === 'string' && message.length >= 5;
}

test('thousands of malformed requests: always a 4xx with a message, never a 5xx, and nothing changes', async () => {
  const count = async () => (await stack.client.workflow.count()).count;
  // The base case's own notifications (L1, and reminders already due for a child in care ten days)
  // land first, so they are not mistaken for a change: wait until the outbox is quiet.
  let last = -1;
  await eventually(
    async () => {
      const n = stack.services.store.counts().notifications;
      const quiet = n === last && n > 0;
      last = n;
      await new Promise((r) => setTimeout(r, 1000));
      return quiet;
    },
    (quiet) => quiet,
  );
  const before = {
    store: stack.services.store.counts(),
    calendar: stack.services.calendar.snapshot().revision,
    state: await stack.client.workflow.getHandle(cycleId).query(cycleStateQuery),
    workflows: await eventually(count, (n) => n === 1),
  };
  expect(before.workflows).toBe(1);

  const all = Object.entries(allSpecs()).flatMap(([route, spec]) => attempts(route, spec).map((a) => ({ route, spec, a })));
  expect(all.length).toBeGreaterThan(1500); // sent twice: over 3,000 requests
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  /** Page attempts answered with a page saying what is wrong (not just sent to sign in). */
  let pageRefusals = 0;
  // Over the whole list twice in different orders: two thousand-odd requests each pass.
  for (const round of [all, [...all].reverse()]) {
    for (const { route, spec, a } of round) {
      const r = await send(a, spec.as);
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      if (isPage(a.path) && r.status >= 400 && r.type === 'text/html') pageRefusals++;
      if (!refusedProperly(a, r)) {
        failures.push(
          `${route} [${a.why}] -> ${r.status} ${r.headers.location ?? ''} ${(r.type === 'text/html' ? r.text : JSON.stringify(r.body)).slice(0, 200)}`,
        );
      }
    }
  }
  expect(failures.slice(0, 20)).toEqual([]);
  expect(pageRefusals).toBeGreaterThan(500);
  expect([...statuses.keys()].every((s) => (s >= 400 && s < 500) || s === 303)).toBe(true);

  // Nothing changed: no case started or moved on, no notification, no calendar change.
  expect(stack.services.store.counts()).toEqual(before.store);
  expect(stack.services.calendar.snapshot().revision).toBe(before.calendar);
  expect(await stack.client.workflow.getHandle(cycleId).query(cycleStateQuery)).toEqual(before.state);
  expect(await count()).toBe(before.workflows);
}, 1_500_000);
