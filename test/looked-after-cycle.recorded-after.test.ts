/**
 * Issue 11: facts recorded after the day they happened. Every looked-after command that records a
 * fact takes that fact's date (absent: today) and is judged against it, not against today: a valid
 * date, not in the future, not before the child came into care (L2), in order with related facts.
 * Also L12: while adjourned, the resumed meeting may change venue or time, and move only within the
 * adjournment's 20 working days; it is chased like an overdue review until completed. Pure, table-driven.
 */
import { IsoDate } from '../workflows/calendar/iso-date';
import { adjournReviewCommand, bookReviewCommand } from '../workflows/looked-after-cycle/commands/booking';
import { answerDecisionsCommand, resolveDisagreementCommand } from '../workflows/looked-after-cycle/commands/decisions';
import { allocateSocialWorkerCommand, appointIroCommand } from '../workflows/looked-after-cycle/commands/iro-and-social-worker';
import { bringForwardCommand } from '../workflows/looked-after-cycle/commands/placement';
import { planEndOfCareCommand } from '../workflows/looked-after-cycle/commands/planned-end';
import { recordReviewHeldCommand } from '../workflows/looked-after-cycle/commands/review-held';
import { respondToStarredCommand } from '../workflows/looked-after-cycle/commands/starred-recommendations';
import { completeTaskCommand } from '../workflows/looked-after-cycle/commands/tasks';
import { CycleModel } from '../workflows/looked-after-cycle/model';
import { obligations, openReviewDue } from '../workflows/looked-after-cycle/obligations';
import { iroAppointment } from '../workflows/looked-after-cycle/review-follow-up';
import { refusalOf, table } from './support/command-table';
import { TODAY, calendar, ctx, cycle, held, statutory } from './support/cycle-model';

const event = (what: string, rule?: string, by?: string, on = TODAY) => ({ on, what, ...(rule ? { rule } : {}), ...(by ? { by } : {}) });
const all =
  (...shapes: ((m: CycleModel) => void)[]) =>
  (m: CycleModel) =>
    shapes.forEach((s) => s(m));
const withIro =
  (appointedOn: IsoDate = '2026-01-06') =>
  (m: CycleModel) => {
    m.iro = { staffId: 'iro-1', appointedOn };
  };
const booked =
  (meetingOn: IsoDate, bookedOn: IsoDate = '2026-01-07') =>
  (m: CycleModel) => {
    m.open.booking = { meetingOn, bookedOn, by: 'iro-1' };
  };
/** Adjourned at the meeting of 16 January, to resume on 30 January (booked then). */
const adjourned = (m: CycleModel) => {
  m.open.adjournment = { on: '2026-01-16', resumeBy: '2026-01-30', reason: 'reports missing' };
  m.open.booking = { meetingOn: '2026-01-30', bookedOn: '2026-01-16', by: 'iro-1' };
};
const wd = (d: IsoDate, n: number) => calendar.addWorkingDays(d, n);

