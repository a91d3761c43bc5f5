/**
 * Reports and returns from the statutory record (issue 14), as pure functions over facts:
 * L18 (rules.md notes: the indicator counts children) by team and for the authority, and the
 * SSDA903 REVIEWS table. Table-driven; the generated record (support/looked-after-record.ts)
 * checks the record's figures against the embedded store's projection of the same reviews.
 */
import { EmbeddedStore } from '../data/embedded-store';
import { reviewRows, timelinessFromFacts } from '../data/record/reports/record-l18';
import { RecordIncomplete, reviewsCsv, ssda903Reviews } from '../data/record/reports/ssda903-reviews';
import { timelinessReport } from '../api/routes/timeliness';
import type { Fact, RecordedFact } from '../workflows/record/facts';
import { factsOf, generateChildren, shortBreaksReview } from './support/looked-after-record';
import { MemoryRecord } from './support/memory-record';

let seq = 0;
const rec = (f: Omit<Fact, 'key' | 'caseKind'> & { key?: string; caseKind?: Fact['caseKind'] }): RecordedFact => ({
  caseKind: 'looked-after',
  key: `k${++seq}`,
  seq,
  recordedAt: '2025-01-01T00:00:00Z',
  ...f,
});
const started = (cycle: string, child: string, dateOfBirth = '2012-05-01', team = 'n') =>
  rec({
    caseId: cycle,
    childId: child,
    team,
    type: 'looked-after/started',
    on: '2024-01-10',
    data: {
      becameLookedAfter: '2024-01-10',
      dateOfBirth,
      legalStatus: 'C2',
      placementType: 'U1',
      placementStartedOn: '2024-01-10',
      profileId: 'statutory',
    },
  });
const held = (
  cycle: string,
  child: string,
  n: number,
  heldOn: string,
  due: string,
  o: { team?: string; participation?: string; age?: number } = {},
) =>
  rec({
    caseId: cycle,
    childId: child,
    ...(o.team === null ? {} : { team: o.team ?? 'n' }),
    type: 'looked-after/review-held',
    on: heldOn,
    data: {
      reviewNumber: n,
      heldOn,
      due,
      onTime: heldOn <= due,
      lateForIndicator: heldOn > due,
      participation: o.participation ?? 'PN1',
      ageAtReview: o.age ?? 12,
      withMeeting: true,
      chair: { staffId: 'i', as: 'allocated-iro' },
    },
  });
const due = (cycle: string, child: string, n: number, d: string, team = 'n') =>
  rec({ caseId: cycle, childId: child, team, type: 'looked-after/review-due', on: d, data: { reviewNumber: n, due: d, statutoryDue: d } });
const ended = (cycle: string, on: string) =>
  rec({ caseId: cycle, type: 'looked-after/ended', on, data: { status: 'ceased', reason: 'home' } });

describe('L18 the open review from the record: the latest review-due per cycle', () => {
  test.each([
    ['due and not held: open', () => [due('c', 'A', 2, '2024-09-01')], [2]],
    ['moved: the latest dates count', () => [due('c', 'A', 2, '2024-09-01'), due('c', 'A', 2, '2024-09-20')], [2]],
    ['held: closed', () => [due('c', 'A', 2, '2024-09-01'), held('c', 'A', 2, '2024-09-01', '2024-09-01')], []],
    [
      'a late retry of a held review does not reopen it',
      () => [held('c', 'A', 1, '2024-06-01', '2024-06-01'), due('c', 'A', 2, '2024-09-01'), due('c', 'A', 1, '2024-06-01')],
      [2],
    ],
    ['ended before its date: cancelled with the care', () => [due('c', 'A', 2, '2024-09-01'), ended('c', '2024-08-01')], []],
    ['ended on its date: cancelled', () => [due('c', 'A', 2, '2024-09-01'), ended('c', '2024-09-01')], []],
    ['ended after its date: it was overdue, still late', () => [due('c', 'A', 2, '2024-09-01'), ended('c', '2024-09-10')], [2]],
  ])('L18 %s', (_name, facts, open) => {
    expect(reviewRows(facts()).open.map((o) => o.reviewNumber)).toEqual(open);
  });
  test('L18 the moved dates are the ones judged', () => {
    expect(reviewRows([due('c', 'A', 2, '2024-09-01'), due('c', 'A', 2, '2024-09-20')]).open).toEqual([
      { cycleId: 'c', childId: 'A', team: 'n', reviewNumber: 2, due: '2024-09-20', statutoryDue: '2024-09-20' },
    ]);
  });
});

