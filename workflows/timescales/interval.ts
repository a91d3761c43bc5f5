/**
 * A timescale as the procedures write it: working days, calendar days or calendar months, or
 * several of them ("three months (91 days)"), in which case the earliest resulting date applies.
 */
import { IsoDate, addDays, addMonths, earlierOf } from '../calendar/iso-date';
import { WorkingDayCalendar } from '../calendar/working-day-calendar';

export interface Interval {
  workingDays?: number;
  days?: number;
  months?: number;
}

export type IntervalUnit = keyof Interval;
export const INTERVAL_UNITS: IntervalUnit[] = ['workingDays', 'days', 'months'];

export interface Counting {
  unit: IntervalUnit;
  n: number;
  date: IsoDate;
}

export interface Deadline {
  date: IsoDate;
  /** Every count that was applied, so staff can see why the date is what it is. */
  counting: Counting[];
}

function countOne(calendar: WorkingDayCalendar, base: IsoDate, unit: IntervalUnit, n: number, sign: 1 | -1): IsoDate {
  switch (unit) {
    case 'workingDays':
      return sign > 0 ? calendar.addWorkingDays(base, n) : calendar.workingDaysBefore(base, n);
    case 'days':
      return addDays(base, sign * n);
    case 'months':
      return addMonths(base, sign * n);
  }
}

function deadline(calendar: WorkingDayCalendar, base: IsoDate, interval: Interval, sign: 1 | -1): Deadline {
  const counting: Counting[] = [];
  for (const unit of INTERVAL_UNITS) {
    const n = interval[unit];
    if (n !== undefined) counting.push({ unit, n, date: countOne(calendar, base, unit, n, sign) });
  }
  if (counting.length === 0) throw new RangeError('an interval needs workingDays, days or months');
  return { date: counting.map((c) => c.date).reduce(earlierOf), counting };
}

/** "within N of base": base is day 0; the earliest of the counted dates is the last compliant day. */
export function deadlineAfter(calendar: WorkingDayCalendar, base: IsoDate, interval: Interval): Deadline {
  return deadline(calendar, base, interval, 1);
}

/** "at least N before base": counted back from base (day 0); the earliest date applies. */
export function deadlineBefore(calendar: WorkingDayCalendar, base: IsoDate, interval: Interval): Deadline {
  return deadline(calendar, base, interval, -1);
}

const UNIT_WORDS: Record<IntervalUnit, [string, string]> = {
  workingDays: ['working day', 'working days'],
  days: ['calendar day', 'calendar days'],
  months: ['calendar month', 'calendar months'],
};

export function describeInterval(interval: Interval): string {
  return INTERVAL_UNITS.filter((u) => interval[u] !== undefined)
    .map((u) => `${interval[u]} ${UNIT_WORDS[u][interval[u] === 1 ? 0 : 1]}`)
    .join(' or ');
}

export function describeCounting(c: Counting): string {
  return `${c.n} ${UNIT_WORDS[c.unit][c.n === 1 ? 0 : 1]} -> ${c.date}`;
}

/** A chase repeated every `every` after `first`: the last one due by `today` (if any) and the next. */
export function repeatedChases(calendar: WorkingDayCalendar, first: IsoDate, today: IsoDate, every: Interval): IsoDate[] {
  let last: IsoDate | undefined;
  let next = deadlineAfter(calendar, first, every).date;
  while (next <= today) {
    last = next;
    next = deadlineAfter(calendar, next, every).date;
  }
  return last ? [last, next] : [next];
}
