/**
 * The live calendar: the official list plus the operator's changes. An operator adds a newly
 * proclaimed holiday here; the API then hands the new snapshot to every running workflow.
 */
import { IsoDate, addDays, dayOfWeek, weekdayName } from '../workflows/calendar/iso-date';
import { CalendarSnapshot, WorkingDayCalendar } from '../workflows/calendar/working-day-calendar';
import { easterSunday } from '../workflows/calendar/standing-rules';
import { OfficialHolidays, buildCalendarSnapshot, loadOfficialHolidays } from './reference-data';
import { CalendarChange, EmbeddedStore } from './embedded-store';

export class CalendarChangeRefused extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export class CalendarService {
  /** With the store's last change when built: another process (the separate API) may add one. */
  private cached?: { calendar: WorkingDayCalendar; lastSeq: number };

  constructor(
    private readonly store: EmbeddedStore,
    private readonly official: OfficialHolidays = loadOfficialHolidays(),
  ) {}

  snapshot(): CalendarSnapshot {
    return this.calendar().snapshot;
  }

  calendar(): WorkingDayCalendar {
    const lastSeq = this.store.lastCalendarChange();
    if (this.cached?.lastSeq !== lastSeq)
      this.cached = { calendar: new WorkingDayCalendar(buildCalendarSnapshot(this.official, this.store.calendarChanges())), lastSeq };
    return this.cached.calendar;
  }

  changes(): CalendarChange[] {
    return this.store.calendarChanges();
  }

  /** Adds or removes a bank holiday. Refuses changes that would do nothing or contradict reg 2. */
  change(date: IsoDate, action: 'add' | 'remove', title: string, reason: string): CalendarChange {
    const cal = this.calendar();
    const dow = dayOfWeek(date);
    if (action === 'add') {
      if (dow === 0 || dow === 6) throw new CalendarChangeRefused('date', `${date} is a ${weekdayName(date)}, already not a working day`);
      if (cal.isBankHoliday(date)) throw new CalendarChangeRefused('date', `${date} is already a bank holiday`);
    } else {
      if (date.endsWith('-12-25') || date === addDays(easterSunday(Number(date.slice(0, 4))), -2)) {
        throw new CalendarChangeRefused('date', `${date} is Christmas Day or Good Friday, never a working day (reg 2)`);
      }
      if (!cal.isBankHoliday(date)) throw new CalendarChangeRefused('date', `${date} is not a bank holiday`);
    }
    const change = this.store.addCalendarChange({ date, action, title, reason });
    this.cached = undefined;
    return change;
  }
}
