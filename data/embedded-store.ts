/**
 * The embedded store: one SQLite file under the data folder (WebAssembly SQLite, so no native build
 * is needed). Holds the notification outbox and the operator's calendar changes.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Database } from 'node-sqlite3-wasm';
import { DirectoryStore } from './directory-store';
import { MailOutbox } from './mail-outbox';
import { DigestOutbox } from './mail-digests';
import { CaseRegister } from './case-register';
import { SignedOutSessions } from './signed-out-sessions';
import { Leases } from './leases';
import { clearLeftLock } from './sqlite-lock';
import { StoreTally, tallyStore } from './store-metrics';

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
-- The metrics' count by kind and state reads this index alone (20 ms at 100,000 notifications, not 170).
CREATE INDEX IF NOT EXISTS notifications_kind_status ON notifications (kind, status);
CREATE TABLE IF NOT EXISTS calendar_changes (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  date        TEXT NOT NULL,
  action      TEXT NOT NULL CHECK (action IN ('add', 'remove')),
  title       TEXT NOT NULL,
  reason      TEXT NOT NULL,
  created_at  TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS review_outcomes (
  cycle_id       TEXT NOT NULL,
  review_number  INTEGER NOT NULL,
  team           TEXT NOT NULL,
  held_on        TEXT NOT NULL,
  due            TEXT NOT NULL,
  on_time        INTEGER NOT NULL,
  participation  TEXT NOT NULL,
  age_at_review  INTEGER NOT NULL,
  PRIMARY KEY (cycle_id, review_number)
);
CREATE INDEX IF NOT EXISTS review_outcomes_held ON review_outcomes (held_on);
CREATE TABLE IF NOT EXISTS open_reviews (
  cycle_id       TEXT PRIMARY KEY,
  child_id       TEXT,
  team           TEXT NOT NULL,
  review_number  INTEGER NOT NULL,
  due            TEXT NOT NULL,
  statutory_due  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS open_reviews_statutory_due ON open_reviews (statutory_due);
CREATE TABLE IF NOT EXISTS disputes (
  dispute_id           TEXT PRIMARY KEY,
  team                 TEXT NOT NULL,
  category             TEXT NOT NULL,
  source               TEXT NOT NULL,
  opened_on            TEXT NOT NULL,
  start_stage          INTEGER NOT NULL,
  stage                INTEGER NOT NULL,
  highest_stage        INTEGER NOT NULL,
  status               TEXT NOT NULL,
  outcome              TEXT,
  resolved_on          TEXT,
  cafcass_referred_on  TEXT,
  breached_on          TEXT
);
CREATE TABLE IF NOT EXISTS audit_log (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  at          TEXT NOT NULL,
  user_id     TEXT NOT NULL,
  roles       TEXT NOT NULL,
  method      TEXT NOT NULL,
  route       TEXT NOT NULL,
  target      TEXT,
  fields      TEXT NOT NULL,
  status      INTEGER NOT NULL,
  outcome     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_log_user ON audit_log (user_id, seq);
CREATE INDEX IF NOT EXISTS audit_log_target ON audit_log (target, seq);
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
  /** When it may be emailed (absent: at once; a digest will hold reminders for the morning). */
  deliverAt?: string | null;
  /** Why it was not emailed as addressed (e.g. a letter, or recorded before delivery was set up). */
  note?: string | null;
}

export interface CalendarChange {
  seq: number;
  date: string;
  action: 'add' | 'remove';
  title: string;
  reason: string;
  createdAt: string;
}

/** A review held, as the L18 indicators need it (no personal details beyond the case id). */
export interface ReviewOutcome {
  cycleId: string;
  reviewNumber: number;
  team: string;
  heldOn: string;
  due: string;
  onTime: boolean;
  participation: string;
  ageAtReview: number;
  /** L18 counts children: the case system's opaque id (absent in rows written before it was kept; the cycle stands in). */
  childId?: string;
  /** L18: a brought-forward review (L6) is late for the indicator only if it missed its statutory date. */
  lateForIndicator?: boolean;
  /** L18: the statutory date of a brought-forward review (absent: `due` is the statutory date). */
  statutoryDue?: string;
}

/** L18: a cycle's review not yet held, so that one due in a year and never held fails the child. */
export interface OpenReview {
  cycleId: string;
  childId?: string;
  team: string;
  reviewNumber: number;
  /** The date it is chased against (earlier when brought forward). */
  due: string;
  /** The date the indicator judges it by. */
  statutoryDue: string;
}

/**
 * An open review to keep, or the cycle ended on `endedOn`: its open review was cancelled with the care
 * (L13), unless it was already overdue by then (that child's review was late and stays counted, L18).
 */
export type OpenReviewRecord = OpenReview | { cycleId: string; ended: true; endedOn?: string };

