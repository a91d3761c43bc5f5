/**
 * The go-live import's Open to Review CSV, read without Temporal: each mistake named by its row,
 * column and rule; then the decision note and reviews applied to a fresh case by its own commands
 * (O2, O3, O6), as the workflow will apply them: each review judged against its own due date.
 */
import { describeError } from '../api/imports/csv-rows';
import { OPEN_TO_REVIEW_COLUMNS, readOpenToReviewCsv } from '../api/imports/open-to-review-rows';
import { ImportedRefusal } from '../workflows/case-kernel/imported';
import { builtInCalendar } from '../data/reference-data';
import { applyImportedOpenToReview } from '../workflows/open-to-review/imported';
import { ImportedOpenToReview, OpenToReviewCaseStart } from '../workflows/open-to-review/messages';
import { openToReviewObligations, openToReviewSettings } from '../workflows/open-to-review/obligations';
import { initialModel } from '../workflows/open-to-review/opening';

const today = '2026-11-24';
const checks = { today, teams: new Set(['north-1']), profiles: ['statutory', 'kent'] };
const header = OPEN_TO_REVIEW_COLUMNS.join(',');
const good: Record<(typeof OPEN_TO_REVIEW_COLUMNS)[number], string> = {
  child_id: 'D-1',
  date_of_birth: '2012-03-01',
  team: 'north-1',
  profile: '',
  caseholder_staff_id: 'o2r-1',
  opened_on: '2025-09-01',
  decided_on: '2025-10-06',
  first_review_on: '2026-03-01',
  ehcp_annual_review_on: '',
  overnight_short_breaks: '',
  hours_per_week: '',
  reviews: '2026-02-20:telephone:child-not-seen:parents-seen;2026-08-10:face-to-face:child-seen:parents-seen',
};
type Cells = Partial<typeof good>;
const line = (c: Cells = {}) => OPEN_TO_REVIEW_COLUMNS.map((k) => ({ ...good, ...c })[k]).join(',');
const errorsOf = (...rows: string[]) => {
  const { rows: parsed, fileErrors } = readOpenToReviewCsv([header, ...rows].join('\n'), checks);
  return [...fileErrors, ...parsed.flatMap((r) => r.errors)].map(describeError);
};

test('a good row: the case and its decision note and reviews, with its row number', () => {
  const { rows, fileErrors } = readOpenToReviewCsv(`${header}\n${line()}\n${line({ child_id: 'D-2', reviews: '' })}`, checks);
  expect([fileErrors, rows.map((r) => [r.row, r.errors])]).toEqual([
    [],
    [
      [2, []],
      [3, []],
    ],
  ]);
  expect(rows[0].request).toMatchObject({ childId: 'D-1', caseholder: 'o2r-1', openedOn: '2025-09-01' });
  expect(rows[0].history).toEqual({
    decidedOn: '2025-10-06',
    firstReviewOn: '2026-03-01',
    reviews: [
      { heldOn: '2026-02-20', type: 'telephone', childSeen: false, parentsSeen: true },
      { heldOn: '2026-08-10', type: 'face-to-face', childSeen: true, parentsSeen: true },
    ],
  });
});

test.each<[string, Cells, string[]]>([
  ['no decision note date', { decided_on: '' }, ['row 2, decided_on: required']],
  [
    'a decision note in the future',
    { decided_on: '2026-12-01' },
    ['row 2, decided_on: 2026-12-01 is in the future (today is 2026-11-24) (O2)'],
  ],
  ['no first review date', { first_review_on: '' }, ['row 2, first_review_on: required']],
  ['opened on not a date', { opened_on: '01/09/2025' }, [expect.stringMatching(/^row 2, opened_on: /) as unknown as string]],
  ['no caseholder', { caseholder_staff_id: '' }, ['row 2, caseholder_staff_id: required']],
  ['an unknown team', { team: 'south-9' }, ['row 2, team: south-9 is not a team in the directory']],
  ['an unknown profile', { profile: 'nowhere' }, ['row 2, profile: unknown profile nowhere (known: statutory, kent)']],
  [
    'half a package',
    { overnight_short_breaks: 'yes' },
    ['row 2, hours_per_week: a number of hours a week (with overnight_short_breaks: the package) (O6)'],
  ],
  [
    'a package not yes or no',
    { overnight_short_breaks: 'maybe', hours_per_week: '4' },
    ['row 2, overnight_short_breaks: yes or no (with hours_per_week: the package) (O6)'],
  ],
  [
    'a review of another type',
    { reviews: '2026-02-20:video:child-seen:parents-seen' },
    ['row 2, reviews: "2026-02-20:video:child-seen:parents-seen": the type is telephone or face-to-face (O3)'],
  ],
  [
    'a review without who was seen',
    { reviews: '2026-02-20:telephone' },
    [expect.stringMatching(/^row 2, reviews: "2026-02-20:telephone": not YYYY-MM-DD:telephone/) as unknown as string],
  ],
  [
    'a review not a date',
    { reviews: '2026-02-30:telephone:child-seen:parents-seen' },
    [expect.stringMatching(/not a real date/) as unknown as string],
  ],
  [
    'an unknown chair',
    { reviews: '2026-02-20:telephone:child-seen:parents-seen:nobody' },
    [expect.stringMatching(/the chair is one of caseholder, /) as unknown as string],
  ],
])('%s', (_, cells, expected) => {
  expect(errorsOf(line(cells))).toEqual(expected);
});

