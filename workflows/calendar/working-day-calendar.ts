/**
 * Working days for England and Wales (reg 2 of the 2010 Regulations): every day except Saturday,
 * Sunday, Christmas Day, Good Friday and the bank holidays, substitute and one-off days included.
 *
 * Built from a CalendarSnapshot, which is plain data: workflows receive it from an activity (so
 * it is recorded in their history and replays identically) and receive a new one by signal when
 * an operator adds a newly proclaimed holiday.
 */
import { IsoDate, addDays, dayOfWeek, isoOf, yearOf } from './iso-date';
import { standingBankHolidays } from './standing-rules';

export interface CalendarSnapshot {
  /** 0 for the built-in list; each operator change adds 1. Lets a workflow ignore an older snapshot. */
  revision: number;
  /** Years for which `official` is the complete official list (GOV.UK feed). */
  officialFrom: number;
  officialTo: number;
  /** Bank holidays of the official years, sorted. */
  official: IsoDate[];
  /** Days an operator has added (newly proclaimed one-off holidays, or a moved day). */
  added: IsoDate[];
  /** Standing-rule or listed days an operator has removed (a holiday moved by proclamation). */
  removed: IsoDate[];
}

export class WorkingDayCalendar {
  private readonly official: Set<IsoDate>;
  private readonly added: Set<IsoDate>;
  private readonly removed: Set<IsoDate>;
  private readonly standingByYear = new Map<number, Set<IsoDate>>();

  constructor(readonly snapshot: CalendarSnapshot) {
    this.official = new Set(snapshot.official);
    this.added = new Set(snapshot.added);
    this.removed = new Set(snapshot.removed);
  }

  get revision(): number {
    return this.snapshot.revision;
  }

  isBankHoliday(date: IsoDate): boolean {
    if (this.added.has(date)) return true;
    if (this.removed.has(date)) return false;
    const year = yearOf(date);
    if (year >= this.snapshot.officialFrom && year <= this.snapshot.officialTo) return this.official.has(date);
    return this.standing(year).has(date);
  }

  isWorkingDay(date: IsoDate): boolean {
    const dow = dayOfWeek(date);
    if (dow === 0 || dow === 6) return false;
    // Christmas Day and Good Friday are named in reg 2 itself, whatever any list says.
    if (date.endsWith('-12-25')) return false;
    return !this.isBankHoliday(date);
  }

  /** "Within n working days of D": D is day 0; the nth working day after D is the last compliant day. */
  addWorkingDays(date: IsoDate, n: number): IsoDate {
    assertCount(n);
    let d = date;
    for (let counted = 0; counted < n;) {
      d = addDays(d, 1);
      if (this.isWorkingDay(d)) counted++;
    }
    return d;
  }

  /** "n working days before M": count back from M (day 0). */
  workingDaysBefore(date: IsoDate, n: number): IsoDate {
    assertCount(n);
    let d = date;
    for (let counted = 0; counted < n;) {
      d = addDays(d, -1);
      if (this.isWorkingDay(d)) counted++;
    }
    return d;
  }

  /** The first working day on or after `date`. */
  onOrNextWorkingDay(date: IsoDate): IsoDate {
    let d = date;
    while (!this.isWorkingDay(d)) d = addDays(d, 1);
    return d;
  }

  bankHolidaysIn(year: number): IsoDate[] {
    const out: IsoDate[] = [];
    for (let d = isoOf(year, 1, 1); yearOf(d) === year; d = addDays(d, 1)) {
      if (this.isBankHoliday(d)) out.push(d);
    }
    return out;
  }

  private standing(year: number): Set<IsoDate> {
    let days = this.standingByYear.get(year);
    if (!days) {
      days = new Set(standingBankHolidays(year).map((h) => h.date));
      this.standingByYear.set(year, days);
    }
    return days;
  }
}

/** Largest count accepted: about 40 years of working days, far beyond any timescale here. */
export const MAX_WORKING_DAYS = 10_000;

function assertCount(n: number): void {
  if (!Number.isInteger(n) || n < 0 || n > MAX_WORKING_DAYS) {
    throw new RangeError(`working-day count must be a whole number from 0 to ${MAX_WORKING_DAYS}, got ${n}`);
  }
}
