/** ROUTE_DOCS entries of issue 14: the reports and returns read from the statutory record, and reconciling it. */
import type { RouteDoc } from './route-docs';

export const RECORD_ROUTE_DOCS: Record<string, RouteDoc> = {
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
  'POST /api/record/reconcile': {
    summary:
      "reconcile the statutory record with the cases: each case's facts as its workflow has them against the record; missing, differing, and cases the record alone holds (workflow gone); {repair: true} appends what the record lacks",
    body: 'ReconcileRequest',
    refusals: [409],
  },
};
