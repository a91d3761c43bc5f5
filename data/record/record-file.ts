/**
 * openRecordStore(config): the statutory record as the CLI opens it. This minimal store keeps the
 * facts as JSON lines in `<dataDir>/record.jsonl` (append-only; a key already written writes
 * nothing); the Kysely store over SQLite and PostgreSQL takes its place behind the same signature.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Fact, RecordedFact } from '../../workflows/record/facts';
import type { FactQuery, RecordStore } from './record-store';

export class RecordFile implements RecordStore {
  constructor(readonly path: string) {}

  private read(): RecordedFact[] {
    if (!existsSync(this.path)) return [];
    return readFileSync(this.path, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as RecordedFact);
  }

  async append(facts: Fact[]): Promise<number> {
    const written = this.read();
    const keys = new Set(written.map((f) => f.key));
    let seq = written.length;
    const lines: string[] = [];
    for (const f of facts) {
      if (keys.has(f.key)) continue;
      keys.add(f.key);
      lines.push(JSON.stringify({ ...f, seq: ++seq, recordedAt: new Date().toISOString() }));
    }
    if (lines.length) appendFileSync(this.path, lines.join('\n') + '\n');
    return lines.length;
  }

  async facts(q: FactQuery = {}): Promise<RecordedFact[]> {
    return this.read().filter(
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

/** The installation's record (CARE_REVIEWS_DATA_DIR), created empty if it has none yet. */
export async function openRecordStore(config: { dataDir: string }): Promise<RecordStore> {
  mkdirSync(config.dataDir, { recursive: true });
  return new RecordFile(join(config.dataDir, 'record.jsonl'));
}
