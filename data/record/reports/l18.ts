/**
 * L18 timeliness and participation (002 §2, §17; rules.md "Notes on reading the procedures"), as
 * pure rules over reviews held and reviews still open. The figures come from the statutory record
 * (record-l18.ts turns its facts into these rows); the embedded store's projection is the fallback
 * where no record is configured.
 */
import type { OpenReview, ReviewOutcome } from '../../embedded-store';

export type { OpenReview, ReviewOutcome };

/** Took part: attended or conveyed their views (PN1-PN6); PN7: neither; PN0: under 4. */
const TOOK_PART = new Set(['PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6']);

/** Late for the indicator: a brought-forward review (L6) only if it missed its statutory date. */
const late = (o: ReviewOutcome) => o.lateForIndicator ?? !o.onTime;

/** A review due in the year (by its statutory date) and not held by the year's end, or by today for the current year. */
export interface ReviewNotHeld {
  cycleId: string;
  childId?: string;
  team: string;
  reviewNumber: number;
  due: string;
  statutoryDue: string;
  /** Held after the year's end, or not yet. */
  heldOn: string | null;
}

/** The April-March year `year` (its first year, e.g. "2024"): its first and last days and its label. */
export function aprilYear(year: string) {
  return { year: `${year}-${String(Number(year) + 1).slice(2)}`, from: `${year}-04-01`, to: `${Number(year) + 1}-03-31` };
}

/**
 * L18: the reviews of the year that fail their child without being held in it: open reviews whose
 * statutory date has passed (due today is not yet late), and reviews held only after the year's end.
 */
export function reviewsNotHeld(open: OpenReview[], heldAfterYearEnd: ReviewOutcome[], today: string): ReviewNotHeld[] {
  return [
    // An adjourned review completed by its resume date was on time, whenever that fell (L12).
    ...heldAfterYearEnd.filter(late).map((o) => ({
      cycleId: o.cycleId,
      ...(o.childId === undefined ? {} : { childId: o.childId }),
      team: o.team,
      reviewNumber: o.reviewNumber,
      due: o.due,
      statutoryDue: o.statutoryDue ?? o.due,
      heldOn: o.heldOn,
    })),
    ...open.filter((o) => o.statutoryDue < today).map((o) => ({ ...o, heldOn: null })),
  ];
}

const child = (o: { childId?: string }) => (o.childId === undefined ? {} : { childId: o.childId });

/**
 * `yearStart`: a late review due before it (held in this year) failed its child in the year it was
 * due (as one not held by that year's end), so it does not fail the child again in this one.
 */
export function timeliness(outcomes: ReviewOutcome[], notHeld: ReviewNotHeld[] = [], yearStart?: string) {
  const dueInYear = (o: ReviewOutcome) => yearStart === undefined || (o.statutoryDue ?? o.due) >= yearStart;
  // Children, not cycles: a child with two periods of care in the year is one child.
  const byChild = new Map<string, ReviewOutcome[]>();
  for (const o of outcomes) byChild.set(o.childId ?? o.cycleId, [...(byChild.get(o.childId ?? o.cycleId) ?? []), o]);
  const failed = new Set(notHeld.map((n) => n.childId ?? n.cycleId));
  for (const id of failed) if (!byChild.has(id)) byChild.set(id, []);
  const children = [...byChild.values()];
  // One late review fails the child for the whole year, and so does one due in the year and not held by its end.
  const allOnTime = [...byChild].filter(([id, rs]) => !failed.has(id) && rs.every((r) => !late(r) || !dueInYear(r))).length;
  const aged4 = outcomes.filter((o) => o.ageAtReview >= 4);
  const tookPart = aged4.filter((o) => TOOK_PART.has(o.participation)).length;
  // The national indicator: a child aged 4+ participates when every review of the year (at 4+) has a code PN1-PN6.
  const children4 = children.map((rs) => rs.filter((r) => r.ageAtReview >= 4)).filter((rs) => rs.length > 0);
  const participating = children4.filter((rs) => rs.every((r) => TOOK_PART.has(r.participation))).length;
  const pct = (n: number, d: number) => (d === 0 ? null : Math.round((1000 * n) / d) / 10);
  return {
    children: children.length,
    childrenWithEveryReviewOnTime: allOnTime,
    percentChildrenOnTime: pct(allOnTime, children.length),
    reviews: outcomes.length,
    reviewsOnTime: outcomes.filter((o) => !late(o)).length,
    participation: { reviewsOfChildrenAged4Plus: aged4.length, tookPart, percent: pct(tookPart, aged4.length) },
    participationByChild: { childrenAged4Plus: children4.length, participating, percent: pct(participating, children4.length) },
    lateReviews: outcomes
      .filter(late)
      // A late review due in an earlier year failed its child in that year, not this one: said, so the list adds up to the figure.
      .map((o) => ({
        cycleId: o.cycleId,
        ...child(o),
        reviewNumber: o.reviewNumber,
        due: o.due,
        heldOn: o.heldOn,
        team: o.team,
        ...(dueInYear(o) ? {} : { countedInTheYearItWasDue: true as const }),
      })),
    reviewsNotHeldInYear: notHeld.map((n) => ({
      cycleId: n.cycleId,
      ...child(n),
      reviewNumber: n.reviewNumber,
      due: n.due,
      statutoryDue: n.statutoryDue,
      heldOn: n.heldOn,
      team: n.team,
    })),
  };
}

export type Timeliness = ReturnType<typeof timeliness>;

/** What the figures of one year are worked out from, whichever source gives them. */
export interface YearRows {
  /** Held in the year. */
  held: ReviewOutcome[];
  /** Open, due (by their statutory date) in the year. */
  open: OpenReview[];
  /** Due (by their statutory date) in the year and held after its end. */
  heldAfterYearEnd: ReviewOutcome[];
}

/** One year's figures, for one team or (team undefined) the authority. */
export function yearFigures(year: string, team: string | undefined, rows: YearRows, today: string) {
  const y = aprilYear(year);
  return { ...y, team: team ?? 'all', ...timeliness(rows.held, reviewsNotHeld(rows.open, rows.heldAfterYearEnd, today), y.from) };
}

export type YearFigures = ReturnType<typeof yearFigures>;
