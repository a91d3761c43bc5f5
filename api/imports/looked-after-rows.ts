/**
 * The go-live import's looked-after CSV (docs/import.md): its exact columns, and each row read into
 * a start request (the API's own schema, so the rules are the same) and the history the previous
 * system held. Every mistake is kept, with the row number as in the file (the header is row 1), the
 * column and the rule. Pure: no Temporal, no clock (today is passed in).
 */
import { parse } from 'csv-parse/sync';
import { isIsoDate } from '../../workflows/calendar/iso-date';
import { STAFF_ID } from '../../workflows/case-kernel/validation';
import { ImportedHistory } from '../../workflows/looked-after-cycle/messages';
import { PARTICIPATION_CODES, ParticipationCode, ageOn } from '../../workflows/looked-after-cycle/model';
import { CycleStartRequest } from '../../workflows/looked-after-cycle/requests';

export const LOOKED_AFTER_COLUMNS = [
  'child_id',
  'date_of_birth',
  'became_looked_after',
  'legal_status',
  'placement_type',
  'placement_started_on',
  'team',
  'profile',
  'iro_staff_id',
  'social_worker_staff_id',
  'reviews',
  'next_meeting_on',
] as const;
export type Column = (typeof LOOKED_AFTER_COLUMNS)[number];

/** One mistake: `row N, column: why (rule)`. Row 0: the file itself. */
export interface RowError {
  row: number;
  column: string;
  message: string;
  rule?: string;
}

export const describeError = (e: RowError) =>
  `${e.row ? `row ${e.row}, ` : ''}${e.column}: ${e.message}${e.rule && !e.message.includes(`(${e.rule})`) ? ` (${e.rule})` : ''}`;

export interface ParsedRow {
  row: number;
  /** Ordinal among the data rows (0: the first after the header). */
  index: number;
  childId: string;
  request?: CycleStartRequest;
  history?: ImportedHistory;
  errors: RowError[];
}

/** The API's start request fields, by column. */
const FIELD_COLUMN: Record<string, Column> = {
  childId: 'child_id',
  dateOfBirth: 'date_of_birth',
  becameLookedAfter: 'became_looked_after',
  legalStatus: 'legal_status',
  placementType: 'placement_type',
  placementStartedOn: 'placement_started_on',
  team: 'team',
  profile: 'profile',
};
export const columnOf = (field: string): string => FIELD_COLUMN[field.split('.')[0]] ?? field;

export interface RowChecks {
  today: string;
  /** The directory's team codes, when it has any (else any well-formed code). */
  teams?: ReadonlySet<string>;
  profiles: readonly string[];
}

/** Reads the file: a file-level mistake (not CSV, wrong columns) is row 0 or the header's row 1, and no rows. */
export function readLookedAfterCsv(text: string, checks: RowChecks): { rows: ParsedRow[]; fileErrors: RowError[] } {
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
    return { rows: [], fileErrors: [{ row: line ?? 0, column: 'file', message: `not readable as CSV (${(e as Error).message})` }] };
  }
  if (!records.length) return { rows: [], fileErrors: [{ row: 0, column: 'file', message: 'empty: a header row and one row per child' }] };
  const header = records[0].record;
  const missing = LOOKED_AFTER_COLUMNS.filter((c) => !header.includes(c));
  const unknown = header.filter((c) => !(LOOKED_AFTER_COLUMNS as readonly string[]).includes(c));
  const twice = header.filter((c, i) => header.indexOf(c) !== i);
  if (missing.length || unknown.length || twice.length) {
    const why = [
      missing.length ? `missing ${missing.join(', ')}` : '',
      unknown.length ? `not a column of this import: ${unknown.join(', ')}` : '',
      twice.length ? `given twice: ${twice.join(', ')}` : '',
    ].filter(Boolean);
    return {
      rows: [],
      fileErrors: [{ row: 1, column: 'header', message: `${why.join('; ')} (the columns are ${LOOKED_AFTER_COLUMNS.join(',')})` }],
    };
  }
  const firstRow = new Map<string, number>();
  const rows = records.slice(1).map(({ record, info }, index) => {
    const row = info.lines;
    const cells = Object.fromEntries(LOOKED_AFTER_COLUMNS.map((c) => [c, record[header.indexOf(c)] ?? ''])) as Record<Column, string>;
    const parsed = readRow(row, index, cells, record.length === header.length, checks);
    const seen = firstRow.get(parsed.childId);
    if (parsed.childId && seen !== undefined)
      parsed.errors.push({ row, column: 'child_id', message: `${parsed.childId} is already on row ${seen}: one row per child` });
    else if (parsed.childId) firstRow.set(parsed.childId, row);
    if (parsed.errors.length) delete parsed.request;
    return parsed;
  });
  return { rows, fileErrors: [] };
}

