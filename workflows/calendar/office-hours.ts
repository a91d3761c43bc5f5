/**
 * Reminders go out in office hours, England time. UK summer time is fixed by the Summer Time Act
 * 1972 (as amended): from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of
 * October. Computed here rather than with Intl so that workflow replay never depends on tz data.
 */
import { IsoDate, addDays, dayOfWeek, isoOf, parseIsoDate } from './iso-date';

export const OFFICE_OPENS_HOUR = 9;
/** The close of the working day, England time: a deadline day's last compliant moment (a dispute's stage climbs then). */
export const OFFICE_CLOSES_HOUR = 17;

function lastSunday(year: number, month: number): IsoDate {
  const last = isoOf(year, month, new Date(Date.UTC(year, month, 0)).getUTCDate());
  return addDays(last, -dayOfWeek(last));
}

function utcMs(date: IsoDate, hour: number): number {
  return (parseIsoDate(date) as number) * 86_400_000 + hour * 3_600_000;
}

/** Offset of England's clock from UTC, in hours, at a UTC instant. */
export function londonOffsetHours(instantMs: number): number {
  const year = new Date(instantMs).getUTCFullYear();
  const bstStart = utcMs(lastSunday(year, 3), 1);
  const bstEnd = utcMs(lastSunday(year, 10), 1);
  return instantMs >= bstStart && instantMs < bstEnd ? 1 : 0;
}

/** The UTC instant of `hour`:00 England time on `date`. */
export function londonTime(date: IsoDate, hour = OFFICE_OPENS_HOUR): number {
  const asIfUtc = utcMs(date, hour);
  return asIfUtc - londonOffsetHours(asIfUtc - 3_600_000) * 3_600_000;
}

/** The calendar date in England at a UTC instant. */
export function londonDate(instantMs: number): IsoDate {
  return new Date(instantMs + londonOffsetHours(instantMs) * 3_600_000).toISOString().slice(0, 10);
}
