/**
 * The statutory record's store, the same behaviour on both dialects: SQLite (the embedded default)
 * and a real PostgreSQL 15 started from Debian's binaries for this file (support/postgres.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describeDatabaseUrl, KyselyRecordStore, openRecordStore } from '../data/record/kysely-record-store';
import { loadConfig } from '../platform/config';
import { seventyFifthBirthday } from '../data/record/retention';
import { returnsRows } from '../data/record/sqlite-adapter';
import type { Fact } from '../workflows/record/facts';
import { Postgres, startPostgres } from './support/postgres';

let postgres: Postgres | undefined;
const dir = mkdtempSync(join(tmpdir(), 'care-reviews-record-'));
let n = 0;

beforeAll(async () => {
  postgres = await startPostgres();
}, 90_000);

afterAll(async () => {
  await postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
});

type Target = { databaseUrl?: string; path: string };

/** A fresh, empty record: its own SQLite file, or its own PostgreSQL database. */
async function freshTarget(dialect: 'sqlite' | 'postgres'): Promise<Target> {
  n++;
  const path = join(dir, `record-${n}.sqlite`);
  return dialect === 'postgres' ? { path, databaseUrl: await postgres!.createDatabase(`record_${n}`) } : { path };
}

const CASE_A = 'lac-aaaaaaaaaaaaaaaaaaaaaaaa';
const CASE_B = 'lac-bbbbbbbbbbbbbbbbbbbbbbbb';

function fact(key: string, over: Partial<Fact> = {}): Fact {
  return { key, caseId: CASE_A, caseKind: 'looked-after', type: 'looked-after/review-held', on: '2025-05-01', data: { n: key }, ...over };
}

