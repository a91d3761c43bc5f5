/**
 * L18 timeliness and participation by April-March year, from the reporting projection the cycles
 * write as each review is held.
 */
import { EmbeddedStore, OpenReview, ReviewOutcome } from '../../data/embedded-store';
import { TEAM_ID } from '../fields';
import { InputError } from '../input-error';
import { principalOf } from '../middleware/permit';
import { queryText } from '../request-body';
import { SecureRouter } from '../secure-router';

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
      .map((o) => ({ cycleId: o.cycleId, reviewNumber: o.reviewNumber, due: o.due, heldOn: o.heldOn, team: o.team })),
    reviewsNotHeldInYear: notHeld.map((n) => ({
      cycleId: n.cycleId,
      reviewNumber: n.reviewNumber,
      due: n.due,
      statutoryDue: n.statutoryDue,
      heldOn: n.heldOn,
      team: n.team,
    })),
  };
}

/** GET /api/timeliness's figures for an April-March year (`year` its first year), all teams or one; the managers' page shows the same. */
export function timelinessReport(store: EmbeddedStore, year: string, team: string | undefined, today: string) {
  const from = `${year}-04-01`;
  const to = `${Number(year) + 1}-03-31`;
  return {
    year: `${year}-${String(Number(year) + 1).slice(2)}`,
    from,
    to,
    team: team ?? 'all',
    ...timeliness(
      store.reviewOutcomes(from, to, team),
      reviewsNotHeld(store.openReviews(from, to, team), store.reviewsHeldAfterYearEnd(from, to, team), today),
      from,
    ),
  };
}

/** `today`: the service's clock, as a London date (the current year is judged up to it). */
export function timelinessRoutes(r: SecureRouter, store: EmbeddedStore, today: () => string): void {
  r.get('/', { roles: ['iro-unit', 'team-manager', 'service-manager', 'strategic-manager'], query: ['year', 'team'] }, (req, res) => {
    const year = queryText(req.query, 'year');
    if (year === undefined || !/^\d{4}$/.test(year) || Number(year) < 2000 || Number(year) > 2100) {
      throw new InputError('year', 'year: the April-March year by its first year, e.g. 2025 for April 2025 to March 2026', 400, 'L18');
    }
    let team = queryText(req.query, 'team');
    if (team !== undefined && !TEAM_ID.test(team)) throw new InputError('team', 'team: a team code');
    const p = principalOf(res);
    if (!p.roles.some((role) => role !== 'team-manager')) {
      if (team !== undefined && team !== p.team) throw new InputError('team', 'team: team managers see their own team only', 403);
      team = p.team ?? '-';
    }
    res.json(timelinessReport(store, year, team, today()));
  });
}
