/**
 * How a case kind writes its facts (pure): one case's keys all begin `<caseId>/`, and the ids and
 * team every fact of the case carries are given once. A value that may change is part of its key,
 * so a change is a new fact (the record is append-only; the latest counts).
 */
import { IsoDate } from '../calendar/iso-date';
import { CaseKind, Fact } from './facts';

export interface CaseOfFacts {
  caseId: string;
  caseKind: CaseKind;
  childId?: string;
  team?: string;
}

/** A fact of this case: `what` is the key after `<caseId>/`, `type` the whole `<kind>/<what>`. */
export function factsOf(c: CaseOfFacts) {
  // The data is typed where it is built (the shapes in facts.ts); the record holds it as plain data.
  return <D extends object>(what: string, type: string, on: IsoDate, data: D): Fact => ({
    key: `${c.caseId}/${what}`,
    caseId: c.caseId,
    caseKind: c.caseKind,
    type,
    on,
    ...(c.childId ? { childId: c.childId } : {}),
    ...(c.team ? { team: c.team } : {}),
    data: defined(data) as Record<string, unknown>,
  });
}

/** Drops fields left undefined, so a fact reads the same after a round trip through JSON. */
export function defined<D extends object>(data: D): D {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)) as D;
}

/** A short stable digest (FNV-1a, 32 bits) of a value that has no date of its own (a list replaced as a whole). */
export function digest(value: unknown): string {
  let h = 0x811c9dc5;
  for (const ch of JSON.stringify(value)) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
