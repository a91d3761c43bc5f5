/**
 * The go-live import's looked-after CSV, read without Temporal: each mistake named by its row (as
 * in the file, the header is row 1), its column and its rule; a good row read into the API's start
 * request and the history the previous system held.
 */
import { LOOKED_AFTER_COLUMNS, describeError, readLookedAfterCsv } from '../api/imports/looked-after-rows';

const checks = { today: '2026-11-24', teams: new Set(['north-1', 'south-1']), profiles: ['statutory', 'oxfordshire'] };
const header = LOOKED_AFTER_COLUMNS.join(',');
const good = {
  child_id: 'C-1',
  date_of_birth: '2015-03-01',
  became_looked_after: '2025-01-06',
  legal_status: 'C2',
  placement_type: 'foster',
  placement_started_on: '',
  team: 'north-1',
  profile: '',
  iro_staff_id: 'iro-1',
  social_worker_staff_id: 'sw-1',
  reviews: '2025-01-31:PN1;2025-04-25:PN5',
  next_meeting_on: '',
};
type Cells = Partial<Record<keyof typeof good, string>>;
const line = (c: Cells = {}) => LOOKED_AFTER_COLUMNS.map((k) => ({ ...good, ...c })[k]).join(',');
const errorsOf = (...rows: string[]) => {
  const { rows: parsed, fileErrors } = readLookedAfterCsv([header, ...rows].join('\n'), checks);
  return [...fileErrors, ...parsed.flatMap((r) => r.errors)].map(describeError);
};

test('a good row: the start request and the history, with its row number', () => {
  const { rows, fileErrors } = readLookedAfterCsv(
    `${header}\n${line()}\n${line({ child_id: 'C-2', reviews: '', iro_staff_id: '', next_meeting_on: '2026-12-01' })}\n`,
    checks,
  );
  expect(fileErrors).toEqual([]);
  expect(rows.map((r) => [r.row, r.errors])).toEqual([
    [2, []],
    [3, []],
  ]);
  expect(rows[0].request).toEqual({
    childId: 'C-1',
    dateOfBirth: '2015-03-01',
    becameLookedAfter: '2025-01-06',
    legalStatus: 'C2',
    placementType: 'foster',
    team: 'north-1',
  });
  expect(rows[0].history).toEqual({
    iro: 'iro-1',
    socialWorker: 'sw-1',
    reviews: [
      { heldOn: '2025-01-31', participation: 'PN1' },
      { heldOn: '2025-04-25', participation: 'PN5' },
    ],
  });
  expect(rows[1].history).toEqual({ socialWorker: 'sw-1', reviews: [], nextMeetingOn: '2026-12-01' });
});

