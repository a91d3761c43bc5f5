/**
 * The record's schema, as Kysely migrations defined in code and run at every open (a migration
 * already applied is skipped, so opening twice changes nothing). One schema on both dialects; only
 * the identity column and the append-only triggers are written per dialect.
 *
 * Append-only is enforced by the database, not by this code: triggers refuse every UPDATE of a
 * fact, and every DELETE unless the retention purge holds its guard row (record_purge_guard) in
 * the same transaction (see docs/record.md "The store"). Each purge is itself written to
 * record_purges, which nothing may change.
 */
import { Kysely, Migration, MigrationProvider, sql } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

const APPEND_ONLY = 'the statutory record is append-only: a fact is never changed';
const PURGE_ONLY = 'the statutory record is append-only: facts are deleted only by the retention purge (care-reviews record purge)';
const PURGES_KEPT = 'record_purges is the log of retention purges: it is never changed';

function factsTable(db: Kysely<unknown>, dialect: Dialect) {
  return db.schema
    .createTable('record_facts')
    .ifNotExists()
    .addColumn('seq', dialect === 'postgres' ? 'bigint' : 'integer', (c) =>
      dialect === 'postgres' ? c.generatedAlwaysAsIdentity().primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('case_kind', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('child_id', 'text')
    .addColumn('team', 'text')
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull());
}

function purgesTable(db: Kysely<unknown>, dialect: Dialect) {
  return db.schema
    .createTable('record_purges')
    .ifNotExists()
    .addColumn('seq', dialect === 'postgres' ? 'bigint' : 'integer', (c) =>
      dialect === 'postgres' ? c.generatedAlwaysAsIdentity().primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('purged_at', 'text', (c) => c.notNull())
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('children', 'integer', (c) => c.notNull())
    .addColumn('facts', 'integer', (c) => c.notNull());
}

async function sqliteTriggers(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TRIGGER IF NOT EXISTS record_facts_no_update BEFORE UPDATE ON record_facts
    BEGIN SELECT RAISE(ABORT, ${sql.lit(APPEND_ONLY)}); END`.execute(db);
  await sql`CREATE TRIGGER IF NOT EXISTS record_facts_no_delete BEFORE DELETE ON record_facts
    WHEN NOT EXISTS (SELECT 1 FROM record_purge_guard)
    BEGIN SELECT RAISE(ABORT, ${sql.lit(PURGE_ONLY)}); END`.execute(db);
  await sql`CREATE TRIGGER IF NOT EXISTS record_purges_no_update BEFORE UPDATE ON record_purges
    BEGIN SELECT RAISE(ABORT, ${sql.lit(PURGES_KEPT)}); END`.execute(db);
  await sql`CREATE TRIGGER IF NOT EXISTS record_purges_no_delete BEFORE DELETE ON record_purges
    BEGIN SELECT RAISE(ABORT, ${sql.lit(PURGES_KEPT)}); END`.execute(db);
}

async function postgresTriggers(db: Kysely<unknown>): Promise<void> {
  const refuse = (name: string, message: string) =>
    sql`CREATE OR REPLACE FUNCTION ${sql.raw(name)}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION ${sql.lit(message)}; END $$`.execute(db);
  await refuse('record_refuse_change', APPEND_ONLY);
  await refuse('record_purges_refuse_change', PURGES_KEPT);
  await sql`CREATE OR REPLACE FUNCTION record_delete_only_in_purge() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM record_purge_guard) THEN RAISE EXCEPTION ${sql.lit(PURGE_ONLY)}; END IF;
      RETURN OLD;
    END $$`.execute(db);
  const triggers: [string, string, string, string][] = [
    ['record_facts_no_update', 'BEFORE UPDATE', 'record_facts', 'FOR EACH ROW EXECUTE FUNCTION record_refuse_change()'],
    ['record_facts_no_delete', 'BEFORE DELETE', 'record_facts', 'FOR EACH ROW EXECUTE FUNCTION record_delete_only_in_purge()'],
    ['record_facts_no_truncate', 'BEFORE TRUNCATE', 'record_facts', 'FOR EACH STATEMENT EXECUTE FUNCTION record_refuse_change()'],
    ['record_purges_no_change', 'BEFORE UPDATE OR DELETE', 'record_purges', 'FOR EACH ROW EXECUTE FUNCTION record_purges_refuse_change()'],
    ['record_purges_no_truncate', 'BEFORE TRUNCATE', 'record_purges', 'FOR EACH STATEMENT EXECUTE FUNCTION record_purges_refuse_change()'],
  ];
  for (const [name, when, table, action] of triggers)
    await sql`CREATE OR REPLACE TRIGGER ${sql.raw(name)} ${sql.raw(when)} ON ${sql.raw(table)} ${sql.raw(action)}`.execute(db);
}

/** The record's migrations, oldest first (names sort in the order they were written). */
export function recordMigrations(dialect: Dialect): MigrationProvider {
  const migrations: Record<string, Migration> = {
    '2026-11-24-01-record-facts': {
      async up(db) {
        await factsTable(db, dialect).execute();
        await purgesTable(db, dialect).execute();
        // Present only inside a purge's transaction (see record-purge in kysely-record-store.ts).
        await db.schema
          .createTable('record_purge_guard')
          .ifNotExists()
          .addColumn('purge', 'text', (c) => c.primaryKey())
          .execute();
        const index = (name: string, columns: string[]) =>
          db.schema.createIndex(name).ifNotExists().on('record_facts').columns(columns).execute();
        await index('record_facts_type_on', ['type', 'on_date']);
        await index('record_facts_case', ['case_id']);
        await index('record_facts_team', ['team']);
        await index('record_facts_child', ['child_id']);
        await (dialect === 'postgres' ? postgresTriggers(db) : sqliteTriggers(db));
      },
    },
  };
  return { getMigrations: async () => migrations };
}
