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
import { Fact, caseFactsQuery } from '../../workflows/record/facts';

export interface CaseReconciled {
  caseId: string;
  /** `matches`: every fact of the workflow is in the record; `missing`: some are not (listed by key); `record-only`: no workflow. */
  status: 'matches' | 'missing' | 'record-only' | 'unreadable';
  recorded: number;
  missing: string[];
  /** Why a workflow could not be read (not found is `record-only`, not this). */
  error?: string;
}

export interface Reconciliation {
  checkedAt: string;
  cases: number;
  matching: number;
  withMissingFacts: number;
  recordOnly: number;
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

/** Cases read at once (each is a query that may replay a history). */
const AT_ONCE = 8;

export class RecordReconciler {
  constructor(private readonly deps: ReconcilerDeps) {}

  async reconcile(options: { repair?: boolean; onProgress?: (done: number, of: number) => void } = {}): Promise<Reconciliation> {
    const recorded = new Map<string, Set<string>>();
    for (const f of await this.deps.record.facts()) {
      const keys = recorded.get(f.caseId) ?? new Set<string>();
      keys.add(f.key);
      recorded.set(f.caseId, keys);
    }
    const ids = [...new Set([...this.deps.cases.list().map((c) => c.caseId), ...recorded.keys()])].sort();
    const results: CaseReconciled[] = [];
    let repaired = 0;
    let next = 0;
    const work = async () => {
      while (next < ids.length) {
        const caseId = ids[next++];
        const r = await this.one(caseId, recorded.get(caseId) ?? new Set());
        if (options.repair && r.facts.length) {
          repaired += await this.deps.record.append(r.facts);
          r.row.missing = [];
          r.row.status = 'matches';
        }
        results.push(r.row);
        options.onProgress?.(results.length, ids.length);
      }
    };
    await Promise.all(Array.from({ length: Math.min(AT_ONCE, ids.length) }, work));
    results.sort((a, b) => a.caseId.localeCompare(b.caseId));
    const count = (s: CaseReconciled['status']) => results.filter((r) => r.status === s).length;
    return {
      checkedAt: new Date().toISOString(),
      cases: results.length,
      matching: count('matches'),
      withMissingFacts: count('missing'),
      recordOnly: count('record-only'),
      unreadable: count('unreadable'),
      repaired,
      differences: results.filter((r) => r.status !== 'matches'),
    };
  }

  private async one(caseId: string, keys: Set<string>): Promise<{ row: CaseReconciled; facts: Fact[] }> {
    const row: CaseReconciled = { caseId, status: 'matches', recorded: keys.size, missing: [] };
    let current: Fact[];
    try {
      current = await this.deps.client.workflow.getHandle(caseId).query(caseFactsQuery);
    } catch (e) {
      if (e instanceof WorkflowNotFoundError || (e as Error)?.name === 'WorkflowNotFoundError')
        return { row: { ...row, status: 'record-only' }, facts: [] };
      return { row: { ...row, status: 'unreadable', error: (e as Error).message }, facts: [] };
    }
    const facts = current.filter((f) => !keys.has(f.key));
    if (facts.length) Object.assign(row, { status: 'missing', missing: facts.map((f) => f.key) });
    return { row, facts };
  }
}
