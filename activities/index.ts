/**
 * Activities: all I/O the workflows need. Workflows import this module as a type only.
 */
import { CalendarSnapshot } from '../workflows/calendar/working-day-calendar';
import { CalendarService } from './calendar-service';
import { ProfileRegistry } from './reference-data';
import { EmbeddedStore } from './store/embedded-store';

export interface NotificationRequest {
  /** Deterministic: built by the workflow from the case and the event, so a retry records nothing new. */
  id: string;
  /** A role address, e.g. 'iro-unit'; who fills the role is resolved at delivery. */
  recipient: string;
  caseId: string;
  rule: string;
  kind: string;
  subject: string;
  body: string;
  dueDate?: string;
}

export interface ActivityServices {
  store: EmbeddedStore;
  calendar: CalendarService;
  profiles: ProfileRegistry;
}

export function createActivities({ store, calendar }: ActivityServices) {
  return {
    async notify(n: NotificationRequest): Promise<{ id: string; recorded: boolean }> {
      const recorded = store.recordNotification({ ...n, dueDate: n.dueDate ?? null });
      return { id: n.id, recorded };
    },

    async loadCalendar(): Promise<CalendarSnapshot> {
      return calendar.snapshot();
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
