/**
 * Hands a new calendar snapshot to every running case workflow. Each also re-reads the calendar
 * before it sends a reminder, so a case this misses (visibility lag, a crash mid-way) still counts
 * with the new holiday; the signal makes deadlines that move earlier take effect at once.
 */
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { calendarUpdated } from '../workflows/calendar/calendar-updated';
import { CalendarSnapshot } from '../workflows/calendar/working-day-calendar';
import { CASE_KIND, CaseKind } from '../workflows/search-attributes';

export async function broadcastCalendar(client: Client, snapshot: CalendarSnapshot): Promise<{ signalled: number; failed: number }> {
  const kinds = Object.values(CaseKind)
    .map((k) => `'${k}'`)
    .join(', ');
  const query = `${CASE_KIND.name} IN (${kinds}) AND ExecutionStatus = 'Running'`;
  let signalled = 0;
  let failed = 0;
  for await (const wf of client.workflow.list({ query })) {
    try {
      await client.workflow.getHandle(wf.workflowId).signal(calendarUpdated, snapshot);
      signalled++;
    } catch (e) {
      if (!(e instanceof WorkflowNotFoundError)) failed++;
    }
  }
  return { signalled, failed };
}
