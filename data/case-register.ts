/**
 * Which child each case is about, for the emails: the case system's child id, the team and the
 * case kind, written by the API when a case is started. The workflows' notifications carry only
 * the case id; a case started before this register was kept is filled lazily from what the store
 * already has (the L18 rows of a cycle carry its child id and team; a dispute a cycle opened is
 * that cycle's child; a case's team as its notifications showed it). Opaque ids only, no names.
 */
import { Database } from 'node-sqlite3-wasm';
import { CaseKindName, caseKindOf } from '../platform/case-pages';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS case_register (
  case_id     TEXT PRIMARY KEY,
  child_id    TEXT,
  team        TEXT,
  kind        TEXT,
  updated_at  TEXT NOT NULL
);
`;

export interface CaseRef {
  caseId: string;
  /** The case system's id for the child (never a name). */
  childId?: string;
  team?: string;
  kind?: CaseKindName;
}

type Row = Record<string, unknown>;
const opt = (v: unknown) => (v == null ? undefined : String(v));

export class CaseRegister {
  constructor(
    private readonly db: Database,
    readOnly = false,
  ) {
    if (!readOnly) db.exec(SCHEMA);
  }

  /** A case started (or its child's team changed): kept, the latest wins. */
  note(ref: CaseRef, now = new Date()): void {
    this.db.run(
      `INSERT INTO case_register (case_id, child_id, team, kind, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (case_id) DO UPDATE SET child_id = COALESCE(excluded.child_id, case_register.child_id),
         team = COALESCE(excluded.team, case_register.team), kind = COALESCE(excluded.kind, case_register.kind), updated_at = excluded.updated_at`,
      [ref.caseId, ref.childId ?? null, ref.team ?? null, ref.kind ?? caseKindOf(ref.caseId) ?? null, now.toISOString()],
    );
  }

  /** What is known of the case: the register, else what the store's other tables show; `{caseId}` alone if nothing. */
  get(caseId: string): CaseRef {
    const kept = this.row(caseId);
    if (kept?.childId && kept.team) return kept;
    const found = this.lazily(caseId);
    const ref: CaseRef = { caseId, kind: kept?.kind ?? caseKindOf(caseId) };
    const childId = kept?.childId ?? found.childId;
    const team = kept?.team ?? found.team;
    if (childId) ref.childId = childId;
    if (team) ref.team = team;
    if (!kept?.childId && childId) this.note(ref);
    return ref;
  }

  /** Every case started through the API (oldest first), of one kind and/or one team. */
  list(filter: { kind?: CaseKindName; team?: string } = {}): CaseRef[] {
    const where: string[] = [];
    const params: string[] = [];
    if (filter.kind) {
      where.push('kind = ?');
      params.push(filter.kind);
    }
    if (filter.team) {
      where.push('team = ?');
      params.push(filter.team);
    }
    const rows = this.db.all(
      `SELECT * FROM case_register ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY updated_at, case_id`,
      params,
    ) as Row[];
    return rows.map((r) => ({
      caseId: String(r.case_id),
      childId: opt(r.child_id),
      team: opt(r.team),
      kind: opt(r.kind) as CaseKindName | undefined,
    }));
  }

  /** Every case of one child (oldest first): the screens' "find a case". */
  byChild(childId: string): CaseRef[] {
    const rows = this.db.all('SELECT * FROM case_register WHERE child_id = ? ORDER BY updated_at, case_id', [childId]) as Row[];
    return rows.map((r) => ({
      caseId: String(r.case_id),
      childId: opt(r.child_id),
      team: opt(r.team),
      kind: opt(r.kind) as CaseKindName | undefined,
    }));
  }

  private row(caseId: string): CaseRef | undefined {
    const r = this.db.get('SELECT * FROM case_register WHERE case_id = ?', [caseId]) as Row | null;
    if (!r) return undefined;
    return { caseId, childId: opt(r.child_id), team: opt(r.team), kind: opt(r.kind) as CaseKindName | undefined };
  }

  private lazily(caseId: string): { childId?: string; team?: string } {
    const cycle = /^(lac-[0-9a-f]{24})(-r\d{1,3}-l1[01])?$/.exec(caseId)?.[1];
    if (cycle) {
      if (cycle !== caseId) {
        const parent = this.row(cycle);
        if (parent?.childId) return { childId: parent.childId, team: parent.team };
      }
      const r = (this.db.get(
        `SELECT child_id, team FROM open_reviews WHERE cycle_id = ? AND child_id IS NOT NULL
         UNION ALL SELECT child_id, team FROM (SELECT child_id, team FROM review_outcomes WHERE cycle_id = ? AND child_id IS NOT NULL ORDER BY review_number DESC LIMIT 1)
         LIMIT 1`,
        [cycle, cycle],
      ) ?? this.db.get('SELECT team FROM open_reviews WHERE cycle_id = ?', [cycle])) as Row | null;
      if (r?.child_id || r?.team) return { childId: opt(r.child_id), team: opt(r.team) };
    }
    const d = this.db.get('SELECT team FROM disputes WHERE dispute_id = ?', [caseId]) as Row | null;
    const t = (d ?? this.db.get('SELECT team FROM case_teams WHERE case_id = ?', [caseId])) as Row | null;
    return { team: opt(t?.team) };
  }
}
