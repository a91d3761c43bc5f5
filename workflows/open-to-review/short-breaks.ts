/**
 * L19 (Stoke 6.3): a series of pre-planned short breaks counts as one placement only while it is at
 * most 120 days in any 12 months. Pure: the days of breaks in the busiest 12 months.
 */
import { IsoDate, addDays, addMonths } from '../calendar/iso-date';
import { ShortBreak } from './model';

export const SHORT_BREAKS_LIMIT = 120;
/** The team manager is warned from this many days on, before the limit is reached. */
export const SHORT_BREAKS_APPROACHING = 100;

/** The days of the breaks, each day once (breaks may be recorded back to back). */
function breakDays(breaks: Pick<ShortBreak, 'on' | 'days'>[]): IsoDate[] {
  const days = new Set<IsoDate>();
  for (const b of breaks) for (let i = 0; i < b.days; i++) days.add(addDays(b.on, i));
  return [...days].sort();
}

/** The most days of short breaks in any 12 months (a window ending on each day of a break), and that window. */
export function busiestTwelveMonths(breaks: Pick<ShortBreak, 'on' | 'days'>[]): { days: number; from?: IsoDate; to?: IsoDate } {
  const days = breakDays(breaks);
  let best: { days: number; from?: IsoDate; to?: IsoDate } = { days: 0 };
  for (let i = 0, j = 0; j < days.length; j++) {
    const from = addDays(addMonths(days[j], -12), 1);
    while (days[i] < from) i++;
    if (j - i + 1 > best.days) best = { days: j - i + 1, from, to: days[j] };
  }
  return best;
}