describe.each(['sqlite', 'postgres'] as const)('the record on %s', (dialect) => {
  let target: Target;
  let store: KyselyRecordStore;
  const clock = () => new Date('2026-11-24T12:00:00Z');

  beforeEach(async () => {
    target = await freshTarget(dialect);
    store = await openRecordStore({ ...target, owner: true, clock });
    expect(store.dialect).toBe(dialect);
  });
  afterEach(() => store.close());

  test('append is idempotent by key: the same key twice writes one row, and a retried batch writes nothing', async () => {
    const batch = [fact(`${CASE_A}/started`), fact(`${CASE_A}/review/1/held`), fact(`${CASE_A}/started`, { data: { changed: true } })];
    expect(await store.append(batch)).toBe(2);
    expect(await store.append(batch)).toBe(0);
    expect(await store.append([fact(`${CASE_A}/review/1/held`, { team: 'other' }), fact(`${CASE_A}/review/2/held`)])).toBe(1);
    const all = await store.facts();
    expect(all.map((f) => f.key)).toEqual([`${CASE_A}/started`, `${CASE_A}/review/1/held`, `${CASE_A}/review/2/held`]);
    // The first write stands: a later fact under a known key changes nothing.
    expect(all[0].data).toEqual({ n: `${CASE_A}/started` });
    expect(all[1].team).toBeUndefined();
    expect(all[0].recordedAt).toBe('2026-11-24T12:00:00.000Z');
    expect(await store.append([])).toBe(0);
  });

  test('facts come back in written order, with their data, child and team as written', async () => {
    await store.append([fact('k/3', { on: '2025-09-01' }), fact('k/1', { on: '2024-01-01', childId: 'C100', team: 'south-1' })]);
    await store.append([fact('k/2', { on: '2025-01-01', data: { nested: { list: [1, 'two'] }, text: 'kept "as typed"' } })]);
    const all = await store.facts();
    expect(all.map((f) => f.key)).toEqual(['k/3', 'k/1', 'k/2']);
    expect(all.map((f) => f.seq)).toEqual([...all.map((f) => f.seq)].sort((a, b) => a - b));
    expect(typeof all[0].seq).toBe('number');
    expect(all[1]).toMatchObject({ childId: 'C100', team: 'south-1', on: '2024-01-01', caseKind: 'looked-after' });
    expect(all[2].data).toEqual({ nested: { list: [1, 'two'] }, text: 'kept "as typed"' });
  });

  test('queries by type, case kind, case, team and an inclusive date range', async () => {
    await store.append([
      fact('q/1', { type: 'looked-after/started', on: '2024-03-31', team: 'south-1' }),
      fact('q/2', { type: 'looked-after/review-held', on: '2024-04-01', team: 'south-1' }),
      fact('q/3', { type: 'looked-after/review-held', on: '2025-03-31', team: 'north-2', caseId: CASE_B }),
      fact('q/4', { type: 'dispute/opened', caseKind: 'dispute', caseId: 'red-cccccccccccccccccccccccc', on: '2025-04-01' }),
    ]);
    const keys = async (q: Parameters<KyselyRecordStore['facts']>[0]) => (await store.facts(q)).map((f) => f.key);
    expect(await keys({ types: ['looked-after/review-held'] })).toEqual(['q/2', 'q/3']);
    expect(await keys({ types: ['looked-after/started', 'dispute/opened'] })).toEqual(['q/1', 'q/4']);
    expect(await keys({ types: [] })).toEqual([]);
    expect(await keys({ caseKind: 'dispute' })).toEqual(['q/4']);
    expect(await keys({ caseId: CASE_B })).toEqual(['q/3']);
    expect(await keys({ team: 'south-1' })).toEqual(['q/1', 'q/2']);
    expect(await keys({ from: '2024-04-01', to: '2025-03-31' })).toEqual(['q/2', 'q/3']);
    expect(await keys({ from: '2025-01-01' })).toEqual(['q/3', 'q/4']);
    expect(await keys({ types: ['looked-after/review-held'], team: 'north-2', to: '2025-03-31' })).toEqual(['q/3']);
    // A page of cases (the reconciler reads a large record so), and the cases it holds.
    expect(await keys({ caseIds: [CASE_B, 'red-cccccccccccccccccccccccc'] })).toEqual(['q/3', 'q/4']);
    expect(await keys({ caseIds: [] })).toEqual([]);
    expect(await store.caseIds()).toEqual([CASE_A, CASE_B, 'red-cccccccccccccccccccccccc']);
  });

  test('the database itself refuses to change or delete a fact', async () => {
    await store.append([fact('r/1'), fact('r/2')]);
    const db = store.kysely;
    await expect(sql`UPDATE record_facts SET team = 'moved'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`UPDATE record_facts SET data = '{}' WHERE key = 'r/1'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM record_facts WHERE key = 'r/2'`.execute(db)).rejects.toThrow(/retention purge/);
    await expect(db.deleteFrom('record_facts').execute()).rejects.toThrow(/retention purge/);
    if (dialect === 'postgres') await expect(sql`TRUNCATE record_facts`.execute(db)).rejects.toThrow(/append-only/);
    expect((await store.facts()).map((f) => [f.key, f.team, f.data])).toEqual([
      ['r/1', undefined, { n: 'r/1' }],
      ['r/2', undefined, { n: 'r/2' }],
    ]);
  });

  test('migrations run at every open and a second run changes nothing', async () => {
    await store.append([fact('m/1')]);
    await store.close();
    store = await openRecordStore({ ...target, clock });
    await store.close();
    store = await openRecordStore({ ...target, clock });
    const applied = await sql<{ name: string }>`SELECT name FROM record_migration`.execute(store.kysely);
    expect(applied.rows.map((r) => r.name)).toEqual(['2026-11-24-01-record-facts']);
    expect(await store.append([fact('m/1'), fact('m/2')])).toBe(1);
    expect((await store.facts()).map((f) => f.key)).toEqual(['m/1', 'm/2']);
  });

  test('the retention purge: a dry run lists the children past their 75th birthday; the purge deletes only their facts', async () => {
    const started = (caseId: string, childId: string, dateOfBirth: string): Fact =>
      fact(`${caseId}/started`, { caseId, childId, type: 'looked-after/started', on: '1960-01-01', data: { dateOfBirth } });
    await store.append([
      started(CASE_A, 'C1', '1950-03-01'),
      fact(`${CASE_A}/review/1/held`, { childId: 'C1' }),
      // No child id on it, but it is about A's case, or a dispute that case opened.
      fact(`${CASE_A}/notification/n1/sent`, { type: 'notification/sent' }),
      fact(`${CASE_A}-r1-l10/opened`, { caseId: `${CASE_A}-r1-l10`, caseKind: 'dispute', type: 'dispute/opened' }),
      // C1 again, in an Open to Review case (same child id).
      fact('o2r-dddddddddddddddddddddddd/started', { caseId: 'o2r-dddddddddddddddddddddddd', caseKind: 'open-to-review', childId: 'C1' }),
      started(CASE_B, 'C2', '1950-03-02'),
      fact(`${CASE_B}/review/1/held`, { caseId: CASE_B, childId: 'C2' }),
    ]);
    const dry = await store.purgeExpired('2025-03-01', true);
    expect(dry).toMatchObject({ asOf: '2025-03-01', dryRun: true, facts: 5 });
    expect(dry.children).toEqual([{ childId: 'C1', dateOfBirth: '1950-03-01', keptUntil: '2025-03-01', caseIds: [CASE_A], facts: 5 }]);
    expect(await store.facts()).toHaveLength(7);
    expect(await store.purges()).toEqual([]);

    const real = await store.purgeExpired('2025-03-01', false);
    expect(real).toMatchObject({ dryRun: false, facts: 5, children: [{ childId: 'C1', facts: 5 }] });
    expect((await store.facts()).map((f) => f.key)).toEqual([`${CASE_B}/started`, `${CASE_B}/review/1/held`]);
    expect(await store.purges()).toEqual([{ purgedAt: '2026-11-24T12:00:00.000Z', asOf: '2025-03-01', children: 1, facts: 5 }]);
    // The guard went with the purge's transaction: an ordinary delete is refused again.
    await expect(store.kysely.deleteFrom('record_facts').execute()).rejects.toThrow(/retention purge/);
    await expect(sql`DELETE FROM record_purges`.execute(store.kysely)).rejects.toThrow(/never changed/);
    expect(await store.purgeExpired('2025-03-01', false)).toMatchObject({ facts: 0, children: [] });
    expect(await store.purges()).toHaveLength(1);
  });
});

test('the 75th birthday, and 1 March for someone born on 29 February when the year is not a leap year', () => {
  expect(seventyFifthBirthday('1950-03-01')).toBe('2025-03-01');
  expect(seventyFifthBirthday('2000-02-29')).toBe('2075-03-01');
  expect(seventyFifthBirthday('1949-02-28')).toBe('2024-02-28');
});

test('DATABASE_URL: a postgres:// or postgresql:// URL, refused otherwise without repeating its password', () => {
  expect(loadConfig({ CARE_REVIEWS_DATA_DIR: '/srv/care' }).record).toEqual({ path: '/srv/care/record.sqlite' });
  const url = 'postgresql://care:s3cret@db.internal:5432/care_reviews';
  expect(loadConfig({ DATABASE_URL: url }).record.databaseUrl).toBe(url);
  expect(loadConfig({ DATABASE_URL: 'postgres:///care_reviews?host=/run/postgresql' }).record.databaseUrl).toContain('postgres://');
  for (const bad of ['mysql://care:s3cret@db/care', 'care:s3cret@db/care', 'postgresql://']) {
    expect(() => loadConfig({ DATABASE_URL: bad })).toThrow(/^DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/);
    expect(() => loadConfig({ DATABASE_URL: bad })).not.toThrow(/s3cret/);
  }
  expect(describeDatabaseUrl(url)).toBe('postgresql://care:***@db.internal:5432/care_reviews');
});

test('a record that cannot be opened says which database, without its password', async () => {
  const url = 'postgresql://care:s3cret@127.0.0.1:1/care_reviews';
  const err = await openRecordStore({ databaseUrl: url, path: '' }).then(
    () => undefined,
    (e: Error) => e,
  );
  expect(err?.message).toMatch(
    /^the statutory record \(PostgreSQL at postgresql:\/\/care:\*\*\*@127\.0\.0\.1:1\/care_reviews\) could not be opened/,
  );
  expect(err?.message).not.toContain('s3cret');
});

test('the SQLite adapter tells Kysely which statements return rows (queries, and writes with RETURNING)', () => {
  expect(
    [
      'select * from "record_facts"',
      '  WITH t AS (SELECT 1) SELECT * FROM t',
      'PRAGMA table_info(record_facts)',
      'insert into "record_facts" ("key") values (?) on conflict ("key") do nothing returning "key"',
      'insert into "record_facts" ("key") values (?)',
      'delete from "record_facts" where "key" = ?',
      'create table if not exists "record_facts" ("seq" integer primary key autoincrement)',
      'begin',
    ].map(returnsRows),
  ).toEqual([true, true, true, true, false, false, false, false]);
});
