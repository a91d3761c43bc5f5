import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCalendarSnapshot, loadOfficialHolidays } from '../data/reference-data';
import { addDays, addMonths, isIsoDate, isoOf } from '../workflows/calendar/iso-date';
import { londonDate, londonTime } from '../workflows/calendar/office-hours';
import { easterSunday, standingBankHolidays } from '../workflows/calendar/standing-rules';
import { WorkingDayCalendar } from '../workflows/calendar/working-day-calendar';
import { changeCalendar } from '../api/routes/calendar';
import { InputError } from '../api/input-error';
import { makeServices, tempDir } from './support/temporal';

const SHARED_FEED = join(__dirname, '..', '..', 'shared', 'data', 'bank-holidays-england-and-wales.json');
const VENDORED_FEED = join(__dirname, '..', 'reference-data', 'bank-holidays-england-and-wales.json');
const feedFile = existsSync(SHARED_FEED) ? SHARED_FEED : VENDORED_FEED;
const feed = JSON.parse(readFileSync(feedFile, 'utf8')) as { events: { date: string; title: string }[] };
const official = new Set(feed.events.map((e) => e.date));
const calendar = new WorkingDayCalendar(buildCalendarSnapshot(loadOfficialHolidays(), []));

describe('working days for England and Wales', () => {
  test('the shipped list is the official GOV.UK list', () => {
    expect(JSON.parse(readFileSync(VENDORED_FEED, 'utf8'))).toEqual(JSON.parse(readFileSync(feedFile, 'utf8')));
  });

  test('every day of 2015-2028 is a working day exactly when the official list and the weekend say so', () => {
    let days = 0;
    for (let d = '2015-01-01'; d <= '2028-12-31'; d = addDays(d, 1)) {
      const weekend = [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());
      expect([d, calendar.isWorkingDay(d)]).toEqual([d, !weekend && !official.has(d)]);
      days++;
    }
    expect(days).toBe(5114);
  });

  test('the standing rules reproduce the official list except the proclaimed one-off and moved days', () => {
    const oneOffs = ['2020-05-08', '2022-06-02', '2022-06-03', '2022-09-19', '2023-05-08'];
    const movedAway = ['2020-05-04', '2022-05-30']; // early May 2020 went to VE day; spring 2022 to the jubilee
    for (let y = 2015; y <= 2028; y++) {
      const byRule = standingBankHolidays(y)
        .map((h) => h.date)
        .filter((d) => !movedAway.includes(d));
      const listed = [...official].filter((d) => d.startsWith(`${y}-`) && !oneOffs.includes(d)).sort();
      expect([y, byRule]).toEqual([y, listed]);
    }
  });

  test('years after the official list follow the standing rules with substitute days', () => {
    // Easter Sundays as published for 2029-2035.
    expect([2029, 2030, 2031, 2032, 2033, 2034, 2035].map(easterSunday)).toEqual([
      '2029-04-01',
      '2030-04-21',
      '2031-04-13',
      '2032-03-28',
      '2033-04-17',
      '2034-04-09',
      '2035-03-25',
    ]);
    expect(calendar.bankHolidaysIn(2032)).toEqual([
      '2032-01-01',
      '2032-03-26',
      '2032-03-29',
      '2032-05-03',
      '2032-05-31',
      '2032-08-30',
      '2032-12-27',
      '2032-12-28',
    ]);
    // New Year's Day 2033 is a Saturday: Monday 3 January instead.
    expect(calendar.bankHolidaysIn(2033)[0]).toBe('2033-01-03');
    // Christmas 2033 is a Sunday: Boxing Day on Monday 26th, Christmas on Tuesday 27th.
    expect(calendar.bankHolidaysIn(2033).slice(-2)).toEqual(['2033-12-26', '2033-12-27']);
    expect(calendar.isWorkingDay('2033-12-25')).toBe(false);
  });

  test('rules.md examples: day 0, counting forwards and back', () => {
    expect(calendar.addWorkingDays('2022-12-16', 20)).toBe('2023-01-18');
    expect(calendar.workingDaysBefore('2023-01-10', 10)).toBe('2022-12-22');
    expect(calendar.workingDaysBefore('2023-01-10', 20)).toBe('2022-12-08');
    expect(calendar.workingDaysBefore('2023-01-10', 3)).toBe('2023-01-05');
    expect(calendar.addWorkingDays('2023-01-07', 0)).toBe('2023-01-07');
    expect(() => calendar.addWorkingDays('2023-01-07', -1)).toThrow(/whole number/);
  });

  test('calendar months clamp at the month end and are not moved for weekends', () => {
    expect(addMonths('2025-01-31', 3)).toBe('2025-04-30');
    expect(addMonths('2024-08-31', 6)).toBe('2025-02-28');
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29');
    expect(addMonths('2025-03-01', 3)).toBe('2025-06-01'); // a Sunday, left as it is
    expect(addDays('2025-01-31', 91)).toBe('2025-05-02');
  });

  test('only real dates are dates', () => {
    for (const bad of ['2023-02-30', '2023-13-01', '2023-1-01', '20230101', '', '2023-02-29', 'tomorrow'])
      expect(isIsoDate(bad)).toBe(false);
    for (const good of ['2024-02-29', '2023-12-31', '2015-01-01']) expect(isIsoDate(good)).toBe(true);
  });

  test('an operator can add a newly proclaimed holiday and remove a moved one', () => {
    const changed = new WorkingDayCalendar(
      buildCalendarSnapshot(loadOfficialHolidays(), [
        { seq: 1, date: '2030-06-14', action: 'add', title: 'one-off', reason: 'proclamation', createdAt: '' },
        { seq: 2, date: '2030-05-06', action: 'remove', title: 'early May moved', reason: 'proclamation', createdAt: '' },
      ]),
    );
    expect(changed.revision).toBe(2);
    expect(calendar.isWorkingDay('2030-06-14')).toBe(true);
    expect(changed.isWorkingDay('2030-06-14')).toBe(false);
    expect(calendar.isWorkingDay('2030-05-06')).toBe(false);
    expect(changed.isWorkingDay('2030-05-06')).toBe(true);
    expect(changed.addWorkingDays('2030-06-13', 1)).toBe('2030-06-17');
  });

  test('a calendar change outside 1990-2100 (a typo such as year 32) is refused naming the date, and nothing is stored', async () => {
    const tmp = tempDir('calendar-range');
    const { store, calendar: service } = makeServices(tmp.dir);
    const broadcast = jest.fn(async () => ({ signalled: 0, failed: 0 }));
    try {
      for (const date of ['0032-06-14', '1989-06-14', '2101-06-14']) {
        const refused = await changeCalendar({ calendar: service, broadcast }, { date, action: 'add', title: 't', reason: 'r' }).catch(
          (e: unknown) => e,
        );
        expect(refused).toBeInstanceOf(InputError);
        expect([(refused as InputError).field, (refused as InputError).status, (refused as InputError).message]).toEqual([
          'date',
          400,
          'date: a date from 1990 to 2100 (the years the calendar covers)',
        ]);
      }
      expect(service.changes()).toEqual([]);
      expect(broadcast).not.toHaveBeenCalled();
      const ok = await changeCalendar({ calendar: service, broadcast }, { date: '2030-06-14', action: 'add', title: 't', reason: 'r' });
      expect(ok.change.date).toBe('2030-06-14');
    } finally {
      store.close();
      tmp.remove();
    }
  });

  test('reminders go out at 09:00 England time, GMT in winter and BST in summer', () => {
    expect(new Date(londonTime('2026-01-15')).toISOString()).toBe('2026-01-15T09:00:00.000Z');
    expect(new Date(londonTime('2026-07-15')).toISOString()).toBe('2026-07-15T08:00:00.000Z');
    expect(new Date(londonTime('2026-03-29')).toISOString()).toBe('2026-03-29T08:00:00.000Z'); // BST starts 01:00 UTC that day
    expect(new Date(londonTime('2026-10-25')).toISOString()).toBe('2026-10-25T09:00:00.000Z'); // BST ends that day
    expect(londonDate(Date.parse('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(londonDate(Date.parse('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
    expect(isoOf(2026, 3, 1)).toBe('2026-03-01');
  });
});
