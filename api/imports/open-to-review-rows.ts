/**
 * The go-live import's Open to Review CSV (docs/import.md): its exact columns, and each row read
 * into the case as the previous system held it (the API's own field rules) and its decision note
 * and reviews. Every mistake is kept with its row, column and rule. Pure: today is passed in.
 */
import { ImportedOpenToReview } from '../../workflows/open-to-review/messages';
import { CHAIR_ROLES, ChairRole, REVIEW_TYPES, ReviewType } from '../../workflows/open-to-review/model';
import { ImportedOpenToReviewRequest } from '../../workflows/open-to-review/requests';
import { CsvRecord, Err, ParsedRowBase, RowError, dateCell, RowChecks, readRows, schemaErrors, teamAndProfile } from './csv-rows';

export const OPEN_TO_REVIEW_COLUMNS = [
  'child_id',
  'date_of_birth',
  'team',
  'profile',
  'caseholder_staff_id',
  'opened_on',
  'decided_on',
  'first_review_on',
  'ehcp_annual_review_on',
  'overnight_short_breaks',
  'hours_per_week',
  'reviews',
] as const;
type Column = (typeof OPEN_TO_REVIEW_COLUMNS)[number];

export interface ParsedOpenToReviewRow extends ParsedRowBase {
  request?: ImportedOpenToReviewRequest;
  history?: ImportedOpenToReview;
}

const FIELD_COLUMN: Record<string, Column> = {
  childId: 'child_id',
  dateOfBirth: 'date_of_birth',
  team: 'team',
  profile: 'profile',
  caseholder: 'caseholder_staff_id',
  openedOn: 'opened_on',
  ehcpAnnualReviewOn: 'ehcp_annual_review_on',
  package: 'hours_per_week',
};
export const openToReviewColumnOf = (field: string): string => FIELD_COLUMN[field.split('.')[0]] ?? field;

export const readOpenToReviewCsv = (text: string, checks: RowChecks) =>
  readRows<Column, ParsedOpenToReviewRow>(text, checks, {
    columns: OPEN_TO_REVIEW_COLUMNS,
    perRow: 'one row per Open to Review case',
    once: { column: 'child_id', key: (p) => p.childId, why: 'one Open to Review case per child' },
    read: readRow,
  });

function readRow(r: CsvRecord<Column>, { errors, err }: { errors: RowError[]; err: Err }, checks: RowChecks): ParsedOpenToReviewRow {
  const { row, index, cells: c } = r;
  const pkg = readPackage(c, err);
  const body = {
    childId: c.child_id,
    dateOfBirth: c.date_of_birth,
    team: c.team,
    caseholder: c.caseholder_staff_id,
    ...(c.profile ? { profile: c.profile } : {}),
    openedOn: c.opened_on,
    ...(c.ehcp_annual_review_on ? { ehcpAnnualReviewOn: c.ehcp_annual_review_on } : {}),
    ...(pkg ? { package: pkg } : {}),
  };
  const parsed = ImportedOpenToReviewRequest.safeParse(body);
  if (!parsed.success) schemaErrors(err, parsed.error.issues, openToReviewColumnOf, c);
  teamAndProfile(err, c, checks);
  const decidedOn = dateCell(err, 'decided_on', c.decided_on, true);
  if (decidedOn && decidedOn > checks.today) err('decided_on', `${decidedOn} is in the future (today is ${checks.today})`, 'O2');
  const firstReviewOn = dateCell(err, 'first_review_on', c.first_review_on, true);
  const reviews = readReviews(c.reviews, err);
  const history = decidedOn && firstReviewOn ? { decidedOn, firstReviewOn, reviews } : undefined;
  return { row, index, childId: c.child_id, ...(parsed.success ? { request: parsed.data } : {}), ...(history ? { history } : {}), errors };
}

/** O6: both package cells or neither: `yes`/`no` overnight short breaks, and hours a week. */
function readPackage(c: Record<Column, string>, err: Err) {
  if (!c.overnight_short_breaks && !c.hours_per_week) return undefined;
  const overnight = { yes: true, no: false }[c.overnight_short_breaks.toLowerCase()];
  if (overnight === undefined) err('overnight_short_breaks', 'yes or no (with hours_per_week: the package)', 'O6');
  const hours = Number(c.hours_per_week);
  if (!c.hours_per_week || !Number.isFinite(hours)) {
    err('hours_per_week', 'a number of hours a week (with overnight_short_breaks: the package)', 'O6');
    return undefined;
  }
  return overnight === undefined ? undefined : { overnightShortBreaks: overnight, hoursPerWeek: hours };
}

const SEEN = { 'child-seen': true, 'child-not-seen': false, 'parents-seen': true, 'parents-not-seen': false } as Record<string, boolean>;
const FORM = 'YYYY-MM-DD:telephone|face-to-face:child-seen|child-not-seen:parents-seen|parents-not-seen[:chair]';

/** `YYYY-MM-DD:type:child:parents[:chair]`, `;`-separated, oldest first (the review command checks the order and the dates). */
function readReviews(cell: string, err: Err): ImportedOpenToReview['reviews'] {
  const out: ImportedOpenToReview['reviews'] = [];
  if (!cell) return out;
  for (const item of cell.split(';').map((s) => s.trim())) {
    const [heldOn, type, child, parents, chair, ...more] = item.split(':');
    const bad = (why: string, rule?: string) => err('reviews', `"${item.slice(0, 60)}": ${why}`, rule);
    if (more.length || parents === undefined) bad(`not ${FORM}`);
    else if (!dateCell(() => bad('not a real date in the form YYYY-MM-DD'), 'reviews', heldOn, true)) continue;
    else if (!(REVIEW_TYPES as readonly string[]).includes(type)) bad(`the type is ${REVIEW_TYPES.join(' or ')}`, 'O3');
    else if (!['child-seen', 'child-not-seen'].includes(child)) bad('child-seen or child-not-seen', 'O3');
    else if (!['parents-seen', 'parents-not-seen'].includes(parents)) bad('parents-seen or parents-not-seen', 'O3');
    else if (chair !== undefined && !(CHAIR_ROLES as readonly string[]).includes(chair))
      bad(`the chair is one of ${CHAIR_ROLES.join(', ')}`, 'O6');
    else
      out.push({
        heldOn,
        type: type as ReviewType,
        childSeen: SEEN[child],
        parentsSeen: SEEN[parents],
        ...(chair ? { chair: chair as ChairRole } : {}),
      });
  }
  return out;
}
