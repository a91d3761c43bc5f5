/** L18 (002 §2, §17; rules.md notes): the timeliness and participation indicators as pure rules, table-driven. */
import { EmbeddedStore, OpenReview, ReviewOutcome } from '../data/embedded-store';
import { reviewsNotHeld, timeliness } from '../data/record/reports/l18';
import { addDays } from '../workflows/calendar/iso-date';
import { lateForIndicator } from '../workflows/looked-after-cycle/indicator';

const r = (o: Partial<ReviewOutcome> & Pick<ReviewOutcome, 'cycleId'>): ReviewOutcome => ({
  reviewNumber: 1,
  team: 't',
  heldOn: '2025-06-02',
  due: '2025-06-02',
  onTime: true,
  participation: 'PN1',
  ageAtReview: 10,
  ...o,
});

describe('L18 the indicator counts children, not cycles', () => {
  test('L18 a child with two periods of care in the year is one child, failed by one late review in either', () => {
    const t = timeliness([
      r({ cycleId: 'a1', childId: 'A' }),
      r({ cycleId: 'a2', childId: 'A', onTime: false, heldOn: '2025-10-01', due: '2025-09-20' }),
      r({ cycleId: 'b1', childId: 'B' }),
    ]);
    expect(t).toMatchObject({ children: 2, childrenWithEveryReviewOnTime: 1, percentChildrenOnTime: 50, reviews: 3, reviewsOnTime: 2 });
  });
  test('L18 rows written before child ids were kept stand for their cycle', () => {
    expect(timeliness([r({ cycleId: 'x' }), r({ cycleId: 'y' })]).children).toBe(2);
  });
});

describe('L18 a brought-forward review is late only if it missed its statutory date', () => {
  test.each([
    ['on time against its earlier date', { onTime: true }, false],
    ['late against its earlier date, within the statutory one', { onTime: false, statutoryDue: '2025-07-01', heldOn: '2025-06-20' }, false],
    ['late against both', { onTime: false, statutoryDue: '2025-07-01', heldOn: '2025-07-02' }, true],
    ['not brought forward, late', { onTime: false }, true],
    [
      'L12 adjourned in time, completed by the resume date',
      { onTime: false, statutoryDue: '2025-07-01', heldOn: '2025-07-08', adjourned: { on: '2025-06-30', resumeBy: '2025-07-10' } },
      false,
    ],
    [
      'L12 adjourned in time, completed after the resume date',
      { onTime: false, statutoryDue: '2025-07-01', heldOn: '2025-07-15', adjourned: { on: '2025-06-30', resumeBy: '2025-07-10' } },
      true,
    ],
  ])(
    'L18 %s',
    (_name, extra: { onTime: boolean; statutoryDue?: string; heldOn?: string; adjourned?: { on: string; resumeBy?: string } }, late) => {
      const held = {
        reviewNumber: 2,
        heldOn: '2025-06-20',
        due: '2025-06-10',
        rule: 'L6',
        withMeeting: true,
        participation: 'PN1' as const,
        chair: { staffId: 'i', as: 'allocated-iro' as const },
        decisions: [],
        starredRecommendations: [],
        after: {},
        notices: [],
        ...extra,
      };
      expect(lateForIndicator(held)).toBe(late);
      const t = timeliness([r({ cycleId: 'c', childId: 'C', onTime: held.onTime, lateForIndicator: late })]);
      expect(t.childrenWithEveryReviewOnTime).toBe(late ? 0 : 1);
    },
  );
});

describe('L18 participation per child', () => {
  test('L18 a child aged 4+ participates when every review of the year has a code PN1-PN6; under-4s are not counted', () => {
    const t = timeliness([
      r({ cycleId: 'a', childId: 'A', participation: 'PN1' }),
      r({ cycleId: 'a', childId: 'A', reviewNumber: 2, participation: 'PN7' }),
      r({ cycleId: 'b', childId: 'B', participation: 'PN3' }),
      r({ cycleId: 'b', childId: 'B', reviewNumber: 2, participation: 'PN6' }),
      r({ cycleId: 'c', childId: 'C', participation: 'PN0', ageAtReview: 2 }),
    ]);
    expect(t.participationByChild).toEqual({ childrenAged4Plus: 2, participating: 1, percent: 50 });
  });
});

