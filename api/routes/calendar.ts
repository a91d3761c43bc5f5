import { CalendarChangeRefused, CalendarService } from '../../data/calendar-service';
import { CalendarSnapshot } from '../../workflows/calendar/working-day-calendar';
import { parseDate } from '../calculator';
import { ANY_ROLE } from '../../platform/auth/roles';
import { logger } from '../../platform/log';
import { InputError } from '../input-error';
import { objectBody } from '../request-body';
import { SecureRouter } from '../secure-router';

export interface CalendarRouteDeps {
  calendar: CalendarService;
  broadcast: (snapshot: CalendarSnapshot) => Promise<{ signalled: number; failed: number }>;
}

function text(body: Record<string, unknown>, field: string, max: number): string {
  const v = body[field];
  if (typeof v !== 'string' || !v.trim()) throw new InputError(field, `${field}: required text`);
  if (v.length > max) throw new InputError(field, `${field}: at most ${max} characters`);
  return v.trim();
}

/**
 * A calendar change (POST /api/calendar/changes, and the operator's page): stored, then broadcast
 * to every running case. A refused change is a 422 naming the field.
 */
export async function changeCalendar(
  { calendar, broadcast }: CalendarRouteDeps,
  c: { date: string; action: 'add' | 'remove'; title: string; reason: string },
): Promise<{ change: ReturnType<CalendarService['change']>; calendarRevision: number; delivery: Record<string, unknown> }> {
  // The calendar knows bank holidays from 1990 to 2100 (GET /api/calendar/bank-holidays); a typo such as year 32 is not one.
  const year = Number(c.date.slice(0, 4));
  if (!(year >= 1990 && year <= 2100)) throw new InputError('date', 'date: a date from 1990 to 2100 (the years the calendar covers)');
  let change;
  try {
    change = calendar.change(c.date, c.action, c.title, c.reason);
  } catch (e) {
    if (e instanceof CalendarChangeRefused) throw new InputError(e.field, e.message, 422);
    throw e;
  }
  const snapshot = calendar.snapshot();
  // The change is stored: every case re-reads the calendar before it reminds anyone, so a failed
  // broadcast delays nothing that is due; it is reported, not turned into an error.
  let delivery: Record<string, unknown>;
  try {
    const d = await broadcast(snapshot);
    delivery = { runningCasesSignalled: d.signalled, signalFailures: d.failed };
  } catch (e) {
    logger.warn({ component: 'calendar', err: e }, 'calendar broadcast failed; each case picks up the change before its next reminder');
    delivery = {
      runningCasesSignalled: 0,
      broadcastError: 'running cases could not be listed now; each picks up the change before its next reminder',
    };
  }
  return { change, calendarRevision: snapshot.revision, delivery };
}

/** Bank holidays as the system counts them, and the operator's changes (newly proclaimed days). */
export function calendarRoutes(r: SecureRouter, { calendar, broadcast }: CalendarRouteDeps): void {
  r.get('/bank-holidays', { roles: ANY_ROLE, query: ['year'] }, (req, res) => {
    const y = typeof req.query.year === 'string' ? req.query.year : '';
    if (!/^\d{4}$/.test(y) || Number(y) < 1990 || Number(y) > 2100) throw new InputError('year', 'year: a year from 1990 to 2100');
    const cal = calendar.calendar();
    res.json({ year: Number(y), calendarRevision: cal.revision, bankHolidays: cal.bankHolidaysIn(Number(y)) });
  });
  r.get('/changes', ANY_ROLE, (_req, res) => {
    res.json({ changes: calendar.changes() });
  });
  /** Only an operator changes the calendar (a newly proclaimed or moved bank holiday). */
  r.post('/changes', ['operator'], async (req, res) => {
    const body = objectBody(req);
    const date = parseDate('date', body.date);
    const action = body.action === undefined ? 'add' : body.action;
    if (action !== 'add' && action !== 'remove') throw new InputError('action', 'action: "add" or "remove"');
    const { change, calendarRevision, delivery } = await changeCalendar(
      { calendar, broadcast },
      { date, action, title: text(body, 'title', 200), reason: text(body, 'reason', 1000) },
    );
    res.locals.created = `calendar-change-${change.seq}`;
    res.status(201).json({ change, calendarRevision, ...delivery });
  });
}