describe('L1 the IRO appointed and the social worker allocated on the day it happened', () => {
  table(appointIroCommand, [
    {
      name: 'L1 appointed on an earlier day: appointedOn is that day',
      model: cycle(),
      input: { staffId: 'iro-1', on: '2026-01-07', by: 'mgr-1' },
      applied: (m) => {
        m.iro = { staffId: 'iro-1', appointedOn: '2026-01-07' };
        m.events.push(event('IRO iro-1 appointed on 2026-01-07', 'L1', 'mgr-1'));
      },
    },
    {
      name: 'L1 a change keeps the first appointment (what L1 judges)',
      model: cycle(withIro('2026-01-07')),
      input: { staffId: 'iro-2', on: '2026-01-12', by: 'mgr-1' },
      applied: (m) => {
        m.iro = { staffId: 'iro-2', appointedOn: '2026-01-12', firstAppointedOn: '2026-01-07' };
        m.events.push(event('IRO changed from iro-1 to iro-2 on 2026-01-12', 'L1', 'mgr-1'));
      },
    },
    {
      name: 'L1 a change dated before the current IRO was appointed',
      model: cycle(withIro('2026-01-12')),
      input: { staffId: 'iro-2', on: '2026-01-08', by: 'mgr-1' },
      refused: { field: 'on', rule: 'L1' },
    },
    { name: 'in the future', model: cycle(), input: { staffId: 'iro-1', on: '2026-01-20', by: 'mgr-1' }, refused: { field: 'on' } },
    {
      name: 'L2 before the child became looked after',
      model: cycle(),
      input: { staffId: 'iro-1', on: '2026-01-02', by: 'mgr-1' },
      refused: { field: 'on', rule: 'L2' },
    },
    { name: 'not a real date', model: cycle(), input: { staffId: 'iro-1', on: '2026-02-30', by: 'mgr-1' }, refused: { field: 'on' } },
  ]);
  table(allocateSocialWorkerCommand, [
    {
      name: 'L1 allocated on an earlier day',
      model: cycle(),
      input: { staffId: 'sw-2', on: '2026-01-05', by: 'tm-1' },
      applied: (m) => {
        m.socialWorker = { staffId: 'sw-2', allocatedOn: '2026-01-05' };
        m.events.push(event('social worker sw-2 allocated on 2026-01-05', undefined, 'tm-1'));
      },
    },
    { name: 'in the future', model: cycle(), input: { staffId: 'sw-2', on: '2026-01-20', by: 'tm-1' }, refused: { field: 'on' } },
    {
      name: 'L2 before care',
      model: cycle(),
      input: { staffId: 'sw-2', on: '2025-12-31', by: 'tm-1' },
      refused: { field: 'on', rule: 'L2' },
    },
  ]);
  test('L1 "IRO appointed within the set time" is judged with the day of appointment, not the day it was recorded', () => {
    const m = cycle();
    appointIroCommand.apply(m, { staffId: 'iro-1', on: '2026-01-07', by: 'mgr-1' }, ctx());
    expect(iroAppointment(m, statutory, calendar)).toEqual({ rule: 'L1', due: '2026-01-12', on: '2026-01-07', late: false });
    appointIroCommand.apply(m, { staffId: 'iro-2', by: 'mgr-1' }, ctx());
    expect(iroAppointment(m, statutory, calendar)).toMatchObject({ on: '2026-01-07', late: false });
    const today = cycle();
    appointIroCommand.apply(today, { staffId: 'iro-1', by: 'mgr-1' }, ctx());
    expect(iroAppointment(today, statutory, calendar)).toMatchObject({ on: TODAY, late: true });
  });
});

describe('L7 bookReview on the day the booking was made (bookedOn)', () => {
  table(bookReviewCommand, [
    {
      name: 'L7 booked on an earlier day for a meeting that has since passed',
      model: cycle(),
      input: { meetingOn: '2026-01-16', bookedOn: '2026-01-07', by: 'iro-1' },
      applied: (m) => {
        m.open.booking = { meetingOn: '2026-01-16', bookedOn: '2026-01-07', by: 'iro-1' };
        m.events.push(event('review 1 booked for 2026-01-16 (booking made on 2026-01-07)', 'L7', 'iro-1'));
      },
    },
    {
      name: 'L7 a meeting before the day it was booked',
      model: cycle(),
      input: { meetingOn: '2026-01-06', bookedOn: '2026-01-07', by: 'iro-1' },
      refused: { field: 'meetingOn', rule: 'L7' },
    },
    {
      name: 'bookedOn in the future',
      model: cycle(),
      input: { meetingOn: '2026-01-28', bookedOn: '2026-01-20', by: 'iro-1' },
      refused: { field: 'bookedOn' },
    },
    {
      name: 'L2 bookedOn before care',
      model: cycle(),
      input: { meetingOn: '2026-01-28', bookedOn: '2026-01-02', by: 'iro-1' },
      refused: { field: 'bookedOn', rule: 'L2' },
    },
    {
      name: 'L7 bookedOn before the last review held',
      model: cycle(held()),
      input: { meetingOn: '2026-04-10', bookedOn: '2026-01-15', by: 'iro-1' },
      refused: { field: 'bookedOn', rule: 'L7' },
    },
    {
      name: 'L7 a postponement is dated the day it was made',
      model: cycle(booked('2026-01-28')),
      input: { meetingOn: '2026-01-30', reason: 'child ill', bookedOn: '2026-01-14', by: 'iro-1' },
      applied: (m) => {
        m.open.postponements.push({ from: '2026-01-28', to: '2026-01-30', on: '2026-01-14', reason: 'child ill' });
        m.postponementDates.push('2026-01-14');
        m.open.booking = { meetingOn: '2026-01-30', bookedOn: '2026-01-14', by: 'iro-1' };
        m.events.push(event('review 1 moved from 2026-01-28 to 2026-01-30 on 2026-01-14: child ill', 'L7', 'iro-1'));
      },
    },
  ]);
  test('L8 "booked too late" is judged from the day the booking was made', () => {
    const due = openReviewDue(cycle(), statutory, calendar).due;
    const tooLate = (m: CycleModel) =>
      obligations(m, statutory, calendar)
        .flatMap((o) => o.actions)
        .filter((a) => a.kind === 'booked-too-late')
        .map((a) => a.id);
    const then = cycle(withIro());
    bookReviewCommand.apply(then, { meetingOn: due, bookedOn: '2026-01-05', by: 'iro-1' }, ctx());
    expect(tooLate(then)).toEqual([]);
    const now = cycle(withIro());
    bookReviewCommand.apply(now, { meetingOn: due, by: 'iro-1' }, ctx());
    expect(tooLate(now)).toEqual([`r1/consult-child/${due}/booked-too-late`]);
  });
  test('L7 the next meeting set at the end of a review is booked on the day it was held (running cycles: the day recorded)', () => {
    const input = { heldOn: '2026-01-16', participation: 'PN1' as const, nextMeetingOn: '2026-04-10', by: 'iro-1' };
    const m = cycle(withIro());
    recordReviewHeldCommand.apply(m, input, ctx());
    expect(m.open.booking?.bookedOn).toBe('2026-01-16');
    const running = cycle(all(withIro(), (x) => (x.legacy = { dates: true })));
    recordReviewHeldCommand.apply(running, input, ctx());
    expect(running.open.booking?.bookedOn).toBe(TODAY);
  });
});

