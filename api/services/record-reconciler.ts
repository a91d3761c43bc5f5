/**
 * Reconciling the statutory record with the workflows (issue 14 item 2). Every case the service
 * knows (the case register, and every case the record holds) is asked for its facts as they stand
 * (the `caseFacts` query); a fact the workflow has and the record lacks is reported, and with
 * `repair` appended. A case whose workflow is gone (the namespace's retention, or a lost Temporal
 * database) is reported as held by the record only: the record stands and the reports read it.
 */
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import type { CaseRegister } from '../../data/case-register';
import type { RecordStore } from '../../data/record/record-store';
import { Fact, LOOKED_AFTER_ENDED, RecordedFact, caseFactsQuery } from '../../workflows/record/facts';
import { reconcile } from '../../workflows/record/reconcile';
import { mapBounded } from './bounded';

export interface CaseReconciled {
  caseId: string;
  /**
   * `matches`: every fact of the workflow is in the record as it says; `differs`: some are missing,
   * say something else, or are recorded facts the case can never have dropped; `record-only`: no
   * workflow, and the record shows the case ended; `lost`: no workflow, yet the record shows the case
   * still open (nobody is being chased about it: docs/record.md says how to bring it back).
   */
  status: 'matches' | 'differs' | 'record-only' | 'lost' | 'unreadable';
  recorded: number;
  /** Keys the workflow has and the record lacks (appended by `repair`). */
  missing: string[];
  /** Keys recorded with other content than the workflow's now (the record keeps what it wrote). */
  differing: string[];
  /** Recorded keys of kinds a case never drops, which the workflow no longer has. */
  unknown: string[];
  /** Why a workflow could not be read (not found is `record-only`, not this). */
  error?: string;
}

export interface Reconciliation {
  checkedAt: string;
  cases: number;
  matching: number;
  differing: number;
  recordOnly: number;
  /** Open in the record, with no workflow: these children's deadlines are chased by nobody. */
  lost: number;
  unreadable: number;
  /** Facts appended by `repair`. */
  repaired: number;
  differences: CaseReconciled[];
}

export interface ReconcilerDeps {
  client: Client;
  record: RecordStore;
  cases: CaseRegister;
}

/** The facts that close a case: one without them and without a workflow is lost, not merely history. */
const ENDINGS: ReadonlySet<string> = new Set([LOOKED_AFTER_ENDED, 'dispute/closed', 'open-to-review/ended', 'child-in-need/ended']);

/** Cases read at once (each is a query that may replay a history). */
const AT_ONCE = 8;
/** Cases whose facts are read from the record together: the facts in memory are one page's, however many cases there are. */
export const RECONCILE_PAGE = 500;

export class RecordReconciler {
  constructor(private readonly deps: ReconcilerDeps) {}

  async reconcile(options: { repair?: boolean; onProgress?: (done: number, of: number) => void } = {}): Promise<Reconciliation> {
    const { record } = this.deps;
    // A store that cannot list its cases (a stub) is read whole, once.
    const whole = record.caseIds ? undefined : byCase(await record.facts());
    const inRecord = record.caseIds ? await record.caseIds() : [...whole!.keys()];
    const ids = [...new Set([...this.deps.cases.list().map((c) => c.caseId), ...inRecord])].sort();
    const counts = { matches: 0, differs: 0, 'record-only': 0, lost: 0, unreadable: 0 };
    const differences: CaseReconciled[] = [];
    let repaired = 0;
    let done = 0;
    for (let i = 0; i < ids.length; i += RECONCILE_PAGE) {
      const page = ids.slice(i, i + RECONCILE_PAGE);
      const recorded = whole ?? byCase(await record.facts({ caseIds: page }));
      const rows = await mapBounded(page, AT_ONCE, async (caseId) => {
        const r = await this.one(caseId, recorded.get(caseId) ?? []);
        if (options.repair && r.facts.length) {
          // Cases are repaired concurrently: add after the await, or a count read before it is lost.
          const written = await record.append(r.facts);
          repaired += written;
          r.row.missing = [];
          if (!r.row.differing.length && !r.row.unknown.length) r.row.status = 'matches';
        }
        options.onProgress?.(++done, ids.length);
        return r.row;
      });
      for (const row of rows) {
        counts[row.status]++;
        if (row.status !== 'matches') differences.push(row);
      }
    }
    differences.sort((a, b) => a.caseId.localeCompare(b.caseId));
    return {
      checkedAt: new Date().toISOString(),
      cases: ids.length,
      matching: counts.matches,
      differing: counts.differs,
      recordOnly: counts['record-only'],
      lost: counts.lost,
      unreadable: counts.unreadable,
      repaired,
      differences,
    };
  }

  private async one(caseId: string, recorded: RecordedFact[]): Promise<{ row: CaseReconciled; facts: Fact[] }> {
    const row: CaseReconciled = { caseId, status: 'matches', recorded: recorded.length, missing: [], differing: [], unknown: [] };
    let current: Fact[];
    try {
      current = await this.deps.client.workflow.getHandle(caseId).query(caseFactsQuery);
    } catch (e) {
      if (e instanceof WorkflowNotFoundError || (e as Error)?.name === 'WorkflowNotFoundError') {
        const ended = recorded.some((f) => ENDINGS.has(f.type));
        return { row: { ...row, status: ended ? 'record-only' : 'lost' }, facts: [] };
      }
      return { row: { ...row, status: 'unreadable', error: (e as Error).message }, facts: [] };
    }
    const { missing, differing, unknown } = reconcile(recorded, current);
    row.missing = missing.map((f) => f.key);
    row.differing = differing.map((d) => d.current.key);
    row.unknown = unknown.map((f) => f.key);
    if (missing.length || differing.length || unknown.length) row.status = 'differs';
    return { row, facts: missing };
  }
}

function byCase(facts: RecordedFact[]): Map<string, RecordedFact[]> {
  const m = new Map<string, RecordedFact[]>();
  for (const f of facts) {
    const list = m.get(f.caseId);
    if (list) list.push(f);
    else m.set(f.caseId, [f]);
  }
  return m;
}
