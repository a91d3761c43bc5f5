/**
 * Section C facts recorded after the fact (rules.md E2-E6, issue 11): a command dated `on` is judged
 * and applied against the dispute as it stood that day, so the climbs that fell before it happened
 * (at the close of each unanswered stage's deadline, dated then) and the E6 breach is recorded when
 * the 20 working days ran out before it; a response dated a deadline day but recorded after that
 * day's climb answers the stage open that day, and the premature climb is undone. Pure, table-driven,
 * historic dates (the server clock is 2026-11-24).
 */
import { ApplicationFailure } from '@temporalio/common';
import { builtInCalendar } from '../data/reference-data';
import { IsoDate } from '../workflows/calendar/iso-date';
import { Command } from '../workflows/case-kernel/command';
import { REFUSAL, RefusalDetail } from '../workflows/case-kernel/validation';
import { DisputeContext, enterStage } from '../workflows/dispute/commands/context';
import { escalate } from '../workflows/dispute/commands/escalate';
import { resolve } from '../workflows/dispute/commands/resolve';
import { response } from '../workflows/dispute/commands/response';
import { DisputeStart, DisputeState } from '../workflows/dispute/messages';
import { openDispute } from '../workflows/dispute/opening';
import { DEFAULT_DISPUTE_TIMESCALES, Stage } from '../workflows/dispute/stages';
import { disputeOpenedOn } from '../workflows/looked-after-cycle/at-once';
import { HeldReview } from '../workflows/looked-after-cycle/model';

const calendar = builtInCalendar();
const t = DEFAULT_DISPUTE_TIMESCALES;
const TODAY = '2026-11-24';
const ctx = (today: IsoDate = TODAY, lateFactsAsRecorded = false): DisputeContext => ({
  today,
  calendar,
  timescales: t,
  lateFactsAsRecorded,
});
const START: DisputeStart = {
  disputeId: 'red-1',
  child: { childId: 'C1', team: 'north-1' },
  category: 'practice',
  summary: 'plan not followed',
  startStage: 0,
  seriousSafeguarding: false,
  iro: 'iro-1',
  source: 'iro',
};
// Opened informally Mon 2025-03-03: informal due 03-10; unanswered, stage 1 03-10 (due 03-17), stage 2 03-17 (due 03-24),
// stage 3 03-24 (due 03-31), stage 4 03-31 (due 04-07), stage 5 04-07. The 20 working days end 03-31: breached 04-01.
const historic = (startStage: Stage = 0) => openDispute({ ...START, startStage }, '2025-03-03', calendar, t, TODAY);
const stages = (s: DisputeState) => s.stages.map((e) => [e.stage, e.enteredOn, e.how]);

function refusal(f: () => void): { field: string; rule?: string } | undefined {
  try {
    f();
  } catch (e) {
    if (!(e instanceof ApplicationFailure) || e.type !== REFUSAL) throw e;
    const [d] = e.details as RefusalDetail[];
    return { field: d.field, rule: d.rule };
  }
  return undefined;
}

type Any = Command<DisputeState, never, DisputeContext>;
const run = (s: DisputeState, command: Any, input: object, c = ctx()) => {
  command.validate(s, input as never, c);
  command.apply(s, input as never, c);
};
const answer = (on: IsoDate) => ({ note: 'n', by: 'sw-1', on });
const close = (on: IsoDate) => ({ outcome: 'resolved', summary: 'agreed', by: 'iro-1', on });
const up = (on: IsoDate, toStage?: Stage) => ({
  reason: 'r',
  by: 'iro-1',
  on,
  ...(toStage === undefined ? {} : { toStage }),
  expectedOutcome: { outcome: 'o', by: '2025-06-01' },
});

