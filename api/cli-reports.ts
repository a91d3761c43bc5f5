/**
 * `care-reviews report timeliness` and `care-reviews export ssda903-reviews`: L18 and the SSDA903
 * REVIEWS table for an April-March year, read straight from the statutory record (no API, no
 * Temporal), so they stand even when the Temporal database is gone.
 */
import { existsSync } from 'node:fs';
import { openRecordStore } from '../data/record/kysely-record-store';
import type { YearFigures } from '../data/record/reports/l18';
import { TimelinessReport, timelinessFromRecord } from '../data/record/reports/record-l18';
import type { RecordStore } from '../data/record/record-store';
import { loadConfig } from '../platform/config';
import { londonDate } from '../workflows/calendar/office-hours';
import { UsageError, parseFlags } from './cli-flags';
import { TEAM_ID } from './fields';
import { InputError } from './input-error';
import { ssda903ReviewsCsv } from './routes/returns';
import { yearParam } from './routes/timeliness';

export interface RecordDeps {
  openRecord?: () => Promise<RecordStore>;
  /** Today as a London date (the current year is judged up to it). */
  today?: () => string;
}

/** This installation's record; a missing SQLite file is a mistake in the environment, never an empty report. */
async function openInstalled(): Promise<RecordStore> {
  const { record } = loadConfig();
  if (!record.databaseUrl && !existsSync(record.path))
    throw new InputError(
      'record',
      `record: there is no statutory record at ${record.path}; run this where care-reviews keeps it (CARE_REVIEWS_DATA_DIR or CARE_REVIEWS_RECORD), or set DATABASE_URL`,
    );
  return openRecordStore(record);
}

async function withRecord<T>(deps: RecordDeps, use: (r: RecordStore) => Promise<T>): Promise<T> {
  const record = await (deps.openRecord ?? openInstalled)();
  try {
    return await use(record);
  } finally {
    await record.close();
  }
}

function yearOf(f: Record<string, string | true>): string {
  if (f.year === undefined) throw new UsageError('--year <YYYY> is required (the April-March year by its first year)');
  return yearParam({ year: f.year });
}

const pct = (p: number | null) => (p === null ? '-' : `${p}%`);

/** One line of the figures table. */
function figuresRow(label: string, t: YearFigures): string[] {
  return [
    label,
    String(t.children),
    `${t.childrenWithEveryReviewOnTime} (${pct(t.percentChildrenOnTime)})`,
    String(t.reviews),
    String(t.reviewsOnTime),
    `${t.participation.tookPart}/${t.participation.reviewsOfChildrenAged4Plus} (${pct(t.participation.percent)})`,
    `${t.participationByChild.participating}/${t.participationByChild.childrenAged4Plus} (${pct(t.participationByChild.percent)})`,
  ];
}

/** Columns padded to their widest cell. */
function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** The report as people read it: the figures, then every late and missing review behind them. */
export function formatTimeliness(t: TimelinessReport): string {
  const heads = ['', 'Children', 'Every review on time', 'Reviews', 'On time', 'Reviews took part (4+)', 'Children took part (4+)'];
  const scope = t.team === 'all' ? 'Authority' : `Team ${t.team}`;
  const lines = [
    `L18 timeliness and participation, ${t.from} to ${t.to} (${t.year}), from the statutory record`,
    '',
    table([heads, figuresRow(scope, t), ...(t.team === 'all' ? t.byTeam.map((b) => figuresRow(`  ${b.team}`, b)) : [])]),
    '',
  ];
  const reviewRows = (
    rs: { childId?: string; cycleId: string; team: string; reviewNumber: number; due: string; heldOn: string | null }[],
  ) =>
    table([
      ['Child', 'Cycle', 'Team', 'Review', 'Due', 'Held on'],
      ...rs.map((r) => [r.childId ?? '-', r.cycleId, r.team, String(r.reviewNumber), r.due, r.heldOn ?? 'not held']),
    ]);
  lines.push(`Late reviews held in the year (${t.lateReviews.length})`);
  lines.push(t.lateReviews.length ? reviewRows(t.lateReviews) : 'none');
  lines.push('', `Reviews due in the year and not held by its end, or by today (${t.reviewsNotHeldInYear.length})`);
  lines.push(t.reviewsNotHeldInYear.length ? reviewRows(t.reviewsNotHeldInYear.map((r) => ({ ...r, due: r.statutoryDue }))) : 'none');
  return lines.join('\n');
}

export async function reportCommand(command: string | undefined, args: string[], deps: RecordDeps): Promise<string> {
  if (command !== 'timeliness')
    throw new UsageError(command ? `unknown command "report ${command}"` : 'report takes one command: timeliness');
  const f = parseFlags(args, ['year', 'team', 'json']);
  const year = yearOf(f);
  const team = f.team === undefined ? undefined : String(f.team);
  if (team !== undefined && !TEAM_ID.test(team)) throw new InputError('team', 'team: a team code');
  const today = (deps.today ?? (() => londonDate(Date.now())))();
  const t = await withRecord(deps, (r) => timelinessFromRecord(r, year, team, today));
  return f.json ? JSON.stringify(t) : formatTimeliness(t);
}

export async function exportCommand(command: string | undefined, args: string[], deps: RecordDeps): Promise<string> {
  if (command !== 'ssda903-reviews') {
    throw new UsageError(command ? `unknown command "export ${command}"` : 'export takes one command: ssda903-reviews');
  }
  const year = yearOf(parseFlags(args, ['year']));
  // console.log ends the output with its own newline.
  return (await withRecord(deps, (r) => ssda903ReviewsCsv(r, year))).replace(/\n$/, '');
}
