/**
 * The looked-after cycle's commands as pure functions, table-driven: each row is a model fixture,
 * an input and today, and either the refusal it meets ({field, rule}, read from the
 * ApplicationFailure's details) or the exact change it makes to the model. No Temporal: milliseconds.
 */
import { IsoDate } from '../workflows/calendar/iso-date';
import { ON_HOLD, adjournReviewCommand, bookReviewCommand } from '../workflows/looked-after-cycle/commands/booking';
import { Ending, ceaseLookedAfterCommand, endCycle } from '../workflows/looked-after-cycle/commands/cease';
import { answerDecisionsCommand, resolveDisagreementCommand } from '../workflows/looked-after-cycle/commands/decisions';
import { disputeClosedApply } from '../workflows/looked-after-cycle/commands/dispute-closed';
import { allocateSocialWorkerCommand, appointIroCommand } from '../workflows/looked-after-cycle/commands/iro-and-social-worker';
import { bringForwardCommand, changePlacementCommand } from '../workflows/looked-after-cycle/commands/placement';
import { recordReviewHeldCommand } from '../workflows/looked-after-cycle/commands/review-held';
import { respondToStarredCommand } from '../workflows/looked-after-cycle/commands/starred-recommendations';
import { completeTaskCommand } from '../workflows/looked-after-cycle/commands/tasks';
import { actionEffect, keepSent } from '../workflows/looked-after-cycle/dated-actions';
import { CycleModel, mayReviewWithoutMeeting } from '../workflows/looked-after-cycle/model';
import { isCompletable, obligations, openAgenda, openReviewDue } from '../workflows/looked-after-cycle/obligations';
import { refusalOf, table } from './support/command-table';
import { TODAY, calendar, ctx, cycle, held, profiles, review, statutory } from './support/cycle-model';

const oxfordshire = profiles.get('oxfordshire')!;

const withIro = (m: CycleModel) => {
  m.iro = { staffId: 'iro-1', appointedOn: '2026-01-06' };
};
const ended = (m: CycleModel) => {
  m.status = 'ceased';
  m.ended = { on: '2026-01-15', reason: 'returned home' };
};
const booked = (meetingOn: IsoDate) => (m: CycleModel) => {
  m.open.booking = { meetingOn, bookedOn: '2026-01-12', by: 'iro-1' };
};
const adjourned = (m: CycleModel) => {
  m.open.adjournment = { on: '2026-01-16', resumeBy: '2026-01-30', reason: 'ill' };
};
const all =
  (...shapes: ((m: CycleModel) => void)[]) =>
  (m: CycleModel) =>
    shapes.forEach((s) => s(m));

const event = (what: string, rule?: string, by?: string, on = TODAY) => ({ on, what, ...(rule ? { rule } : {}), ...(by ? { by } : {}) });

describe('L1 appointIro / allocateSocialWorker', () => {
  table(appointIroCommand, [
    {
      name: 'an IRO appointed',
      model: cycle(),
      input: { staffId: 'iro-1', by: 'mgr-1' },
      applied: (m) => {
        m.iro = { staffId: 'iro-1', appointedOn: TODAY };
        m.events.push(event('IRO iro-1 appointed', 'L1', 'mgr-1'));
      },
    },
    {
      name: 'the IRO changed (L1 keeps the first appointment)',
      model: cycle(withIro),
      input: { staffId: 'iro-2', by: 'mgr-1' },
      applied: (m) => {
        m.iro = { staffId: 'iro-2', appointedOn: TODAY, firstAppointedOn: '2026-01-06' };
        m.events.push(event('IRO changed from iro-1 to iro-2', 'L1', 'mgr-1'));
      },
    },
    { name: 'not a staff id', model: cycle(), input: { staffId: 'Jane Smith', by: 'mgr-1' }, refused: { field: 'staffId' } },
    {
      name: 'L13 the cycle has ended',
      model: cycle(ended),
      input: { staffId: 'iro-1', by: 'mgr-1' },
      refused: { field: 'cycleId', rule: 'L13' },
    },
  ]);
  table(allocateSocialWorkerCommand, [
    {
      name: 'a social worker allocated',
      model: cycle(),
      input: { staffId: 'sw-2', by: 'tm-1' },
      applied: (m) => {
        m.socialWorker = { staffId: 'sw-2', allocatedOn: TODAY };
        m.events.push(event('social worker sw-2 allocated', undefined, 'tm-1'));
      },
    },
    { name: 'by must be a staff id', model: cycle(), input: { staffId: 'sw-2', by: '' }, refused: { field: 'by' } },
  ]);
});