describe('E2-E6 a command dated after a missed deadline: the climbs before it happened first', () => {
  test.each([
    ['E2 a response on the informal deadline day is in time', response, answer('2025-03-10'), 0, [[0, '2025-03-03', 'opened']], undefined],
    [
      'E2/E3 a response two days after the informal deadline answers stage 1 (entered at its close)',
      response,
      answer('2025-03-12'),
      1,
      [
        [0, '2025-03-03', 'opened'],
        [1, '2025-03-10', 'no-response'],
      ],
      undefined,
    ],
    [
      'E3/E4 resolved on 03-20: stage 1 was due 03-10 and stage 2 on 03-17, so resolved at stage 2',
      resolve,
      close('2025-03-20'),
      2,
      [
        [0, '2025-03-03', 'opened'],
        [1, '2025-03-10', 'no-response'],
        [2, '2025-03-17', 'no-response'],
      ],
      undefined,
    ],
    [
      'E5 escalated on 03-18 (no stage named): from stage 2, entered by itself on 03-17, to stage 3',
      escalate,
      up('2025-03-18'),
      3,
      [
        [0, '2025-03-03', 'opened'],
        [1, '2025-03-10', 'no-response'],
        [2, '2025-03-17', 'no-response'],
        [3, '2025-03-18', 'escalated-by-iro'],
      ],
      undefined,
    ],
    [
      'E5/E6 resolved on 04-10: at stage 5 (the last), the 20 working days breached on 04-01',
      resolve,
      close('2025-04-10'),
      5,
      [
        [0, '2025-03-03', 'opened'],
        [1, '2025-03-10', 'no-response'],
        [2, '2025-03-17', 'no-response'],
        [3, '2025-03-24', 'no-response'],
        [4, '2025-03-31', 'no-response'],
        [5, '2025-04-07', 'no-response'],
      ],
      '2025-04-01',
    ],
    [
      'E6 a response on 04-02: at stage 4, the breach of 04-01 recorded',
      response,
      answer('2025-04-02'),
      4,
      [
        [0, '2025-03-03', 'opened'],
        [1, '2025-03-10', 'no-response'],
        [2, '2025-03-17', 'no-response'],
        [3, '2025-03-24', 'no-response'],
        [4, '2025-03-31', 'no-response'],
      ],
      '2025-04-01',
    ],
  ] as const)('%s', (_name, command, input, stage, expected, breachedOn) => {
    const s = historic();
    run(s, command as Any, input);
    expect(s.stage).toBe(stage);
    expect(stages(s)).toEqual(expected);
    expect(s.breachedOn).toBe(breachedOn);
    // Each climb is dated at the close of the deadline it followed, and says it was recorded later.
    expect(s.events.filter((e) => e.what.startsWith('no resolution by')).map((e) => e.on)).toEqual(
      s.stages.filter((e) => e.how === 'no-response').map((e) => e.enteredOn),
    );
  });

  test('E2-E5 the response stops the climb at the stage it answered (the next climb from its deadline only if unanswered)', () => {
    const s = historic();
    run(s, response, answer('2025-03-12'));
    expect(s.responses).toEqual([{ on: '2025-03-12', by: 'sw-1', note: 'n', stage: 1 }]);
    // Resolved much later: the answered stage does not climb.
    run(s, resolve, close('2025-03-27'));
    expect(s.outcome).toMatchObject({ on: '2025-03-27' });
    expect(s.stage).toBe(1);
  });

  test.each([
    [
      'E4 escalated to stage 2 on 03-18, already entered by itself on 03-17',
      escalate,
      up('2025-03-18', 2),
      { field: 'toStage', rule: 'E5' },
    ],
    ['E5 escalated to stage 3 on 03-18', escalate, up('2025-03-18', 3), undefined],
    ['E2 a response on 03-12 (stage 1 entered on 03-10)', response, answer('2025-03-12'), undefined],
  ] as const)('validate against the dispute as it stood: %s', (_name, command, input, expected) => {
    const s = historic();
    const before = JSON.stringify(s);
    expect(refusal(() => (command as Any).validate(s, input as never, ctx()))).toEqual(expected);
    expect(JSON.stringify(s)).toBe(before);
  });

  test('E2-E5 the same story recorded live and later gives the same stages', () => {
    const live = openDispute(START, '2025-03-03', calendar, t);
    // Live: the climbs at the close of 03-10 and 03-17, then the resolution on 03-20.
    enterStage(live, 1, 'no-response', ctx('2025-03-10'));
    enterStage(live, 2, 'no-response', ctx('2025-03-17'));
    run(live, resolve, close('2025-03-20'), ctx('2025-03-20'));
    const later = historic();
    run(later, resolve, close('2025-03-20'));
    expect(stages(later)).toEqual(stages(live));
    expect(later.outcome).toEqual(live.outcome);
  });

  test('E2-E5 running disputes started before keep the stage current when recorded', () => {
    const s = historic();
    run(s, response, answer('2025-03-12'), ctx(TODAY, true));
    expect(s.stage).toBe(0);
  });
});

