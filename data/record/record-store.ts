/**
 * The statutory record's store (issue 14): append-only, one query layer (Kysely) over SQLite (the
 * embedded default, its own file) and PostgreSQL (`DATABASE_URL`). Interface only here; the
 * implementation is in this folder.
 */
import type { CaseKind, Fact, RecordedFact } from '../../workflows/record/facts';

export interface FactQuery {
  types?: string[];
  caseKind?: CaseKind;
  caseId?: string;
  team?: string;
  /** `on` from/to (inclusive). */
  from?: string;
  to?: string;
}

export interface RecordStore {
  /** Appends the facts whose keys are new; returns how many were written (a retry writes nothing twice). */
  append(facts: Fact[]): Promise<number>;
  /** Facts in the order they were written. */
  facts(q?: FactQuery): Promise<RecordedFact[]>;
  /** A trivial query, for /ready (absent: a stub; the check then reads no facts). */
  ping?(): Promise<void>;
  close(): Promise<void>;
}
