/**
 * Bank holidays of England and Wales by the standing rules (Banking and Financial Dealings Act 1971
 * and the annual proclamations that follow it), for years the official list does not cover yet.
 * One-off days (jubilees, coronations, funerals) cannot be derived: an operator adds them.
 */
import { IsoDate, addDays, dayOfWeek, daysInMonth, isoOf } from './iso-date';

export interface Holiday {
  date: IsoDate;
  title: string;
  substitute: boolean;
}

/** Easter Sunday (Gregorian), by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoOf(year, month, day);
}

function firstMonday(year: number, month: number): IsoDate {
  const first = isoOf(year, month, 1);
  return addDays(first, (8 - dayOfWeek(first)) % 7);
}

function lastMonday(year: number, month: number): IsoDate {
  const last = isoOf(year, month, daysInMonth(year, month));
  return addDays(last, -((dayOfWeek(last) + 6) % 7));
}

function isWeekend(date: IsoDate): boolean {
  const d = dayOfWeek(date);
  return d === 0 || d === 6;
}

export function standingBankHolidays(year: number): Holiday[] {
  const easter = easterSunday(year);
  const out: Holiday[] = [];

  // New Year's Day: on a weekend, the following Monday instead.
  const newYear = isoOf(year, 1, 1);
  out.push(
    isWeekend(newYear)
      ? { date: addDays(newYear, dayOfWeek(newYear) === 6 ? 2 : 1), title: 'new_year', substitute: true }
      : { date: newYear, title: 'new_year', substitute: false },
  );
  out.push({ date: addDays(easter, -2), title: 'good_friday', substitute: false });
  out.push({ date: addDays(easter, 1), title: 'easter_monday', substitute: false });
  out.push({ date: firstMonday(year, 5), title: 'early_may', substitute: false });
  out.push({ date: lastMonday(year, 5), title: 'spring', substitute: false });
  out.push({ date: lastMonday(year, 8), title: 'late_august', substitute: false });

  // Christmas and Boxing Day: whichever falls on a weekend moves to the next free weekday.
  const christmas = isoOf(year, 12, 25);
  const boxing = isoOf(year, 12, 26);
  switch (dayOfWeek(christmas)) {
    case 5: // Fri: Boxing Day (Sat) moves to Monday 28th
      out.push({ date: christmas, title: 'christmas', substitute: false });
      out.push({ date: isoOf(year, 12, 28), title: 'boxing_day', substitute: true });
      break;
    case 6: // Sat: Christmas to Monday 27th, Boxing Day (Sun) to Tuesday 28th
      out.push({ date: isoOf(year, 12, 27), title: 'christmas', substitute: true });
      out.push({ date: isoOf(year, 12, 28), title: 'boxing_day', substitute: true });
      break;
    case 0: // Sun: Boxing Day stays on Monday 26th, Christmas moves to Tuesday 27th
      out.push({ date: boxing, title: 'boxing_day', substitute: false });
      out.push({ date: isoOf(year, 12, 27), title: 'christmas', substitute: true });
      break;
    default:
      out.push({ date: christmas, title: 'christmas', substitute: false });
      out.push({ date: boxing, title: 'boxing_day', substitute: false });
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : 1));
}