describe('L18 from the record, for the authority and by team, with the reviews behind each figure', () => {
  const facts = () => [
    held('a', 'A', 1, '2024-05-01', '2024-05-02', { team: 'n' }),
    held('b', 'B', 1, '2024-06-10', '2024-06-01', { team: 's', participation: 'PN7' }),
    due('c', 'C', 1, '2024-07-01', 's'),
    held('d', 'D', 1, '2024-02-10', '2024-02-01', { team: 's' }),
    held('e', 'E', 1, '2025-04-10', '2025-03-20', { team: 'n' }),
  ];
  test.each([
    ['the authority', undefined, { team: 'all', children: 4, childrenWithEveryReviewOnTime: 1, reviews: 2, reviewsOnTime: 1 }, ['n', 's']],
    ['one team', 's', { team: 's', children: 2, childrenWithEveryReviewOnTime: 0, reviews: 1, reviewsOnTime: 0 }, ['s']],
    ['another team', 'n', { team: 'n', children: 2, childrenWithEveryReviewOnTime: 1, reviews: 1, reviewsOnTime: 1 }, ['n']],
    ['a team with nothing', 'x', { team: 'x', children: 0, percentChildrenOnTime: null }, []],
  ])('L18 %s', (_name, team, figures, teams) => {
    const t = timelinessFromFacts(facts(), '2024', team, '2025-05-01');
    expect(t).toMatchObject({ year: '2024-25', from: '2024-04-01', to: '2025-03-31', ...figures });
    expect(t.byTeam.map((b) => b.team)).toEqual(teams);
  });
  test('L18 each team its own figures and lists; late and missing reviews name the child, the cycle, the number and the dates', () => {
    const t = timelinessFromFacts(facts(), '2024', undefined, '2025-05-01');
    expect(t.lateReviews).toEqual([{ cycleId: 'b', childId: 'B', reviewNumber: 1, due: '2024-06-01', heldOn: '2024-06-10', team: 's' }]);
    expect(t.reviewsNotHeldInYear).toEqual([
      { cycleId: 'e', childId: 'E', reviewNumber: 1, due: '2025-03-20', statutoryDue: '2025-03-20', heldOn: '2025-04-10', team: 'n' },
      { cycleId: 'c', childId: 'C', reviewNumber: 1, due: '2024-07-01', statutoryDue: '2024-07-01', heldOn: null, team: 's' },
    ]);
    const [n, s] = t.byTeam;
    expect(n).toMatchObject({
      children: 2,
      childrenWithEveryReviewOnTime: 1,
      lateReviews: [],
      reviewsNotHeldInYear: [expect.objectContaining({ childId: 'E' })],
    });
    expect(s).toMatchObject({
      children: 2,
      childrenWithEveryReviewOnTime: 0,
      participation: { reviewsOfChildrenAged4Plus: 1, tookPart: 0, percent: 0 },
    });
    expect(s.reviewsNotHeldInYear).toEqual([expect.objectContaining({ childId: 'C', heldOn: null })]);
  });
  test('L18 a review due today is not yet missing; the day after it is', () => {
    expect(timelinessFromFacts(facts(), '2024', 's', '2024-07-01').reviewsNotHeldInYear).toEqual([]);
    expect(timelinessFromFacts(facts(), '2024', 's', '2024-07-02').reviewsNotHeldInYear).toHaveLength(1);
  });
  test('L18 a fact written without a team is reported under "(no team)", which no team manager is scoped to', () => {
    const t = timelinessFromFacts(
      [held('z', 'Z', 1, '2024-05-01', '2024-05-02', { team: null as unknown as string })],
      '2024',
      undefined,
      '2025-05-01',
    );
    expect(t.byTeam.map((b) => [b.team, b.children])).toEqual([['(no team)', 1]]);
    expect(
      timelinessFromFacts([held('z', 'Z', 1, '2024-05-01', '2024-05-02', { team: null as unknown as string })], '2024', '-', '2025-05-01')
        .children,
    ).toBe(0);
  });
});

