/**
 * What every go-live import's CSV shares (docs/import.md): the file read with its exact columns (a
 * header row, any order), each data row's cells by column with its row number as in the file (the
 * header is row 1), and its mistakes as `row N, column: why (rule)`. Pure: no Temporal, no clock.
 */
import { parse } from 'csv-parse/sync';
import { isIsoDate } from '../../workflows/calendar/iso-date';
import { STAFF_ID } from '../../workflows/case-kernel/validation';

/** One mistake: `row N, column: why (rule)`. Row 0: the file itself. */
export interface RowError {
  row: number;
  column: string;
  message: string;
  rule?: string;
}

export const describeError = (e: RowError) =>
  `${e.row ? `row ${e.row}, ` : ''}${e.column}: ${e.message}${e.rule && !e.message.includes(`(${e.rule})`) ? ` (${e.rule})` : ''}`;

/** What every kind's parsed row carries; `index` is its ordinal among the data rows (0: the first after the header). */
export interface ParsedRowBase {
  row: number;
  index: number;
  childId: string;
  errors: RowError[];
}

export type Err = (column: string, message: string, rule?: string) => void;

/** A data row's cells by column, and whether it had as many cells as the header. */
export interface CsvRecord<C extends string> {
  row: number;
  index: number;
  cells: Record<C, string>;
  whole: boolean;
}

/** Reads the file: a file-level mistake (not CSV, wrong columns) is row 0 or the header's row 1, and no rows. */
export function readCsvRecords<C extends string>(
  text: string,
  columns: readonly C[],
  perRow: string,
): { records: CsvRecord<C>[]; fileErrors: RowError[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as typeof records;
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    return { records: [], fileErrors: [{ row: line ?? 0, column: 'file', message: `not readable as CSV (${(e as Error).message})` }] };
  }
  if (!records.length) return { records: [], fileErrors: [{ row: 0, column: 'file', message: `empty: a header row and ${perRow}` }] };
  const header = records[0].record;
  const missing = columns.filter((c) => !header.includes(c));
  const unknown = header.filter((c) => !(columns as readonly string[]).includes(c));
  const twice = header.filter((c, i) => header.indexOf(c) !== i);
  if (missing.length || unknown.length || twice.length) {
    const why = [
      missing.length ? `missing ${missing.join(', ')}` : '',
      unknown.length ? `not a column of this import: ${unknown.join(', ')}` : '',
      twice.length ? `given twice: ${twice.join(', ')}` : '',
    ].filter(Boolean);
    return {
      records: [],
      fileErrors: [{ row: 1, column: 'header', message: `${why.join('; ')} (the columns are ${columns.join(',')})` }],
    };
  }
  return {
    records: records.slice(1).map(({ record, info }, index) => ({
      row: info.lines,
      index,
      cells: Object.fromEntries(columns.map((c) => [c, record[header.indexOf(c)] ?? ''])) as Record<C, string>,
      whole: record.length === header.length,
    })),
    fileErrors: [],
  };
}

/** What a row is checked against besides itself. */
export interface RowChecks {
  today: string;
  /** The directory's team codes, when it has any (else any well-formed code). */
  teams?: ReadonlySet<string>;
  profiles: readonly string[];
}

/** One kind's file: its columns, what each row is, and the key given on one row only. */
export interface RowsSpec<C extends string, P> {
  columns: readonly C[];
  /** e.g. "one row per child" (said of an empty file). */
  perRow: string;
  once: { column: C; key: (p: P) => string; why: string };
  /** One row: its cells, where its mistakes go, and what it is checked against. */
  read: (r: CsvRecord<C>, mistakes: { errors: RowError[]; err: Err }, checks: RowChecks) => P;
}

/**
 * Reads the file and each of its rows (`read` gets the row's cells and where to put its mistakes);
 * a key given twice is a mistake of the later row, and a row with any mistake keeps no request, so
 * it cannot start.
 */
export function readRows<C extends string, P extends ParsedRowBase & { request?: unknown }>(
  text: string,
  checks: RowChecks,
  spec: RowsSpec<C, P>,
): { rows: P[]; fileErrors: RowError[] } {
  const { records, fileErrors } = readCsvRecords(text, spec.columns, spec.perRow);
  const rows = oncePerFile(
    records.map((r) => spec.read(r, rowErrors(r, spec.columns.length), checks)),
    spec.once.key,
    spec.once.column,
    spec.once.why,
  );
  for (const p of rows) if (p.errors.length) delete p.request;
  return { rows, fileErrors };
}

/** A row's mistakes, and the function that adds one (the row number and the whole-row check done). */
export function rowErrors(r: CsvRecord<string>, columns: number): { errors: RowError[]; err: Err } {
  const errors: RowError[] = [];
  const err: Err = (column, message, rule) => errors.push({ row: r.row, column, message, ...(rule ? { rule } : {}) });
  if (!r.whole) err('row', `has a different number of cells from the header (${columns} columns)`);
  return { errors, err };
}

/** A key (the child, the old reference) given on one row only: later rows naming it again are mistakes. */
export function oncePerFile<P extends ParsedRowBase>(rows: P[], key: (p: P) => string, column: string, what: string): P[] {
  const first = new Map<string, number>();
  for (const p of rows) {
    const k = key(p);
    const seen = first.get(k);
    if (k && seen !== undefined) p.errors.push({ row: p.row, column, message: `${k} is already on row ${seen}: ${what}` });
    else if (k) first.set(k, p.row);
  }
  return rows;
}

/** A date cell: `YYYY-MM-DD`, a real day (empty: allowed unless required). */
export function dateCell(err: Err, column: string, v: string, required = false): string | undefined {
  if (!v) {
    if (required) err(column, 'required');
    return undefined;
  }
  if (!isIsoDate(v as unknown)) {
    err(column, `"${v.slice(0, 30)}" is not a real date in the form YYYY-MM-DD`);
    return undefined;
  }
  return v;
}

/** A staff id cell (empty: allowed unless required). */
export function staffCell(err: Err, column: string, v: string, required = false): string | undefined {
  if (!v) {
    if (required) err(column, 'required');
    return undefined;
  }
  if (!STAFF_ID.test(v)) {
    err(column, "a staff id (letters, digits, '@', '.', '_' or '-')");
    return undefined;
  }
  return v;
}

/** The team and profile, as the directory and the installation know them. */
export function teamAndProfile(
  err: Err,
  c: { team: string; profile: string },
  checks: { teams?: ReadonlySet<string>; profiles: readonly string[] },
): void {
  if (c.team && checks.teams?.size && !checks.teams.has(c.team)) err('team', `${c.team} is not a team in the directory`);
  if (c.profile && !checks.profiles.includes(c.profile))
    err('profile', `unknown profile ${c.profile} (known: ${checks.profiles.join(', ')})`);
}

/** A zod request schema's issues, one per column (an empty cell: "required"). */
export function schemaErrors(
  err: Err,
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  columnOf: (field: string) => string,
  cells: Record<string, string>,
): void {
  const seen = new Set<string>();
  for (const i of issues) {
    const column = columnOf(String(i.path[0] ?? 'row'));
    if (seen.has(column)) continue;
    seen.add(column);
    err(column, cells[column] === '' ? 'required' : i.message);
  }
}
