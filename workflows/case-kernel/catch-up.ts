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

/** A case brought in by the go-live import: its catch-up is on the import day and named as go-live's (the mail puts it in the morning digest). */
export const goLiveCatchUpId = (importedOn: IsoDate) => `catch-up/go-live/${importedOn}`;

/** When a case recorded on `recordedOn` catches up: the next working day (at 09:00). */
export const catchUpOn = (calendar: WorkingDayCalendar, recordedOn: IsoDate) => calendar.addWorkingDays(recordedOn, 1);

/** One notice per recipient listing the messages of actions whose day passed before `recordedOn` (`id`: the catch-up's own, default the first's). */
export function catchUpNotices<R extends string>(
  late: DatedAction<R>[],
  recordedOn: IsoDate,
  about: string,
  id = catchUpId(recordedOn),
  revealed = false,
): Notice<R>[] {
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
  const intro = revealed
    ? `Facts about ${about} recorded on ${recordedOn} (dated earlier) show these deadlines had passed. You are not sent each notice for days gone by; what is still owed is chased from today as usual.`
    : `${about} was recorded on ${recordedOn}, after these deadlines passed. You are not sent each notice for days gone by; what is still owed is chased from today as usual.`;
  return [...lines].map(([to, items]) => ({
    id: `${id}/${to}`,
    to: [to],
    rule: [...new Set(items.values())].join(','),
    kind: 'catch-up',
    subject: `Catching up: ${items.size} passed before ${revealed ? 'what was recorded today revealed them' : `${about} was recorded`}`,
    body: [intro, ...items.keys()].join('\n'),
  }));
}

/** A short, stable name for a set of action ids (djb2, base 36): deterministic, so it replays. */
export function fingerprint(ids: string[]): string {
  let h = 5381;
  for (const c of [...ids].sort().join('|')) h = ((h * 33) ^ c.charCodeAt(0)) >>> 0;
  return h.toString(36);
}

/** After the first catch-up (or with none): deadlines revealed as passed by facts recorded today, dated earlier. */
export interface PerPass {
  today: IsoDate;
  /** The workflow's patch guard, asked only when there is something to catch up. */
  enabled: () => boolean;
}

/**
 * The case's dated actions, with those whose day passed before `recordedOn` (not yet sent) folded
 * into one catch-up the next working day, which sends the notices and marks them done. With
 * `perPass`, once that is done (or for a case not recorded after the fact), actions whose day
 * passed before today and were never sent (a fact dated in the past revealed them) are folded into
 * a catch-up of today's pass, one notice per recipient, named by what it folds.
 */
export function withCatchUp<R extends string>(
  actions: DatedAction<R>[],
  sent: Set<string>,
  recordedOn: IsoDate | undefined,
  calendar: WorkingDayCalendar,
  send: (n: Notice<R>) => Promise<void>,
  about: string,
  perPass?: PerPass,
  /** Imported at go-live on this day (the case's recordedOn): caught up that day, what falls due that day folded too. */
  importedOn?: IsoDate,
): DatedAction<R>[] {
  const fold = (late: DatedAction<R>[], id: string, on: IsoDate, notices: Notice<R>[]): DatedAction<R>[] => {
    const effect = async () => {
      for (const n of notices) await send(n);
      for (const a of late) {
        await a.effect?.();
        sent.add(a.id);
      }
    };
    return [{ id, on, effect }, ...actions.filter((a) => !late.includes(a))];
  };
  const goLive = recordedOn !== undefined && importedOn === recordedOn;
  const firstId = recordedOn && (goLive ? goLiveCatchUpId(recordedOn) : catchUpId(recordedOn));
  if (recordedOn && firstId && !sent.has(firstId)) {
    const late = actions.filter((a) => (goLive ? a.on <= recordedOn : a.on < recordedOn) && !sent.has(a.id));
    const on = goLive ? recordedOn : catchUpOn(calendar, recordedOn);
    if (late.length) return fold(late, firstId, on, catchUpNotices(late, recordedOn, about, firstId));
    if (recordedOn >= (perPass?.today ?? recordedOn)) return actions;
  }
  if (!perPass) return actions;
  const { today } = perPass;
  const late = actions.filter((a) => a.on < today && !sent.has(a.id));
  if (!late.length || !perPass.enabled()) return actions;
  const id = `catch-up/${today}/${fingerprint(late.map((a) => a.id))}`;
  return fold(late, id, today, catchUpNotices(late, today, about, id, true));
}