/** A dispute as the Resolution and Escalation figures need it (no child details). */
export interface DisputeRecord {
  disputeId: string;
  team: string;
  category: string;
  source: string;
  openedOn: string;
  startStage: number;
  stage: number;
  highestStage: number;
  status: string;
  outcome: string | null;
  resolvedOn: string | null;
  cafcassReferredOn: string | null;
  breachedOn: string | null;
}

/** One state-changing request: who, when, what (the route, its target and the fields sent) and how it ended. */
export interface AuditEntry {
  seq: number;
  at: string;
  userId: string;
  roles: string[];
  method: string;
  route: string;
  target: string | null;
  /** Names of the body's fields; their values stay out of the audit log. */
  fields: string[];
  status: number;
  outcome: 'done' | 'refused' | 'failed';
}

type Row = Record<string, unknown>;

export class EmbeddedStore {
  private readonly db: Database;
  /** Who is who (people, teams, mailboxes), the gaps found, and each case's team. */
  readonly directory: DirectoryStore;
  /** The email deliveries of the notifications. */
  readonly mail: MailOutbox;
  /** The morning digests those deliveries are gathered into. */
  readonly digests: DigestOutbox;
  /** Which child (case-system id) and team each case is about, for the emails. */
  readonly cases: CaseRegister;
  /** Browser sessions ended by signing out (the screens). */
  readonly signedOut: SignedOutSessions;
  /** One holder at a time across the processes sharing this file (the mail dispatcher). */
  readonly leases: Leases;

  /**
   * `owner`: this process is the only user of the file (guaranteed by the start-up lock), so a lock
   * left behind by a crashed run can be cleared. The WebAssembly VFS locks with a `<file>.lock` folder.
   * Without it (the separate API and worker processes share the file) only a long-stale lock is.
   */
  constructor(
    readonly path: string,
    opts: { owner?: boolean; readOnly?: boolean } = {},
  ) {
    if (path !== ':memory:' && !opts.readOnly) mkdirSync(dirname(path), { recursive: true });
    if (!opts.readOnly) clearLeftLock(path, !!opts.owner);
    this.db = new Database(path, { readOnly: !!opts.readOnly, fileMustExist: !!opts.readOnly });
    this.db.exec('PRAGMA busy_timeout = 5000;');
    if (!opts.readOnly) {
      this.db.exec(SCHEMA);
      this.addColumns('review_outcomes', { child_id: 'TEXT', late_for_indicator: 'INTEGER', statutory_due: 'TEXT' });
    }
    this.directory = new DirectoryStore(this.db, !!opts.readOnly);
    this.mail = new MailOutbox(this.db, !!opts.readOnly);
    this.digests = new DigestOutbox(this.db, this.mail);
    this.cases = new CaseRegister(this.db, !!opts.readOnly);
    this.signedOut = new SignedOutSessions(this.db, !!opts.readOnly);
    this.leases = new Leases(this.db, !!opts.readOnly);
  }

  /** Columns added after a table was first made (an older store file gets them, empty). */
  private addColumns(table: string, columns: Record<string, string>): void {
    const have = new Set((this.db.all(`PRAGMA table_info(${table})`) as Row[]).map((c) => String(c.name)));
    for (const [name, type] of Object.entries(columns))
      if (!have.has(name)) this.db.exec(`ALTER TABLE ${table} ADD COLUMN ${name} ${type}`);
  }

