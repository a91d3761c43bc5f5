/**
 * The statutory record's store: one Kysely query layer over SQLite (the embedded default, its own
 * file, through Kysely's SqliteDialect on the WebAssembly SQLite) and PostgreSQL (`DATABASE_URL`).
 * Migrations run at open. Appends are idempotent by key; the database itself refuses changes and
 * deletions (see migrations.ts), the retention purge being the one documented exception.
 */
import { randomUUID } from 'node:crypto';
import { Expression, ExpressionBuilder, Generated, Kysely, Migrator, PostgresDialect, SqlBool, SqliteDialect } from 'kysely';
import { Pool } from 'pg';
import type { CaseKind, Fact, RecordedFact } from '../../workflows/record/facts';
import { LOOKED_AFTER_STARTED } from '../../workflows/record/facts';
import { isIsoDate } from '../../workflows/calendar/iso-date';
import type { FactQuery, RecordStore } from './record-store';
import { Dialect, recordMigrations } from './migrations';
import { expiredChildren, PurgeResult } from './retention';
import { WasmSqlite } from './sqlite-adapter';
import { logger } from '../../platform/log';

interface FactsTable {
  seq: Generated<number | string>;
  key: string;
  case_id: string;
  case_kind: string;
  type: string;
  on_date: string;
  child_id: string | null;
  team: string | null;
  data: string;
  recorded_at: string;
}

interface RecordDb {
  record_facts: FactsTable;
  record_purges: { seq: Generated<number | string>; purged_at: string; as_of: string; children: number; facts: number };
  record_purge_guard: { purge: string };
}

type Where = ExpressionBuilder<RecordDb, 'record_facts'>;

/** Rows per INSERT: well under both dialects' limits on bound parameters. */
const CHUNK = 500;

export interface OpenRecordOptions {
  /** postgres:// or postgresql://: the record is in that database; absent: the SQLite file at `path`. */
  databaseUrl?: string;
  path: string;
  /** This process is the file's only writer (main.ts): a lock left by a crashed run is cleared. */
  owner?: boolean;
  clock?: () => Date;
}

/** `postgresql://care:***@db:5432/care_reviews`: the address without its password, for logs and errors. */
export function describeDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'DATABASE_URL (not a URL)';
  }
}

/** Opens the record and runs its migrations; a record that cannot be opened stops the start here. */
export async function openRecordStore(o: OpenRecordOptions): Promise<KyselyRecordStore> {
  const store = createRecordStore(o);
  try {
    await store.ready;
  } catch (e) {
    await store.close();
    throw e;
  }
  return store;
}

/**
 * The store at once, its migrations under way (tests build their services synchronously): every
 * call waits for them, and fails with their error if they failed.
 */
export function createRecordStore(o: OpenRecordOptions): KyselyRecordStore {
  const dialect: Dialect = o.databaseUrl ? 'postgres' : 'sqlite';
  const db = new Kysely<RecordDb>({
    dialect: o.databaseUrl
      ? new PostgresDialect({ pool: postgresPool(o.databaseUrl) })
      : new SqliteDialect({ database: new WasmSqlite(o.path, { owner: o.owner }) }),
  });
  const where = o.databaseUrl ? `PostgreSQL at ${describeDatabaseUrl(o.databaseUrl)}` : o.path;
  const ready = new Migrator({
    db,
    provider: recordMigrations(dialect),
    migrationTableName: 'record_migration',
    migrationLockTableName: 'record_migration_lock',
  })
    .migrateToLatest()
    .then(({ error }) => {
      if (error) throw error;
    })
    .catch((e: Error) => {
      throw new Error(`the statutory record (${where}) could not be opened: ${e.message}`, { cause: e });
    });
  // Reported to whoever uses the store (or awaits `ready`), not as an unhandled rejection.
  ready.catch(() => undefined);
  return new KyselyRecordStore(db, dialect, o.clock ?? (() => new Date()), ready, where);
}

function postgresPool(url: string): Pool {
  // A server that does not answer fails the start (or the append) after 10 s rather than hanging.
  const pool = new Pool({ connectionString: url, max: 5, connectionTimeoutMillis: 10_000 });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on('error', (e) => logger.error({ component: 'record', err: e }, 'PostgreSQL connection lost; the next query reconnects'));
  return pool;
}

export class KyselyRecordStore implements RecordStore {
  private closed?: Promise<void>;

  constructor(
    private readonly db: Kysely<RecordDb>,
    readonly dialect: Dialect,
    private readonly clock: () => Date,
    /** Settles when the migrations have run (rejects, naming the database, if they could not). */
    readonly ready: Promise<void>,
    /** Where the record is, for the log (a PostgreSQL URL without its password). */
    readonly describe: string,
  ) {}

  async append(facts: Fact[]): Promise<number> {
    if (!facts.length) return 0;
    await this.ready;
    const recordedAt = this.clock().toISOString();
    return this.db.transaction().execute(async (tx) => {
      let written = 0;
      for (let i = 0; i < facts.length; i += CHUNK) {
        const rows = await tx
          .insertInto('record_facts')
          .values(facts.slice(i, i + CHUNK).map((f) => toRow(f, recordedAt)))
          .onConflict((oc) => oc.column('key').doNothing())
          .returning('key')
          .execute();
        written += rows.length;
      }
      return written;
    });
  }