describe('L6 bringForward and L20 planEndOfCare on the day asked for', () => {
  table(bringForwardCommand, [
    {
      name: 'L6 asked on an earlier day: dueBy may since have passed',
      model: cycle(),
      input: { reason: 'risk-of-harm', dueBy: '2026-01-16', on: '2026-01-12', by: 'iro-1' },
      applied: (m) => {
        m.open.bringForward = { reason: 'risk-of-harm', requestedOn: '2026-01-12', by: 'iro-1', dueBy: '2026-01-16' };
        m.events.push(event('review 1 brought forward to 2026-01-16: risk-of-harm (asked on 2026-01-12)', 'L6', 'iro-1'));
      },
    },
    {
      name: 'L6 dueBy before the day it was asked for',
      model: cycle(),
      input: { reason: 'risk-of-harm', dueBy: '2026-01-09', on: '2026-01-12', by: 'iro-1' },
      refused: { field: 'dueBy', rule: 'L6' },
    },
    {
      name: 'asked in the future',
      model: cycle(),
      input: { reason: 'risk-of-harm', dueBy: '2026-01-26', on: '2026-01-20', by: 'iro-1' },
      refused: { field: 'on' },
    },
    {
      name: 'L2 asked before care',
      model: cycle(),
      input: { reason: 'risk-of-harm', dueBy: '2026-01-26', on: '2026-01-02', by: 'iro-1' },
      refused: { field: 'on', rule: 'L2' },
    },
    {
      name: 'L6 asked before the last review held',
      model: cycle(held()),
      input: { reason: 'risk-of-harm', dueBy: '2026-03-02', on: '2026-01-15', by: 'iro-1' },
      refused: { field: 'on', rule: 'L6' },
    },
  ]);
  table(planEndOfCareCommand, [
    {
      name: 'L20 planned on an earlier day: the planned end may be before today',
      model: cycle(),
      input: { plannedEndOn: '2026-01-16', kind: 'return-home', on: '2026-01-08', by: 'sw-1' },
      applied: (m) => {
        m.plannedEnd = { on: '2026-01-16', kind: 'return-home', recordedOn: '2026-01-08', by: 'sw-1' };
        m.events.push(
          event('end of care planned for 2026-01-16 (return-home); a review is due before it (planned on 2026-01-08)', 'L20', 'sw-1'),
        );
      },
    },
    {
      name: 'L20 the planned end not after the day it was planned',
      model: cycle(),
      input: { plannedEndOn: '2026-01-08', kind: 'return-home', on: '2026-01-08', by: 'sw-1' },
      refused: { field: 'plannedEndOn', rule: 'L20' },
    },
    {
      name: 'planned in the future',
      model: cycle(),
      input: { plannedEndOn: '2026-03-01', kind: 'return-home', on: '2026-01-20', by: 'sw-1' },
      refused: { field: 'on' },
    },
    {
      name: 'L2 planned before care',
      model: cycle(),
      input: { plannedEndOn: '2026-03-01', kind: 'return-home', on: '2026-01-02', by: 'sw-1' },
      refused: { field: 'on', rule: 'L2' },
    },
    {
      name: 'L20 a move dated before the plan it moves',
      model: cycle((m) => {
        m.plannedEnd = { on: '2026-03-01', kind: 'return-home', recordedOn: '2026-01-12', by: 'sw-1' };
      }),
      input: { plannedEndOn: '2026-03-08', kind: 'return-home', on: '2026-01-09', by: 'sw-1' },
      refused: { field: 'on', rule: 'L20' },
    },
  ]);
});

