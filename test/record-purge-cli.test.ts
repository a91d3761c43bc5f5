/**
 * `care-reviews record purge --as-of <date> [--dry-run]` (docs/retention.md): a dry run lists the
 * children past their 75th birthday and deletes nothing; the purge deletes their facts only; a
 * date after today is refused (reg. 50) except in a dry run; mistakes exit non-zero, saying why.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Database } from 'node-sqlite3-wasm';
import { runCli } from '../api/cli';
import { openRecordStore } from '../data/record/kysely-record-store';
import { tempDir } from './support/temporal';

const tmp = tempDir('record-purge-cli');
const path = join(tmp.dir, 'record.sqlite');
const saved = { record: process.env.CARE_REVIEWS_RECORD, url: process.env.DATABASE_URL };
beforeAll(() => {
  process.env.CARE_REVIEWS_RECORD = path;
  delete process.env.DATABASE_URL;
});
afterAll(() => {
  for (const [name, value] of [
    ['CARE_REVIEWS_RECORD', saved.record],
    ['DATABASE_URL', saved.url],
  ] as const)
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  tmp.remove();
});

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    argv,
    (s) => out.push(s),
    (s) => err.push(s),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

test('mistakes exit non-zero and say what is wrong', async () => {
  expect(await cli('record')).toMatchObject({ code: 64, err: expect.stringContaining('record takes a command: purge or reconcile') });
  expect(await cli('record', 'purge')).toMatchObject({ code: 64, err: expect.stringContaining('--as-of <YYYY-MM-DD> is required') });
  expect(await cli('record', 'purge', '--as-of', '2025-02-30')).toMatchObject({ code: 2, err: expect.stringContaining('is not a date') });
  expect(await cli('record', 'purge', '--as-of', '2025-01-01', '--dry-run=yes')).toMatchObject({ code: 64 });
  expect(await cli('record', 'purge', '--as-of', '2999-01-01')).toMatchObject({
    code: 2,
    err: expect.stringMatching(/after today.*reg\. 50/),
  });
});

test('with no record yet there is nothing to purge, and no record is made', async () => {
  expect(await cli('record', 'purge', '--as-of', '2025-01-01', '--dry-run')).toEqual({
    code: 0,
    out: `no record at ${path}: nothing to purge`,
    err: '',
  });
  expect(existsSync(path)).toBe(false);
});

test('a dry run lists the children whose 75th birthday has passed; the purge then deletes their facts only', async () => {
  const store = await openRecordStore({ path });
  const started = (caseId: string, childId: string, dateOfBirth: string) => ({
    key: `${caseId}/started`,
    caseId,
    caseKind: 'looked-after' as const,
    type: 'looked-after/started',
    on: '1960-01-01',
    childId,
    data: { dateOfBirth },
  });
  await store.append([
    started('lac-aaaaaaaaaaaaaaaaaaaaaaaa', 'C-OLD', '1940-06-01'),
    started('lac-bbbbbbbbbbbbbbbbbbbbbbbb', 'C-YOUNG', '2010-06-01'),
  ]);
  await store.close();

  const dry = await cli('record', 'purge', '--as-of', '2025-06-01', '--dry-run');
  expect(dry.code).toBe(0);
  expect(dry.out).toMatch(/^dry run \(.*record\.sqlite\): 1 children past their 75th birthday on 2025-06-01; 1 facts would be deleted/);
  expect(dry.out).toContain('child C-OLD: kept until 2015-06-01, 1 facts');
  expect(dry.out).not.toContain('C-YOUNG');
  expect(dry.out).not.toContain('1940-06-01');
  // A dry run may look ahead; a purge may not.
  expect((await cli('record', 'purge', '--as-of', '2085-06-01', '--dry-run')).out).toContain('2 children');

  const real = await cli('record', 'purge', '--as-of', '2025-06-01');
  expect(real).toMatchObject({ code: 0, out: expect.stringMatching(/^purged .*1 facts deleted/) });
  const after = await openRecordStore({ path });
  expect((await after.facts()).map((f) => f.childId)).toEqual(['C-YOUNG']);
  expect(await after.purges()).toEqual([expect.objectContaining({ asOf: '2025-06-01', children: 1, facts: 1 })]);
  await after.close();
});

test('while another connection (a running care-reviews) holds the SQLite record, the purge says so and exits 2', async () => {
  const holder = new Database(path);
  holder.exec('BEGIN IMMEDIATE');
  try {
    const r = await cli('record', 'purge', '--as-of', '2025-06-01', '--dry-run');
    expect(r).toMatchObject({
      code: 2,
      err: `care-reviews: record: ${path} is in use by a running care-reviews; stop it and run this again`,
    });
  } finally {
    holder.exec('ROLLBACK');
    holder.close();
  }
  expect((await cli('record', 'purge', '--as-of', '2025-06-01', '--dry-run')).code).toBe(0);
});