describe('L18 a review due in the year and not held by its end (or by today) fails the child', () => {
  const open = (o: Partial<OpenReview> & Pick<OpenReview, 'cycleId'>): OpenReview => ({
    team: 't',
    reviewNumber: 2,
    due: '2025-09-02',
    statutoryDue: '2025-09-02',
    ...o,
  });
  test.each([
    ['open and past its date', [open({ cycleId: 'a', childId: 'A' })], '2025-09-03', 1],
    ['open and due today: not yet late', [open({ cycleId: 'a', childId: 'A' })], '2025-09-02', 0],
    ['open and not yet due', [open({ cycleId: 'a', childId: 'A' })], '2025-08-01', 0],
    [
      'brought forward, past its earlier date but not its statutory one',
      [open({ cycleId: 'a', childId: 'A', due: '2025-08-01', statutoryDue: '2025-09-02' })],
      '2025-08-20',
      0,
    ],
    ['brought forward, past its statutory date', [open({ cycleId: 'a', childId: 'A', due: '2025-08-01' })], '2025-09-03', 1],
  ])('L18 %s', (_name, opens, today, failing) => {
    const notHeld = reviewsNotHeld(opens, [], today);
    expect(notHeld).toHaveLength(failing);
    const t = timeliness([r({ cycleId: 'a', childId: 'A' }), r({ cycleId: 'b', childId: 'B' })], notHeld);
    expect(t).toMatchObject({ children: 2, childrenWithEveryReviewOnTime: 2 - failing, reviews: 2, reviewsOnTime: 2 });
    expect(t.reviewsNotHeldInYear).toHaveLength(failing);
  });
  test('L18 a child with no review held in the year but one overdue is counted, and failed', () => {
    const t = timeliness(
      [r({ cycleId: 'b', childId: 'B' })],
      reviewsNotHeld([open({ cycleId: 'a', childId: 'A', reviewNumber: 1 })], [], '2026-01-10'),
    );
    expect(t).toMatchObject({ children: 2, childrenWithEveryReviewOnTime: 1, percentChildrenOnTime: 50 });
    expect(t.reviewsNotHeldInYear).toEqual([
      { cycleId: 'a', childId: 'A', reviewNumber: 1, due: '2025-09-02', statutoryDue: '2025-09-02', heldOn: null, team: 't' },
    ]);
  });
  test('L18 a review due in the year and held only after its end fails that year', () => {
    const after = r({ cycleId: 'a', childId: 'A', due: '2026-03-20', heldOn: '2026-04-10', onTime: false, lateForIndicator: true });
    const t = timeliness([r({ cycleId: 'a', childId: 'A' })], reviewsNotHeld([], [after], '2026-06-01'));
    expect(t).toMatchObject({ children: 1, childrenWithEveryReviewOnTime: 0 });
    expect(t.reviewsNotHeldInYear).toEqual([expect.objectContaining({ cycleId: 'a', statutoryDue: '2026-03-20', heldOn: '2026-04-10' })]);
  });
});

describe('L18 a review belongs to the year it was due in', () => {
  const late = r({ cycleId: 'a', childId: 'A', due: '2026-03-20', heldOn: '2026-04-10', onTime: false, lateForIndicator: true });
  test('L18 due in one year and held late in the next: fails the year it was due in, not the next as well', () => {
    const dueYear = timeliness([r({ cycleId: 'a', childId: 'A' })], reviewsNotHeld([], [late], '2026-06-01'), '2025-04-01');
    expect(dueYear).toMatchObject({ children: 1, childrenWithEveryReviewOnTime: 0 });
    const heldYear = timeliness(
      [late, r({ cycleId: 'a', childId: 'A', reviewNumber: 2, heldOn: '2026-09-01', due: '2026-10-10' })],
      [],
      '2026-04-01',
    );
    expect(heldYear).toMatchObject({ children: 1, childrenWithEveryReviewOnTime: 1, reviews: 2, reviewsOnTime: 1 });
  });
  test('L12/L18 adjourned by its due date in March and completed by its resume date in April: on time in both years', () => {
    const adjourned = r({ cycleId: 'a', childId: 'A', due: '2026-03-27', heldOn: '2026-04-08', onTime: true, lateForIndicator: false });
    const notHeld = reviewsNotHeld([], [adjourned], '2026-06-01');
    expect(notHeld).toEqual([]);
    expect(timeliness([r({ cycleId: 'a', childId: 'A' })], notHeld, '2025-04-01').childrenWithEveryReviewOnTime).toBe(1);
  });
  test('L18 a late review due in the year it is held in still fails the child', () => {
    const inYear = { ...late, due: '2026-04-02', statutoryDue: '2026-04-02' };
    expect(timeliness([inYear], [], '2026-04-01').childrenWithEveryReviewOnTime).toBe(0);
  });
});