describe('L5 changePlacement', () => {
  table(changePlacementCommand, [
    {
      name: 'changed (statutory: no L5 review)',
      model: cycle(),
      input: { on: '2026-01-15', type: 'residential', by: 'sw-1' },
      applied: (m) => {
        m.placementChanges.push({ on: '2026-01-15', type: 'residential' });
        m.placement = { type: 'residential', startedOn: '2026-01-15' };
        m.events.push(event('placement changed to residential from 2026-01-15', undefined, 'sw-1'));
      },
    },
    {
      name: 'changed where the profile has the L5 review',
      model: cycle(),
      profile: oxfordshire,
      input: { on: '2026-01-15', type: 'residential', by: 'sw-1' },
      applied: (m) => {
        m.placementChanges.push({ on: '2026-01-15', type: 'residential' });
        m.placement = { type: 'residential', startedOn: '2026-01-15' };
        m.events.push(event('placement changed to residential from 2026-01-15', 'L5', 'sw-1'));
      },
    },
    {
      name: 'an unknown placement type',
      model: cycle(),
      input: { on: '2026-01-15', type: 'hotel' as never, by: 'sw-1' },
      refused: { field: 'type' },
    },
    { name: 'in the future', model: cycle(), input: { on: '2026-01-20', type: 'residential', by: 'sw-1' }, refused: { field: 'on' } },
    {
      name: 'L2 before the child became looked after',
      model: cycle(),
      input: { on: '2026-01-02', type: 'residential', by: 'sw-1' },
      refused: { field: 'on', rule: 'L2' },
    },
    {
      name: 'before the current placement started',
      model: cycle((m) => {
        m.placement = { type: 'foster', startedOn: '2026-01-14' };
      }),
      input: { on: '2026-01-13', type: 'residential', by: 'sw-1' },
      refused: { field: 'on' },
    },
    { name: 'not a real date', model: cycle(), input: { on: '2026-02-30', type: 'residential', by: 'sw-1' }, refused: { field: 'on' } },
  ]);
});

describe('L6 bringForward', () => {
  const statutoryDue = openReviewDue(cycle(), statutory, calendar).due;
  table(bringForwardCommand, [
    {
      name: 'brought forward',
      model: cycle(),
      input: { reason: 'risk-of-harm', dueBy: '2026-01-26', by: 'iro-1' },
      applied: (m) => {
        m.open.bringForward = { reason: 'risk-of-harm', requestedOn: TODAY, by: 'iro-1', dueBy: '2026-01-26' };
        m.events.push(event('review 1 brought forward to 2026-01-26: risk-of-harm', 'L6', 'iro-1'));
      },
    },
    {
      name: 'an unknown reason',
      model: cycle(),
      input: { reason: 'boredom' as never, dueBy: '2026-01-26', by: 'iro-1' },
      refused: { field: 'reason', rule: 'L6' },
    },
    {
      name: 'a date that has passed',
      model: cycle(),
      input: { reason: 'risk-of-harm', dueBy: '2026-01-16', by: 'iro-1' },
      refused: { field: 'dueBy', rule: 'L6' },
    },
    {
      name: 'not earlier than the statutory date',
      model: cycle(),
      input: { reason: 'risk-of-harm', dueBy: statutoryDue, by: 'iro-1' },
      refused: { field: 'dueBy', rule: 'L6' },
    },
  ]);
});

describe('L7 bookReview and L12 adjournReview', () => {
  const due = openReviewDue(cycle(), statutory, calendar).due;
  const after = calendar.addWorkingDays(due, 2);
  table(bookReviewCommand, [
    {
      name: 'booked',
      model: cycle(),
      input: { meetingOn: '2026-01-28', venue: 'office', by: 'iro-1' },
      applied: (m) => {
        m.open.booking = { meetingOn: '2026-01-28', venue: 'office', bookedOn: TODAY, by: 'iro-1' };
        m.events.push(event('review 1 booked for 2026-01-28', 'L7', 'iro-1'));
      },
    },
    {
      name: 'moved: a postponement, kept for the 12-month check',
      model: cycle(booked('2026-01-28')),
      input: { meetingOn: '2026-01-30', reason: 'child ill', by: 'iro-1' },
      applied: (m) => {
        m.open.postponements.push({ from: '2026-01-28', to: '2026-01-30', on: TODAY, reason: 'child ill' });
        m.postponementDates.push(TODAY);
        m.open.booking = { meetingOn: '2026-01-30', bookedOn: TODAY, by: 'iro-1' };
        m.events.push(event('review 1 moved from 2026-01-28 to 2026-01-30: child ill', 'L7', 'iro-1'));
      },
    },
    {
      name: "after the due date with a strategic manager's permission",
      model: cycle(),
      input: { meetingOn: after, strategicManagerPermission: { by: 'sm-1', reason: 'court' }, by: 'iro-1' },
      applied: (m) => {
        m.open.booking = { meetingOn: after, bookedOn: TODAY, by: 'iro-1', strategicManagerPermission: { by: 'sm-1', reason: 'court' } };
        m.events.push(event(`review 1 booked for ${after}`, 'L7', 'iro-1'));
      },
    },
    {
      name: 'a date that has passed',
      model: cycle(),
      input: { meetingOn: '2026-01-16', by: 'iro-1' },
      refused: { field: 'meetingOn', rule: 'L7' },
    },
    {
      name: 'after the due date without permission',
      model: cycle(),
      input: { meetingOn: after, by: 'iro-1' },
      refused: { field: 'meetingOn', rule: 'L7' },
    },
    {
      name: 'permission without a reason',
      model: cycle(),
      input: { meetingOn: after, strategicManagerPermission: { by: 'sm-1', reason: ' ' }, by: 'iro-1' },
      refused: { field: 'strategicManagerPermission.reason' },
    },
    {
      name: 'moving needs a reason',
      model: cycle(booked('2026-01-28')),
      input: { meetingOn: '2026-01-30', by: 'iro-1' },
      refused: { field: 'reason' },
    },
    {
      name: 'L12 an adjourned review resumes within 20 working days of the adjournment',
      model: cycle(all(booked('2026-01-30'), adjourned)),
      input: { meetingOn: calendar.addWorkingDays('2026-01-16', 21), reason: 'IRO ill', by: 'iro-1' },
      refused: { field: 'meetingOn', rule: 'L12' },
    },
  ]);
  const limit = calendar.addWorkingDays('2026-01-16', 20);
  table(adjournReviewCommand, [
    {
      name: 'adjourned; the booking moves to the resume date',
      model: cycle(booked('2026-01-16')),
      input: { on: '2026-01-16', resumeOn: limit, reason: 'interpreter absent', by: 'iro-1' },
      applied: (m) => {
        m.open.adjournment = { on: '2026-01-16', resumeBy: limit, reason: 'interpreter absent', onHold: ON_HOLD };
        m.open.booking = { meetingOn: limit, bookedOn: '2026-01-16', by: 'iro-1' };
        m.events.push(event(`review 1 adjourned on 2026-01-16, to resume on ${limit}: interpreter absent`, 'L12', 'iro-1'));
      },
    },
    {
      name: 'more than 20 working days',
      model: cycle(),
      input: { on: '2026-01-16', resumeOn: calendar.addWorkingDays(limit, 1), reason: 'x', by: 'iro-1' },
      refused: { field: 'resumeOn', rule: 'L12' },
    },
    {
      name: 'resuming before the adjournment',
      model: cycle(),
      input: { on: '2026-01-16', resumeOn: '2026-01-16', reason: 'x', by: 'iro-1' },
      refused: { field: 'resumeOn', rule: 'L12' },
    },
    {
      name: 'only once a review',
      model: cycle(adjourned),
      input: { on: '2026-01-19', resumeOn: '2026-01-30', reason: 'x', by: 'iro-1' },
      refused: { field: 'on', rule: 'L12' },
    },
    {
      name: 'a reason is required',
      model: cycle(),
      input: { on: '2026-01-16', resumeOn: '2026-01-30', reason: '', by: 'iro-1' },
      refused: { field: 'reason' },
    },
  ]);
});

