/**
 * The SSDA903 return's REVIEWS table (DfE): one row per looked-after review held in the
 * April-March collection year, from the statutory record. CHILD is the case system's child id,
 * DOB the period of care's date of birth (its `looked-after/started` fact), REVIEW the date held,
 * REVIEW_CODE the participation code (PN0-PN7); dates DD/MM/YYYY. Short-breaks series are not
 * looked-after facts, and a period of care under V3/V4 (short breaks) is left out, so neither appears.
 */
import { stringify } from 'csv-stringify/sync';
import { LOOKED_AFTER_STARTED, LookedAfterStartedData, REVIEW_HELD, RecordedFact, ReviewHeldData } from '../../../workflows/record/facts';
import { aprilYear } from './l18';

export const REVIEWS_COLUMNS = ['CHILD', 'DOB', 'REVIEW', 'REVIEW_CODE'] as const;

export interface ReviewsRow {
  CHILD: string;
  DOB: string;
  REVIEW: string;
  REVIEW_CODE: string;
}

/** SSDA903 legal statuses of a series of short breaks: outside the REVIEWS table (rule 399) and the L18 indicator. */
export const SHORT_BREAKS: ReadonlySet<string> = new Set(['V3', 'V4']);

/** YYYY-MM-DD to the DfE's DD/MM/YYYY. */
export const dfeDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** One row per review held in the year, ordered by child then date (the latest fact per review counts). */
export function ssda903Reviews(facts: RecordedFact[], year: string): ReviewsRow[] {
  const { from, to } = aprilYear(year);
  const dob = new Map<string, string>();
  const shortBreaks = new Set<string>();
  const held = new Map<string, { f: RecordedFact; d: ReviewHeldData }>();
  for (const f of [...facts].sort((a, b) => a.seq - b.seq)) {
    if (f.caseKind !== 'looked-after') continue;
    if (f.type === LOOKED_AFTER_STARTED) {
      const d = f.data as unknown as LookedAfterStartedData;
      dob.set(f.caseId, d.dateOfBirth);
      if (SHORT_BREAKS.has(d.legalStatus)) shortBreaks.add(f.caseId);
    }
    if (f.type === REVIEW_HELD) {
      const d = f.data as unknown as ReviewHeldData;
      held.set(`${f.caseId}#${d.reviewNumber}`, { f, d });
    }
  }
  const rows = [...held.values()]
    // DfE rule 399: a child looked after under V3/V4 (a series of short breaks) has no reviews in the return.
    .filter(({ f, d }) => d.heldOn >= from && d.heldOn <= to && !shortBreaks.has(f.caseId))
    .map(({ f, d }) => {
      const born = dob.get(f.caseId);
      // A review without its period of care's start cannot be returned truthfully: the record is incomplete.
      if (born === undefined) throw new RecordIncomplete(`review ${d.reviewNumber} of ${f.caseId} has no looked-after/started fact`);
      if (f.childId === undefined) throw new RecordIncomplete(`review ${d.reviewNumber} of ${f.caseId} has no child id`);
      return {
        child: f.childId,
        heldOn: d.heldOn,
        row: { CHILD: f.childId, DOB: dfeDate(born), REVIEW: dfeDate(d.heldOn), REVIEW_CODE: d.participation },
      };
    });
  rows.sort((a, b) => (a.child < b.child ? -1 : a.child > b.child ? 1 : a.heldOn.localeCompare(b.heldOn)));
  return rows.map((r) => r.row);
}

/** The REVIEWS table as the DfE's CSV: header row, then the rows. */
export function reviewsCsv(rows: ReviewsRow[]): string {
  return stringify(rows, { header: true, columns: [...REVIEWS_COLUMNS] });
}

/** The record lacks a fact a return needs (reported, never guessed). */
export class RecordIncomplete extends Error {}
