/**
 * A case recorded after the fact (opened on a past date) has deadlines that passed before it was
 * recorded. Their reminders, overdue notices and escalations are not sent one by one for days gone
 * by, nor while the day it was recorded lasts (so that what happened since can be recorded first,
 * whatever the hour): the next working day, at 09:00, each recipient gets one catch-up notice
 * listing what is still owed from before that day (a reminder for a deadline already passed says
 * nothing), and the chase goes on from there as usual. A case kind passes its dated actions through
 * `withCatchUp`; without a `recordedOn` they are returned as they are.
 */
import { IsoDate } from '../calendar/iso-date';
import { WorkingDayCalendar } from '../calendar/working-day-calendar';
import type { DatedAction, Notice } from './case-kernel';

/** The catch-up's own id (its notices are `<id>/<recipient>`). */
export const catchUpId = (recordedOn: IsoDate) => `catch-up/${recordedOn}`;

/** When a case recorded on `recordedOn` catches up: the next working day (at 09:00). */
export const catchUpOn = (calendar: WorkingDayCalendar, recordedOn: IsoDate) => calendar.addWorkingDays(recordedOn, 1);

/** One notice per recipient listing the messages of actions whose day passed before `recordedOn`. */
export function catchUpNotices<R extends string>(late: DatedAction<R>[], recordedOn: IsoDate, about: string): Notice<R>[] {
  const lines = new Map<R, Map<string, string>>();
  for (const a of late) {
    const m = a.message;
    if (!m || (m.kind === 'reminder' && m.dueDate && m.dueDate < recordedOn)) continue;
    for (const to of new Set(a.to ?? [])) {
      const mine = lines.get(to) ?? new Map<string, string>();
      mine.set(`- ${m.subject}${m.dueDate ? ` (due ${m.dueDate})` : ''}`, m.rule);
      lines.set(to, mine);
    }
  }
  return [...lines].map(([to, items]) => ({
    id: `${catchUpId(recordedOn)}/${to}`,
    to: [to],
    rule: [...new Set(items.values())].join(','),
    kind: 'catch-up',
    subject: `Catching up: ${items.size} passed before ${about} was recorded`,
    body: [
      `${about} was recorded on ${recordedOn}, after these deadlines passed. You are not sent each notice for days gone by; what is still owed is chased from today as usual.`,
      ...items.keys(),
    ].join('\n'),
  }));
}

/**
 * The case's dated actions, with those whose day passed before `recordedOn` (not yet sent) folded
 * into one catch-up the next working day, which sends the notices and marks them done.
 */
export function withCatchUp<R extends string>(
  actions: DatedAction<R>[],
  sent: Set<string>,
  recordedOn: IsoDate | undefined,
  calendar: WorkingDayCalendar,
  send: (n: Notice<R>) => Promise<void>,
  about: string,
): DatedAction<R>[] {
  if (!recordedOn || sent.has(catchUpId(recordedOn))) return actions;
  const late = actions.filter((a) => a.on < recordedOn && !sent.has(a.id));
  if (!late.length) return actions;
  const effect = async () => {
    for (const n of catchUpNotices(late, recordedOn, about)) await send(n);
    for (const a of late) {
      await a.effect?.();
      sent.add(a.id);
    }
  };
  return [{ id: catchUpId(recordedOn), on: catchUpOn(calendar, recordedOn), effect }, ...actions.filter((a) => !late.includes(a))];
}
