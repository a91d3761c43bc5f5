/**
 * L18 from the statutory record: the reviews held and the reviews still open, worked out from the
 * facts `looked-after/review-held`, `looked-after/review-due` and `looked-after/ended`, then the
 * pure rules of l18.ts. Pure: the caller reads the facts (readL18Facts) and passes today.
 */
import {
  LOOKED_AFTER_ENDED,
  LOOKED_AFTER_STARTED,
  LookedAfterStartedData,
  REVIEW_DUE,
  REVIEW_HELD,
  RecordedFact,
  ReviewDueData,
  ReviewHeldData,
} from '../../../workflows/record/facts';
import type { RecordStore } from '../record-store';
import { OpenReview, ReviewOutcome, YearFigures, aprilYear, yearFigures } from './l18';
import { SHORT_BREAKS } from './ssda903-reviews';

/** The fact types the reports and returns read. */
export const REPORT_FACT_TYPES = [LOOKED_AFTER_STARTED, REVIEW_HELD, REVIEW_DUE, LOOKED_AFTER_ENDED];

/** A fact written without a team is reported under this (not a team code, so no team manager's scope matches it). */
export const NO_TEAM = '(no team)';

const data = <D>(f: RecordedFact) => f.data as unknown as D;

/** Every review held (the latest fact per cycle and review number) and every cycle's open review. */
export function reviewRows(facts: RecordedFact[]): { held: ReviewOutcome[]; open: OpenReview[] } {
  const sorted = [...facts].sort((a, b) => a.seq - b.seq);
  const held = new Map<string, ReviewOutcome>();
  const due = new Map<string, OpenReview>();
  const endedOn = new Map<string, string>();
  // Short breaks (V3/V4) are outside the indicator, as they are outside the SSDA903 REVIEWS table.
  const shortBreaks = new Set(
    sorted
      .filter((f) => f.type === LOOKED_AFTER_STARTED && SHORT_BREAKS.has(data<LookedAfterStartedData>(f).legalStatus))
      .map((f) => f.caseId),
  );
  for (const f of sorted) {
    if (shortBreaks.has(f.caseId)) continue;
    if (f.type === REVIEW_HELD) {
      const d = data<ReviewHeldData>(f);
      held.set(`${f.caseId}#${d.reviewNumber}`, {
        cycleId: f.caseId,
        ...(f.childId === undefined ? {} : { childId: f.childId }),
        team: f.team ?? NO_TEAM,
        reviewNumber: d.reviewNumber,
        heldOn: d.heldOn,
        due: d.due,
        onTime: d.onTime,
        participation: d.participation,
        ageAtReview: d.ageAtReview,
        lateForIndicator: d.lateForIndicator,
        ...(d.statutoryDue === undefined ? {} : { statutoryDue: d.statutoryDue }),
      });
    } else if (f.type === REVIEW_DUE) {
      const d = data<ReviewDueData>(f);
      // The latest per cycle counts; a late retry of an earlier review's dates does not reopen it.
      const before = due.get(f.caseId);
      if (before && before.reviewNumber > d.reviewNumber) continue;
      due.set(f.caseId, {
        cycleId: f.caseId,
        ...(f.childId === undefined ? {} : { childId: f.childId }),
        team: f.team ?? NO_TEAM,
        reviewNumber: d.reviewNumber,
        due: d.due,
        statutoryDue: d.statutoryDue,
      });
    } else if (f.type === LOOKED_AFTER_ENDED) endedOn.set(f.caseId, f.on);
  }
  const open = [...due.values()].filter((o) => {
    if (held.has(`${o.cycleId}#${o.reviewNumber}`)) return false;
    // Ended with the care: a review not yet due is cancelled; one already overdue stays late (L18).
    const ended = endedOn.get(o.cycleId);
    return ended === undefined || ended > o.statutoryDue;
  });
  return { held: [...held.values()], open };
}

const statutory = (o: ReviewOutcome) => o.statutoryDue ?? o.due;
const byHeld = (a: ReviewOutcome, b: ReviewOutcome) => a.heldOn.localeCompare(b.heldOn) || a.cycleId.localeCompare(b.cycleId);

/** One year's figures for the authority (or `team` only), with each team's figures in `byTeam`. */
export function timelinessFromFacts(facts: RecordedFact[], year: string, team: string | undefined, today: string) {
  const { from, to } = aprilYear(year);
  const rows = reviewRows(facts);
  const of = (t: string | undefined) => ({
    held: rows.held.filter((o) => o.heldOn >= from && o.heldOn <= to && (t === undefined || o.team === t)).sort(byHeld),
    open: rows.open
      .filter((o) => o.statutoryDue >= from && o.statutoryDue <= to && (t === undefined || o.team === t))
      .sort((a, b) => a.statutoryDue.localeCompare(b.statutoryDue) || a.cycleId.localeCompare(b.cycleId)),
    heldAfterYearEnd: rows.held
      .filter((o) => statutory(o) >= from && statutory(o) <= to && o.heldOn > to && (t === undefined || o.team === t))
      .sort(byHeld),
  });
  const all = of(team);
  const teams = [...new Set([...all.held, ...all.open, ...all.heldAfterYearEnd].map((o) => o.team))].sort();
  const byTeam: YearFigures[] = teams.map((t) => yearFigures(year, t, of(t), today));
  return { ...yearFigures(year, team, all, today), byTeam };
}

export type TimelinessReport = ReturnType<typeof timelinessFromFacts>;

/** The facts the reports and returns read, from the record. */
export function readReportFacts(record: RecordStore): Promise<RecordedFact[]> {
  return record.facts({ types: REPORT_FACT_TYPES, caseKind: 'looked-after' });
}

/** L18 for an April-March year from the record (GET /api/timeliness, the managers' page, the CLI). */
export async function timelinessFromRecord(record: RecordStore, year: string, team: string | undefined, today: string) {
  return timelinessFromFacts(await readReportFacts(record), year, team, today);
}