  async facts(q: FactQuery = {}): Promise<RecordedFact[]> {
    await this.ready;
    const rows = await this.db
      .selectFrom('record_facts')
      .selectAll()
      .where((eb) => {
        const and: Expression<SqlBool>[] = [];
        if (q.types) and.push(q.types.length ? eb('type', 'in', q.types) : eb.lit(false));
        if (q.caseKind) and.push(eb('case_kind', '=', q.caseKind));
        if (q.caseId) and.push(eb('case_id', '=', q.caseId));
        if (q.caseIds) and.push(q.caseIds.length ? eb('case_id', 'in', q.caseIds) : eb.lit(false));
        if (q.team) and.push(eb('team', '=', q.team));
        if (q.from) and.push(eb('on_date', '>=', q.from));
        if (q.to) and.push(eb('on_date', '<=', q.to));
        return eb.and(and);
      })
      .orderBy('seq')
      .execute();
    return rows.map(fromRow);
  }

  async caseIds(): Promise<string[]> {
    await this.ready;
    const rows = await this.db.selectFrom('record_facts').select('case_id').distinct().orderBy('case_id').execute();
    return rows.map((r) => r.case_id);
  }

  /**
   * The retention purge (docs/retention.md): the facts of children whose 75th birthday is on or
   * before `asOf` (their looked-after facts, and any other fact naming the child or one of those
   * cases). A dry run only lists them. The deletion is the one the triggers allow: it holds a guard
   * row in its own transaction, and the purge is logged in record_purges.
   */
  async purgeExpired(asOf: string, dryRun: boolean): Promise<PurgeResult> {
    await this.ready;
    const started = await this.db
      .selectFrom('record_facts')
      .select(['child_id', 'case_id', 'data'])
      .where('type', '=', LOOKED_AFTER_STARTED)
      .where('child_id', 'is not', null)
      .execute();
    const known = started.flatMap((r) => {
      const dateOfBirth = (JSON.parse(r.data) as { dateOfBirth?: unknown }).dateOfBirth;
      return isIsoDate(dateOfBirth) ? [{ childId: r.child_id!, caseId: r.case_id, dateOfBirth }] : [];
    });
    const children = expiredChildren(known, asOf);
    const run = async (tx: Kysely<RecordDb>): Promise<PurgeResult> => {
      let total = 0;
      for (const c of children) {
        const ofChild = (eb: Where) =>
          eb.or([eb('child_id', '=', c.childId), ...c.caseIds.flatMap((id) => [eb('case_id', '=', id), eb('case_id', 'like', `${id}-%`)])]);
        const n = await tx
          .selectFrom('record_facts')
          .select((eb) => eb.fn.countAll().as('n'))
          .where(ofChild)
          .executeTakeFirstOrThrow();
        c.facts = Number(n.n);
        total += c.facts;
        if (!dryRun) await tx.deleteFrom('record_facts').where(ofChild).execute();
      }
      return { asOf, dryRun, children, facts: total };
    };
    if (dryRun || !children.length) return run(this.db);
    return this.db.transaction().execute(async (tx) => {
      const purge = randomUUID();
      await tx.insertInto('record_purge_guard').values({ purge }).execute();
      const result = await run(tx);
      await tx.deleteFrom('record_purge_guard').where('purge', '=', purge).execute();
      await tx
        .insertInto('record_purges')
        .values({ purged_at: this.clock().toISOString(), as_of: asOf, children: children.length, facts: result.facts })
        .execute();
      return result;
    });
  }

  /** The purges done so far (when, up to which date, how many children and facts). */
  async purges(): Promise<{ purgedAt: string; asOf: string; children: number; facts: number }[]> {
    await this.ready;
    const rows = await this.db.selectFrom('record_purges').selectAll().orderBy('seq').execute();
    return rows.map((r) => ({ purgedAt: r.purged_at, asOf: r.as_of, children: Number(r.children), facts: Number(r.facts) }));
  }

  /** Raw SQL, for tests that prove the database refuses changes. */
  get kysely(): Kysely<RecordDb> {
    return this.db;
  }

  /** Closes the file or the pool, once (a second call waits for the first). */
  /** One indexed lookup that finds nothing: the database answers (and the migrations ran). */
  async ping(): Promise<void> {
    await this.ready;
    await this.db.selectFrom('record_facts').select('seq').where('key', '=', '').limit(1).execute();
  }

  close(): Promise<void> {
    this.closed ??= this.ready.catch(() => undefined).then(() => this.db.destroy());
    return this.closed;
  }
}

function toRow(f: Fact, recordedAt: string) {
  return {
    key: f.key,
    case_id: f.caseId,
    case_kind: f.caseKind,
    type: f.type,
    on_date: f.on,
    child_id: f.childId ?? null,
    team: f.team ?? null,
    data: JSON.stringify(f.data),
    recorded_at: recordedAt,
  };
}

function fromRow(r: { [K in keyof FactsTable]: FactsTable[K] extends Generated<infer T> ? T : FactsTable[K] }): RecordedFact {
  return {
    seq: Number(r.seq),
    key: r.key,
    caseId: r.case_id,
    caseKind: r.case_kind as CaseKind,
    type: r.type,
    on: r.on_date,
    ...(r.child_id === null ? {} : { childId: r.child_id }),
    ...(r.team === null ? {} : { team: r.team }),
    data: JSON.parse(r.data) as Record<string, unknown>,
    recordedAt: r.recorded_at,
  };
}
