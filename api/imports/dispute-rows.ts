/**
 * The go-live import's open disputes CSV (docs/import.md): its exact columns, and each row read
 * into a dispute opening (the API's own request schema) with its reference in the old system, the
 * stage it is at and since when, and the IRO who raised it. Every mistake is kept with its row,
 * column and rule. Pure: today is passed in.
 */
import { DisputeStartRequest } from '../../workflows/dispute/requests';
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

export const DISPUTE_COLUMNS = [
  'old_reference',
  'child_id',
  'became_looked_after',
  'team',
  'category',
  'summary',
  'serious_safeguarding',
  'iro_staff_id',
  'social_worker_staff_id',
  'opened_on',
  'stage',
  'stage_entered_on',
  'expected_outcome',
  'expected_outcome_by',
] as const;
type Column = (typeof DISPUTE_COLUMNS)[number];

export interface ParsedDisputeRow extends ParsedRowBase {
  /** The opening as `POST /api/disputes` takes it (childId and team; the service finds the cycle from becameLookedAfter). */
  request?: DisputeStartRequest & { openedOn: string };
  becameLookedAfter?: string;
  oldReference: string;
  stageEnteredOn?: string;
  iro?: string;
}

const FIELD_COLUMN: Record<string, Column> = {
  childId: 'child_id',
  team: 'team',
  category: 'category',
  summary: 'summary',
  startStage: 'stage',
  seriousSafeguarding: 'serious_safeguarding',
  socialWorker: 'social_worker_staff_id',
  openedOn: 'opened_on',
  expectedOutcome: 'expected_outcome',
  cycleId: 'became_looked_after',
};
export const disputeColumnOf = (field: string): string => FIELD_COLUMN[field.split('.')[0]] ?? field;

export const readDisputeCsv = (text: string, checks: RowChecks) =>
  readRows<Column, ParsedDisputeRow>(text, checks, {
    columns: DISPUTE_COLUMNS,
    perRow: 'one row per open dispute',
    once: { column: 'old_reference', key: (p) => p.oldReference, why: 'one row per dispute' },
    read: readRow,
  });

function readRow(r: CsvRecord<Column>, { errors, err }: { errors: RowError[]; err: Err }, checks: RowChecks): ParsedDisputeRow {
  const { row, index, cells: c } = r;
  if (!c.old_reference) err('old_reference', "required: the dispute's reference in the previous system (a second import finds it by it)");
  else if (!/^[A-Za-z0-9._/-]{1,64}$/.test(c.old_reference)) err('old_reference', "letters, digits, '.', '_', '/' or '-' (at most 64)");
  const becameLookedAfter = dateCell(err, 'became_looked_after', c.became_looked_after);
  if (!c.became_looked_after && !c.team) err('team', 'required without became_looked_after (with it, the cycle gives the team)');
  const serious = yesNo(err, c.serious_safeguarding);
  const outcome = expectedOutcome(err, c);
  const body = {
    childId: c.child_id,
    ...(c.team ? { team: c.team } : {}),
    category: c.category,
    summary: c.summary,
    startStage: c.stage,
    ...(serious !== undefined ? { seriousSafeguarding: serious } : {}),
    ...(c.social_worker_staff_id ? { socialWorker: c.social_worker_staff_id } : {}),
    ...(outcome ? { expectedOutcome: outcome } : {}),
    openedOn: c.opened_on,
  };
  const parsed = DisputeStartRequest.safeParse(body);
  if (!parsed.success) schemaErrors(err, parsed.error.issues, disputeColumnOf, c);
  teamAndProfile(err, { team: c.team, profile: '' }, checks);
  const iro = staffCell(err, 'iro_staff_id', c.iro_staff_id, true);
  const entered = dateCell(err, 'stage_entered_on', c.stage_entered_on, true);
  if (entered && entered > checks.today) err('stage_entered_on', `${entered} is in the future (today is ${checks.today})`, 'E5');
  if (entered && c.opened_on && entered < c.opened_on) err('stage_entered_on', `${entered} is before opened_on (${c.opened_on})`, 'E5');
  // E4: a serious safeguarding issue goes to stage 2 at least; the file says which stage it reached.
  if (parsed.success && serious && (parsed.data.startStage ?? 0) < 2)
    err('stage', 'a serious safeguarding issue is at stage 2 at least', 'E4');
  return {
    row,
    index,
    childId: c.child_id,
    oldReference: c.old_reference,
    ...(parsed.success && c.opened_on ? { request: { ...parsed.data, openedOn: c.opened_on } } : {}),
    ...(becameLookedAfter ? { becameLookedAfter } : {}),
    ...(entered ? { stageEnteredOn: entered } : {}),
    ...(iro ? { iro } : {}),
    errors,
  };
}

function yesNo(err: Err, v: string): boolean | undefined {
  if (!v) return undefined;
  const b = { yes: true, no: false }[v.toLowerCase()];
  if (b === undefined) err('serious_safeguarding', 'yes or no (empty: no)', 'E4');
  return b;
}

/** E4: the expected outcome and its timeframe, both or neither. */
function expectedOutcome(err: Err, c: Record<Column, string>) {
  if (!c.expected_outcome && !c.expected_outcome_by) return undefined;
  if (!c.expected_outcome) err('expected_outcome', 'required with expected_outcome_by', 'E4');
  const by = dateCell(err, 'expected_outcome_by', c.expected_outcome_by, true);
  return c.expected_outcome && by ? { outcome: c.expected_outcome, by } : undefined;
}
