/**
 * The SSDA903 REVIEWS return from the screens: GET /returns/ssda903-reviews.csv?year=2024 downloads
 * the same CSV as GET /api/returns/ssda903/reviews.csv (the same function, roles and refusals), under
 * the session, so the IRO unit and the managers need no token. `returnsSection` gives the start
 * pages' links, one per April-March year.
 */
import { RETURN_ROLES, ssda903ReviewsCsv } from '../../../api/routes/returns';
import { yearParam } from '../../../api/routes/timeliness';
import { InputError } from '../../../api/input-error';
import { Mount, WebContext } from '../../app';

export const RETURN_PATH = '/returns/ssda903-reviews.csv';

/** How many April-March years are offered: this one and the four before (a late or corrected return). */
const YEARS = 5;

/** The Returns section's links: the current April-March year first. */
export function returnsSection(today: string): { years: { year: string; text: string; href: string }[] } {
  // The April-March year today falls in, by its first year (31 March 2026 is in 2025).
  const now = Number(today.slice(0, 4)) - (today.slice(5) < '04-01' ? 1 : 0);
  return {
    years: Array.from({ length: YEARS }, (_, i) => String(now - i)).map((y) => ({
      year: y,
      text: `April ${y} to March ${Number(y) + 1}`,
      href: `${RETURN_PATH}?year=${y}`,
    })),
  };
}

export function returnPages(page: Mount, ctx: WebContext): void {
  const { services } = ctx;
  page('/returns', (r) => {
    r.get('/ssda903-reviews.csv', { roles: [...RETURN_ROLES], query: ['year'] }, async (req, res) => {
      const year = yearParam(req.query);
      // As the API: a service without a record cannot make a return (409, not a 5xx).
      if (!services.record)
        throw new InputError('record', 'record: the statutory record is not configured on this service, so no return can be made', 409);
      const csv = await ssda903ReviewsCsv(services.record, year);
      res
        .type('text/csv; charset=utf-8')
        .setHeader('Content-Disposition', `attachment; filename="ssda903-reviews-${year}-${String(Number(year) + 1).slice(2)}.csv"`)
        .send(csv);
    });
  });
}