describe("L10 the team manager's answer and the IRO's settlement on the day given", () => {
  const circulated = held({ after: { 'decisions-circulated': '2026-01-16' } });
  table(answerDecisionsCommand, [
    {
      name: 'L10 answered on an earlier day',
      model: cycle(circulated),
      today: '2026-01-26',
      input: { reviewNumber: 1, response: 'agree', on: '2026-01-19', by: 'tm-1' },
      applied: (m) => {
        m.reviewsHeld[0].teamManager = { response: 'agreed', on: '2026-01-19', by: 'tm-1' };
        m.events.push(event('team manager agreed with the decisions of review 1 on 2026-01-19', 'L10', 'tm-1', '2026-01-26'));
      },
    },
    {
      name: 'L10 answered before the review was held',
      model: cycle(circulated),
      input: { reviewNumber: 1, response: 'agree', on: '2026-01-15', by: 'tm-1' },
      refused: { field: 'on', rule: 'L10' },
    },
    {
      name: 'answered in the future',
      model: cycle(circulated),
      input: { reviewNumber: 1, response: 'agree', on: '2026-01-20', by: 'tm-1' },
      refused: { field: 'on' },
    },
    {
      name: 'L10 a disagreement after the 5 working days from receipt (002 §13): the decisions stand as agreed',
      model: cycle(circulated),
      today: '2026-02-02',
      input: { reviewNumber: 1, response: 'disagree', reason: 'cost', on: '2026-01-26', by: 'tm-1' },
      refused: { field: 'on', rule: 'L10' },
    },
    {
      name: 'L10 a disagreement on the fifth working day counts',
      model: cycle(circulated),
      today: '2026-02-02',
      input: { reviewNumber: 1, response: 'disagree', reason: 'cost', on: '2026-01-23', by: 'tm-1' },
      applied: (m) => {
        m.reviewsHeld[0].teamManager = { response: 'disagreed', on: '2026-01-23', by: 'tm-1', reason: 'cost' };
        m.reviewsHeld[0].disagreement = { status: 'informal' };
        m.events.push(event('team manager disagreed with the decisions of review 1 on 2026-01-23: cost', 'L10', 'tm-1', '2026-02-02'));
      },
    },
  ]);
  const disagreed = held({
    teamManager: { response: 'disagreed', on: '2026-01-16', by: 'tm-1', reason: 'x' },
    disagreement: { status: 'informal' },
  });
  table(resolveDisagreementCommand, [
    {
      name: 'L10 settled on an earlier day',
      model: cycle(disagreed),
      input: { reviewNumber: 1, outcome: 'settled', on: '2026-01-17', by: 'iro-1' },
      applied: (m) => {
        m.reviewsHeld[0].disagreement = { status: 'settled', on: '2026-01-17' };
        m.events.push(event('disagreement on review 1 settled informally on 2026-01-17', 'L10', 'iro-1'));
      },
    },
    {
      name: 'L10 settled before the team manager disagreed',
      model: cycle(disagreed),
      input: { reviewNumber: 1, outcome: 'settled', on: '2026-01-15', by: 'iro-1' },
      refused: { field: 'on', rule: 'L10' },
    },
  ]);
  test('L10 decisions circulated recorded after the day: "deemed agreed" waits a working day, and the answer given in time is taken', () => {
    const m = cycle(held());
    const recorded = ctx('2026-01-30');
    completeTaskCommand.apply(m, { key: 'r1/decisions-circulated', on: '2026-01-16', by: 'iro-1' }, recorded);
    const o = obligations(m, statutory, calendar).find((x) => x.key === 'r1/team-manager-response')!;
    expect([o.due, o.actions.find((a) => a.kind === 'deemed-agreed')!.on]).toEqual([wd('2026-01-16', 5), wd('2026-01-30', 1)]);
    const answer = { reviewNumber: 1, response: 'agree' as const, on: '2026-01-20', by: 'tm-1' };
    expect(refusalOf(() => answerDecisionsCommand.validate(m, answer, recorded))).toBeUndefined();
  });
});

