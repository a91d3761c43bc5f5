/**
 * When the next O2R review, face-to-face review and sighting are due (rules.md O2, O3, O6, L19), and
 * when a missing decision note is chased again. Pure.
 */
import { IsoDate, addMonths } from '../calendar/iso-date';
import { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { Interval, repeatedChases } from '../timescales/interval';
import { OpenToReviewModel, placeOf, seenAt, sixMonthlyFullReviews } from './model';

/** O2: after the escalation, the missing decision note is chased again this often, until it is recorded. */
export const DECISION_NOTE_CHASE: Interval = { workingDays: 5 };

/** The date a review is due by (O3 6-monthly, L19 3 months after the first break then 6-monthly). */
export function nextReviewDue(m: OpenToReviewModel): { due: IsoDate; rule: string; why: string } | undefined {
  const last = m.reviews[m.reviews.length - 1];
  if (last)
    return {
      due: addMonths(last.heldOn, 6),
      rule: m.kind === 'short-breaks-series' ? 'L19' : m.variant === 'kent' ? 'O6' : 'O3',
      why: `6 months after the last review (${last.heldOn})`,
    };
  if (m.kind === 'short-breaks-series')
    return { due: addMonths(m.firstBreakOn!, 3), rule: 'L19', why: `within 3 months of the first short break (${m.firstBreakOn})` };
  const first = m.entry?.decision?.firstReviewOn;
  return first ? { due: first, rule: 'O2', why: "the first review date in the team manager's decision note" } : undefined;
}

/** O3: a face-to-face review at least every 12 months (Kent, full package: every 6), on the EHCP annual review date when known. */
export function faceToFaceDue(m: OpenToReviewModel): { due: IsoDate; rule: string; why: string } {
  const lastF2f = [...m.reviews].reverse().find((r) => r.type === 'face-to-face');
  const base = lastF2f?.heldOn ?? m.entry?.decision?.on ?? m.openedOn;
  const months = sixMonthlyFullReviews(m) ? 6 : 12;
  const limit = addMonths(base, months);
  const rule = m.variant === 'kent' ? 'O6' : 'O3';
  const ehcp = m.ehcpAnnualReviewOn;
  if (ehcp && ehcp > base && ehcp <= limit) return { due: ehcp, rule, why: `on the EHCP annual review (${ehcp})` };
  const why = `${months} months after the last face-to-face review or the start (${base})${ehcp && ehcp > limit ? `; the EHCP annual review (${ehcp}) is later than that` : ''}`;
  return { due: limit, rule, why };
}

/** O3: the last time the child (or parents) were seen: on a visit or a face-to-face review; `at` narrows it to where (O6). */
export function lastSeen(m: OpenToReviewModel, who: 'childSeen' | 'parentsSeen', at?: (p: string | undefined) => boolean): IsoDate {
  const dates = [
    ...m.visits.filter((v) => v[who] && (!at || at(placeOf(v)))).map((v) => v.on),
    ...m.reviews.filter((r) => seenAt(m, r, who) && (!at || at(placeOf(r)))).map((r) => r.heldOn),
  ];
  return dates.length ? dates.reduce((a, b) => (a > b ? a : b)) : m.openedOn;
}

/** O2: the chases after the escalation, every DECISION_NOTE_CHASE: the last one due by today and the next. */
export const decisionNoteChases = (from: IsoDate, today: IsoDate, calendar: WorkingDayCalendar): IsoDate[] =>
  repeatedChases(calendar, from, today, DECISION_NOTE_CHASE);
