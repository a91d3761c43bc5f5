/**
 * When a delivery waits for the morning digest, and sending the digests. A person's reminders are
 * gathered into one email on each working morning (bank holidays included, from the calendar
 * service) at 09:05 London: the cases send the day's reminders at 09:00, and the five minutes let
 * them into that morning's digest. Not in a digest: a kind that goes at once (notification-kinds.ts),
 * a person set to at-once in the directory, an email to the IRO unit manager in place of someone
 * the directory lacks, and a reminder whose deadline would come before the next digest could
 * reach the person (one arriving after the day's digest has gone otherwise waits for the next).
 */
import { EmbeddedStore, NotificationRecord } from '../data/embedded-store';
import { MailRecipient } from '../data/directory';
import { Digest } from '../data/mail-digests';
import { Delivery } from '../data/mail-outbox';
import { IsoDate, addDays } from '../workflows/calendar/iso-date';
import { londonDate, londonTime } from '../workflows/calendar/office-hours';
import { WorkingDayCalendar } from '../workflows/calendar/working-day-calendar';
import { DeliveryError, MailTransport, OutgoingEmail, messageIdFor } from '../platform/mail/transport';
import { RenderContext, renderDigest } from './mail-content';
import { timingOf } from './notification-kinds';

/** Minutes after midnight, London, at which the digest goes: 09:05. */
export const DIGEST_AT_MINUTES = 9 * 60 + 5;

export interface DigestSettings {
  /** The working-day calendar as it is now (the calendar service's, with the operator's changes). */
  calendar: () => WorkingDayCalendar;
  /** Minutes after midnight London (default 09:05). */
  atMinutes?: number;
}

/** The digest time on `date` (London). */
export function digestTimeOn(date: IsoDate, atMinutes = DIGEST_AT_MINUTES): Date {
  return new Date(londonTime(date, Math.floor(atMinutes / 60)) + (atMinutes % 60) * 60_000);
}

/** The first digest time after `now`: a working day's 09:05 (today's if it has not come yet; at 09:05 itself, the next). */
export function nextDigestAt(now: Date, calendar: WorkingDayCalendar, atMinutes = DIGEST_AT_MINUTES): Date {
  for (let day = londonDate(now.getTime()); ; day = addDays(day, 1)) {
    if (!calendar.isWorkingDay(day)) continue;
    const at = digestTimeOn(day, atMinutes);
    if (at.getTime() > now.getTime()) return at;
  }
}

/**
 * When this recipient's email of the notification is sent: undefined for at once, else the digest
 * time. A reminder of a deadline not yet passed goes at once when the next digest would come on
 * the deadline's day or after it (too late to act on); an overdue notice in the digest stays there.
 */
export function digestSlot(
  n: NotificationRecord,
  to: MailRecipient,
  note: string | null,
  now: Date,
  settings: DigestSettings | undefined,
): Date | undefined {
  if (!settings || note || to.atOnce || timingOf(n) === 'at-once') return undefined;
  const at = nextDigestAt(now, settings.calendar(), settings.atMinutes);
  const today = londonDate(now.getTime());
  if (n.dueDate && n.dueDate >= today && n.dueDate <= londonDate(at.getTime())) return undefined;
  return at;
}

export interface DigestContext {
  render: RenderContext;
  store: EmbeddedStore;
  transport: MailTransport;
  from: string;
  clock: () => Date;
  stopping: () => boolean;
  /** The wait before the next attempt after `attempts` failures, or undefined to give up. */
  backoff: (attempts: number, permanent: boolean) => number | undefined;
  tellFailure: (n: NotificationRecord, d: Delivery, why: string) => void;
  log: (m: string) => void;
}

function emailOf(ctx: DigestContext, digest: Digest): OutgoingEmail {
  const items = digest.rows.map((d) => ctx.store.notification(d.notificationId)).filter((n): n is NotificationRecord => !!n);
  const date = digest.id.split('/')[1];
  const { subject, text } = renderDigest(items, date, ctx.render);
  return {
    notificationId: digest.id,
    kind: 'digest',
    to: digest.email,
    toName: digest.rows[0].name,
    subject,
    text,
    messageId: digest.messageId,
  };
}

/** Sends every digest now due: those to be sent again first, then each recipient's new one. Returns how many were sent. */
export async function sendDigests(ctx: DigestContext): Promise<{ sent: number; retried: number; failed: number }> {
  const out = { sent: 0, retried: 0, failed: 0 };
  const now = ctx.clock();
  const { fresh, again } = ctx.store.digests.due(now);
  const digests: (() => Digest | undefined)[] = [
    ...again.map((id) => () => ctx.store.digests.claim(id, ctx.transport.name, ctx.clock())),
    ...fresh.map(
      (email) => () =>
        ctx.store.digests.bind(
          email,
          londonDate(ctx.clock().getTime()),
          (id) => messageIdFor(id, email, ctx.from),
          ctx.transport.name,
          ctx.clock(),
        ),
    ),
  ];
  for (const take of digests) {
    if (ctx.stopping()) break;
    const digest = take();
    if (!digest) continue;
    out[await sendOne(ctx, digest)]++;
  }
  return out;
}

async function sendOne(ctx: DigestContext, digest: Digest): Promise<'sent' | 'retried' | 'failed'> {
  try {
    const accepted = await ctx.transport.send(emailOf(ctx, digest));
    ctx.store.digests.sent(digest.id, accepted.providerId, ctx.clock());
    return 'sent';
  } catch (e) {
    const err = e instanceof DeliveryError ? e : new DeliveryError((e as Error).message, false);
    const attempts = Math.max(...digest.rows.map((d) => d.attempts));
    const wait = ctx.backoff(attempts, err.permanent);
    if (wait !== undefined) {
      ctx.store.digests.retry(digest.id, err.message, new Date(ctx.clock().getTime() + wait));
      return 'retried';
    }
    const why = err.permanent ? err.message : `gave up after ${attempts} attempts: ${err.message}`;
    ctx.store.digests.failed(digest.id, why, ctx.clock());
    for (const d of digest.rows) {
      const n = ctx.store.notification(d.notificationId);
      if (n) ctx.tellFailure(n, d, why);
    }
    return 'failed';
  }
}

/** Digests a stopped process left mid-send: sent if the provider has them, else sent again as the same digest. */
export async function recoverDigests(ctx: DigestContext): Promise<number> {
  const left = ctx.store.digests.interrupted();
  for (const id of left) {
    const digest = ctx.store.digests.digest(id)!;
    if (ctx.transport.find) {
      try {
        const found = await ctx.transport.find(emailOf(ctx, digest));
        if (found) {
          ctx.store.digests.sent(id, found.providerId, ctx.clock());
          continue;
        }
      } catch (e) {
        ctx.log(`cannot tell yet whether ${id} was accepted: ${(e as Error).message}`);
        continue;
      }
    }
    ctx.store.digests.requeue(id, ctx.clock());
  }
  return left.length;
}