describe('L11 starred recommendations: concern and agreement on the day given', () => {
  const notified = (on: IsoDate, extra = {}) => held({ starredRecommendations: ['move school'], starred: { notifiedOn: on, ...extra } });
  const concern = { on: '2026-01-20', by: 'pm-1', note: 'cost' };
  table(respondToStarredCommand, [
    {
      name: 'L11 a concern raised within 5 working days, recorded later',
      model: cycle(notified('2026-01-16')),
      today: '2026-01-30',
      input: { reviewNumber: 1, response: 'concern', note: 'cost', on: '2026-01-20', by: 'pm-1' },
      applied: (m) => {
        m.reviewsHeld[0].starred!.concern = { on: '2026-01-20', by: 'pm-1', note: 'cost', recordedOn: '2026-01-30' };
        m.events.push(event("concern about review 1's starred recommendations on 2026-01-20: cost", 'L11', 'pm-1', '2026-01-30'));
      },
    },
    {
      name: 'L11 a concern dated more than 5 working days after the notification',
      model: cycle(notified('2026-01-16')),
      today: '2026-01-30',
      input: { reviewNumber: 1, response: 'concern', note: 'cost', on: '2026-01-26', by: 'pm-1' },
      refused: { field: 'on', rule: 'L11' },
    },
    {
      name: 'L11 a concern dated before the review was held',
      model: cycle(notified('2026-01-16')),
      input: { reviewNumber: 1, response: 'concern', note: 'cost', on: '2026-01-15', by: 'pm-1' },
      refused: { field: 'on', rule: 'L11' },
    },
    {
      name: 'L11 agreed on an earlier day',
      model: cycle(notified('2026-01-16', { concern })),
      today: '2026-01-30',
      input: { reviewNumber: 1, response: 'agree', on: '2026-01-22', by: 'sm-1' },
      applied: (m) => {
        m.reviewsHeld[0].starred!.agreedOn = '2026-01-22';
        m.events.push(event('starred recommendations of review 1 agreed on 2026-01-22', 'L11', 'sm-1', '2026-01-30'));
      },
    },
    {
      name: 'L11 agreement dated before the concern',
      model: cycle(notified('2026-01-16', { concern })),
      input: { reviewNumber: 1, response: 'agree', on: '2026-01-19', by: 'sm-1' },
      refused: { field: 'on', rule: 'L11' },
    },
  ]);
  test('L11 a concern recorded after the day: the dispute its lapse opens waits a working day for the agreement to be recorded', () => {
    const m = cycle(notified('2026-01-16'));
    respondToStarredCommand.apply(
      m,
      { reviewNumber: 1, response: 'concern', note: 'cost', on: '2026-01-20', by: 'pm-1' },
      ctx('2026-02-10'),
    );
    const o = obligations(m, statutory, calendar).find((x) => x.key === 'r1/starred-agreement')!;
    expect([o.due, o.actions.find((a) => a.kind === 'open-dispute')!.on]).toEqual([wd('2026-01-20', 10), wd('2026-02-10', 1)]);
  });
});

describe('completeTask is judged against the day it was done', () => {
  table(completeTaskCommand, [
    {
      name: 'L9 a task after a review dated before the review was held',
      model: cycle(held()),
      input: { key: 'r1/full-record', on: '2026-01-15', by: 'iro-1' },
      refused: { field: 'on', rule: 'L9' },
    },
    {
      name: 'L2 a task dated before care',
      model: cycle(all(withIro(), booked('2026-02-02'))),
      input: { key: 'r1/reports-to-iro', on: '2026-01-02', by: 'sw-1' },
      refused: { field: 'on', rule: 'L2' },
    },
  ]);
});

