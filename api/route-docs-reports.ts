/** The reports' and returns' entries of ROUTE_DOCS (issue 14): read from the statutory record. */
import type { RouteDoc } from './route-docs';

export const REPORT_ROUTE_DOCS: Record<string, RouteDoc> = {
  'GET /api/timeliness': {
    summary:
      'L18: timeliness and participation for an April-March year, for the authority and each team (byTeam), with the late and missing reviews behind them; from the statutory record',
    query: ['year', 'team'],
  },
  'GET /api/returns/ssda903/reviews.csv': {
    summary:
      "SSDA903 REVIEWS for an April-March year from the statutory record, as the DfE's CSV (CHILD,DOB,REVIEW,REVIEW_CODE; DD/MM/YYYY); 409 if the record lacks a period of care's start or no record is configured",
    query: ['year'],
    okType: 'text/csv',
    refusals: [409],
  },
};
