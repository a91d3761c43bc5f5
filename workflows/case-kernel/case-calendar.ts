/**
 * The working-day calendar a running case counts with. It starts from the snapshot in the case's
 * input (so replay sees the same one), takes a newer one from the operator's broadcast signal, and,
 * as a safety net for a missed broadcast, re-reads the calendar once before sending reminders.
 * An older revision never replaces a newer one.
 */
import { setHandler } from '@temporalio/workflow';
import { calendarUpdated } from '../calendar/calendar-updated';
import { CalendarSnapshot, WorkingDayCalendar } from '../calendar/working-day-calendar';

export interface CaseCalendar {
  readonly calendar: WorkingDayCalendar;
  readonly snapshot: CalendarSnapshot;
  /** Reads the current calendar (an activity) at most once per instant; true if it was newer and adopted. */
  refreshOnce(now: number, load: () => Promise<CalendarSnapshot>): Promise<boolean>;
}

/** Registers the calendarUpdated handler; `onChange` runs whenever a newer snapshot is adopted. */
export function followCalendar(initial: CalendarSnapshot, onChange: () => void): CaseCalendar {
  let snapshot = initial;
  let calendar = new WorkingDayCalendar(initial);
  let checkedAt = -1;
  const adopt = (next: CalendarSnapshot): boolean => {
    if (next.revision <= snapshot.revision) return false;
    snapshot = next;
    calendar = new WorkingDayCalendar(next);
    onChange();
    return true;
  };
  setHandler(calendarUpdated, (next) => {
    adopt(next);
  });
  return {
    get calendar() {
      return calendar;
    },
    get snapshot() {
      return snapshot;
    },
    async refreshOnce(now, load) {
      if (checkedAt === now) return false;
      checkedAt = now;
      return adopt(await load());
    },
  };
}
