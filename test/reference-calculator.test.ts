/**
 * An independent reference: date-fns on local dates with the holiday list read straight from the
 * official file, and Easter from a published table, compared with the calculator for every start
 * date 2015-2035.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  addDays as fnsAddDays,
  addMonths as fnsAddMonths,
  format,
  getDay,
  isWeekend,
  lastDayOfMonth,
  nextMonday,
  parseISO,
  previousMonday,
  startOfMonth,
} from 'date-fns';
import { builtInCalendar } from '../data/reference-data';
import { addMonths } from '../workflows/calendar/iso-date';

const feed = JSON.parse(readFileSync(join(__dirname, '..', 'reference-data', 'bank-holidays-england-and-wales.json'), 'utf8')) as {
  events: { date: string }[];
};
const EASTER: Record<number, string> = {
  2029: '2029-04-01',
  2030: '2030-04-21',
  2031: '2031-04-13',
  2032: '2032-03-28',
  2033: '2033-04-17',
  2034: '2034-04-09',
  2035: '2035-03-25',
};
const fmt = (d: Date) => format(d, 'yyyy-MM-dd');

function referenceHolidays(): Set<string> {
  const s = new Set(feed.events.map((e) => e.date));
  // 2014, as published, for counting back from early 2015.
  for (const d of ['2014-01-01', '2014-04-18', '2014-04-21', '2014-05-05', '2014-05-26', '2014-08-25', '2014-12-25', '2014-12-26'])
    s.add(d);
  for (let y = 2029; y <= 2036; y++) {
    const easter = parseISO(EASTER[y] ?? '2036-04-13');
    const weekdayOnOrAfter = (d: Date) => (isWeekend(d) ? nextMonday(d) : d);
    s.add(fmt(weekdayOnOrAfter(parseISO(`${y}-01-01`))));
    s.add(fmt(fnsAddDays(easter, -2)));
    s.add(fmt(fnsAddDays(easter, 1)));
    const may1 = startOfMonth(parseISO(`${y}-05-01`));
    s.add(fmt(getDay(may1) === 1 ? may1 : nextMonday(may1)));
    for (const m of ['05', '08']) {
      const last = lastDayOfMonth(parseISO(`${y}-${m}-01`));
      s.add(fmt(getDay(last) === 1 ? last : previousMonday(last)));
    }
    const xmas = parseISO(`${y}-12-25`);
    const boxing = parseISO(`${y}-12-26`);
    const xmasDay = getDay(xmas);
    if (xmasDay === 6) {
      s.add(`${y}-12-27`);
      s.add(`${y}-12-28`);
    } else if (xmasDay === 0) {
      s.add(`${y}-12-26`);
      s.add(`${y}-12-27`);
    } else if (xmasDay === 5) {
      s.add(`${y}-12-25`);
      s.add(`${y}-12-28`);
    } else {
      s.add(fmt(xmas));
      s.add(fmt(boxing));
    }
  }
  return s;
}

const holidays = referenceHolidays();
const isWorking = (d: Date) => !isWeekend(d) && !holidays.has(fmt(d));
function refAdd(date: string, n: number, step: 1 | -1): string {
  let d = parseISO(date);
  for (let c = 0; c < n;) {
    d = fnsAddDays(d, step);
    if (isWorking(d)) c++;
  }
  return fmt(d);
}

const calendar = builtInCalendar();

test('working-day counting agrees with the reference for every start date 2015-2035', () => {
  let compared = 0;
  for (let d = parseISO('2015-01-01'); d <= parseISO('2035-11-30'); d = fnsAddDays(d, 1)) {
    const iso = fmt(d);
    for (const n of [1, 3, 5, 10, 15, 20]) {
      const fwd = calendar.addWorkingDays(iso, n);
      const back = calendar.workingDaysBefore(iso, n);
      if (fwd !== refAdd(iso, n, 1) || back !== refAdd(iso, n, -1)) {
        throw new Error(`${iso} n=${n}: calculator ${fwd}/${back}, reference ${refAdd(iso, n, 1)}/${refAdd(iso, n, -1)}`);
      }
      compared += 2;
    }
  }
  expect(compared).toBeGreaterThan(90_000);
});

test('calendar months agree with date-fns (end-of-month clamp) for every date 2015-2035', () => {
  for (let d = parseISO('2015-01-01'); d <= parseISO('2035-12-31'); d = fnsAddDays(d, 1)) {
    for (const m of [3, 5, 6, 12]) expect(addMonths(fmt(d), m)).toBe(fmt(fnsAddMonths(d, m)));
  }
});