describe('completeTask (L8, L9, decisions, L16 pathway plan)', () => {
  table(completeTaskCommand, [
    {
      name: 'a task before the meeting',
      model: cycle(all(withIro, booked('2026-02-02'))),
      input: { key: 'r1/reports-to-iro', on: '2026-01-16', by: 'sw-1' },
      applied: (m) => {
        m.open.preMeeting['reports-to-iro'] = '2026-01-16';
        m.events.push(event('r1/reports-to-iro done on 2026-01-16', 'L8', 'sw-1'));
      },
    },
    {
      name: 'a task after the meeting',
      model: cycle(held()),
      input: { key: 'r1/full-record', on: TODAY, by: 'iro-1' },
      applied: (m) => {
        m.reviewsHeld[0].after['full-record'] = TODAY;
        m.events.push(event(`r1/full-record done on ${TODAY}`, 'L9', 'iro-1'));
      },
    },
    {
      name: 'a review decision',
      model: cycle(held({ decisions: [{ text: 'school visit', owner: 'sw-1', dueOn: '2026-02-01' }] })),
      input: { key: 'r1/decision-1', on: TODAY, by: 'sw-1' },
      applied: (m) => {
        m.reviewsHeld[0].decisions[0].doneOn = TODAY;
        m.events.push(event(`r1/decision-1 done on ${TODAY}`, 'L9', 'sw-1'));
      },
    },
    { name: 'not an open task', model: cycle(), input: { key: 'r1/full-record', on: TODAY, by: 'iro-1' }, refused: { field: 'key' } },
    {
      name: 'the review itself is not a task',
      model: cycle(),
      input: { key: 'r1/review', on: TODAY, by: 'iro-1' },
      refused: { field: 'key' },
    },
    {
      name: 'done in the future',
      model: cycle(held()),
      input: { key: 'r1/full-record', on: '2026-01-20', by: 'iro-1' },
      refused: { field: 'on' },
    },
  ]);
  test('isCompletable: the review, booking, resume, L10 and L11 steps and the IRO appointment have their own commands', () => {
    expect(
      obligations(cycle(), statutory, calendar)
        .filter(isCompletable)
        .map((o) => o.key),
    ).not.toContain('r1/review');
    expect(
      [
        'r1/review',
        'r1/booking',
        'r1/resume',
        'r1/team-manager-response',
        'r1/starred-agreement',
        'appoint-iro',
        'r1/invitations',
        'pathway-plan',
      ].map((key) => isCompletable({ key } as never)),
    ).toEqual([false, false, false, false, false, false, true, true]);
  });
});