describe("E2-E5 a response dated the deadline day, recorded after that day's climb", () => {
  // Live: opened at stage 1 on Mon 2026-11-02, due Mon 11-09; nobody answered by 17:00, stage 2 entered 11-09.
  const climbed = () => {
    const s = openDispute({ ...START, startStage: 1 }, '2026-11-02', calendar, t);
    enterStage(s, 2, 'no-response', ctx('2026-11-09'));
    return s;
  };
  test.each([
    ['on the deadline day', '2026-11-09'],
    ['before it (not refused as before stage 2 was entered)', '2026-11-06'],
  ])('E3 a response %s answers stage 1: the climb to stage 2 is undone, and recorded', (_name, on) => {
    const s = climbed();
    run(s, response, answer(on), ctx('2026-11-10'));
    expect(s.stage).toBe(1);
    expect(stages(s)).toEqual([[1, '2026-11-02', 'opened']]);
    expect(s.responses).toEqual([{ on, by: 'sw-1', note: 'n', stage: 1 }]);
    expect(s.events.some((e) => /climb to stage 2 on 2026-11-09 is undone/.test(e.what))).toBe(true);
  });

  test('E4 a response dated the next day answers stage 2 (the climb stands)', () => {
    const s = climbed();
    run(s, response, answer('2026-11-10'), ctx('2026-11-10'));
    expect(s.stage).toBe(2);
    expect(s.responses[0].stage).toBe(2);
  });

  test('E4 with a later fact at stage 2 (its response), the climb stands and the late-recorded one is refused', () => {
    const s = climbed();
    run(s, response, answer('2026-11-10'), ctx('2026-11-11'));
    expect(refusal(() => response.validate(s, answer('2026-11-09'), ctx('2026-11-11')))).toEqual({ field: 'on', rule: 'E4' });
  });
});

describe('L10/L11 a dispute opened by a looked-after cycle is dated when it arose (section C)', () => {
  const h = (x: Partial<HeldReview>) => ({ reviewNumber: 1, ...x }) as HeldReview;
  test.each([
    [
      'L10 the IRO found it needs a dispute on a past day',
      'L10',
      h({ disagreement: { status: 'dispute-to-open', on: '2025-03-05' } }),
      '2025-03-05',
    ],
    ['L10 found so today (live)', 'L10', h({ disagreement: { status: 'dispute-to-open', on: TODAY } }), undefined],
    ['L10 no date given (today)', 'L10', h({ disagreement: { status: 'dispute-to-open' } }), undefined],
    // Concern Mon 2025-03-03: 10 working days to agree end Mon 03-17; registered the working day after.
    [
      'L11 the 10 working days ran out in the past',
      'L11',
      h({ starred: { notifiedOn: '2025-02-28', concern: { on: '2025-03-03', by: 'sm-1', note: 'c' }, disputeToOpen: true } }),
      '2025-03-18',
    ],
    [
      'L11 they ran out yesterday (live: registered today)',
      'L11',
      h({ starred: { notifiedOn: '2026-11-06', concern: { on: '2026-11-09', by: 'sm-1', note: 'c' }, disputeToOpen: true } }),
      undefined,
    ],
  ] as const)('%s', (_name, source, review, openedOn) => {
    expect(disputeOpenedOn(review, source, calendar, TODAY)).toBe(openedOn);
  });
});