describe('L18 the record gives the figures the projection gave, for the same reviews', () => {
  test.each([['2023'], ['2024'], ['2025']])('L18 April %s to March: authority and every team', async (year) => {
    const children = generateChildren();
    const store = new EmbeddedStore(':memory:');
    for (const c of children) {
      for (const r of c.reviews) {
        store.recordOpenReview({
          cycleId: c.caseId,
          childId: c.childId,
          team: c.team,
          reviewNumber: r.reviewNumber,
          due: r.due,
          statutoryDue: r.due,
        });
        store.recordReviewOutcome({ cycleId: c.caseId, childId: c.childId, team: c.team, ...r, statutoryDue: r.due });
      }
      if (c.open) store.recordOpenReview({ cycleId: c.caseId, childId: c.childId, team: c.team, ...c.open });
      if (c.ended) store.recordOpenReview({ cycleId: c.caseId, ended: true, endedOn: c.ended.on });
    }
    const record = new MemoryRecord();
    await record.append(factsOf(children));
    for (const team of [undefined, 'north-1', 'south-2']) {
      const { source: s1, ...fromRecord } = await timelinessReport({ store, record }, year, team, '2025-05-15');
      const { source: s2, ...fromProjection } = await timelinessReport({ store }, year, team, '2025-05-15');
      expect([s1, s2]).toEqual(['record', 'projection']);
      expect(fromRecord).toEqual(fromProjection);
    }
    const t = await timelinessReport({ store, record }, year, undefined, '2025-05-15');
    if (year === '2024') {
      // The generated year has late reviews, missed ones and one held after the year's end.
      expect(t.children).toBeGreaterThan(20);
      expect(t.lateReviews.length).toBeGreaterThan(2);
      expect(t.reviewsNotHeldInYear.filter((r) => r.heldOn === null).map((r) => r.childId)).toEqual(
        expect.arrayContaining(['C1010', 'C1019', 'C1028']),
      );
      expect(t.reviewsNotHeldInYear).toContainEqual(expect.objectContaining({ childId: 'C1011', heldOn: '2025-04-10' }));
      expect(t.byTeam.reduce((n, b) => n + b.children, 0)).toBe(t.children);
    }
    store.close();
  });
});

