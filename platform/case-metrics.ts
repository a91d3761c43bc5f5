/**
 * Overdue cases by kind, from Temporal's visibility: running cases whose next statutory date
 * (CareReviewsNextDue, kept by every case kind's kernel) is before today. One count query per kind,
 * at most once a minute however often Prometheus scrapes, so a scrape costs nothing at 10,000 cases.
 */
import { Client } from '@temporalio/client';
import { Gauge, Registry } from 'prom-client';
import { londonDate } from '../workflows/calendar/office-hours';
import { CASE_KIND, CaseKind, NEXT_DUE } from '../workflows/search-attributes';
import { cached } from './metrics';

export const CASE_KINDS = Object.values(CaseKind);

export function overdueQuery(kind: string, today: string): string {
  return `ExecutionStatus = 'Running' AND ${CASE_KIND.name} = '${kind}' AND ${NEXT_DUE.name} < '${today}T00:00:00Z'`;
}

export function caseMetrics(client: Client, o: { clock?: () => number; ttlMs?: number; timeoutMs?: number } = {}): Registry {
  const registry = new Registry();
  const clock = o.clock ?? Date.now;
  const counts = cached(o.ttlMs ?? 60_000, async () => {
    const today = londonDate(clock());
    const deadline = Date.now() + (o.timeoutMs ?? 5_000);
    return Object.fromEntries(
      await Promise.all(
        CASE_KINDS.map(
          async (kind) =>
            [kind, (await client.connection.withDeadline(deadline, () => client.workflow.count(overdueQuery(kind, today)))).count] as const,
        ),
      ),
    );
  });
  new Gauge({
    name: 'care_reviews_visibility_up',
    help: '1 if the last count of overdue cases from Temporal visibility succeeded, 0 if not (care_reviews_overdue_cases is then absent)',
    registers: [registry],
    async collect() {
      // The same cached counts as the gauge below: one query per kind whichever is collected first.
      this.set(
        await counts().then(
          () => 1,
          () => 0,
        ),
      );
    },
  });
  new Gauge({
    name: 'care_reviews_overdue_cases',
    help: 'Running cases past their next statutory date (CareReviewsNextDue before today, London), by case kind; refreshed at most once a minute',
    labelNames: ['kind'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const byKind = await counts().catch(() => ({}));
      for (const [kind, n] of Object.entries(byKind)) this.set({ kind }, n);
    },
  });
  return registry;
}
