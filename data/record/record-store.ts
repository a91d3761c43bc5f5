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
  /** The facts of these cases (a page of them: see caseIds). */
  caseIds?: string[];
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
  /** Every case the record holds, sorted, so a reader can go through the facts a page of cases at a time. */
  caseIds?(): Promise<string[]>;
  /** A trivial query, for /ready (absent: a stub; the check then reads no facts). */
  ping?(): Promise<void>;
  close(): Promise<void>;
}