describe('recordReviewHeld (L3, L7, L11, L12, L14, L17, L18)', () => {
  const due = openReviewDue(cycle(), statutory, calendar);
  const input = { heldOn: '2026-01-16', participation: 'PN1' as const, by: 'iro-1' };
  table(recordReviewHeldCommand, [
    {
      name: 'held on time; the next review opens with its booking',
      model: cycle(withIro),
      input: {
        ...input,
        decisions: [{ text: 'school visit', owner: 'sw-1', dueOn: '2026-02-01' }],
        nextMeetingOn: '2026-04-10',
        nextMeetingVenue: 'school',
      },
      applied: (m) => {
        m.reviewsHeld.push(
          review({ due: due.due, rule: due.rule, decisions: [{ text: 'school visit', owner: 'sw-1', dueOn: '2026-02-01' }] }),
        );
        m.events.push(event(`review 1 held on 2026-01-16 (on time)`, due.rule, 'iro-1'));
        m.open = {
          number: 2,
          postponements: [],
          preMeeting: {},
          booking: { meetingOn: '2026-04-10', venue: 'school', bookedOn: '2026-01-16', by: 'iro-1' },
        };
      },
    },
    {
      name: 'L17 chaired by the team manager',
      model: cycle(withIro),
      input: { ...input, chair: { staffId: 'tm-1', as: 'team-manager' as const } },
      applied: (m) => {
        m.reviewsHeld.push(review({ due: due.due, rule: due.rule, chair: { staffId: 'tm-1', as: 'team-manager' } }));
        m.events.push(
          event(`review 1 held on 2026-01-16 (on time)`, due.rule, 'iro-1'),
          event('chaired by team-manager tm-1', 'L17', 'iro-1'),
        );
        m.open = { number: 2, postponements: [], preMeeting: {} };
      },
    },
    {
      name: 'L12 an adjourned review is judged by the adjournment',
      model: cycle(all(withIro, adjourned)),
      input: { ...input, heldOn: TODAY },
      applied: (m) => {
        m.reviewsHeld.push(
          review({ heldOn: TODAY, due: due.due, rule: due.rule, adjourned: { on: '2026-01-16', resumeBy: '2026-01-30' } }),
        );
        m.events.push(event(`review 1 held on ${TODAY} (on time)`, due.rule, 'iro-1'));
        m.open = { number: 2, postponements: [], preMeeting: {} };
      },
    },
    { name: 'L3 not after the last review held', model: cycle(held()), input, refused: { field: 'heldOn', rule: 'L3' } },
    {
      name: 'L12 before the adjournment',
      model: cycle(adjourned),
      input: { ...input, heldOn: '2026-01-15' },
      refused: { field: 'heldOn', rule: 'L12' },
    },
    {
      name: 'L18 an unknown participation code',
      model: cycle(),
      input: { ...input, participation: 'PN9' as never },
      refused: { field: 'participation', rule: 'L18' },
    },
    {
      name: 'L18 PN0 is only for a child under 4',
      model: cycle(),
      input: { ...input, participation: 'PN0' as const },
      refused: { field: 'participation', rule: 'L18' },
    },
    {
      name: 'L18 a child under 4 is PN0',
      model: cycle((m) => {
        m.child.dateOfBirth = '2023-06-01';
      }),
      input,
      refused: { field: 'participation', rule: 'L18' },
    },
    {
      name: 'L14 without a meeting only in long-term foster care',
      model: cycle(),
      input: { ...input, withoutMeeting: true },
      refused: { field: 'withoutMeeting', rule: 'L14' },
    },
    {
      name: 'L17 an unknown chair',
      model: cycle(),
      input: { ...input, chair: { staffId: 'x-1', as: 'deputy' as never } },
      refused: { field: 'chair.as', rule: 'L17' },
    },
    {
      name: 'a decision due before the review',
      model: cycle(),
      input: { ...input, decisions: [{ text: 'x', owner: 'sw-1', dueOn: '2026-01-15' }] },
      refused: { field: 'decisions[0].dueOn' },
    },
    {
      name: 'L11 at most 50 starred recommendations',
      model: cycle(),
      input: { ...input, starredRecommendations: Array(51).fill('s') },
      refused: { field: 'starredRecommendations', rule: 'L11' },
    },
    {
      name: 'L7 the next meeting after this review',
      model: cycle(),
      input: { ...input, nextMeetingOn: '2026-01-16' },
      refused: { field: 'nextMeetingOn', rule: 'L7' },
    },
    {
      name: 'L2 before the child became looked after',
      model: cycle(),
      input: { ...input, heldOn: '2026-01-02' },
      refused: { field: 'heldOn', rule: 'L2' },
    },
    { name: 'L13 the cycle has ended', model: cycle(ended), input, refused: { field: 'cycleId', rule: 'L13' } },
  ]);
});

