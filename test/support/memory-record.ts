/**
 * The statutory record in memory, for tests: the RecordStore contract (data/record/record-store.ts)
 * without a database. A key already written writes nothing; facts come back in written order.
 */
import type { FactQuery, RecordStore } from '../../data/record/record-store';
import type { Fact, RecordedFact } from '../../workflows/record/facts';

export class MemoryRecord implements RecordStore {
  private readonly written: RecordedFact[] = [];
  private readonly keys = new Set<string>();
  /** Every append asked for (with its facts), to see what the workflows sent. */
  readonly appends: Fact[][] = [];

  async append(facts: Fact[]): Promise<number> {
    this.appends.push(facts);
    let n = 0;
    for (const f of facts) {
      if (this.keys.has(f.key)) continue;
      this.keys.add(f.key);
      // A copy through JSON, as a real store would hold it.
      this.written.push({ ...(JSON.parse(JSON.stringify(f)) as Fact), seq: this.written.length + 1, recordedAt: new Date().toISOString() });
      n++;
    }
    return n;
  }

  async facts(q: FactQuery = {}): Promise<RecordedFact[]> {
    return this.written.filter(
      (f) =>
        (!q.types || q.types.includes(f.type)) &&
        (!q.caseKind || f.caseKind === q.caseKind) &&
        (!q.caseId || f.caseId === q.caseId) &&
        (!q.caseIds || q.caseIds.includes(f.caseId)) &&
        (!q.team || f.team === q.team) &&
        (!q.from || f.on >= q.from) &&
        (!q.to || f.on <= q.to),
    );
  }

  async caseIds(): Promise<string[]> {
    return [...new Set(this.written.map((f) => f.caseId))].sort();
  }

  async close(): Promise<void> {}
}
