/**
 * The embedded store: one SQLite file under the data folder (WebAssembly SQLite, so no native build
 * is needed). Holds the notification outbox and the operator's calendar changes.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { Database } from 'node-sqlite3-wasm';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS notifications (
  id          TEXT PRIMARY KEY,
  recipient   TEXT NOT NULL,
  case_id     TEXT NOT NULL,
  rule        TEXT NOT NULL,
  kind        TEXT NOT NULL,
  subject     TEXT NOT NULL,
  body        TEXT NOT NULL,
  due_date    TEXT,
  created_at  TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'pending'
);
CREATE INDEX IF NOT EXISTS notifications_recipient ON notifications (recipient, created_at);
CREATE INDEX IF NOT EXISTS notifications_case ON notifications (case_id, created_at);
CREATE TABLE IF NOT EXISTS calendar_changes (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  date        TEXT NOT NULL,
  action      TEXT NOT NULL CHECK (action IN ('add', 'remove')),
  title       TEXT NOT NULL,
  reason      TEXT NOT NULL,
  created_at  TEXT NOT NULL
);
`;

export interface NotificationRecord {
  id: string;
  recipient: string;
  caseId: string;
  rule: string;
  kind: string;
  subject: string;
  body: string;
  dueDate: string | null;
  createdAt: string;
  status: string;
}

export interface CalendarChange {
  seq: number;
  date: string;
  action: 'add' | 'remove';
  title: string;
  reason: string;
  createdAt: string;
}

type Row = Record<string, unknown>;

export class EmbeddedStore {
  private readonly db: Database;

  /**
   * `owner`: this process is the only user of the file (guaranteed by the start-up lock), so a lock
   * left behind by a crashed run can be cleared. The WebAssembly VFS locks with a `<file>.lock` folder.
   */
  constructor(readonly path: string, opts: { owner?: boolean; readOnly?: boolean } = {}) {
    if (path !== ':memory:' && !opts.readOnly) mkdirSync(dirname(path), { recursive: true });
    if (opts.owner && path !== ':memory:') rmSync(`${path}.lock`, { recursive: true, force: true });
    this.db = new Database(path, { readOnly: !!opts.readOnly, fileMustExist: !!opts.readOnly });
    this.db.exec('PRAGMA busy_timeout = 5000;');
    if (!opts.readOnly) this.db.exec(SCHEMA);
  }

  /** Records a notification once: a second call with the same id (an activity retry) changes nothing. */
  recordNotification(n: Omit<NotificationRecord, 'createdAt' | 'status'>, now = new Date()): boolean {
    const r = this.db.run(
      `INSERT OR IGNORE INTO notifications (id, recipient, case_id, rule, kind, subject, body, due_date, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [n.id, n.recipient, n.caseId, n.rule, n.kind, n.subject, n.body, n.dueDate, now.toISOString()],
    );
    return r.changes === 1;
  }

  notifications(filter: { recipient?: string; caseId?: string; limit?: number }): NotificationRecord[] {
    const where: string[] = [];
    const params: string[] = [];
    if (filter.recipient) { where.push('recipient = ?'); params.push(filter.recipient); }
    if (filter.caseId) { where.push('case_id = ?'); params.push(filter.caseId); }
    const sql = `SELECT * FROM notifications ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
                 ORDER BY created_at, id LIMIT ${Math.max(1, Math.min(filter.limit ?? 500, 5000))}`;
    return (this.db.all(sql, params) as Row[]).map(toNotification);
  }

  addCalendarChange(c: Omit<CalendarChange, 'seq' | 'createdAt'>, now = new Date()): CalendarChange {
    const r = this.db.run(
      'INSERT INTO calendar_changes (date, action, title, reason, created_at) VALUES (?, ?, ?, ?, ?)',
      [c.date, c.action, c.title, c.reason, now.toISOString()],
    );
    return { ...c, seq: Number(r.lastInsertRowid), createdAt: now.toISOString() };
  }

  calendarChanges(): CalendarChange[] {
    return (this.db.all('SELECT * FROM calendar_changes ORDER BY seq') as Row[]).map((r) => ({
      seq: Number(r.seq),
      date: String(r.date),
      action: r.action as 'add' | 'remove',
      title: String(r.title),
      reason: String(r.reason),
      createdAt: String(r.created_at),
    }));
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }
}

function toNotification(r: Row): NotificationRecord {
  return {
    id: String(r.id),
    recipient: String(r.recipient),
    caseId: String(r.case_id),
    rule: String(r.rule),
    kind: String(r.kind),
    subject: String(r.subject),
    body: String(r.body),
    dueDate: r.due_date == null ? null : String(r.due_date),
    createdAt: String(r.created_at),
    status: String(r.status),
  };
}