describe('L10 answerDecisions and resolveDisagreement', () => {
  const circulated = held({ after: { 'decisions-circulated': '2026-01-16' } });
  table(answerDecisionsCommand, [
    {
      name: 'agreed',
      model: cycle(circulated),
      input: { reviewNumber: 1, response: 'agree', by: 'tm-1' },
      applied: (m) => {
        m.reviewsHeld[0].teamManager = { response: 'agreed', on: TODAY, by: 'tm-1' };
        m.events.push(event('team manager agreed with the decisions of review 1', 'L10', 'tm-1'));
      },
    },
    {
      name: 'disagreed: an informal disagreement',
      model: cycle(circulated),
      input: { reviewNumber: 1, response: 'disagree', reason: 'too costly', by: 'tm-1' },
      applied: (m) => {
        m.reviewsHeld[0].teamManager = { response: 'disagreed', on: TODAY, by: 'tm-1', reason: 'too costly' };
        m.reviewsHeld[0].disagreement = { status: 'informal' };
        m.events.push(event('team manager disagreed with the decisions of review 1: too costly', 'L10', 'tm-1'));
      },
    },
    {
      name: 'no such review',
      model: cycle(),
      input: { reviewNumber: 1, response: 'agree', by: 'tm-1' },
      refused: { field: 'reviewNumber', rule: 'L10' },
    },
    {
      name: 'decisions not circulated yet',
      model: cycle(held()),
      input: { reviewNumber: 1, response: 'agree', by: 'tm-1' },
      refused: { field: 'reviewNumber', rule: 'L10' },
    },
    {
      name: 'already answered (or deemed agreed)',
      model: cycle(held({ after: { 'decisions-circulated': '2026-01-16' }, teamManager: { response: 'deemed-agreed', on: TODAY } })),
      input: { reviewNumber: 1, response: 'disagree', reason: 'x', by: 'tm-1' },
      refused: { field: 'reviewNumber', rule: 'L10' },
    },
    {
      name: 'agree or disagree',
      model: cycle(circulated),
      input: { reviewNumber: 1, response: 'maybe' as never, by: 'tm-1' },
      refused: { field: 'response', rule: 'L10' },
    },
    {
      name: 'a disagreement needs a reason',
      model: cycle(circulated),
      input: { reviewNumber: 1, response: 'disagree', by: 'tm-1' },
      refused: { field: 'reason' },
    },
  ]);
  const disagreed = held({
    teamManager: { response: 'disagreed', on: TODAY, by: 'tm-1', reason: 'x' },
    disagreement: { status: 'informal' },
  });
  table(resolveDisagreementCommand, [
    {
      name: 'settled informally',
      model: cycle(disagreed),
      input: { reviewNumber: 1, outcome: 'settled', by: 'iro-1' },
      applied: (m) => {
        m.reviewsHeld[0].disagreement = { status: 'settled' };
        m.events.push(event('disagreement on review 1 settled informally', 'L10', 'iro-1'));
      },
    },
    {
      name: 'not settled: a dispute is to be opened',
      model: cycle(disagreed),
      input: { reviewNumber: 1, outcome: 'dispute', note: 'no movement', by: 'iro-1' },
      applied: (m) => {
        m.reviewsHeld[0].disagreement = { status: 'dispute-to-open', note: 'no movement' };
        m.events.push(event('disagreement on review 1 not settled: a dispute is to be opened', 'L10', 'iro-1'));
      },
    },
    {
      name: 'no open disagreement',
      model: cycle(held()),
      input: { reviewNumber: 1, outcome: 'settled', by: 'iro-1' },
      refused: { field: 'reviewNumber', rule: 'L10' },
    },
    {
      name: 'settled or dispute',
      model: cycle(disagreed),
      input: { reviewNumber: 1, outcome: 'ignored' as never, by: 'iro-1' },
      refused: { field: 'outcome', rule: 'L10' },
    },
  ]);
});

describe('L11 respondToStarred', () => {
  const notified = (on: IsoDate, extra = {}) => held({ starredRecommendations: ['move school'], starred: { notifiedOn: on, ...extra } });
  const concern = { on: '2026-01-16', by: 'pm-1', note: 'cost' };
  table(respondToStarredCommand, [
    {
      name: 'a concern within 5 working days',
      model: cycle(notified('2026-01-16')),
      input: { reviewNumber: 1, response: 'concern', note: 'cost', by: 'pm-1' },
      applied: (m) => {
        m.reviewsHeld[0].starred!.concern = { on: TODAY, by: 'pm-1', note: 'cost' };
        m.events.push(event("concern about review 1's starred recommendations: cost", 'L11', 'pm-1'));
      },
    },
    {
      name: 'agreed after a concern',
      model: cycle(notified('2026-01-16', { concern })),
      input: { reviewNumber: 1, response: 'agree', by: 'sm-1' },
      applied: (m) => {
        m.reviewsHeld[0].starred!.agreedOn = TODAY;
        m.events.push(event('starred recommendations of review 1 agreed', 'L11', 'sm-1'));
      },
    },
    {
      name: 'a concern too late',
      model: cycle(notified('2026-01-09')),
      input: { reviewNumber: 1, response: 'concern', note: 'cost', by: 'pm-1' },
      refused: { field: 'response', rule: 'L11' },
    },
    {
      name: 'a second concern',
      model: cycle(notified('2026-01-16', { concern })),
      input: { reviewNumber: 1, response: 'concern', note: 'again', by: 'pm-1' },
      refused: { field: 'response', rule: 'L11' },
    },
    {
      name: 'nothing to agree without a concern',
      model: cycle(notified('2026-01-16')),
      input: { reviewNumber: 1, response: 'agree', by: 'sm-1' },
      refused: { field: 'response', rule: 'L11' },
    },
    {
      name: 'no starred recommendations sent',
      model: cycle(held()),
      input: { reviewNumber: 1, response: 'agree', by: 'sm-1' },
      refused: { field: 'reviewNumber', rule: 'L11' },
    },
    {
      name: 'a dispute is to be opened about them',
      model: cycle(notified('2026-01-16', { concern, disputeToOpen: true })),
      input: { reviewNumber: 1, response: 'agree', by: 'sm-1' },
      refused: { field: 'reviewNumber', rule: 'L11' },
    },
    {
      name: 'concern or agree',
      model: cycle(notified('2026-01-16')),
      input: { reviewNumber: 1, response: 'ignore' as never, by: 'sm-1' },
      refused: { field: 'response', rule: 'L11' },
    },
  ]);
});

