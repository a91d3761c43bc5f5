/**
 * What every go-live import does with its rows (docs/import.md), whatever their kind: every row is
 * checked first (as a dry run); if any row has a mistake nothing is started, since at go-live a
 * half-imported file is worse than none; then the good rows start, a few at a time, each `created`
 * or `already-there` (its id is derived, so a second import of the same file creates nothing).
 */
import { ApplicationFailure } from '@temporalio/common';
import { Principal } from '../../platform/auth/roles';
import { RefusalDetail } from '../../workflows/case-kernel/validation';
import { ParsedRowBase, RowError } from '../imports/csv-rows';
import { InputError } from '../input-error';
import { mapBounded } from './bounded';

export interface ImportedRowBase {
  row: number;
  index: number;
  childId: string;
  /** would-create (dry run), created, already-there, refused (a mistake, or the file refused). */
  status: 'would-create' | 'created' | 'already-there' | 'refused';
  errors: RowError[];
}

export interface ImportReport<R extends ImportedRowBase = ImportedRowBase> {
  dryRun: boolean;
  total: number;
  created: number;
  alreadyThere: number;
  refused: number;
  wouldCreate: number;
  /** Mistakes in the file itself (not CSV, the wrong columns). */
  fileErrors: RowError[];
  /** Said when nothing was started because some row has a mistake. */
  note?: string;
  rows: R[];
}

export interface ImportOptions {
  dryRun: boolean;
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
  teams?: ReadonlySet<string>;
}

/** One kind of import: how its file is read, how a row is checked (and what it would create), how it starts. */
export interface ImportKind<P extends ParsedRowBase, R extends ImportedRowBase> {
  read(csv: string, opts: ImportOptions): { rows: P[]; fileErrors: RowError[] };
  check(p: P, as: Principal): Promise<R>;
  start(p: P, as: Principal): Promise<void>;
}

export async function runImport<P extends ParsedRowBase, R extends ImportedRowBase>(
  kind: ImportKind<P, R>,
  csv: string,
  user: Principal,
  opts: ImportOptions,
): Promise<ImportReport<R>> {
  // The routes admit the IRO unit and the operator: either brings in any team's cases, as the IRO unit starts them.
  const as: Principal = { userId: user.userId, roles: ['iro-unit'] };
  const { rows: parsed, fileErrors } = kind.read(csv, opts);
  const rows = await mapBounded(parsed, 8, (p) => kind.check(p, as));
  const bad = fileErrors.length > 0 || rows.some((r) => r.errors.length);
  // A dry run says what each good row would create; a real run with any mistake creates nothing.
  if (bad && !opts.dryRun) for (const r of rows) if (r.status === 'would-create') r.status = 'refused';
  if (!opts.dryRun && !bad) {
    let done = 0;
    await mapBounded(rows, opts.concurrency ?? 8, async (r) => {
      if (r.status === 'would-create') r.status = await startOrThere(() => kind.start(parsed[r.index], as));
      opts.onProgress?.(++done, rows.length);
      return r;
    });
  }
  const count = (s: ImportedRowBase['status']) => rows.filter((r) => r.status === s).length;
  return {
    dryRun: opts.dryRun,
    total: rows.length,
    created: count('created'),
    alreadyThere: count('already-there'),
    refused: count('refused'),
    wouldCreate: count('would-create'),
    fileErrors,
    ...(bad
      ? {
          note: opts.dryRun
            ? 'the whole file would be refused while any row has a mistake; correct them and check again'
            : 'nothing was imported: the whole file is refused while any row has a mistake; correct them and import again',
        }
      : {}),
    rows,
  };
}

async function startOrThere(start: () => Promise<void>): Promise<ImportedRowBase['status']> {
  try {
    await start();
    return 'created';
  } catch (e) {
    // Started meanwhile (the same file imported twice at once): it is there.
    if (e instanceof InputError && e.status === 409) return 'already-there';
    throw e;
  }
}

/** A command's refusal (an ApplicationFailure carrying the field and rule), as a row's mistake. */
export function refusalOf(e: unknown): RefusalDetail {
  if (e instanceof ApplicationFailure && Array.isArray(e.details) && e.details[0]) return e.details[0] as RefusalDetail;
  return { field: 'row', message: e instanceof Error ? e.message : String(e) };
}

/** A row's mistake from an InputError of a service's checks (its message without the field's prefix). */
export function inputErrorOf(e: InputError, columnOf: (field: string) => string): Omit<RowError, 'row'> {
  return { column: columnOf(e.field), message: e.message.replace(/^[A-Za-z.]+: /, ''), ...(e.rule ? { rule: e.rule } : {}) };
}
