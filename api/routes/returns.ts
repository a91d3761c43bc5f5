/**
 * The DfE's returns, from the statutory record. GET /api/returns/ssda903/reviews.csv?year=2024:
 * the SSDA903 REVIEWS table for April 2024 to March 2025 (the year convention of /api/timeliness).
 * For the IRO unit and the service and strategic managers who submit the return; a team manager
 * sees their own team's figures at /api/timeliness, not the authority's child-level return.
 */
import { readReportFacts } from '../../data/record/reports/record-l18';
import { RecordIncomplete, reviewsCsv, ssda903Reviews } from '../../data/record/reports/ssda903-reviews';
import type { RecordStore } from '../../data/record/record-store';
import { InputError } from '../input-error';
import { SecureRouter } from '../secure-router';
import { yearParam } from './timeliness';

export const RETURN_ROLES = ['iro-unit', 'service-manager', 'strategic-manager'] as const;

/** The REVIEWS CSV for an April-March year, or a clear refusal when the record cannot give it. */
export async function ssda903ReviewsCsv(record: RecordStore, year: string): Promise<string> {
  try {
    return reviewsCsv(ssda903Reviews(await readReportFacts(record), year));
  } catch (e) {
    if (e instanceof RecordIncomplete)
      throw new InputError('record', `record: incomplete for the SSDA903 return: ${e.message}`, 409, 'SSDA903');
    throw e;
  }
}

export function returnRoutes(r: SecureRouter, record: () => RecordStore | undefined): void {
  r.get('/ssda903/reviews.csv', { roles: [...RETURN_ROLES], query: ['year'] }, async (req, res) => {
    const year = yearParam(req.query);
    const store = record();
    // A 409, not a 5xx: the service is up, but this installation keeps no record to make a return from.
    if (!store)
      throw new InputError('record', 'record: the statutory record is not configured on this service, so no return can be made', 409);
    const csv = await ssda903ReviewsCsv(store, year);
    res
      .type('text/csv; charset=utf-8')
      .setHeader('Content-Disposition', `attachment; filename="ssda903-reviews-${year}-${String(Number(year) + 1).slice(2)}.csv"`)
      .send(csv);
  });
}