describe('L13 ceaseLookedAfter, L16 the end at 18', () => {
  const ending = (shape?: (m: CycleModel) => void): Ending => ({ model: cycle(shape) });
  table(ceaseLookedAfterCommand, [
    {
      name: 'asked for: acted on at the next pass',
      model: ending(),
      input: { on: '2026-01-16', reason: 'returned home', by: 'sw-1' },
      applied: (e) => {
        e.cease = { on: '2026-01-16', reason: 'returned home', by: 'sw-1' };
      },
    },
    {
      name: 'before the last review held',
      model: ending(held()),
      input: { on: '2026-01-15', reason: 'returned home', by: 'sw-1' },
      refused: { field: 'on', rule: 'L13' },
    },
    { name: 'in the future', model: ending(), input: { on: '2026-01-20', reason: 'returned home', by: 'sw-1' }, refused: { field: 'on' } },
    {
      name: 'already ended',
      model: ending(ended),
      input: { on: '2026-01-16', reason: 'returned home', by: 'sw-1' },
      refused: { field: 'cycleId', rule: 'L13' },
    },
    {
      name: 'D1 under a supervision order with a CIN plan',
      model: ending(),
      input: { on: '2026-01-16', reason: 'supervision order made', supervisionOrder: true, childInNeedPlan: true, by: 'sw-1' },
      applied: (e) => {
        e.cease = { on: '2026-01-16', reason: 'supervision order made', supervisionOrder: true, childInNeedPlan: true, by: 'sw-1' };
      },
    },
    {
      name: 'supervisionOrder is true or false',
      model: ending(),
      input: { on: '2026-01-16', reason: 'x', supervisionOrder: 'yes' as never, by: 'sw-1' },
      refused: { field: 'supervisionOrder' },
    },
  ]);
  test('D1 the ended cycle offers the step down to an IRO-chaired CIN review only with both a supervision order and a CIN plan', () => {
    const both: Ending = {
      model: cycle(),
      cease: { on: '2026-01-16', reason: 'supervision order made', supervisionOrder: true, childInNeedPlan: true, by: 'sw-1' },
    };
    endCycle(both, '2033-05-10', { today: TODAY });
    expect(both.model.ended?.stepDown).toEqual({
      offered: 'cin-review',
      criterion: 'step-down-from-looked-after-with-supervision-order',
      rule: 'D1',
      steppedDownFrom: both.model.cycleId,
    });
    const orderOnly: Ending = {
      model: cycle(),
      cease: { on: '2026-01-16', reason: 'supervision order made', supervisionOrder: true, by: 'sw-1' },
    };
    endCycle(orderOnly, '2033-05-10', { today: TODAY });
    expect(orderOnly.model.ended?.stepDown).toBeUndefined();
  });
  test('ceased: the status, the end and the story', () => {
    const e: Ending = { model: cycle(), cease: { on: '2026-01-16', reason: 'returned home', by: 'sw-1' } };
    expect(endCycle(e, '2033-05-10', { today: TODAY })).toEqual({ reason: 'returned home', rule: 'L13' });
    expect([e.model.status, e.model.ended, e.model.events.at(-2)]).toEqual([
      'ceased',
      {
        on: '2026-01-16',
        reason: 'returned home',
        reviewBeforeEnding: expect.objectContaining({ rule: 'L20', met: false }),
      },
      {
        on: TODAY,
        what: 'ceased to be looked after on 2026-01-16: returned home; review 1 and its preparation cancelled; reviews already held are still followed up',
        rule: 'L13',
        by: 'sw-1',
      },
    ]);
  });
  test('at 18', () => {
    const e: Ending = { model: cycle() };
    expect(endCycle(e, '2033-05-10', { today: '2033-05-10' }).rule).toBe('L16');
    expect([e.model.status, e.model.ended]).toEqual([
      'ended-at-18',
      { on: '2033-05-10', reason: 'the child turned 18; looked-after status ends' },
    ]);
  });
});

