/** A RecordStore in memory, for tests of what reads the record (the real one: data/record/). */
import type { FactQuery, RecordStore } from '../../data/record/record-store';
import type { Fact, RecordedFact } from '../../workflows/record/facts';

export class MemoryRecord implements RecordStore {
  private readonly written: RecordedFact[] = [];

  async append(facts: Fact[]): Promise<number> {
    let n = 0;
    for (const f of facts) {
      if (this.written.some((w) => w.key === f.key)) continue;
      this.written.push({ ...f, seq: this.written.length + 1, recordedAt: new Date().toISOString() });
      n++;
    }
    return n;
  }

  async facts(q: FactQuery = {}): Promise<RecordedFact[]> {
    return this.written.filter(
      (f) =>
        (q.types === undefined || q.types.includes(f.type)) &&
        (q.caseKind === undefined || f.caseKind === q.caseKind) &&
        (q.caseId === undefined || f.caseId === q.caseId) &&
        (q.team === undefined || f.team === q.team) &&
        (q.from === undefined || f.on >= q.from) &&
        (q.to === undefined || f.on <= q.to),
    );
  }

  async close(): Promise<void> {}
}
