/**
 * How each notification's email delivery ended, kept in the operational store (written in the
 * same transaction as the delivery's end, data/mail-outbox.ts) until the mail dispatcher has
 * appended it to the statutory record as `notification/delivered` or `notification/failed`. So
 * the record being down delays those facts and loses none, and the mail never waits for it.
 */
import { Database } from 'node-sqlite3-wasm';
import { londonDate } from '../../workflows/calendar/office-hours';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS record_outbox (
  notification_id  TEXT NOT NULL,
  what             TEXT NOT NULL CHECK (what IN ('delivered', 'failed')),
  on_date          TEXT NOT NULL,
  PRIMARY KEY (notification_id, what)
);
`;

/** A delivery's end waiting for the record. */
export interface DeliveryForRecord {
  notificationId: string;
  what: 'delivered' | 'failed';
  /** The day (London) the delivery ended. */
  on: string;
}

type Row = Record<string, unknown>;

export class DeliveryRecordOutbox {
  constructor(
    private readonly db: Database,
    readOnly = false,
  ) {
    if (!readOnly) db.exec(SCHEMA);
  }

  keep(notificationId: string, what: DeliveryForRecord['what'], now: Date): void {
    this.db.run('INSERT OR IGNORE INTO record_outbox (notification_id, what, on_date) VALUES (?, ?, ?)', [
      notificationId,
      what,
      londonDate(now.getTime()),
    ]);
  }

  /** Oldest first. */
  pending(limit: number): DeliveryForRecord[] {
    return (this.db.all('SELECT * FROM record_outbox ORDER BY rowid LIMIT ?', [limit]) as Row[]).map((r) => ({
      notificationId: String(r.notification_id),
      what: r.what as DeliveryForRecord['what'],
      on: String(r.on_date),
    }));
  }

  /** Appended to the record: no longer kept here (each delete stands alone: a repeat is harmless). */
  done(rows: DeliveryForRecord[]): void {
    for (const d of rows) this.db.run('DELETE FROM record_outbox WHERE notification_id = ? AND what = ?', [d.notificationId, d.what]);
  }

  count(): number {
    return Number((this.db.get('SELECT COUNT(*) AS n FROM record_outbox') as Row).n);
  }
}
