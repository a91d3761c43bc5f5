/**
 * `npx care-reviews report timeliness` and `export ssda903-reviews`: read the statutory record
 * directly (the installation's, under CARE_REVIEWS_DATA_DIR), print a readable table or CSV, and
 * refuse bad input with a message naming the option and a non-zero exit.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../api/cli';
import { openRecordStore } from '../data/record/kysely-record-store';
import { timelinessFromFacts } from '../data/record/reports/record-l18';
import { reviewsCsv, ssda903Reviews } from '../data/record/reports/ssda903-reviews';
import { factsOf, generateChildren, shortBreaksReview } from './support/looked-after-record';
import { MemoryRecord } from './support/memory-record';

const ROOT = join(__dirname, '..');
const dataDir = mkdtempSync(join(tmpdir(), 'record-cli-'));
const facts = [...factsOf(generateChildren()), shortBreaksReview];
const recorded = facts.map((f, i) => ({ ...f, seq: i + 1, recordedAt: '' }));

beforeAll(async () => {
  const record = await openRecordStore({ path: join(dataDir, 'record.sqlite') });
  expect(await record.append(facts)).toBe(facts.length);
  await record.close();
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'care-reviews.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, CARE_REVIEWS_DATA_DIR: dataDir },
  });
  return { code: r.status, out: r.stdout, err: r.stderr.trim() };
}

test('report timeliness: the authority and each team, then every late and missing review with its child', () => {
  const r = cli('report', 'timeliness', '--year', '2024');
  expect([r.code, r.err]).toEqual([0, '']);
  expect(r.out).toContain('L18 timeliness and participation, 2024-04-01 to 2025-03-31 (2024-25)');
  expect(r.out).toMatch(/^Authority\s+28\s+16 \(57\.1%\)\s+52\s+43/m);
  for (const team of ['east-3', 'north-1', 'south-2']) expect(r.out).toMatch(new RegExp(`^  ${team}\\s+\\d+`, 'm'));
  expect(r.out).toMatch(/^C1028\s+lac-0+27\s+north-1\s+1\s+2024-12-16\s+not held$/m);
  expect(r.out).toMatch(/^C1011\s+lac-0+10\s+south-2\s+4\s+2025-01-25\s+2025-04-10$/m);
});

test('report timeliness --team --json: the figures of the record, as JSON', () => {
  const r = cli('report', 'timeliness', '--year', '2024', '--team', 'north-1', '--json');
  expect(r.code).toBe(0);
  // Every review of 2024-25 was due before today, so today does not change these figures.
  expect(JSON.parse(r.out)).toEqual(timelinessFromFacts(recorded, '2024', 'north-1', '2026-01-01'));
  expect(JSON.parse(r.out)).toMatchObject({ team: 'north-1', byTeam: [expect.objectContaining({ team: 'north-1' })] });
});

test('export ssda903-reviews: the REVIEWS table as CSV on stdout', () => {
  const r = cli('export', 'ssda903-reviews', '--year', '2024');
  expect([r.code, r.err]).toEqual([0, '']);
  expect(r.out).toBe(reviewsCsv(ssda903Reviews(recorded, '2024')));
  expect(r.out.split('\n')[0]).toBe('CHILD,DOB,REVIEW,REVIEW_CODE');
  expect(r.out).not.toContain('C9001');
});

test('a machine without the record (another data folder): a clear refusal, never an empty report or return, and no record made', () => {
  const elsewhere = mkdtempSync(join(tmpdir(), 'record-cli-none-'));
  try {
    for (const args of [
      ['export', 'ssda903-reviews', '--year', '2024'],
      ['report', 'timeliness', '--year', '2024'],
    ]) {
      const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'care-reviews.js'), ...args], {
        encoding: 'utf8',
        env: { ...process.env, CARE_REVIEWS_DATA_DIR: elsewhere },
      });
      expect([r.status, r.stdout, r.stderr]).toEqual([2, '', expect.stringContaining('record: there is no statutory record at')]);
    }
    expect(existsSync(join(elsewhere, 'record.sqlite'))).toBe(false);
  } finally {
    rmSync(elsewhere, { recursive: true, force: true });
  }
});

test.each([
  [['report', 'timeliness', '--year', '20x4'], 2, /year: the April-March year/],
  [['report', 'timeliness', '--year', '1999'], 2, /year: the April-March year/],
  [['report', 'timeliness'], 64, /--year <YYYY> is required/],
  [['report', 'timeliness', '--year', '2024', '--team', 'no such team!'], 2, /team: a team code/],
  [['report', 'lateness', '--year', '2024'], 64, /unknown command "report lateness"/],
  [['export', 'ssda903-reviews', '--year', '2024', '--json'], 64, /unknown option --json/],
  [['export', 'ssda903-episodes', '--year', '2024'], 64, /unknown command "export ssda903-episodes"/],
  [['export', 'ssda903-reviews', '--year'], 64, /--year needs a value/],
])('%j: exit %i and a clear message', async (argv, code, message) => {
  const err: string[] = [];
  const out: string[] = [];
  const opened: MemoryRecord[] = [];
  const exit = await runCli(
    argv,
    (s) => out.push(s),
    (s) => err.push(s),
    {
      openRecord: async () => {
        opened.push(new MemoryRecord());
        return opened[0];
      },
    },
  );
  expect([exit, out]).toEqual([code, []]);
  expect(err.join('\n')).toMatch(message);
});

test('export ssda903-reviews refuses a record missing a period of care, naming it (exit 2)', async () => {
  const record = new MemoryRecord();
  await record.append(facts.filter((f) => f.key !== 'lac-000000000000000000000004/started'));
  const err: string[] = [];
  const exit = await runCli(
    ['export', 'ssda903-reviews', '--year', '2024'],
    () => undefined,
    (s) => err.push(s),
    {
      openRecord: async () => record,
    },
  );
  expect(exit).toBe(2);
  expect(err.join('')).toMatch(/record: incomplete for the SSDA903 return: review \d of lac-0+4 has no looked-after\/started fact/);
});
