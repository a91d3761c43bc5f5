/** The operators' routes' entries of ROUTE_DOCS (api/routes/operations.ts): no user token. */
import type { RouteDoc } from './route-docs';

export const OPERATIONS_ROUTE_DOCS: Record<string, RouteDoc> = {
  'GET /health': { summary: 'liveness (no token)' },
  'GET /ready': {
    summary: 'readiness: Temporal, the store and the record each answer (no token; 503 names the failed checks)',
    refusals: [503],
  },
  'GET /metrics': {
    summary: 'Prometheus metrics (no user token: its own bearer token, CARE_REVIEWS_METRICS_TOKEN, or this machine only)',
    okType: 'text/plain',
    refusals: [401, 403],
  },
};
