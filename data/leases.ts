/**
 * Leases in the embedded store: one holder at a time across every process sharing the store file,
 * whatever host or container it runs in (a pid file cannot tell a process in another container).
 * The mail dispatcher holds one so that several worker processes deliver each email once.
 */
import type { Database } from 'node-sqlite3-wasm';

const SCHEMA = `CREATE TABLE IF NOT EXISTS leases (
  name        TEXT PRIMARY KEY,
  holder      TEXT NOT NULL,
  expires_at  INTEGER NOT NULL
);`;

export class Leases {
  constructor(
    private readonly db: Database,
    readOnly = false,
  ) {
    if (!readOnly) db.exec(SCHEMA);
  }

  /** Takes `name`, or renews it, until now + ttlMs; false while another holder's lease runs. */
  acquire(name: string, holder: string, ttlMs: number, now = Date.now()): boolean {
    const r = this.db.run(
      `INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
       WHERE leases.holder = excluded.holder OR leases.expires_at < ?`,
      [name, holder, now + ttlMs, now],
    );
    return r.changes === 1;
  }

  /** Who holds `name` now, if anyone. */
  holder(name: string, now = Date.now()): string | undefined {
    const r = this.db.get('SELECT holder FROM leases WHERE name = ? AND expires_at >= ?', [name, now]) as { holder: string } | null;
    return r?.holder;
  }

  /** Gives `name` up at once (a clean stop), so another process need not wait for it to expire. */
  release(name: string, holder: string): void {
    this.db.run('DELETE FROM leases WHERE name = ? AND holder = ?', [name, holder]);
  }
}
