/** The go-live imports' entries of ROUTE_DOCS (issue 14, docs/import.md): each a text/csv body. */
import type { RouteDoc } from './route-docs';

const csvImport = (what: string): RouteDoc => ({
  summary: `go-live import of ${what}, a text/csv body (docs/import.md); dryRun=true creates nothing; any row with a mistake: 422, nothing started`,
  query: ['dryRun'],
  ok: 201,
  refusals: [415, 422],
});

export const IMPORT_ROUTE_DOCS: Record<string, RouteDoc> = {
  'POST /api/imports/looked-after': csvImport('the children already in care'),
  'POST /api/imports/open-to-review': csvImport('the Open to Review cases already held (O1 not judged again)'),
  'POST /api/imports/disputes': csvImport('the disputes still open, each at its stage from the day it was entered (E2-E6)'),
};
