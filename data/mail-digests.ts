/**
 * Morning digests: a person's reminders gathered into one email. Each delivery row waiting for a
 * digest has its `digest_at`; when that time comes the rows of one recipient are bound to one
 * digest (its id and Message-ID recorded on every row it carries, committed before the email
 * leaves), sent as one email, and marked sent together. A digest interrupted by a crash is sent
 * again with the same rows and the same Message-ID; a row arriving after its digest was bound
 * waits for the next one.
 */
import { Database } from 'node-sqlite3-wasm';
import { Delivery, MailOutbox, Row, toDelivery } from './mail-outbox';

export interface Digest {
  /** `digest/<London date>/<email>` (a second digest the same day ends `/2`). */
  id: string;
  email: string;
  messageId: string;
  rows: Delivery[];
}

export class DigestOutbox {
  constructor(
    private readonly db: Database,
    private readonly mail: MailOutbox,
  ) {}

  /** Recipients with digest rows due: those not yet in a digest, and digests waiting to be sent again. */
  due(now: Date): { fresh: string[]; again: string[] } {
    const at = now.toISOString();
    const q = (bound: boolean) =>
      (
        this.db.all(
          `SELECT DISTINCT ${bound ? 'digest_id' : 'email'} AS k FROM deliveries WHERE status = 'queued' AND digest_at IS NOT NULL
           AND digest_id IS ${bound ? 'NOT NULL' : 'NULL'} AND next_attempt_at <= ? ORDER BY k`,
          [at],
        ) as Row[]
      ).map((r) => String(r.k));
    return { fresh: q(false), again: q(true) };
  }

  /**
   * Binds the recipient's due rows to a new digest and records the attempt, in one commit: from
   * here the digest's rows and Message-ID are fixed. Undefined if there was nothing to bind.
   */
  bind(email: string, date: string, messageIdOf: (digestId: string) => string, transport: string, now: Date): Digest | undefined {
    return this.mail.tx(() => {
      const base = `digest/${date}/${email.toLowerCase()}`;
      let id = base;
      for (let n = 2; this.db.get('SELECT 1 AS x FROM deliveries WHERE digest_id = ? LIMIT 1', [id]); n++) id = `${base}/${n}`;
      const messageId = messageIdOf(id);
      const r = this.db.run(
        `UPDATE deliveries SET digest_id = ?, message_id = ?, status = 'sending', attempts = attempts + 1, last_attempt_at = ?, transport = ?
         WHERE email = ? AND status = 'queued' AND digest_at IS NOT NULL AND digest_id IS NULL AND next_attempt_at <= ?`,
        [id, messageId, now.toISOString(), transport, email, now.toISOString()],
      );
      return r.changes > 0 ? { id, email, messageId, rows: this.rows(id) } : undefined;
    });
  }

  /** A bound digest due to be sent again: its attempt recorded (false if another took it). */
  claim(id: string, transport: string, now: Date): Digest | undefined {
    const r = this.db.run(
      `UPDATE deliveries SET status = 'sending', attempts = attempts + 1, last_attempt_at = ?, transport = ? WHERE digest_id = ? AND status = 'queued'`,
      [now.toISOString(), transport, id],
    );
    return r.changes > 0 ? this.digest(id) : undefined;
  }

  /** The rows a digest carries (every row keeps the digest's Message-ID). */
  rows(id: string): Delivery[] {
    return (this.db.all('SELECT * FROM deliveries WHERE digest_id = ? ORDER BY notification_id', [id]) as Row[]).map(toDelivery);
  }

  digest(id: string): Digest | undefined {
    const rows = this.rows(id);
    return rows.length ? { id, email: rows[0].email, messageId: rows[0].messageId, rows } : undefined;
  }

  /** Digests a stopped process left mid-send. */
  interrupted(): string[] {
    return (
      this.db.all(`SELECT DISTINCT digest_id AS k FROM deliveries WHERE status = 'sending' AND digest_id IS NOT NULL ORDER BY k`) as Row[]
    ).map((r) => String(r.k));
  }

  sent(id: string, providerId: string | null, now: Date): void {
    this.settleAll(id, now, () =>
      this.db.run(`UPDATE deliveries SET status = 'sent', sent_at = ?, provider_id = ?, last_error = NULL WHERE digest_id = ?`, [
        now.toISOString(),
        providerId,
        id,
      ]),
    );
  }

  retry(id: string, error: string, next: Date): void {
    this.db.run(`UPDATE deliveries SET status = 'queued', last_error = ?, next_attempt_at = ? WHERE digest_id = ? AND status = 'sending'`, [
      error.slice(0, 1000),
      next.toISOString(),
      id,
    ]);
  }

  /** Back in the queue after a restart, still bound: it is sent again as the same digest. */
  requeue(id: string, now: Date): void {
    this.db.run(
      `UPDATE deliveries SET status = 'queued', interrupted = interrupted + 1, next_attempt_at = ? WHERE digest_id = ? AND status = 'sending'`,
      [now.toISOString(), id],
    );
  }

  failed(id: string, error: string, now = new Date()): void {
    this.settleAll(id, now, () =>
      this.db.run(`UPDATE deliveries SET status = 'failed', last_error = ? WHERE digest_id = ?`, [error.slice(0, 1000), id]),
    );
  }

  private settleAll(id: string, now: Date, change: () => void): void {
    const ids = this.rows(id).map((d) => d.notificationId);
    this.mail.tx(() => {
      change();
      for (const n of ids) this.mail.settle(n, now);
    });
  }
}