describe('L18 the store keeps the latest open review per cycle', () => {
  const store = () => new EmbeddedStore(':memory:');
  const o: OpenReview = { cycleId: 'c', childId: 'C', team: 't', reviewNumber: 1, due: '2025-05-01', statutoryDue: '2025-05-01' };
  test('L18 recorded twice (a retry) or moved: one row, the latest date', () => {
    const s = store();
    s.recordOpenReview(o);
    s.recordOpenReview(o);
    s.recordOpenReview({ ...o, due: '2025-05-02', statutoryDue: '2025-05-02' });
    expect(s.openReviews('2025-04-01', '2026-03-31')).toEqual([{ ...o, due: '2025-05-02', statutoryDue: '2025-05-02' }]);
    expect(s.openReviews('2025-04-01', '2026-03-31', 'other')).toEqual([]);
  });
  test('L18 a review held is no longer open; a late retry of the held one does not reopen it; the next one stays', () => {
    const s = store();
    s.recordOpenReview(o);
    s.recordOpenReview({ ...o, reviewNumber: 2, due: '2025-08-01', statutoryDue: '2025-08-01' });
    s.recordReviewOutcome(r({ cycleId: 'c', childId: 'C', reviewNumber: 1, heldOn: '2025-05-01', due: '2025-05-01' }));
    expect(s.openReviews('2025-04-01', '2026-03-31').map((x) => x.reviewNumber)).toEqual([2]);
    s.recordOpenReview(o);
    expect(s.openReviews('2025-04-01', '2026-03-31').map((x) => x.reviewNumber)).toEqual([2]);
    s.recordReviewOutcome(r({ cycleId: 'c', childId: 'C', reviewNumber: 2, heldOn: '2025-08-01', due: '2025-08-01' }));
    expect(s.openReviews('2025-04-01', '2026-03-31')).toEqual([]);
  });
  test('L18 an ended cycle has no open review (cancelled with the care)', () => {
    const s = store();
    s.recordOpenReview(o);
    s.recordOpenReview({ cycleId: 'c', ended: true });
    expect(s.openReviews('2025-04-01', '2026-03-31')).toEqual([]);
  });
  test('L18 a review already overdue when the care ended stays counted (it was late); one not yet due is cancelled', () => {
    const overdue = store();
    overdue.recordOpenReview(o);
    overdue.recordOpenReview({ cycleId: 'c', ended: true, endedOn: addDays(o.statutoryDue, 10) });
    expect(overdue.openReviews('2025-04-01', '2026-03-31')).toEqual([o]);
    const notYet = store();
    notYet.recordOpenReview(o);
    notYet.recordOpenReview({ cycleId: 'c', ended: true, endedOn: o.statutoryDue });
    expect(notYet.openReviews('2025-04-01', '2026-03-31')).toEqual([]);
  });
  test('L18 open reviews are found by their statutory date; reviews held after the year end by theirs', () => {
    const s = store();
    s.recordOpenReview({ ...o, due: '2025-03-20', statutoryDue: '2025-04-02' });
    expect(s.openReviews('2025-04-01', '2026-03-31')).toHaveLength(1);
    expect(s.openReviews('2024-04-01', '2025-03-31')).toHaveLength(0);
    s.recordReviewOutcome(
      r({ cycleId: 'd', reviewNumber: 1, due: '2025-03-01', statutoryDue: '2025-03-25', heldOn: '2025-04-03', onTime: false }),
    );
    expect(s.reviewsHeldAfterYearEnd('2024-04-01', '2025-03-31').map((x) => x.cycleId)).toEqual(['d']);
    expect(s.reviewsHeldAfterYearEnd('2025-04-01', '2026-03-31')).toEqual([]);
  });
});