describe('SSDA903 REVIEWS from the record', () => {
  const facts = () => [
    started('b', 'B', '2022-03-15'),
    started('a', 'A', '2010-12-01'),
    held('b', 'B', 2, '2024-09-01', '2024-09-01', { participation: 'PN0', age: 2 }),
    held('a', 'A', 2, '2025-03-31', '2025-03-31', { participation: 'PN5' }),
    held('a', 'A', 1, '2024-04-01', '2024-04-01', { participation: 'PN1' }),
    held('b', 'B', 1, '2024-03-31', '2024-03-31', { participation: 'PN0', age: 2 }),
    held('a', 'A', 3, '2025-04-01', '2025-04-01'),
    shortBreaksReview as RecordedFact,
    rec({
      ...shortBreaksReview,
      caseKind: 'open-to-review',
      type: 'looked-after/review-held',
      data: { reviewNumber: 1, heldOn: '2024-09-10', participation: 'PN1' },
    }),
  ];
  test.each([
    [
      '2024',
      [
        { CHILD: 'A', DOB: '01/12/2010', REVIEW: '01/04/2024', REVIEW_CODE: 'PN1' },
        { CHILD: 'A', DOB: '01/12/2010', REVIEW: '31/03/2025', REVIEW_CODE: 'PN5' },
        { CHILD: 'B', DOB: '15/03/2022', REVIEW: '01/09/2024', REVIEW_CODE: 'PN0' },
      ],
    ],
    ['2023', [{ CHILD: 'B', DOB: '15/03/2022', REVIEW: '31/03/2024', REVIEW_CODE: 'PN0' }]],
    ['2025', [{ CHILD: 'A', DOB: '01/12/2010', REVIEW: '01/04/2025', REVIEW_CODE: 'PN1' }]],
    ['2022', []],
  ])('one row per review held in April %s to March, by child then date; short breaks never', (year, rows) => {
    expect(ssda903Reviews(facts(), year)).toEqual(rows);
  });
  test('the CSV: the DfE header and DD/MM/YYYY dates', () => {
    expect(reviewsCsv(ssda903Reviews(facts(), '2023'))).toBe('CHILD,DOB,REVIEW,REVIEW_CODE\nB,15/03/2022,31/03/2024,PN0\n');
    expect(reviewsCsv([])).toBe('CHILD,DOB,REVIEW,REVIEW_CODE\n');
  });
  test('a review whose period of care has no started fact is refused, not returned with a guessed DOB', () => {
    expect(() => ssda903Reviews([held('x', 'X', 1, '2024-05-01', '2024-05-01')], '2024')).toThrow(RecordIncomplete);
  });
});

test('a period of care under V3/V4 (a series of short breaks) is in neither the SSDA903 REVIEWS table (DfE rule 399) nor L18', () => {
  const shortBreaks = (status: string) => {
    const s = started('v', 'V', '2012-05-01');
    return { ...s, data: { ...s.data, legalStatus: status } } as RecordedFact;
  };
  for (const status of ['V3', 'V4']) {
    const facts = [shortBreaks(status), held('v', 'V', 1, '2024-06-01', '2024-05-01'), due('v', 'V', 2, '2024-08-01')];
    expect(ssda903Reviews(facts, '2024')).toEqual([]);
    expect(reviewRows(facts)).toEqual({ held: [], open: [] });
  }
  // The same child under V2 (a single short-term placement) is looked after like any other.
  const v2 = [shortBreaks('V2'), held('v', 'V', 1, '2024-06-01', '2024-05-01')];
  expect(ssda903Reviews(v2, '2024')).toEqual([{ CHILD: 'V', DOB: '01/05/2012', REVIEW: '01/06/2024', REVIEW_CODE: 'PN1' }]);
  expect(reviewRows(v2).held.map((h) => h.onTime)).toEqual([false]);
});

test("L18 a review due in March and held late in April is listed in April's year as counted in the year it was due, so the list adds up to the figure", () => {
  const facts = [started('m', 'M'), held('m', 'M', 2, '2024-04-10', '2024-03-25'), held('m', 'M', 3, '2024-09-20', '2024-10-10')];
  const y2024 = timelinessFromFacts(facts, '2024', undefined, '2025-05-15');
  expect(y2024).toMatchObject({ children: 1, childrenWithEveryReviewOnTime: 1, reviews: 2, reviewsOnTime: 1 });
  expect(y2024.lateReviews).toEqual([expect.objectContaining({ childId: 'M', reviewNumber: 2, countedInTheYearItWasDue: true })]);
  // In the year it was due it is the one that fails the child.
  const y2023 = timelinessFromFacts(facts, '2023', undefined, '2025-05-15');
  expect(y2023.childrenWithEveryReviewOnTime).toBe(0);
  expect(y2023.reviewsNotHeldInYear).toEqual([expect.objectContaining({ reviewNumber: 2, heldOn: '2024-04-10' })]);
});