function readRow(row: number, index: number, c: Record<Column, string>, whole: boolean, checks: RowChecks): ParsedRow {
  const errors: RowError[] = [];
  const err = (column: string, message: string, rule?: string) => errors.push({ row, column, message, ...(rule ? { rule } : {}) });
  if (!whole) err('row', `has a different number of cells from the header (${LOOKED_AFTER_COLUMNS.length} columns)`);
  const body = {
    childId: c.child_id,
    dateOfBirth: c.date_of_birth,
    becameLookedAfter: c.became_looked_after,
    legalStatus: c.legal_status,
    placementType: c.placement_type,
    ...(c.placement_started_on ? { placementStartedOn: c.placement_started_on } : {}),
    team: c.team,
    ...(c.profile ? { profile: c.profile } : {}),
  };
  const parsed = CycleStartRequest.safeParse(body);
  if (!parsed.success) {
    const seen = new Set<string>();
    for (const i of parsed.error.issues) {
      const column = columnOf(String(i.path[0] ?? 'row'));
      if (seen.has(column)) continue;
      seen.add(column);
      err(column, c[column as Column] === '' ? 'required' : i.message);
    }
  }
  // L16: looked-after status ends at 18; a cycle started for a young person already 18 would end at once.
  if (isIsoDate(c.date_of_birth) && c.date_of_birth <= checks.today && ageOn(c.date_of_birth, checks.today) >= 18)
    err('date_of_birth', `${c.date_of_birth}: 18 or over today (${checks.today}); looked-after status ends at 18`, 'L16');
  if (c.team && checks.teams?.size && !checks.teams.has(c.team)) err('team', `${c.team} is not a team in the directory`);
  if (c.profile && !checks.profiles.includes(c.profile))
    err('profile', `unknown profile ${c.profile} (known: ${checks.profiles.join(', ')})`);
  for (const [column, v] of [
    ['iro_staff_id', c.iro_staff_id],
    ['social_worker_staff_id', c.social_worker_staff_id],
  ] as const)
    if (v && !STAFF_ID.test(v)) err(column, "a staff id (letters, digits, '@', '.', '_' or '-')");
  const reviews = readReviews(c, err);
  const next: string = c.next_meeting_on;
  if (next && !isIsoDate(next as unknown)) err('next_meeting_on', `"${next.slice(0, 30)}" is not a real date in the form YYYY-MM-DD`);
  else if (next && next < checks.today) err('next_meeting_on', `${next} has passed (today is ${checks.today})`, 'L7');
  const history: ImportedHistory = {
    ...(c.iro_staff_id ? { iro: c.iro_staff_id } : {}),
    ...(c.social_worker_staff_id ? { socialWorker: c.social_worker_staff_id } : {}),
    reviews,
    ...(c.next_meeting_on ? { nextMeetingOn: c.next_meeting_on } : {}),
  };
  return { row, index, childId: c.child_id, ...(parsed.success ? { request: parsed.data } : {}), history, errors };
}

/** `YYYY-MM-DD:PNx;...`, oldest first; SSDA903: PN0 only under 4, PN1-PN7 only 4 and over (L18). */
function readReviews(c: Record<Column, string>, err: (column: string, message: string, rule?: string) => void) {
  const out: ImportedHistory['reviews'] = [];
  if (!c.reviews) return out;
  for (const item of c.reviews.split(';').map((s) => s.trim())) {
    const m = /^(\d{4}-\d{2}-\d{2}):(PN\d)$/.exec(item);
    if (!m || !isIsoDate(m[1])) {
      err('reviews', `"${item.slice(0, 30)}" is not YYYY-MM-DD:PNx (e.g. 2025-02-10:PN1)`);
      continue;
    }
    const [, heldOn, code] = m;
    if (!(PARTICIPATION_CODES as readonly string[]).includes(code)) {
      err('reviews', `${heldOn}: ${code} is not a participation code (${PARTICIPATION_CODES.join(', ')})`, 'L18');
      continue;
    }
    if (isIsoDate(c.became_looked_after) && heldOn < c.became_looked_after)
      err('reviews', `${heldOn} is before became_looked_after (${c.became_looked_after})`, 'L2');
    if (isIsoDate(c.date_of_birth)) {
      const under4 = ageOn(c.date_of_birth, heldOn) < 4;
      if (under4 && code !== 'PN0') err('reviews', `${heldOn}: the child was under 4, so PN0 (SSDA903)`, 'L18');
      if (!under4 && code === 'PN0') err('reviews', `${heldOn}: PN0 is only for a child under 4 (SSDA903)`, 'L18');
    }
    const last = out[out.length - 1];
    if (last && heldOn <= last.heldOn) err('reviews', `${heldOn} is not after the review before it (${last.heldOn}): oldest first`, 'L3');
    out.push({ heldOn, participation: code as ParticipationCode });
  }
  return out;
}
