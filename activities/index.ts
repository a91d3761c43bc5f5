/**
 * Activities: all I/O the workflows need. Workflows import this module as a type only.
 */
import { Context } from '@temporalio/activity';
import { CalendarSnapshot } from '../workflows/calendar/working-day-calendar';
import { CalendarService } from '../data/calendar-service';
import type { Fact } from '../workflows/record/facts';
import type { RecordStore } from '../data/record/record-store';
import { notificationFact } from '../data/record/notification-facts';
import { londonDate } from '../workflows/calendar/office-hours';
import { DisputeRecord, EmbeddedStore, NotificationRecord, OpenReviewRecord, ReviewOutcome } from '../data/embedded-store';

/**
 * A notification as a workflow asks for it. Its id is deterministic (built from the case and the
 * event), so a retried activity records nothing new; the recipient is a role address such as
 * 'iro-unit', resolved to a person at delivery.
 */
export type NotificationRequest = Omit<NotificationRecord, 'createdAt' | 'status' | 'dueDate' | 'note'> & { dueDate?: string };

export interface ActivityServices {
  store: EmbeddedStore;
  calendar: CalendarService;
  /** The statutory record (issue 14); absent in tests that do not look at it. */
  record?: RecordStore;
  /** Told when a new notification is recorded (the mail dispatcher wakes). */
  onNotification?: () => void;
}

/** When this attempt was scheduled (the time-skipping test server's clock in tests); now outside an activity. */
function activityNow(): number {
  try {
    return Context.current().info.currentAttemptScheduledTimestampMs;
  } catch {
    return Date.now();
  }
}

/** `team-manager:south-1` and `social-worker:south-1` name the case's team. */
const TEAM_ADDRESS = /^(?:team-manager|social-worker):(.+)$/;

export function createActivities({ store, calendar, record, onNotification }: ActivityServices) {
  return {
    async notify(n: NotificationRequest): Promise<{ id: string; recorded: boolean }> {
      const recorded = store.recordNotification({ ...n, dueDate: n.dueDate ?? null });
      const team = TEAM_ADDRESS.exec(n.recipient)?.[1];
      if (team) store.directory.noteCaseTeam(n.caseId, team);
      if (recorded) onNotification?.();
      // notification/sent on every attempt, not only the first: a retry after the record failed
      // writes it then, and one already written writes nothing (its key is known).
      const fact =
        record && notificationFact({ ...n, dueDate: n.dueDate ?? null }, 'sent', londonDate(activityNow()), store.cases.get(n.caseId));
      if (fact) await record!.append([fact]);
      return { id: n.id, recorded };
    },

    async loadCalendar(): Promise<CalendarSnapshot> {
      return calendar.snapshot();
    },

    /** L18 reporting: one row per review held (idempotent), for timeliness and participation. */
    async recordReviewOutcome(o: ReviewOutcome): Promise<void> {
      store.recordReviewOutcome(o);
    },

    /** L18 reporting: the cycle's review not yet held (the latest per cycle; idempotent), or none once the cycle ended. */
    async recordOpenReview(o: OpenReviewRecord): Promise<void> {
      store.recordOpenReview(o);
      if (!('ended' in o)) store.directory.noteCaseTeam(o.cycleId, o.team);
    },

    /** The statutory record: appends the case's facts not yet written (keys already written write nothing). */
    async appendRecord(facts: Fact[]): Promise<{ written: number }> {
      return { written: record ? await record.append(facts) : 0 };
    },

    /** Resolution and Escalation figures: the dispute as it stands (idempotent). */
    async recordDispute(d: DisputeRecord): Promise<void> {
      store.recordDispute(d);
      store.directory.noteCaseTeam(d.disputeId, d.team);
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
