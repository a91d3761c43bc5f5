/**
 * Kysely's own SqliteDialect over the project's WebAssembly SQLite (node-sqlite3-wasm), so the
 * record needs no native build. Kysely expects better-sqlite3's shape (prepare, then `reader`,
 * then all or run); this adapter gives it that shape, preparing each statement when it is run and
 * finalizing it straight after (a statement left unfinalized holds WebAssembly heap for ever).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Database } from 'node-sqlite3-wasm';
import type { SqliteDatabase, SqliteStatement } from 'kysely';
import { clearLeftLock } from '../sqlite-lock';

type Params = ReadonlyArray<unknown>;
type Bindable = Parameters<Database['run']>[1];

/**
 * Whether a statement returns rows. The wasm binding does not expose the column count, so this is
 * read from the SQL Kysely compiled: queries, and writes with RETURNING.
 */
export function returnsRows(sql: string): boolean {
  return /^\s*(select|with|pragma|values|explain)\b/i.test(sql) || /\breturning\b/i.test(sql);
}

class Statement implements SqliteStatement {
  readonly reader: boolean;

  constructor(
    private readonly db: Database,
    private readonly sql: string,
  ) {
    this.reader = returnsRows(sql);
  }

  private once<T>(use: (s: ReturnType<Database['prepare']>) => T): T {
    return whileBusy(() => {
      const stmt = this.db.prepare(this.sql);
      try {
        return use(stmt);
      } finally {
        // finalize repeats the statement's own error (e.g. busy): the one thrown above is the one to see.
        try {
          stmt.finalize();
        } catch {
          /* reported by use() */
        }
      }
    });
  }

  all(parameters: Params): unknown[] {
    return this.once((s) => s.all(bind(parameters)));
  }

  run(parameters: Params): { changes: number; lastInsertRowid: number | bigint } {
    return this.once((s) => s.run(bind(parameters)));
  }

  iterate(parameters: Params): IterableIterator<unknown> {
    // Materialised first: a lazy iterator could not finalize its statement when abandoned.
    return this.all(parameters)[Symbol.iterator]();
  }
}

/** How long a statement waits for another process's lock (a CLI report beside the running service). */
const BUSY_WAIT_MS = 5_000;
const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * The wasm VFS has no busy timeout: a statement that meets another process's lock fails at once
 * with "database is locked". Kysely's SQLite driver is synchronous, so wait here (briefly, a few
 * milliseconds at a time) and try again, for up to 5 s.
 */
export function whileBusy<T>(run: () => T, waitMs = BUSY_WAIT_MS): T {
  const until = Date.now() + waitMs;
  for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
    try {
      return run();
    } catch (e) {
      if (!/database is locked/.test((e as Error).message) || Date.now() >= until) throw e;
      Atomics.wait(pause, 0, 0, delay);
    }
  }
}

function bind(parameters: Params): Bindable {
  return parameters.map((p) => (p === undefined ? null : p)) as Bindable;
}

export class WasmSqlite implements SqliteDatabase {
  private readonly db: Database;

  /**
   * `path`: the record's own file. `owner`: this process is its only user (main.ts holds the instance
   * lock); the separate API and worker processes share it, waiting for each other's writes.
   */
  constructor(path: string, opts: { owner?: boolean } = {}) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    // The wasm VFS locks with a `<file>.lock` folder; one left by a crashed run is cleared (data/sqlite-lock.ts).
    clearLeftLock(path, !!opts.owner);
    this.db = new Database(path);
    this.db.exec('PRAGMA busy_timeout = 5000;');
  }

  prepare(sql: string): SqliteStatement {
    return new Statement(this.db, sql);
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }
}
