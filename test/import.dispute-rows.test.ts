/**
 * The go-live import's open disputes CSV, read without Temporal: each mistake named by its row,
 * column and rule (E1-E6); and the derived id of an imported dispute (a second import finds it).
 */
import { describeError } from '../api/imports/csv-rows';
import { DISPUTE_COLUMNS, readDisputeCsv } from '../api/imports/dispute-rows';
import { DISPUTE_ID, importedDisputeId } from '../api/services/case-ids';
import { builtInCalendar } from '../data/reference-data';
import { openDispute } from '../workflows/dispute/opening';
import { DEFAULT_DISPUTE_TIMESCALES } from '../workflows/dispute/stages';

const today = '2026-11-24';
const checks = { today, teams: new Set(['north-1']), profiles: [] };
const header = DISPUTE_COLUMNS.join(',');
const good: Record<(typeof DISPUTE_COLUMNS)[number], string> = {
  old_reference: 'RE-101',
  child_id: 'C-1',
  became_looked_after: '',
  team: 'north-1',
  category: 'practice',
  summary: 'care plan not updated',
  serious_safeguarding: '',
  iro_staff_id: 'iro-1',
  social_worker_staff_id: 'sw-1',
  opened_on: '2026-10-20',
  stage: '2',
  stage_entered_on: '2026-11-02',
  expected_outcome: 'plan updated',
  expected_outcome_by: '2026-12-01',
};
type Cells = Partial<typeof good>;
const line = (c: Cells = {}) => DISPUTE_COLUMNS.map((k) => ({ ...good, ...c })[k]).join(',');
const errorsOf = (...rows: string[]) => {
  const { rows: parsed, fileErrors } = readDisputeCsv([header, ...rows].join('\n'), checks);
  return [...fileErrors, ...parsed.flatMap((r) => r.errors)].map(describeError);
};

test('a good row: the opening as the API takes it, the old reference, the stage and since when, the IRO', () => {
  const { rows, fileErrors } = readDisputeCsv(
    `${header}\n${line()}\n${line({ old_reference: 'RE-102', stage: 'informal', expected_outcome: '', expected_outcome_by: '', team: '', became_looked_after: '2025-01-06' })}`,
    checks,
  );
  expect([fileErrors, rows.map((r) => [r.row, r.errors])]).toEqual([
    [],
    [
      [2, []],
      [3, []],
    ],
  ]);
  expect(rows[0]).toMatchObject({
    oldReference: 'RE-101',
    stageEnteredOn: '2026-11-02',
    iro: 'iro-1',
    request: {
      childId: 'C-1',
      team: 'north-1',
      category: 'practice',
      startStage: 2,
      openedOn: '2026-10-20',
      expectedOutcome: { outcome: 'plan updated', by: '2026-12-01' },
    },
  });
  expect(rows[1]).toMatchObject({ becameLookedAfter: '2025-01-06', request: { startStage: 0 } });
});

test.each<[string, Cells, string[]]>([
  ['no old reference', { old_reference: '' }, [expect.stringMatching(/^row 2, old_reference: required/) as unknown as string]],
  ['an unknown category', { category: 'money' }, [expect.stringMatching(/^row 2, category: .*\(E1\)$/) as unknown as string]],
  ['a stage that is not one', { stage: '6' }, ['row 2, stage: "informal" or a stage from 1 to 5 (E2-E5)']],
  ['no stage date', { stage_entered_on: '' }, ['row 2, stage_entered_on: required']],
  [
    'a stage entered before the opening',
    { stage_entered_on: '2026-10-01' },
    ['row 2, stage_entered_on: 2026-10-01 is before opened_on (2026-10-20) (E5)'],
  ],
  [
    'a stage entered in the future',
    { stage_entered_on: '2026-12-01' },
    ['row 2, stage_entered_on: 2026-12-01 is in the future (today is 2026-11-24) (E5)'],
  ],
  ['no opening date', { opened_on: '' }, ['row 2, opened_on: required']],
  ['no IRO', { iro_staff_id: '' }, ['row 2, iro_staff_id: required']],
  ['neither team nor cycle', { team: '' }, ['row 2, team: required without became_looked_after (with it, the cycle gives the team)']],
  ['an unknown team', { team: 'south-9' }, ['row 2, team: south-9 is not a team in the directory']],
  [
    'serious safeguarding at stage 1',
    { serious_safeguarding: 'yes', stage: '1' },
    ['row 2, stage: a serious safeguarding issue is at stage 2 at least (E4)'],
  ],
  ['serious safeguarding not yes or no', { serious_safeguarding: 'y' }, ['row 2, serious_safeguarding: yes or no (empty: no) (E4)']],
  ['an outcome without its date', { expected_outcome_by: '' }, ['row 2, expected_outcome_by: required']],
])('%s', (_, cells, expected) => {
  expect(errorsOf(line(cells))).toEqual(expected);
});

test('the same old reference twice: the later row is refused, naming the first', () => {
  expect(errorsOf(line(), line({ child_id: 'C-2' }))).toEqual(['row 3, old_reference: RE-101 is already on row 2: one row per dispute']);
});

test('E1 an imported dispute has a derived id: the same dispute the same id, another reference another id', () => {
  const key = Buffer.alloc(32, 7);
  const id = importedDisputeId(key, 'C-1', '2026-10-20', 'RE-101');
  expect(id).toMatch(DISPUTE_ID);
  expect(importedDisputeId(key, 'C-1', '2026-10-20', 'RE-101')).toBe(id);
  expect(importedDisputeId(key, 'C-1', '2026-10-20', 'RE-102')).not.toBe(id);
  expect(id).not.toContain('C-1');
});

test('E2 E4 E6: imported at stage 2 since its own day: its deadline from then, the 20 working days from the opening', () => {
  const s = openDispute(
    {
      disputeId: 'red-000000000000000000000001',
      child: { childId: 'C-1', team: 'north-1' },
      category: 'practice',
      summary: 's',
      startStage: 2,
      seriousSafeguarding: false,
      iro: 'iro-1',
      source: 'iro',
      imported: { stageEnteredOn: '2026-11-02' },
    },
    '2026-10-20',
    builtInCalendar(),
    DEFAULT_DISPUTE_TIMESCALES,
    today,
  );
  expect(s.stages).toEqual([{ stage: 2, enteredOn: '2026-11-02', due: '2026-11-09', how: 'opened' }]);
  expect([s.openedOn, s.recordedOn, s.overallDue]).toEqual(['2026-10-20', today, '2026-11-17']);
});