  /** Records a notification once: a second call with the same id (an activity retry) changes nothing. */
  recordNotification(n: Omit<NotificationRecord, 'createdAt' | 'status'>, now = new Date()): boolean {
    const r = this.db.run(
      `INSERT OR IGNORE INTO notifications (id, recipient, case_id, rule, kind, subject, body, due_date, created_at, deliver_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [n.id, n.recipient, n.caseId, n.rule, n.kind, n.subject, n.body, n.dueDate, now.toISOString(), n.deliverAt ?? now.toISOString()],
    );
    return r.changes === 1;
  }

  notification(id: string): NotificationRecord | undefined {
    const r = this.db.get('SELECT * FROM notifications WHERE id = ?', [id]) as Row | null;
    return r ? toNotification(r) : undefined;
  }

  notifications(filter: { recipient?: string; caseId?: string; status?: string; limit?: number }): NotificationRecord[] {
    const where: string[] = [];
    const params: string[] = [];
    if (filter.status) {
      where.push('status = ?');
      params.push(filter.status);
    }
    if (filter.recipient) {
      where.push('recipient = ?');
      params.push(filter.recipient);
    }
    if (filter.caseId) {
      where.push('case_id = ?');
      params.push(filter.caseId);
    }
    const sql = `SELECT * FROM notifications ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
                 ORDER BY created_at, id LIMIT ${Math.max(1, Math.min(filter.limit ?? 500, 5000))}`;
    return (this.db.all(sql, params) as Row[]).map(toNotification);
  }

  addCalendarChange(c: Omit<CalendarChange, 'seq' | 'createdAt'>, now = new Date()): CalendarChange {
    const r = this.db.run('INSERT INTO calendar_changes (date, action, title, reason, created_at) VALUES (?, ?, ?, ?, ?)', [
      c.date,
      c.action,
      c.title,
      c.reason,
      now.toISOString(),
    ]);
    return { ...c, seq: Number(r.lastInsertRowid), createdAt: now.toISOString() };
  }

  /** The sequence number of the latest calendar change (0: none), a cheap test of whether any was made. */
  lastCalendarChange(): number {
    return Number((this.db.get('SELECT COALESCE(MAX(seq), 0) AS seq FROM calendar_changes') as Row).seq);
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

  recordReviewOutcome(o: ReviewOutcome): void {
    // The review is held: it is no longer open (a later one the cycle already recorded stays).
    this.db.run('DELETE FROM open_reviews WHERE cycle_id = ? AND review_number <= ?', [o.cycleId, o.reviewNumber]);
    this.db.run(
      `INSERT OR REPLACE INTO review_outcomes (cycle_id, review_number, team, held_on, due, on_time, participation, age_at_review, child_id, late_for_indicator, statutory_due)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        o.cycleId,
        o.reviewNumber,
        o.team,
        o.heldOn,
        o.due,
        o.onTime ? 1 : 0,
        o.participation,
        o.ageAtReview,
        o.childId ?? null,
        o.lateForIndicator === undefined ? null : o.lateForIndicator ? 1 : 0,
        o.statutoryDue ?? null,
      ],
    );
  }

  /** The cycle's open review (one per cycle, the latest wins; idempotent); an ended cycle has none. */
  recordOpenReview(o: OpenReviewRecord): void {
    if ('ended' in o) {
      if (o.endedOn) this.db.run('DELETE FROM open_reviews WHERE cycle_id = ? AND statutory_due >= ?', [o.cycleId, o.endedOn]);
      else this.db.run('DELETE FROM open_reviews WHERE cycle_id = ?', [o.cycleId]);
      return;
    }
    // Recorded late (an activity retried after the review was held): a held review does not reopen.
    const held = this.db.get('SELECT 1 AS held FROM review_outcomes WHERE cycle_id = ? AND review_number = ?', [o.cycleId, o.reviewNumber]);
    if (held) return;
    this.db.run(
      `INSERT INTO open_reviews (cycle_id, child_id, team, review_number, due, statutory_due) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (cycle_id) DO UPDATE SET child_id = excluded.child_id, team = excluded.team, review_number = excluded.review_number,
         due = excluded.due, statutory_due = excluded.statutory_due WHERE excluded.review_number >= open_reviews.review_number`,
      [o.cycleId, o.childId ?? null, o.team, o.reviewNumber, o.due, o.statutoryDue],
    );
  }

  /** Open reviews whose statutory date falls from `from` to `to` inclusive, optionally for one team. */
  openReviews(from: string, to: string, team?: string): OpenReview[] {
    const rows = this.db.all(
      `SELECT * FROM open_reviews WHERE statutory_due >= ? AND statutory_due <= ? ${team ? 'AND team = ?' : ''} ORDER BY statutory_due, cycle_id`,
      team ? [from, to, team] : [from, to],
    ) as Row[];
    return rows.map((r) => ({
      cycleId: String(r.cycle_id),
      ...(r.child_id === null || r.child_id === undefined ? {} : { childId: String(r.child_id) }),
      team: String(r.team),
      reviewNumber: Number(r.review_number),
      due: String(r.due),
      statutoryDue: String(r.statutory_due),
    }));
  }

  /** Reviews due (by their statutory date) from `from` to `to` but held after `to`: not held by the year's end. */
  reviewsHeldAfterYearEnd(from: string, to: string, team?: string): ReviewOutcome[] {
    return this.outcomes(
      `COALESCE(statutory_due, due) >= ? AND COALESCE(statutory_due, due) <= ? AND held_on > ?`,
      team ? [from, to, to, team] : [from, to, to],
      team,
    );
  }

  /** Reviews held from `from` to `to` inclusive, optionally for one team. */
  reviewOutcomes(from: string, to: string, team?: string): ReviewOutcome[] {
    return this.outcomes('held_on >= ? AND held_on <= ?', team ? [from, to, team] : [from, to], team);
  }

  private outcomes(where: string, params: string[], team?: string): ReviewOutcome[] {
    const rows = this.db.all(
      `SELECT * FROM review_outcomes WHERE ${where} ${team ? 'AND team = ?' : ''} ORDER BY held_on, cycle_id`,
      params,
    ) as Row[];
    return rows.map((r) => ({
      cycleId: String(r.cycle_id),
      reviewNumber: Number(r.review_number),
      team: String(r.team),
      heldOn: String(r.held_on),
      due: String(r.due),
      onTime: Number(r.on_time) === 1,
      participation: String(r.participation),
      ageAtReview: Number(r.age_at_review),
      ...(r.child_id === null || r.child_id === undefined ? {} : { childId: String(r.child_id) }),
      ...(r.late_for_indicator === null || r.late_for_indicator === undefined
        ? {}
        : { lateForIndicator: Number(r.late_for_indicator) === 1 }),
      ...(r.statutory_due === null || r.statutory_due === undefined ? {} : { statutoryDue: String(r.statutory_due) }),
    }));
  }

  recordDispute(d: DisputeRecord): void {
    this.db.run(
      `INSERT OR REPLACE INTO disputes (dispute_id, team, category, source, opened_on, start_stage, stage, highest_stage, status, outcome, resolved_on, cafcass_referred_on, breached_on)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        d.disputeId,
        d.team,
        d.category,
        d.source,
        d.openedOn,
        d.startStage,
        d.stage,
        d.highestStage,
        d.status,
        d.outcome,
        d.resolvedOn,
        d.cafcassReferredOn,
        d.breachedOn,
      ],
    );
  }

  /** Disputes opened from `from` to `to` inclusive. */
  disputes(from: string, to: string): DisputeRecord[] {
    return (
      this.db.all('SELECT * FROM disputes WHERE opened_on >= ? AND opened_on <= ? ORDER BY opened_on, dispute_id', [from, to]) as Row[]
    ).map((r) => ({
      disputeId: String(r.dispute_id),
      team: String(r.team),
      category: String(r.category),
      source: String(r.source),
      openedOn: String(r.opened_on),
      startStage: Number(r.start_stage),
      stage: Number(r.stage),
      highestStage: Number(r.highest_stage),
      status: String(r.status),
      outcome: r.outcome == null ? null : String(r.outcome),
      resolvedOn: r.resolved_on == null ? null : String(r.resolved_on),
      cafcassReferredOn: r.cafcass_referred_on == null ? null : String(r.cafcass_referred_on),
      breachedOn: r.breached_on == null ? null : String(r.breached_on),
    }));
  }

  recordAudit(e: Omit<AuditEntry, 'seq'>): void {
    this.db.run(
      'INSERT INTO audit_log (at, user_id, roles, method, route, target, fields, status, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [e.at, e.userId, e.roles.join(','), e.method, e.route, e.target, e.fields.join(','), e.status, e.outcome],
    );
  }

  audit(filter: { userId?: string; target?: string; afterSeq?: number; limit?: number } = {}): AuditEntry[] {
    const where: string[] = ['seq > ?'];
    const params: (string | number)[] = [filter.afterSeq ?? 0];
    if (filter.userId) {
      where.push('user_id = ?');
      params.push(filter.userId);
    }
    if (filter.target) {
      where.push('target = ?');
      params.push(filter.target);
    }
    const sql = `SELECT * FROM audit_log WHERE ${where.join(' AND ')} ORDER BY seq LIMIT ${Math.max(1, Math.min(filter.limit ?? 500, 5000))}`;
    return (this.db.all(sql, params) as Row[]).map((r) => ({
      seq: Number(r.seq),
      at: String(r.at),
      userId: String(r.user_id),
      roles: String(r.roles).split(',').filter(Boolean),
      method: String(r.method),
      route: String(r.route),
      target: r.target == null ? null : String(r.target),
      fields: String(r.fields).split(',').filter(Boolean),
      status: Number(r.status),
      outcome: r.outcome as AuditEntry['outcome'],
    }));
  }

  /** Row counts of the business tables (the fuzz test checks bad requests change none). */
  counts(): { notifications: number; calendarChanges: number; reviewOutcomes: number; disputes: number; directoryRevision: number } {
    const n = (t: string) => Number((this.db.get(`SELECT COUNT(*) AS n FROM ${t}`) as Row).n);
    return {
      notifications: n('notifications'),
      calendarChanges: n('calendar_changes'),
      reviewOutcomes: n('review_outcomes'),
      disputes: n('disputes'),
      directoryRevision: this.directory.revision(),
    };
  }

  /** Notifications and deliveries by state, disputes past 20 working days: the metrics' gauges (store-metrics.ts). */
  tally(): StoreTally {
    return tallyStore(this.db);
  }

  /** A trivial query, for /ready: throws if the file cannot be read. */
  ping(): void {
    this.db.get('SELECT 1 AS one FROM notifications LIMIT 1');
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
    deliverAt: r.deliver_at == null ? null : String(r.deliver_at),
    note: r.note == null ? null : String(r.note),
  };
}
