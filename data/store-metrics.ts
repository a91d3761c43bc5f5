/**
 * Gauges of the store's state, counted at scrape time (at most every `ttlMs`, default 15 s):
 * notifications by kind and state, email deliveries by state (`failed`: nobody at that address
 * has it), and open disputes past 20 working days (E6). Kinds and states only: never an id.
 */
import { Database } from 'node-sqlite3-wasm';
import { Gauge, Registry } from 'prom-client';
import { cached, labelValue } from '../platform/metrics';
import type { EmbeddedStore } from './embedded-store';

export interface StoreTally {
  notifications: { kind: string; state: string; n: number }[];
  deliveries: { state: string; n: number }[];
  disputesPast20WorkingDays: number;
}

type Row = Record<string, unknown>;

/** Three grouped counts over covering indexes or small tables (EmbeddedStore.tally); about 20 ms at 100,000 notifications. */
export function tallyStore(db: Database): StoreTally {
  return {
    notifications: (db.all('SELECT kind, status, COUNT(*) AS n FROM notifications GROUP BY kind, status') as Row[]).map((r) => ({
      kind: String(r.kind),
      state: String(r.status),
      n: Number(r.n),
    })),
    deliveries: (db.all('SELECT status, COUNT(*) AS n FROM deliveries GROUP BY status') as Row[]).map((r) => ({
      state: String(r.status),
      n: Number(r.n),
    })),
    disputesPast20WorkingDays: Number(
      (db.get(`SELECT COUNT(*) AS n FROM disputes WHERE status = 'open' AND breached_on IS NOT NULL`) as Row).n,
    ),
  };
}

export function storeMetrics(store: EmbeddedStore, o: { ttlMs?: number } = {}): Registry {
  const registry = new Registry();
  const tally = cached(o.ttlMs ?? 15_000, async () => store.tally());
  const sum = (g: Gauge<string>, labels: Record<string, string>, n: number) => g.inc(labels, n);
  new Gauge({
    name: 'care_reviews_notifications',
    help: 'Notifications in the store by kind and state (pending, sending, sent, failed, not-emailed, not-sent)',
    labelNames: ['kind', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      // Unknown values fold into `other`, so several rows may add to one series.
      for (const r of (await tally()).notifications) sum(this, { kind: labelValue(r.kind), state: labelValue(r.state) }, r.n);
    },
  });
  new Gauge({
    name: 'care_reviews_mail_deliveries',
    help: 'Email deliveries (one per notification and recipient) by state; failed: given up on, the IRO unit manager was told',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of (await tally()).deliveries) sum(this, { state: labelValue(r.state) }, r.n);
    },
  });
  new Gauge({
    name: 'care_reviews_disputes_past_20_working_days',
    help: 'Open disputes past their 20 working days overall (E6)',
    registers: [registry],
    async collect() {
      this.set((await tally()).disputesPast20WorkingDays);
    },
  });
  return registry;
}