describe("dated actions' effects and closed disputes", () => {
  test('L10 no answer by the deadline: deemed agreed, once', () => {
    const m = cycle(held({ after: { 'decisions-circulated': '2026-01-16' } }));
    const o = obligations(m, statutory, calendar).find((x) => x.key === 'r1/team-manager-response')!;
    const a = o.actions.find((x) => x.kind === 'deemed-agreed')!;
    expect(actionEffect(m, o, a, TODAY)).toBe(true);
    expect(m.reviewsHeld[0].teamManager).toEqual({ response: 'deemed-agreed', on: TODAY });
    expect(m.events.at(-1)).toMatchObject({
      rule: 'L10',
      what: `no response from the team manager by ${o.due}: review 1's decisions deemed agreed`,
    });
    expect(actionEffect(m, o, a, TODAY)).toBe(false);
  });
  test('L11 no agreement in time: a dispute is to be opened', () => {
    const m = cycle(
      held({ starredRecommendations: ['s'], starred: { notifiedOn: '2026-01-16', concern: { on: '2026-01-16', by: 'pm-1', note: 'n' } } }),
    );
    const o = obligations(m, statutory, calendar).find((x) => x.key === 'r1/starred-agreement')!;
    expect(
      actionEffect(
        m,
        o,
        o.actions.find((x) => x.kind === 'open-dispute')!,
        TODAY,
      ),
    ).toBe(true);
    expect(m.reviewsHeld[0].starred!.disputeToOpen).toBe(true);
  });
  test('E6 a dispute closed is recorded on its review', () => {
    const m = cycle(held({ disagreement: { status: 'dispute-open', disputeId: 'd-1' } }));
    disputeClosedApply(m, { disputeId: 'd-1', reviewNumber: 1, outcome: 'resolved', on: TODAY });
    expect([m.reviewsHeld[0].disagreement!.status, m.events.at(-1)]).toEqual([
      'dispute-closed',
      { on: TODAY, what: 'dispute d-1 resolved', rule: 'E6' },
    ]);
  });
  test('sent ids carried over: the last three reviews, unsettled ones, and the rest', () => {
    const m = cycle(held());
    m.open.number = 6;
    const keep = keepSent(m);
    expect(['r1/x', 'r2/x', 'r3/x', 'appoint-iro/x'].map(keep)).toEqual([true, false, true, true]);
  });
});

