/**
 * How a deadline was counted, in words, for every case page: given the date it counts from (and what
 * that date is) and the deadline, it counts with the live working-day calendar, so a newly proclaimed
 * bank holiday shows in the sentence as it does in the date. The procedure's interval, where known,
 * says whether the count is in working days, calendar days or months (Stoke's L9 "14 days" is 14 days
 * even when it lands on the same date as 10 working days).
 */
import { IsoDate, addDays, addMonths } from '../../../workflows/calendar/iso-date';
import { WorkingDayCalendar } from '../../../workflows/calendar/working-day-calendar';
import { Interval, IntervalUnit, deadlineAfter, deadlineBefore } from '../../../workflows/timescales/interval';
import { govukDate as day } from '../../nunjucks-setup';

export interface Basis {
  /** The date counted from (or back from). */
  base: IsoDate;
  /** What that date is: "the day the team manager disagreed". */
  event: string;
  /** The procedure's interval, if known (the profile's). */
  interval?: Interval;
  /** Said after the count: "the date the IRO set, at most 20 working days (L12)". */
  then?: string;
}

const WORDS: Record<IntervalUnit, [string, string]> = {
  workingDays: ['working day', 'working days'],
  days: ['day', 'days'],
  months: ['month', 'months'],
};

/** Working days from `from` to `to` (0 on the same day, negative when `to` is earlier). */
export function workingDaysBetween(cal: WorkingDayCalendar, from: IsoDate, to: IsoDate): number {
  let n = 0;
  let d = from;
  const step = to > from ? 1 : -1;
  for (let i = 0; i < 800 && d !== to; i++) {
    d = addDays(d, step);
    if (cal.isWorkingDay(d)) n += step;
  }
  return n;
}

const calendarDays = (from: IsoDate, to: IsoDate) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The unit and count that take `base` to `due`: the interval's, else months, working days or calendar days. */
function count(cal: WorkingDayCalendar, base: IsoDate, due: IsoDate, interval?: Interval): { unit: IntervalUnit; n: number } {
  const before = due < base;
  if (interval) {
    const d = (before ? deadlineBefore : deadlineAfter)(cal, base, interval);
    const c = d.counting.find((x) => x.date === due);
    if (c) return { unit: c.unit, n: Math.abs(c.n) };
  }
  for (let k = 1; k <= 24; k++) if (addMonths(base, before ? -k : k) === due) return { unit: 'months', n: k };
  const wd = Math.abs(workingDaysBetween(cal, base, due));
  const back = before ? cal.workingDaysBefore(base, wd) : cal.addWorkingDays(base, wd);
  if (wd > 0 && back === due) return { unit: 'workingDays', n: wd };
  return { unit: 'days', n: Math.abs(calendarDays(base, due)) };
}

/** "5 working days after 24 November 2026 (the day the team manager disagreed)". */
export function countedFrom(cal: WorkingDayCalendar, b: Basis, due: IsoDate): string {
  const then = b.then ? `; ${b.then}` : '';
  if (due === b.base) return `On ${day(b.base)} itself (${b.event})${then}`;
  const { unit, n } = count(cal, b.base, due, b.interval);
  const [one, many] = WORDS[unit];
  return `${n} ${n === 1 ? one : many} ${due < b.base ? 'before' : 'after'} ${day(b.base)} (${b.event})${then}`;
}

/** A deadline a person set (a decision's due date), not counted. */
export const setBy = (who: string, on: IsoDate) => `Set at ${who} (${day(on)})`;

/** ISO dates in a workflow's own counting text, in words: "6 months after the last review (1 May 2026)". */
export const datesInWords = (text: string) => text.replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (iso) => day(iso));

const HAS_COUNT = /\b\d+ (working |calendar )?(days?|months?)\b|\b(agreed|set) at\b/;

/**
 * An obligation's own text saying only what it counts from ("the IRO chair was agreed on 2026-11-24"),
 * with the count to its deadline added from the live calendar; a text that already counts, or a date
 * a person set, is kept as it is (its dates in words).
 */
export function withCount(cal: WorkingDayCalendar | undefined, text: string, due: IsoDate): string {
  const dates = text.match(/\b\d{4}-\d{2}-\d{2}\b/g);
  const base = dates?.at(-1);
  if (!cal || !base || base === due || HAS_COUNT.test(text)) return datesInWords(text);
  const { unit, n } = count(cal, base, due);
  const [one, many] = WORDS[unit];
  return `${datesInWords(text)}: ${n} ${n === 1 ? one : many} ${due < base ? 'before' : 'after'} it`;
}
