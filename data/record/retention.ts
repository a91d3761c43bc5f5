/**
 * The record's retention (docs/retention.md): a looked-after child's case record is kept until
 * their 75th birthday (Care Planning, Placement and Case Review (England) Regulations 2010,
 * reg. 50). The product never deletes on its own; an operator runs `care-reviews record purge`.
 */
import { addDays, addYears, IsoDate } from '../../workflows/calendar/iso-date';

/** The 75th birthday; someone born on 29 February reaches it on 1 March in a common year (the later day: kept longer, never shorter). */
export function seventyFifthBirthday(dateOfBirth: IsoDate): IsoDate {
  const d = addYears(dateOfBirth, 75);
  return dateOfBirth.endsWith('-02-29') && !d.endsWith('-02-29') ? addDays(d, 1) : d;
}

/** One child whose record has passed its retention. */
export interface ExpiredChild {
  childId: string;
  /** The latest date of birth any of the child's periods of care gives (the later, the longer it is kept). */
  dateOfBirth: IsoDate;
  keptUntil: IsoDate;
  /** The looked-after cases (periods of care) the child's started facts name. */
  caseIds: string[];
  /** Facts that go (filled in by the purge). */
  facts: number;
}

export interface PurgeResult {
  asOf: IsoDate;
  dryRun: boolean;
  children: ExpiredChild[];
  /** Facts deleted (or, in a dry run, that would be). */
  facts: number;
}

/** Children from their `looked-after/started` facts whose 75th birthday is on or before `asOf`. */
export function expiredChildren(started: { childId: string; caseId: string; dateOfBirth: IsoDate }[], asOf: IsoDate): ExpiredChild[] {
  const byChild = new Map<string, { dateOfBirth: IsoDate; caseIds: string[] }>();
  for (const s of started) {
    const c = byChild.get(s.childId) ?? { dateOfBirth: s.dateOfBirth, caseIds: [] };
    if (s.dateOfBirth > c.dateOfBirth) c.dateOfBirth = s.dateOfBirth;
    if (!c.caseIds.includes(s.caseId)) c.caseIds.push(s.caseId);
    byChild.set(s.childId, c);
  }
  return [...byChild]
    .map(([childId, c]) => ({ childId, ...c, keptUntil: seventyFifthBirthday(c.dateOfBirth), facts: 0 }))
    .filter((c) => c.keptUntil <= asOf)
    .sort((a, b) => a.childId.localeCompare(b.childId));
}
