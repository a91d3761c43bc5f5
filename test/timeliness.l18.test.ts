/** L18 (002 §2, §17; rules.md notes): the timeliness and participation indicators as pure rules, table-driven. */
import { ReviewOutcome } from '../data/embedded-store';
import { timeliness } from '../api/routes/timeliness';
import { lateForIndicator } from '../workflows/looked-after-cycle/model';

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
  ])('L18 %s', (_name, extra: { onTime: boolean; statutoryDue?: string; heldOn?: string }, late) => {
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
  });
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
