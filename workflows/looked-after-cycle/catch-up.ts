/**
 * A child entered already in care, or a review recorded after the fact, has deadlines that passed
 * before the cycle knew of them. Their reminders, overdue notices and escalations are not sent one
 * by one for days gone by: each recipient gets one catch-up notice listing what is overdue (or
 * falls due soon), and the normal chase follows from today. Pure.
 */
import { Message } from '../case-kernel/case-kernel';
import { IsoDate } from '../calendar/iso-date';
import { Action, Obligation, Recipient } from './obligations';

/** Only notices are folded into a catch-up; the L10/L11 outcomes and prompts keep their effects. */
export const FOLDED: Action['kind'][] = ['reminder', 'overdue', 'escalation'];

export interface Stale {
  o: Obligation;
  a: Action;
}

/** Actions not yet sent whose day has gone by (a running cycle sends each on its own day, so none is stale). */
export function staleActions(obligations: Obligation[], sent: Set<string>, today: IsoDate): Stale[] {
  return obligations.flatMap((o) =>
    o.actions.filter((a) => a.on < today && !sent.has(a.id) && FOLDED.includes(a.kind)).map((a) => ({ o, a })),
  );
}

/** One notice per recipient: what is overdue (escalated ones marked), then what falls due soon. A reminder for a passed deadline says nothing. */
export function catchUpNotices(stale: Stale[], today: IsoDate): { to: Recipient; message: Message; of: string }[] {
  const lines = new Map<Recipient, Map<string, { overdue: boolean; line: string; rule: string }>>();
  for (const { o, a } of stale) {
    const overdue = o.due < today;
    if (a.kind === 'reminder' && overdue) continue;
    for (const to of a.to) {
      const mine = lines.get(to) ?? new Map<string, { overdue: boolean; line: string; rule: string }>();
      const escalated = a.kind === 'escalation' ? ' (escalated to you as the manager)' : '';
      const line = `${o.what}: ${overdue ? 'overdue since' : 'due by'} ${o.due} (${o.rule})${escalated}`;
      if (!mine.has(o.key) || escalated) mine.set(o.key, { overdue, line, rule: o.rule });
      lines.set(to, mine);
    }
  }
  return [...lines].map(([to, items]) => {
    const all = [...items.values()];
    const overdue = all.filter((i) => i.overdue).map((i) => `- ${i.line}`);
    const soon = all.filter((i) => !i.overdue).map((i) => `- ${i.line}`);
    const body = [
      `These deadlines passed, or fall due soon, before the cycle was told of them (recorded on ${today}). You are not sent each reminder for days gone by; each is chased from today as usual.`,
      ...(overdue.length ? ['Overdue:', ...overdue] : []),
      ...(soon.length ? ['Due soon:', ...soon] : []),
    ].join('\n');
    return {
      to,
      // Which actions it folds: a second catch-up the same day (a review recorded after the fact) is another notice.
      of: fingerprint(stale.filter(({ a }) => a.to.includes(to)).map(({ a }) => a.id)),
      message: {
        rule: [...new Set(all.map((i) => i.rule))].join(','),
        kind: 'catch-up',
        subject: `Catching up: ${overdue.length} overdue${soon.length ? `, ${soon.length} due soon` : ''}`,
        body,
      },
    };
  });
}

/** A short, stable name for a set of action ids (djb2, base 36): deterministic, so it replays. */
export function fingerprint(ids: string[]): string {
  let h = 5381;
  for (const c of [...ids].sort().join('|')) h = ((h * 33) ^ c.charCodeAt(0)) >>> 0;
  return h.toString(36);
}
