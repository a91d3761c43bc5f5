/**
 * The go-live import's looked-after CSV (docs/import.md): its exact columns, and each row read into
 * a start request (the API's own schema, so the rules are the same) and the history the previous
 * system held. Every mistake is kept, with the row number as in the file (the header is row 1), the
 * column and the rule. Pure: no Temporal, no clock (today is passed in).
 */
import { isIsoDate } from '../../workflows/calendar/iso-date';
import { ImportedHistory } from '../../workflows/looked-after-cycle/messages';
import { PARTICIPATION_CODES, ParticipationCode, ageOn } from '../../workflows/looked-after-cycle/model';
import { CycleStartRequest } from '../../workflows/looked-after-cycle/requests';
import {
  CsvRecord,
  Err,
  ParsedRowBase,
  RowError,
  dateCell,
  RowChecks,
  readRows,
  schemaErrors,
  staffCell,
  teamAndProfile,
} from './csv-rows';

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

export { describeError } from './csv-rows';
export type { RowError } from './csv-rows';

export interface ParsedRow extends ParsedRowBase {
  request?: CycleStartRequest;
  history?: ImportedHistory;
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

export type { RowChecks } from './csv-rows';

/** Reads the file: a file-level mistake (not CSV, wrong columns) is row 0 or the header's row 1, and no rows. */
export const readLookedAfterCsv = (text: string, checks: RowChecks) =>
  readRows<Column, ParsedRow>(text, checks, {
    columns: LOOKED_AFTER_COLUMNS,
    perRow: 'one row per child',
    once: { column: 'child_id', key: (p) => p.childId, why: 'one row per child' },
    read: readRow,
  });

function readRow(r: CsvRecord<Column>, { errors, err }: { errors: RowError[]; err: Err }, checks: RowChecks): ParsedRow {
  const { row, index, cells: c } = r;
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
  if (!parsed.success) schemaErrors(err, parsed.error.issues, columnOf, c);
  // L16: looked-after status ends at 18; a cycle started for a young person already 18 would end at once.
  if (isIsoDate(c.date_of_birth) && c.date_of_birth <= checks.today && ageOn(c.date_of_birth, checks.today) >= 18)
    err('date_of_birth', `${c.date_of_birth}: 18 or over today (${checks.today}); looked-after status ends at 18`, 'L16');
  teamAndProfile(err, c, checks);
  staffCell(err, 'iro_staff_id', c.iro_staff_id);
  staffCell(err, 'social_worker_staff_id', c.social_worker_staff_id);
  const reviews = readReviews(c, err);
  const next = dateCell(err, 'next_meeting_on', c.next_meeting_on);
  if (next && next < checks.today) err('next_meeting_on', `${next} has passed (today is ${checks.today})`, 'L7');
  const history: ImportedHistory = {
    ...(c.iro_staff_id ? { iro: c.iro_staff_id } : {}),
    ...(c.social_worker_staff_id ? { socialWorker: c.social_worker_staff_id } : {}),
    reviews,
    ...(c.next_meeting_on ? { nextMeetingOn: c.next_meeting_on } : {}),
  };
  return { row, index, childId: c.child_id, ...(parsed.success ? { request: parsed.data } : {}), history, errors };
}

/** `YYYY-MM-DD:PNx;...`, oldest first; SSDA903: PN0 only under 4, PN1-PN7 only 4 and over (L18). */
function readReviews(c: Record<Column, string>, err: Err) {
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