describe('issue 11: statutory corrections (rules named)', () => {
  const due = openReviewDue(cycle(), statutory, calendar).due;
  test('L12 an adjourned review completed after its resume date is late', () => {
    const m = cycle(all(withIro, adjourned));
    recordReviewHeldCommand.apply(m, { heldOn: '2026-02-03', participation: 'PN1', by: 'iro-1' }, ctx('2026-02-03'));
    expect(m.reviewsHeld[0].onTime).toBe(false);
  });
  test('L12 the adjournment must fall inside the open review (after the previous review held)', () => {
    expect(
      refusalOf(() =>
        adjournReviewCommand.validate(cycle(held()), { on: '2026-01-16', resumeOn: '2026-01-30', reason: 'x', by: 'iro-1' }, ctx()),
      ),
    ).toEqual({ field: 'on', rule: 'L12' });
  });
  test('L12 the state says nothing decided at the adjourned meeting is put into effect before the review is completed', () => {
    const m = cycle(booked('2026-01-16'));
    adjournReviewCommand.apply(m, { on: '2026-01-16', resumeOn: '2026-01-30', reason: 'x', by: 'iro-1' }, ctx());
    expect(m.open.adjournment?.onHold).toMatch(/can be implemented until the review has been completed/);
  });
  test('L12 until completed, the review is chased against the resume date', () => {
    const o = obligations(cycle(all(withIro, adjourned)), statutory, calendar);
    expect(o.find((x) => x.key === 'r1/resume')!.actions.map((a) => a.kind)).toContain('overdue');
  });
  test('L7 a next meeting date beyond the next due date needs a strategic manager’s permission and a reason', () => {
    const input = { heldOn: '2026-01-16', participation: 'PN1' as const, by: 'iro-1', nextMeetingOn: '2026-06-30' };
    expect(refusalOf(() => recordReviewHeldCommand.validate(cycle(withIro), input, ctx()))).toEqual({
      field: 'nextMeetingOn',
      rule: 'L7',
    });
    const ok = { ...input, nextMeetingPermission: { by: 'sm-1', reason: 'court hearing' } };
    expect(refusalOf(() => recordReviewHeldCommand.validate(cycle(withIro), ok, ctx()))).toBeUndefined();
  });
  test('L7 moving a meeting earlier is not a postponement', () => {
    const m = cycle(booked('2026-01-30'));
    bookReviewCommand.apply(m, { meetingOn: '2026-01-28', reason: 'room free earlier', by: 'iro-1' }, ctx());
    expect([m.open.postponements, m.postponementDates, m.open.booking?.meetingOn]).toEqual([[], [], '2026-01-28']);
  });
  test('L7 a booking has a time; a bad time is refused', () => {
    const m = cycle();
    bookReviewCommand.apply(m, { meetingOn: '2026-01-28', time: '10:30', venue: 'school', by: 'iro-1' }, ctx());
    expect(m.open.booking?.time).toBe('10:30');
    expect(refusalOf(() => bookReviewCommand.validate(cycle(), { meetingOn: '2026-01-28', time: '25:00', by: 'iro-1' }, ctx()))).toEqual({
      field: 'time',
      rule: 'L7',
    });
  });
  test("L7 Stoke's booking reminder counts back from the ideal 5-month date", () => {
    const stoke = profiles.get('stoke-on-trent')!;
    const m = cycle(all(withIro, held(), (x) => x.reviewsHeld.push(review({ reviewNumber: 2, heldOn: '2026-04-10' }))));
    m.open.number = 3;
    const d = openReviewDue(m, stoke, calendar);
    expect(d.bookBy).toBeDefined();
    const booking = obligations(m, stoke, calendar).find((o) => o.key === 'r3/booking')!;
    expect(booking.due < calendar.workingDaysBefore(d.due, 10)).toBe(true);
  });
  test("L7 Stoke's booking reminder: brought forward before the 5-month date, it counts back from the earlier due date", () => {
    const stoke = profiles.get('stoke-on-trent')!;
    const m = cycle(all(withIro, held(), (x) => x.reviewsHeld.push(review({ reviewNumber: 2, heldOn: '2026-04-10' }))));
    m.open.number = 3;
    m.open.bringForward = { reason: 'risk-of-harm', requestedOn: '2026-05-01', by: 'iro-1', dueBy: '2026-06-01' };
    const d = openReviewDue(m, stoke, calendar);
    expect([d.due, d.bookBy! > d.due]).toEqual(['2026-06-01', true]);
    const booking = obligations(m, stoke, calendar).find((o) => o.key === 'r3/booking')!;
    expect(booking.due).toBe(calendar.workingDaysBefore('2026-06-01', 10));
    expect(booking.actions.every((a) => a.on < '2026-06-01')).toBe(true);
  });
  test('L8 changing only the venue is not a re-booking: the booking date stays and no reason is needed', () => {
    const m = cycle(booked('2026-01-30'));
    const actionIds = () => obligations(m, statutory, calendar).flatMap((o) => o.actions.map((a) => `${a.id}@${a.on}`));
    const before = actionIds();
    const input = { meetingOn: '2026-01-30', venue: 'office', by: 'iro-1' };
    expect(refusalOf(() => bookReviewCommand.validate(m, input, ctx()))).toBeUndefined();
    bookReviewCommand.apply(m, input, ctx());
    expect([m.open.booking, m.open.postponements]).toEqual([
      { meetingOn: '2026-01-30', venue: 'office', bookedOn: '2026-01-12', by: 'iro-1' },
      [],
    ]);
    expect(actionIds()).toEqual(before);
  });
  test('L13 ceasing cancels the review to come; follow-up of reviews already held still runs', () => {
    const e: Ending = { model: cycle(held()), cease: { on: TODAY, reason: 'returned home', by: 'sw-1' } };
    endCycle(e, '2033-05-10', { today: TODAY });
    const keys = obligations(e.model, statutory, calendar).map((o) => o.key);
    expect(keys).toEqual(expect.arrayContaining(['r1/decisions-circulated', 'r1/full-record']));
    expect(keys.some((k) => k.startsWith('r2/'))).toBe(false);
    expect(
      refusalOf(() => completeTaskCommand.validate(e.model, { key: 'r1/full-record', on: TODAY, by: 'iro-1' }, ctx())),
    ).toBeUndefined();
  });
  test('L20 ceasing without a review before it says which rule was not met, and why', () => {
    const e: Ending = {
      model: cycle(),
      cease: { on: TODAY, reason: 'returned home', noReviewReason: 'not reasonably practicable', by: 'sw-1' },
    };
    endCycle(e, '2033-05-10', { today: TODAY });
    expect(e.model.ended?.reviewBeforeEnding).toMatchObject({ rule: 'L20', met: false });
    expect(e.model.ended?.reviewBeforeEnding?.note).toMatch(/not reasonably practicable/);
  });
  test('L20 a planned end of care makes the review due before it', () => {
    const m = cycle((x) => {
      x.plannedEnd = { on: '2026-01-23', kind: 's20-ends', recordedOn: TODAY, by: 'sw-1' };
    });
    expect(openReviewDue(m, statutory, calendar)).toMatchObject({ due: '2026-01-22', rule: 'L20' });
    expect(due > '2026-01-22').toBe(true);
  });
  test('L14 reviews without a meeting: a meeting is owed 12 months after the last one, chased like a review', () => {
    const m = cycle(all(withIro, held(), (x) => x.reviewsHeld.push(review({ reviewNumber: 2, heldOn: '2026-04-10', withMeeting: false }))));
    m.open.number = 3;
    const o = obligations(m, statutory, calendar).find((x) => x.key === 'annual-meeting')!;
    expect([o.rule, o.due, o.actions.map((a) => a.kind)]).toEqual(['L14', '2027-01-16', ['reminder', 'overdue', 'escalation']]);
  });
  test('L14 "held for over 12 months" means more than 12 months', () => {
    const m = cycle(
      all(held(), (x) => {
        x.placement = { type: 'long-term-foster', startedOn: '2025-01-20' };
      }),
    );
    expect(mayReviewWithoutMeeting(m, '2026-01-20').ok).toBe(false);
    expect(mayReviewWithoutMeeting(m, '2026-01-21').ok).toBe(true);
  });
  test('L16 coming into care after 16 years 3 months: the pathway plan is owed by the first review, never before care', () => {
    const m = cycle((x) => {
      x.child.dateOfBirth = '2009-06-01';
    });
    const o = obligations(m, statutory, calendar).find((x) => x.key === 'pathway-plan')!;
    expect(o.due).toBe(openReviewDue(m, statutory, calendar).due);
    expect(o.actions.every((a) => a.on >= m.becameLookedAfter)).toBe(true);
    expect(openAgenda(m, statutory, calendar).find((a) => a.rule === 'L16' && a.item.startsWith('pathway'))!.item).toMatch(/first review/);
  });
});
