/**
 * Email deliveries: one row per notification and recipient, keyed by both, so a notification is
 * emailed to a person at most once however often it is resolved. Each attempt is recorded (and
 * committed) before the email leaves; a row found mid-send after a restart is the crash window.
 *
 * A notification is `pending` until the dispatcher resolves its address (when its `deliver_at`
 * comes), then `sending`, then `sent` (every recipient has it) or `failed` (one was refused for
 * good); a letter to a family is `not-emailed`.
 */
import { Database } from 'node-sqlite3-wasm';
import { DeliveryRecordOutbox } from './record/delivery-outbox';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS deliveries (
  notification_id  TEXT NOT NULL,
  email            TEXT NOT NULL,
  name             TEXT NOT NULL,
  note             TEXT,
  message_id       TEXT NOT NULL,
  status           TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  interrupted      INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  TEXT NOT NULL,
  last_attempt_at  TEXT,
  last_error       TEXT,
  sent_at          TEXT,
  provider_id      TEXT,
  transport        TEXT,
  PRIMARY KEY (notification_id, email)
);
CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (status, next_attempt_at);
`;

/** Added with digests (an older store gets them, empty: every row it has was sent on its own). */
const DIGEST_COLUMNS = { digest_at: 'TEXT', digest_id: 'TEXT' };

/** Notifications already waiting when delivery was first set up are sent if this recent; older ones are marked not sent. */
export const MIGRATION_HORIZON_DAYS = 7;

export interface Delivery {
  notificationId: string;
  email: string;
  name: string;
  /** e.g. "no recipient for team-manager:south-9" (sent to the IRO unit manager instead). */
  note: string | null;
  messageId: string;
  status: 'queued' | 'sending' | 'sent' | 'failed';
  attempts: number;
  /** Times a restart found it mid-send (each may have been a resend). */
  interrupted: number;
  nextAttemptAt: string;
  lastAttemptAt: string | null;
  lastError: string | null;
  sentAt: string | null;
  providerId: string | null;
  transport: string | null;
  /** Waits for the recipient's morning digest due at this time (null: sent on its own). */
  digestAt: string | null;
  /** The digest that carries it, fixed before that digest is first sent (its Message-ID is then the digest's). */
  digestId: string | null;
}

export interface PlannedDelivery {
  email: string;
  name: string;
  note: string | null;
  messageId: string;
  /** For the morning digest due then, instead of at once. */
  digestAt?: Date;
}

export type Row = Record<string, unknown>;
const str = (v: unknown) => (v == null ? null : String(v));

export function toDelivery(r: Row): Delivery {
  return {
    notificationId: String(r.notification_id),
    email: String(r.email),
    name: String(r.name),
    note: str(r.note),
    messageId: String(r.message_id),
    status: r.status as Delivery['status'],
    attempts: Number(r.attempts),
    interrupted: Number(r.interrupted),
    nextAttemptAt: String(r.next_attempt_at),
    lastAttemptAt: str(r.last_attempt_at),
    lastError: str(r.last_error),
    sentAt: str(r.sent_at),
    providerId: str(r.provider_id),
    transport: str(r.transport),
    digestAt: str(r.digest_at),
    digestId: str(r.digest_id),
  };
}

export class MailOutbox {
  /**
   * Set by the dispatcher when there is a statutory record: each notification whose delivery ends
   * leaves a row in `forRecord` in the same transaction, so its fact reaches the record even if the
   * record is down at that moment (a transactional outbox).
   */
  keepForRecord = false;
  readonly forRecord: DeliveryRecordOutbox;

  constructor(
    private readonly db: Database,
    readOnly = false,
    now = new Date(),
  ) {
    this.forRecord = new DeliveryRecordOutbox(db, readOnly);
    if (readOnly) return;
    db.exec(SCHEMA);
    const cols = new Set((db.all('PRAGMA table_info(deliveries)') as Row[]).map((c) => String(c.name)));
    for (const [name, type] of Object.entries(DIGEST_COLUMNS))
      if (!cols.has(name)) db.exec(`ALTER TABLE deliveries ADD COLUMN ${name} ${type}`);
    const have = new Set((db.all('PRAGMA table_info(notifications)') as Row[]).map((c) => String(c.name)));
    if (!have.has('note')) db.exec('ALTER TABLE notifications ADD COLUMN note TEXT');
    if (!have.has('deliver_at')) {
      db.exec('ALTER TABLE notifications ADD COLUMN deliver_at TEXT');
      const horizon = new Date(now.getTime() - MIGRATION_HORIZON_DAYS * 86_400_000).toISOString();
      db.run(`UPDATE notifications SET deliver_at = created_at WHERE status = 'pending' AND created_at >= ?`, [horizon]);
      db.run(
        `UPDATE notifications SET status = 'not-sent', note = 'recorded before email delivery was set up, more than ${MIGRATION_HORIZON_DAYS} days earlier'
         WHERE status = 'pending' AND deliver_at IS NULL`,
      );
    }
    db.exec('CREATE INDEX IF NOT EXISTS notifications_due ON notifications (status, deliver_at)');
  }

  tx<T>(fn: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const r = fn();
      this.db.exec('COMMIT');
      return r;
    } catch (e) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw e;
    }
  }

  /** Ids of notifications whose time to be sent has come and whose recipients are not yet known. */
  dueNotifications(now: Date, limit = 100): string[] {
    return (
      this.db.all(`SELECT id FROM notifications WHERE status = 'pending' AND deliver_at <= ? ORDER BY deliver_at, id LIMIT ?`, [
        now.toISOString(),
        limit,
      ]) as Row[]
    ).map((r) => String(r.id));
  }

  /** The notification's recipients, fixed once: its deliveries are queued and it is `sending`. */
  plan(notificationId: string, deliveries: PlannedDelivery[], now: Date): void {
    this.tx(() => {
      for (const d of deliveries)
        this.db.run(
          `INSERT OR IGNORE INTO deliveries (notification_id, email, name, note, message_id, next_attempt_at, digest_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
          [notificationId, d.email, d.name, d.note, d.messageId, (d.digestAt ?? now).toISOString(), d.digestAt?.toISOString() ?? null],
        );
      this.db.run(`UPDATE notifications SET status = 'sending' WHERE id = ? AND status = 'pending'`, [notificationId]);
    });
  }

  /** Not sent by email, with why (shown in the outbox). */
  notEmailed(notificationId: string, note: string): void {
    this.db.run(`UPDATE notifications SET status = 'not-emailed', note = ? WHERE id = ? AND status = 'pending'`, [note, notificationId]);
  }

  /** Deliveries sent on their own whose time has come (a digest's are sent by mail-digests.ts). */
  dueDeliveries(now: Date, limit = 50): Delivery[] {
    return (
      this.db.all(
        `SELECT * FROM deliveries WHERE status = 'queued' AND digest_at IS NULL AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?`,
        [now.toISOString(), limit],
      ) as Row[]
    ).map(toDelivery);
  }

  /** Records the attempt before the email leaves (committed): false if another took it first. */
  claim(d: Delivery, transport: string, now: Date): boolean {
    const r = this.db.run(
      `UPDATE deliveries SET status = 'sending', attempts = attempts + 1, last_attempt_at = ?, transport = ?
       WHERE notification_id = ? AND email = ? AND status = 'queued'`,
      [now.toISOString(), transport, d.notificationId, d.email],
    );
    return r.changes === 1;
  }

  sent(d: Delivery, providerId: string | null, now: Date): void {
    this.tx(() => {
      this.db.run(
        `UPDATE deliveries SET status = 'sent', sent_at = ?, provider_id = ?, last_error = NULL WHERE notification_id = ? AND email = ?`,
        [now.toISOString(), providerId, d.notificationId, d.email],
      );
      this.settle(d.notificationId, now);
    });
  }

  retry(d: Delivery, error: string, next: Date): void {
    this.db.run(`UPDATE deliveries SET status = 'queued', last_error = ?, next_attempt_at = ? WHERE notification_id = ? AND email = ?`, [
      error.slice(0, 1000),
      next.toISOString(),
      d.notificationId,
      d.email,
    ]);
  }

  failed(d: Delivery, error: string, now = new Date()): void {
    this.tx(() => {
      this.db.run(`UPDATE deliveries SET status = 'failed', last_error = ? WHERE notification_id = ? AND email = ?`, [
        error.slice(0, 1000),
        d.notificationId,
        d.email,
      ]);
      this.settle(d.notificationId, now);
    });
  }

  /** Deliveries a stopped process left mid-send: the server may or may not have accepted them. */
  interruptedDeliveries(): Delivery[] {
    return (this.db.all(`SELECT * FROM deliveries WHERE status = 'sending' AND digest_id IS NULL`) as Row[]).map(toDelivery);
  }

  /** Back in the queue after a restart (counted: each may become a second copy). */
  requeue(d: Delivery, now: Date): void {
    this.db.run(
      `UPDATE deliveries SET status = 'queued', interrupted = interrupted + 1, next_attempt_at = ? WHERE notification_id = ? AND email = ? AND status = 'sending'`,
      [now.toISOString(), d.notificationId, d.email],
    );
  }

  /** The notification's status from its deliveries: sent, failed, or still sending. */
  settle(notificationId: string, now = new Date()): void {
    const r = this.db.get(
      `SELECT SUM(status IN ('queued', 'sending')) AS open, SUM(status = 'failed') AS failed FROM deliveries WHERE notification_id = ?`,
      [notificationId],
    ) as Row;
    if (Number(r.open) > 0) return;
    const status = Number(r.failed) > 0 ? 'failed' : 'sent';
    const changed = this.db.run(`UPDATE notifications SET status = ? WHERE id = ? AND status <> ?`, [
      status,
      notificationId,
      status,
    ]).changes;
    if (changed && this.keepForRecord) this.forRecord.keep(notificationId, status === 'sent' ? 'delivered' : 'failed', now);
  }

  deliveriesOf(notificationIds: string[]): Map<string, Delivery[]> {
    const out = new Map<string, Delivery[]>();
    for (let i = 0; i < notificationIds.length; i += 500) {
      const ids = notificationIds.slice(i, i + 500);
      const rows = this.db.all(
        `SELECT * FROM deliveries WHERE notification_id IN (${ids.map(() => '?').join(',')}) ORDER BY notification_id, email`,
        ids,
      ) as Row[];
      for (const d of rows.map(toDelivery)) out.set(d.notificationId, [...(out.get(d.notificationId) ?? []), d]);
    }
    return out;
  }

  /** When there is next something to do (a notification coming due or a retry), if ever. */
  nextDue(): string | undefined {
    const r = this.db.get(
      `SELECT MIN(t) AS t FROM (SELECT MIN(deliver_at) AS t FROM notifications WHERE status = 'pending'
         UNION ALL SELECT MIN(next_attempt_at) FROM deliveries WHERE status = 'queued')`,
    ) as Row;
    return r.t == null ? undefined : String(r.t);
  }

  count(): number {
    return Number((this.db.get('SELECT COUNT(*) AS n FROM deliveries') as Row).n);
  }
}
