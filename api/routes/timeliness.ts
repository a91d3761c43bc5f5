/**
 * GET /api/timeliness: L18 timeliness and participation by April-March year, for the authority and
 * each team (`byTeam`), with the late and missing reviews behind each figure. Read from the
 * statutory record (services.record); where none is configured, from the embedded store's
 * reporting projection (`source` says which).
 */
import { EmbeddedStore } from '../../data/embedded-store';
import { YearFigures, aprilYear, yearFigures } from '../../data/record/reports/l18';
import { timelinessFromRecord } from '../../data/record/reports/record-l18';
import type { RecordStore } from '../../data/record/record-store';
import { TEAM_ID } from '../fields';
import { InputError } from '../input-error';
import { principalOf } from '../middleware/permit';
import { queryText } from '../request-body';
import { SecureRouter } from '../secure-router';

/** Where the figures are read from: the record when there is one. */
export interface ReportSources {
  store: EmbeddedStore;
  record?: RecordStore;
}

/** The projection's figures (no record configured), in the record's shape. */
function fromProjection(store: EmbeddedStore, year: string, team: string | undefined, today: string) {
  const { from, to } = aprilYear(year);
  const rows = (t?: string) => ({
    held: store.reviewOutcomes(from, to, t),
    open: store.openReviews(from, to, t),
    heldAfterYearEnd: store.reviewsHeldAfterYearEnd(from, to, t),
  });
  const all = rows(team);
  const teams = [...new Set([...all.held, ...all.open, ...all.heldAfterYearEnd].map((o) => o.team))].sort();
  const byTeam: YearFigures[] = teams.map((t) => yearFigures(year, t, rows(t), today));
  return { ...yearFigures(year, team, all, today), byTeam };
}

/** L18 for an April-March year (`year` its first year), the authority or one team: GET /api/timeliness and the managers' page. */
export async function timelinessReport(sources: ReportSources, year: string, team: string | undefined, today: string) {
  if (sources.record) return { source: 'record' as const, ...(await timelinessFromRecord(sources.record, year, team, today)) };
  return { source: 'projection' as const, ...fromProjection(sources.store, year, team, today) };
}

/** `year`: the April-March year by its first year (also GET /api/returns/…). */
export function yearParam(query: Record<string, unknown>): string {
  const year = queryText(query, 'year');
  if (year === undefined || !/^\d{4}$/.test(year) || Number(year) < 2000 || Number(year) > 2100) {
    throw new InputError('year', 'year: the April-March year by its first year, e.g. 2025 for April 2025 to March 2026', 400, 'L18');
  }
  return year;
}

/** `today`: the service's clock, as a London date (the current year is judged up to it). */
export function timelinessRoutes(r: SecureRouter, sources: () => ReportSources, today: () => string): void {
  r.get('/', { roles: ['iro-unit', 'team-manager', 'service-manager', 'strategic-manager'], query: ['year', 'team'] }, async (req, res) => {
    const year = yearParam(req.query);
    let team = queryText(req.query, 'team');
    if (team !== undefined && !TEAM_ID.test(team)) throw new InputError('team', 'team: a team code');
    const p = principalOf(res);
    if (!p.roles.some((role) => role !== 'team-manager')) {
      if (team !== undefined && team !== p.team) throw new InputError('team', 'team: team managers see their own team only', 403);
      team = p.team ?? '-';
    }
    res.json(await timelinessReport(sources(), year, team, today()));
  });
}
