/**
 * The directory as the store keeps it (one document, revised by the file at start or the API), the
 * gaps found when a notification's address resolved to nobody, and each case's team as the
 * notifications and reporting rows have shown it (so `service-manager` reaches the team's own).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Database } from 'node-sqlite3-wasm';
import { Directory, checkDirectory, resolveAddress } from './directory';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS directory (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  document    TEXT NOT NULL,
  revision    INTEGER NOT NULL,
  source      TEXT NOT NULL,
  file_hash   TEXT,
  updated_at  TEXT NOT NULL,
  updated_by  TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS directory_gaps (
  address               TEXT PRIMARY KEY,
  first_seen            TEXT NOT NULL,
  last_seen             TEXT NOT NULL,
  notifications         INTEGER NOT NULL,
  last_notification_id  TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS case_teams (
  case_id     TEXT PRIMARY KEY,
  team        TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
`;

export interface StoredDirectory {
  directory: Directory;
  revision: number;
  /** `file <path>` or `api`. */
  source: string;
  updatedAt: string;
  updatedBy: string;
}

export interface DirectoryGap {
  address: string;
  firstSeen: string;
  lastSeen: string;
  /** Notifications sent to the IRO unit manager instead. */
  notifications: number;
  lastNotificationId: string;
  /** Whether the directory as it is now would resolve it (the gap has been filled). */
  filled: boolean;
}

/** A directory file that cannot be used: names the file and the field. */
export class DirectoryFileError extends Error {}

/** Reads and checks the file CARE_REVIEWS_DIRECTORY names; throws naming the path and the field. */
export function readDirectoryFile(path: string): { directory: Directory; hash: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new DirectoryFileError(`directory file ${path}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new DirectoryFileError(`directory file ${path}: not JSON (${(e as Error).message})`);
  }
  const checked = checkDirectory(json);
  if (!checked.ok) throw new DirectoryFileError(`directory file ${path}: ${checked.message}`);
  return { directory: checked.directory, hash: createHash('sha256').update(text).digest('hex') };
}

type Row = Record<string, unknown>;

export class DirectoryStore {
  constructor(
    private readonly db: Database,
    readOnly = false,
  ) {
    if (!readOnly) db.exec(SCHEMA);
  }

  current(): StoredDirectory | undefined {
    const r = this.db.get('SELECT * FROM directory WHERE id = 1') as Row | null;
    if (!r) return undefined;
    return {
      directory: JSON.parse(String(r.document)) as Directory,
      revision: Number(r.revision),
      source: String(r.source),
      updatedAt: String(r.updated_at),
      updatedBy: String(r.updated_by),
    };
  }

  revision(): number {
    return this.current()?.revision ?? 0;
  }

  /**
   * The file given at start replaces the directory when its content differs from the file last
   * imported; otherwise the directory (with any changes made through the API since) stays.
   */
  importFile(directory: Directory, hash: string, path: string, now = new Date()): boolean {
    const last = this.db.get('SELECT file_hash FROM directory WHERE id = 1') as Row | null;
    if (last && last.file_hash === hash) return false;
    this.write(directory, `file ${path}`, 'directory-file', hash, now);
    return true;
  }

  /** A change made through the API (already checked whole). */
  replace(directory: Directory, by: string, now = new Date()): StoredDirectory {
    const hash = (this.db.get('SELECT file_hash FROM directory WHERE id = 1') as Row | null)?.file_hash;
    this.write(directory, 'api', by, hash == null ? null : String(hash), now);
    return this.current()!;
  }

  private write(directory: Directory, source: string, by: string, hash: string | null, now: Date): void {
    this.db.run(
      `INSERT INTO directory (id, document, revision, source, file_hash, updated_at, updated_by) VALUES (1, ?, 1, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET document = excluded.document, revision = directory.revision + 1, source = excluded.source,
         file_hash = excluded.file_hash, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      [JSON.stringify(directory), source, hash, now.toISOString(), by],
    );
  }

  recordGap(address: string, notificationId: string, now = new Date()): void {
    this.db.run(
      `INSERT INTO directory_gaps (address, first_seen, last_seen, notifications, last_notification_id) VALUES (?, ?, ?, 1, ?)
       ON CONFLICT (address) DO UPDATE SET last_seen = excluded.last_seen, notifications = directory_gaps.notifications + 1,
         last_notification_id = excluded.last_notification_id`,
      [address, now.toISOString(), now.toISOString(), notificationId],
    );
  }

  /** Every address that resolved to nobody, latest first, with whether the directory now fills it. */
  gaps(): DirectoryGap[] {
    const d = this.current()?.directory;
    return (this.db.all('SELECT * FROM directory_gaps ORDER BY last_seen DESC, address') as Row[]).map((r) => ({
      address: String(r.address),
      firstSeen: String(r.first_seen),
      lastSeen: String(r.last_seen),
      notifications: Number(r.notifications),
      lastNotificationId: String(r.last_notification_id),
      // A team-dependent address (service-manager) is judged without a case: the mailbox fills it.
      filled: d ? resolveAddress(d, String(r.address)).kind === 'to' : false,
    }));
  }

  /** The team a case belongs to, as last seen (a child's team can change). */
  noteCaseTeam(caseId: string, team: string, now = new Date()): void {
    this.db.run(
      `INSERT INTO case_teams (case_id, team, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (case_id) DO UPDATE SET team = excluded.team, updated_at = excluded.updated_at WHERE case_teams.team <> excluded.team`,
      [caseId, team, now.toISOString()],
    );
  }

  caseTeam(caseId: string): string | undefined {
    const r = this.db.get('SELECT team FROM case_teams WHERE case_id = ?', [caseId]) as Row | null;
    return r ? String(r.team) : undefined;
  }
}
