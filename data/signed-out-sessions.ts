/**
 * Sessions ended by signing out. A session is a sealed cookie (web/session.ts), so signing out
 * must also be remembered here: a copy of the cookie taken before sign-out is refused until it
 * would have expired anyway. Opaque random session ids only.
 */
import { Database } from 'node-sqlite3-wasm';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS signed_out_sessions (
  sid    TEXT PRIMARY KEY,
  until  INTEGER NOT NULL
);
`;

export class SignedOutSessions {
  constructor(
    private readonly db: Database,
    readOnly = false,
  ) {
    if (!readOnly) db.exec(SCHEMA);
  }

  /** Signed out: refused until `until` (epoch ms, the session's own expiry); old entries are dropped. */
  add(sid: string, until: number, now = Date.now()): void {
    this.db.run('DELETE FROM signed_out_sessions WHERE until < ?', [now]);
    this.db.run('INSERT OR REPLACE INTO signed_out_sessions (sid, until) VALUES (?, ?)', [sid, until]);
  }

  has(sid: string): boolean {
    return this.db.get('SELECT 1 AS x FROM signed_out_sessions WHERE sid = ?', [sid]) !== null;
  }
}
