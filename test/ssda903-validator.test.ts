/**
 * The DfE's own SSDA903 validator (PyPI csc-validator-be-903) over our REVIEWS export for April
 * 2024 to March 2025, with HEADER and EPISODES tables of the same children: no error on any rule
 * that concerns REVIEWS (the list is read from the ruleset). And a bad review is caught, so this
 * test can fail. The validator's venv is made by scripts/lac-validator-venv.sh (cached); if pip
 * cannot install it, this test fails with pip's message.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ssda903Reviews } from '../data/record/reports/ssda903-reviews';
import type { RecordedFact } from '../workflows/record/facts';
import { factsOf, generateChildren, shortBreaksReview } from './support/looked-after-record';
import { installValidator, validateReturn } from './support/ssda903-validator';

jest.setTimeout(600_000);
let python: string;
const dir = mkdtempSync(join(tmpdir(), 'ssda903-'));

beforeAll(() => {
  python = installValidator();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function record(): RecordedFact[] {
  return [...factsOf(generateChildren()), shortBreaksReview].map((f, i) => ({ ...f, seq: i + 1, recordedAt: '2025-05-15T09:00:00Z' }));
}

/** The 2024 year's export and tables, validated against the 2024-25 collection's ruleset. */
const validate = (facts: RecordedFact[], name: string) => validateReturn(python, dir, facts, '2024', name);

test('SSDA903: the DfE validator finds no error on any rule concerning REVIEWS in our 2024-25 export', () => {
  const facts = record();
  const rows = ssda903Reviews(facts, '2024');
  // A realistic return: reviews of children under 4 (PN0) and over, of many children.
  expect(rows.length).toBeGreaterThan(50);
  expect(new Set(rows.map((r) => r.CHILD)).size).toBeGreaterThan(20);
  expect(rows.filter((r) => r.REVIEW_CODE === 'PN0').length).toBeGreaterThan(5);
  expect(rows.some((r) => r.CHILD === 'C9001')).toBe(false);

  const v = validate(facts, 'good');
  expect(v.tables).toEqual(expect.arrayContaining(['Header', 'Episodes', 'Reviews']));
  expect(v.reviewRules).toEqual(expect.arrayContaining(['166', '167', '440', '441', '1012', 'INT08', 'INT17']));
  // Every rule concerning REVIEWS ran on these tables (none skipped for a missing table, none crashed).
  expect({ skipped: v.skipped, failed: v.failed, ran: v.ran }).toEqual({ skipped: [], failed: [], ran: [...v.reviewRules].sort() });
  expect(v.errors).toEqual([]);
});

test.each([
  ['441: PN1 for a child under 4', 'C1001', 'PN1', '441'],
  ['440: PN0 for a child of 4 or over', 'C1003', 'PN0', '440'],
  ['167: a participation code that is not one', 'C1005', 'PN9', '167'],
])('SSDA903: the validator does catch a bad review (%s)', (_name, child, code, rule) => {
  const facts = record();
  const bad = facts.find(
    (f) => f.childId === child && f.type === 'looked-after/review-held' && f.on >= '2024-04-01' && f.on <= '2025-03-31',
  )!;
  bad.data = { ...bad.data, participation: code };
  const v = validate(facts, `bad-${rule}`);
  expect(v.errors).toContainEqual(expect.objectContaining({ rule, table: 'Reviews', child }));
  expect(new Set(v.errors.map((e) => e.rule))).toEqual(new Set([rule]));
});