describe('L12 an adjourned review: its resumed meeting and its chase', () => {
  const limit = wd('2026-01-16', 20);
  table(bookReviewCommand, [
    {
      name: 'L12 while adjourned, the resumed meeting moves to another venue (L8: not a re-booking)',
      model: cycle(adjourned),
      input: { meetingOn: '2026-01-30', venue: 'office', by: 'iro-1' },
      applied: (m) => {
        m.open.booking = { meetingOn: '2026-01-30', venue: 'office', bookedOn: '2026-01-16', by: 'iro-1' };
        m.events.push(event('review 1 on 2026-01-30: venue office', 'L8', 'iro-1'));
      },
    },
    {
      name: 'L12 while adjourned, the resumed meeting changes its time',
      model: cycle(adjourned),
      input: { meetingOn: '2026-01-30', time: '14:00', by: 'iro-1' },
      applied: (m) => {
        m.open.booking = { meetingOn: '2026-01-30', time: '14:00', bookedOn: '2026-01-16', by: 'iro-1' };
        m.events.push(event('review 1 on 2026-01-30: time 14:00', 'L8', 'iro-1'));
      },
    },
    {
      name: 'L12 moved within 20 working days of the adjournment: the review resumes on the new date',
      model: cycle(adjourned),
      input: { meetingOn: limit, reason: 'IRO ill', by: 'iro-1' },
      applied: (m) => {
        m.open.adjournment!.resumeBy = limit;
        m.open.postponements.push({ from: '2026-01-30', to: limit, on: TODAY, reason: 'IRO ill' });
        m.postponementDates.push(TODAY);
        m.open.booking = { meetingOn: limit, bookedOn: TODAY, by: 'iro-1' };
        m.events.push(event(`adjourned review 1 to resume on ${limit} instead of 2026-01-30: IRO ill`, 'L12', 'iro-1'));
      },
    },
    {
      name: 'L12 moved beyond 20 working days of the adjournment',
      model: cycle(adjourned),
      input: { meetingOn: wd(limit, 1), reason: 'IRO ill', by: 'iro-1' },
      refused: { field: 'meetingOn', rule: 'L12' },
    },
    {
      name: 'L12 moved to the day of the adjournment',
      model: cycle(adjourned),
      input: { meetingOn: '2026-01-16', bookedOn: '2026-01-16', reason: 'x', by: 'iro-1' },
      refused: { field: 'meetingOn', rule: 'L12' },
    },
    {
      name: 'L12 rearranged on a day before the adjournment',
      model: cycle(adjourned),
      input: { meetingOn: '2026-01-30', venue: 'office', bookedOn: '2026-01-15', by: 'iro-1' },
      refused: { field: 'bookedOn', rule: 'L12' },
    },
    {
      name: 'L12 moving the resumed meeting needs a reason',
      model: cycle(adjourned),
      input: { meetingOn: '2026-02-03', by: 'iro-1' },
      refused: { field: 'reason' },
    },
  ]);
  test('L12 the resume date is booked on the day of the adjourned meeting', () => {
    const m = cycle(booked('2026-01-16'));
    adjournReviewCommand.apply(m, { on: '2026-01-16', resumeOn: '2026-01-30', reason: 'x', by: 'iro-1' }, ctx());
    expect(m.open.booking).toEqual({ meetingOn: '2026-01-30', bookedOn: '2026-01-16', by: 'iro-1' });
  });
  const chase = (m: CycleModel) =>
    obligations(m, statutory, calendar)
      .filter((o) => o.key === 'r1/review' || o.key === 'r1/resume')
      .flatMap((o) => o.actions.filter((a) => a.kind !== 'reminder').map((a) => [a.id, a.on, a.to]));
  test('L12 not resumed by its date: chased like an overdue review (the IRO side, then the IRO unit manager and the service manager), once', () => {
    expect(chase(cycle(all(withIro(), adjourned)))).toEqual([
      ['r1/resume/2026-01-30/overdue', wd('2026-01-30', 1), ['iro-unit', 'iro']],
      ['r1/resume/2026-01-30/escalation', wd('2026-01-30', 3), ['iro-unit-manager', 'service-manager']],
    ]);
  });
  test('L12 running cycles keep their resume chase (the IRO, then the IRO unit manager)', () => {
    const m = cycle(all(withIro(), adjourned, (x) => (x.legacy = { dates: true })));
    expect(chase(m).map(([, , to]) => to)).toEqual([['iro'], ['iro-unit-manager']]);
  });
  test("L12 adjourned after the due date: the review's own chase stands and the resume chase follows on the resume date", () => {
    const due = openReviewDue(cycle(), statutory, calendar).due;
    const late = (m: CycleModel) => {
      m.open.adjournment = { on: wd(due, 2), resumeBy: wd(due, 10), reason: 'x' };
      m.open.booking = { meetingOn: wd(due, 10), bookedOn: wd(due, 2), by: 'iro-1' };
    };
    const ids = chase(cycle(all(withIro(), late)));
    expect(ids.map(([id]) => id)).toEqual([
      `r1/review/${due}/overdue`,
      `r1/review/${due}/escalation`,
      `r1/resume/${wd(due, 10)}/overdue`,
      `r1/resume/${wd(due, 10)}/escalation`,
    ]);
    expect(new Set(ids.map(([, on]) => on)).size).toBe(4);
  });
});
