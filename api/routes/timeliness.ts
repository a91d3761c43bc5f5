/**
 * L18 timeliness and participation by April-March year, from the reporting projection the cycles
 * write as each review is held.
 */
import { EmbeddedStore, ReviewOutcome } from '../../data/embedded-store';
import { TEAM_ID } from '../fields';
import { InputError } from '../input-error';
import { principalOf } from '../middleware/permit';
import { queryText } from '../request-body';
import { SecureRouter } from '../secure-router';

/** Took part: attended or conveyed their views (PN1-PN6); PN7: neither; PN0: under 4. */
const TOOK_PART = new Set(['PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6']);

export function timeliness(outcomes: ReviewOutcome[]) {
  const byCycle = new Map<string, ReviewOutcome[]>();
  for (const o of outcomes) byCycle.set(o.cycleId, [...(byCycle.get(o.cycleId) ?? []), o]);
  const children = [...byCycle.values()];
  // One late review fails the child for the whole year.
  const allOnTime = children.filter((rs) => rs.every((r) => r.onTime)).length;
  const aged4 = outcomes.filter((o) => o.ageAtReview >= 4);
  const tookPart = aged4.filter((o) => TOOK_PART.has(o.participation)).length;
  const pct = (n: number, d: number) => (d === 0 ? null : Math.round((1000 * n) / d) / 10);
  return {
    children: children.length,
    childrenWithEveryReviewOnTime: allOnTime,
    percentChildrenOnTime: pct(allOnTime, children.length),
    reviews: outcomes.length,
    reviewsOnTime: outcomes.filter((o) => o.onTime).length,
    participation: { reviewsOfChildrenAged4Plus: aged4.length, tookPart, percent: pct(tookPart, aged4.length) },
    lateReviews: outcomes
      .filter((o) => !o.onTime)
      .map((o) => ({ cycleId: o.cycleId, reviewNumber: o.reviewNumber, due: o.due, heldOn: o.heldOn, team: o.team })),
  };
}

export function timelinessRoutes(r: SecureRouter, store: EmbeddedStore): void {
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
    const from = `${year}-04-01`;
    const to = `${Number(year) + 1}-03-31`;
    res.json({
      year: `${year}-${String(Number(year) + 1).slice(2)}`,
      from,
      to,
      team: team ?? 'all',
      ...timeliness(store.reviewOutcomes(from, to, team)),
    });
  });
}