test('the same child twice: the later row is refused, naming the first', () => {
  expect(errorsOf(line(), line())).toEqual(['row 3, child_id: D-1 is already on row 2: one Open to Review case per child']);
});

test('the header: a missing column refuses the file', () => {
  const { rows, fileErrors } = readOpenToReviewCsv(`child_id,team\nD-1,north-1`, checks);
  expect(rows).toEqual([]);
  expect(fileErrors.map(describeError)[0]).toMatch(/^row 1, header: missing date_of_birth, profile, caseholder_staff_id/);
});

// The decision note and reviews applied by the case's own commands, as the workflow will.
const calendar = builtInCalendar();
const settings = (variant: 'protocol' | 'kent' = 'protocol') => openToReviewSettings({ variant });
const apply = (imp: ImportedOpenToReview, over: Partial<OpenToReviewCaseStart> = {}) => {
  const start: OpenToReviewCaseStart = {
    caseId: 'o2r-000000000000000000000001',
    kind: 'open-to-review',
    variant: 'protocol',
    child: { childId: 'D-1', dateOfBirth: '2012-03-01', team: 'north-1' },
    caseholder: 'o2r-1',
    profileId: 'statutory',
    settings: settings(over.variant),
    by: 'unit-1',
    openedOn: '2025-09-01',
    ...over,
  };
  const m = initialModel(start, today, calendar);
  applyImportedOpenToReview(m, imp, 'unit-1', { today, calendar, settings: start.settings, notice: () => undefined });
  return m;
};
const refusal = (imp: ImportedOpenToReview, over: Partial<OpenToReviewCaseStart> = {}) => {
  try {
    apply(imp, over);
  } catch (e) {
    if (!(e instanceof ImportedRefusal)) throw e;
    return [e.part, e.message];
  }
  return undefined;
};
const review = (heldOn: string, type: 'telephone' | 'face-to-face' = 'telephone') => ({ heldOn, type, childSeen: true, parentsSeen: true });

test('O2 O3: each review judged against its own due date; the imported reviews owe no plan (O4), the next review is chased', () => {
  const m = apply({
    decidedOn: '2025-10-06',
    firstReviewOn: '2026-03-01',
    reviews: [review('2026-02-20'), review('2026-09-10', 'face-to-face')],
  });
  expect(m.status).toBe('open');
  expect(m.reviews.map((r) => [r.number, r.due, r.onTime, r.imported])).toEqual([
    [1, '2026-03-01', true, true],
    [2, '2026-08-20', false, true],
  ]);
  expect([m.openedOn, m.recordedOn, m.imported]).toEqual(['2025-09-01', today, { on: today, reviews: 2 }]);
  const keys = openToReviewObligations(m, settings(), calendar, today).map((o) => [o.key, o.due]);
  expect(keys.filter(([k]) => /plan-shared/.test(k))).toEqual([]);
  expect(keys).toContainEqual(['review', '2027-03-10']);
});

test.each<[string, ImportedOpenToReview, [string, RegExp]]>([
  [
    'decided within the family window',
    { decidedOn: '2025-09-15', firstReviewOn: '2026-01-01', reviews: [] },
    ['decidedOn', /may make representations until 2025-09-29.*\(O2\)/],
  ],
  [
    'a first review over 6 months after the note',
    { decidedOn: '2025-10-06', firstReviewOn: '2026-05-01', reviews: [] },
    ['decidedOn', /^firstReviewOn: 2026-05-01 is more than 6 months .*\(O3\)/],
  ],
  [
    'a review before the note',
    { decidedOn: '2025-10-06', firstReviewOn: '2026-03-01', reviews: [review('2025-10-01')] },
    ['reviews', /before the team manager's decision note/],
  ],
  [
    'reviews out of order',
    { decidedOn: '2025-10-06', firstReviewOn: '2026-03-01', reviews: [review('2026-02-20'), review('2026-01-20')] },
    ['reviews', /is not after the last review/],
  ],
])('refused by the commands: %s', (_, imp, [part, message]) => {
  const [p, m] = refusal(imp)!;
  expect(p).toBe(part);
  expect(m).toMatch(message);
});

test('O6 (Kent): with overnight breaks the first review is chaired by a senior practitioner or team manager; the file can say so', () => {
  const kent = { variant: 'kent' as const, profileId: 'kent', package: { overnightShortBreaks: true, hoursPerWeek: 4 } };
  const imp = { decidedOn: '2025-10-06', firstReviewOn: '2026-03-01', reviews: [review('2026-02-20')] };
  expect(refusal(imp, kent)?.[1]).toMatch(/senior practitioner or team manager.*\(O6\)/);
  expect(apply({ ...imp, reviews: [{ ...review('2026-02-20'), chair: 'team-manager' }] }, kent).reviews[0].chair).toEqual({
    role: 'team-manager',
  });
});