test.each<[string, Cells, string[]]>([
  [
    'a date that is not one',
    { became_looked_after: '06/01/2025' },
    ['row 2, became_looked_after: "06/01/2025" is not a real date in the form YYYY-MM-DD'],
  ],
  ['an impossible date', { date_of_birth: '2015-02-30' }, ['row 2, date_of_birth: "2015-02-30" is not a real date in the form YYYY-MM-DD']],
  ['a required cell empty', { legal_status: '' }, ['row 2, legal_status: required']],
  ['an unknown legal status', { legal_status: 'X9' }, [expect.stringMatching(/^row 2, legal_status: .*C1/) as unknown as string]],
  [
    '18 or over today',
    { date_of_birth: '2008-11-24', became_looked_after: '2025-01-06', reviews: '' },
    ['row 2, date_of_birth: 2008-11-24: 18 or over today (2026-11-24); looked-after status ends at 18 (L16)'],
  ],
  ['an unknown team', { team: 'west-9' }, ['row 2, team: west-9 is not a team in the directory']],
  ['an unknown profile', { profile: 'nowhere' }, ['row 2, profile: unknown profile nowhere (known: statutory, oxfordshire)']],
  [
    'a child id with a space',
    { child_id: 'C 1' },
    [expect.stringMatching(/^row 2, child_id: the case system's opaque id/) as unknown as string],
  ],
  ['a bad staff id', { iro_staff_id: 'iro one' }, [expect.stringMatching(/^row 2, iro_staff_id: a staff id/) as unknown as string]],
  ['a review before care', { reviews: '2024-12-20:PN1' }, ['row 2, reviews: 2024-12-20 is before became_looked_after (2025-01-06) (L2)']],
  ['a review not YYYY-MM-DD:PNx', { reviews: '2025-01-31' }, ['row 2, reviews: "2025-01-31" is not YYYY-MM-DD:PNx (e.g. 2025-02-10:PN1) ']],
  [
    'an unknown participation code',
    { reviews: '2025-01-31:PN9' },
    ['row 2, reviews: 2025-01-31: PN9 is not a participation code (PN0, PN1, PN2, PN3, PN4, PN5, PN6, PN7) (L18)'],
  ],
  [
    'PN0 for a child of 4 or over',
    { reviews: '2025-01-31:PN0' },
    ['row 2, reviews: 2025-01-31: PN0 is only for a child under 4 (SSDA903) (L18)'],
  ],
  [
    'PN1 for a child under 4',
    { date_of_birth: '2023-01-01', reviews: '2025-01-31:PN1' },
    ['row 2, reviews: 2025-01-31: the child was under 4, so PN0 (SSDA903) (L18)'],
  ],
  [
    'reviews out of order',
    { reviews: '2025-04-25:PN1;2025-01-31:PN1' },
    ['row 2, reviews: 2025-01-31 is not after the review before it (2025-04-25): oldest first (L3)'],
  ],
  [
    'a next meeting in the past',
    { next_meeting_on: '2026-11-20' },
    ['row 2, next_meeting_on: 2026-11-20 has passed (today is 2026-11-24) (L7)'],
  ],
  ['a next meeting not a date', { next_meeting_on: 'soon' }, ['row 2, next_meeting_on: "soon" is not a real date in the form YYYY-MM-DD']],
])('%s', (_what, cells, expected) => {
  expect(errorsOf(line(cells)).map((s) => s.trim())).toEqual(expected.map((e) => (typeof e === 'string' ? e.trim() : e)));
});

test('every mistake of a row is reported, and each row by its own number', () => {
  expect(errorsOf(line(), line({ child_id: 'C-2', became_looked_after: 'x', team: 'west-9' }), line({ child_id: 'C-3' }))).toEqual([
    'row 3, became_looked_after: "x" is not a real date in the form YYYY-MM-DD',
    'row 3, team: west-9 is not a team in the directory',
  ]);
});

test('the same child twice: the later row is refused, naming the first', () => {
  expect(errorsOf(line(), line({ reviews: '' }))).toEqual(['row 3, child_id: C-1 is already on row 2: one row per child']);
});

test.each([
  ['a missing column', header.replace(',profile', ''), 'row 1, header: missing profile'],
  ['an unknown column', `${header},name`, 'row 1, header: not a column of this import: name'],
])('the header: %s refuses the file', (_what, h, start) => {
  const { rows, fileErrors } = readLookedAfterCsv(`${h}\n${line()}`, checks);
  expect(rows).toEqual([]);
  expect(fileErrors.map(describeError)[0]).toMatch(new RegExp(`^${start.replace(/[()]/g, '\\$&')}`));
});

test('not CSV, and an empty file', () => {
  expect(readLookedAfterCsv('', checks).fileErrors.map(describeError)).toEqual(['file: empty: a header row and one row per child']);
  expect(readLookedAfterCsv(`${header}\n"C-1,2015`, checks).fileErrors[0].message).toMatch(/^not readable as CSV/);
});

test('a row with too few cells', () => {
  expect(errorsOf('C-1,2015-03-01')[0]).toBe('row 2, row: has a different number of cells from the header (12 columns)');
});
