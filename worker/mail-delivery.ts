/**
 * The mail dispatcher: runs beside the worker (never in workflow code) over the store's outbox.
 * Each pass (1) finds deliveries a stopped process left mid-send and settles them (sent, if the
 * provider has the email, otherwise queued again), (2) resolves the notifications now due through
 * the directory as it is at that moment, and (3) sends each delivery due, recording the attempt
 * before the email leaves and the provider's acceptance right after. A failure is retried with
 * backoff; a permanent one (or one past the last attempt) is marked failed and the IRO unit
 * manager is told, once. One dispatcher per store file (main.ts holds the instance lock).
 */
import { EmbeddedStore, NotificationRecord } from '../data/embedded-store';
import { Directory, IRO_UNIT_MANAGER, iroUnitManager, resolveAddress } from '../data/directory';
import { Delivery } from '../data/mail-outbox';
import type { RecordStore } from '../data/record/record-store';
import { appendDeliveryFacts } from './delivery-facts';
import { DeliveryError, MailTransport, OutgoingEmail, messageIdFor } from '../platform/mail/transport';
import { RenderContext, renderEmail } from './mail-content';
import { DigestContext, DigestSettings, digestSlot, recoverDigests, sendDigests } from './mail-digest';
import { logger } from '../platform/log';
import { labelValue, mailAttempts, mailFailures } from '../platform/metrics';

const mailLog = logger.child({ component: 'mail' });

export interface RetryPolicy {
  /** The wait after the first failure (default 30 s); it doubles each time up to `maxMs` (default 1 h). */
  firstMs: number;
  maxMs: number;
  /** Attempts before giving up (default 30: about a day). */
  attempts: number;
}

export interface MailDeliveryOptions {
  store: EmbeddedStore;
  transport: MailTransport;
  /** The sender: its domain ends every Message-ID. */
  from: string;
  retry?: Partial<RetryPolicy>;
  /** The longest sleep between passes when nothing is due (default 60 s); a new notification wakes it at once. */
  idleMs?: number;
  clock?: () => Date;
  log?: (message: string) => void;
  /** CARE_REVIEWS_PUBLIC_URL: emails link to the case's page under it (default http://localhost:3000). */
  publicUrl?: string;
  /** Morning digests (main.ts passes the calendar service); absent: every email at once. */
  digests?: DigestSettings;
  /**
   * The statutory record: how each notification's delivery ended (notification/delivered or
   * /failed) is appended to it at the end of each pass; the record being down never stops the mail
   * and loses no fact (they wait in the store).
   */
  record?: RecordStore;
  /** Told as soon as a delivery's acceptance is committed (the bench measures the crash window with it). */
  onCommitted?: (d: Delivery) => void;
  /**
   * Several worker processes share the store (worker/start.ts): whether this one still holds the
   * delivery lease, asked before each pass and each email, so that one that stalled past its lease
   * sends nothing more once another has taken over.
   */
  mayDeliver?: () => boolean;
}

export interface PassResult {
  recovered: number;
  resolved: number;
  sent: number;
  retried: number;
  failed: number;
  /** Morning digests sent. */
  digests: number;
}

const key = (d: Delivery) => `${d.notificationId}\n${d.email}`;

export class MailDelivery {
  private readonly retry: RetryPolicy;
  private readonly clock: () => Date;
  private readonly log: (m: string) => void;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = true;
  private stopping = false;
  private saidNoDirectory = false;
  private recordDown = false;

  constructor(private readonly o: MailDeliveryOptions) {
    this.retry = { firstMs: 30_000, maxMs: 3_600_000, attempts: 30, ...o.retry };
    this.clock = o.clock ?? (() => new Date());
    this.log = o.log ?? ((m) => mailLog.info(m));
    o.store.mail.keepForRecord = !!o.record;
  }

  /** The deliveries that ended, to the record; the record being down is logged once (ids only), tried again next pass, and the mail goes on. */
  async toRecord(): Promise<void> {
    if (!this.o.record) return;
    try {
      await appendDeliveryFacts(this.o.store, this.o.record);
      this.recordDown = false;
    } catch (e) {
      if (!this.recordDown)
        this.log(`the statutory record is not taking delivery facts (kept, tried again each pass): ${(e as Error).message}`);
      this.recordDown = true;
    }
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Something new may be due (a notification was recorded). */
  wake(): void {
    this.schedule(0);
  }

  /** Stops after the email in flight, if any, and closes the transport. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping = true;
    clearTimeout(this.timer);
    await this.running;
    await this.toRecord();
    await this.o.transport.close();
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.pass(), ms);
  }

  private async pass(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    let wait = this.o.idleMs ?? 60_000;
    this.running = (async () => {
      try {
        await this.runOnce();
        const next = this.o.store.mail.nextDue();
        if (next) wait = Math.min(wait, Math.max(0, Date.parse(next) - this.clock().getTime()));
      } catch (e) {
        // The store or the transport failing outright (not one email): nothing is lost, it is tried again.
        this.log(`pass failed, trying again in 5 s: ${(e as Error).message}`);
        wait = 5_000;
      }
    })();
    await this.running;
    this.running = undefined;
    if (this.again) wait = 0;
    this.again = false;
    this.schedule(wait);
  }

  /** Stopping, or no longer the process that delivers. */
  private halted(): boolean {
    return this.stopping || (this.o.mayDeliver ? !this.o.mayDeliver() : false);
  }

  /** One pass; tests call it directly. */
  async runOnce(): Promise<PassResult> {
    const out: PassResult = { recovered: 0, resolved: 0, sent: 0, retried: 0, failed: 0, digests: 0 };
    if (this.o.mayDeliver && !this.o.mayDeliver()) return out;
    out.recovered = (await this.recover()) + (await recoverDigests(this.digestContext()));
    const stored = this.o.store.directory.current();
    if (stored) {
      this.saidNoDirectory = false;
      for (const id of this.o.store.mail.dueNotifications(this.clock())) {
        this.resolve(id, stored.directory);
        out.resolved++;
      }
    } else if (!this.saidNoDirectory) {
      this.saidNoDirectory = true;
      this.log('no directory yet: notifications wait in the outbox (set CARE_REVIEWS_DIRECTORY, or POST /api/directory/...)');
    }
    for (const d of this.o.store.mail.dueDeliveries(this.clock())) {
      if (this.halted()) break;
      const r = await this.deliver(d);
      if (r) out[r]++;
      if (r) mailAttempts.inc({ outcome: r });
    }
    const digests = await sendDigests(this.digestContext());
    out.digests = digests.sent;
    for (const outcome of ['sent', 'retried', 'failed'] as const) if (digests[outcome]) mailAttempts.inc({ outcome }, digests[outcome]);
    out.retried += digests.retried;
    out.failed += digests.failed;
    await this.toRecord();
    return out;
  }

  private render(): RenderContext {
    return { publicUrl: this.o.publicUrl ?? 'http://localhost:3000', caseOf: (id) => this.o.store.cases.get(id) };
  }

  private digestContext(): DigestContext {
    return {
      render: this.render(),
      store: this.o.store,
      transport: this.o.transport,
      from: this.o.from,
      clock: this.clock,
      stopping: () => this.halted(),
      backoff: (attempts, permanent) => (permanent || attempts >= this.retry.attempts ? undefined : this.backoff(attempts)),
      tellFailure: (n, d, why) => this.tellFailure(n, d, why),
      log: this.log,
    };
  }

  /** The wait after the `attempts`th failure: doubling from firstMs up to maxMs, with jitter. */
  private backoff(attempts: number): number {
    return Math.min(this.retry.maxMs, this.retry.firstMs * 2 ** (attempts - 1)) * (0.8 + 0.4 * Math.random());
  }

  /** Deliveries left mid-send by a stopped process: sent if the provider has them, else queued again. */
  private async recover(): Promise<number> {
    const left = this.o.store.mail.interruptedDeliveries();
    for (const d of left) {
      const n = this.o.store.notification(d.notificationId);
      if (n && this.o.transport.find) {
        try {
          const found = await this.o.transport.find(this.email(n, d));
          if (found) {
            this.o.store.mail.sent(d, found.providerId, this.clock());
            continue;
          }
        } catch (e) {
          this.log(`cannot tell yet whether ${key(d).replace('\n', ' to ')} was accepted: ${(e as Error).message}`);
          continue;
        }
      }
      this.o.store.mail.requeue(d, this.clock());
    }
    return left.length;
  }

  private resolve(id: string, directory: Directory): void {
    const { store, from } = this.o;
    const n = store.notification(id)!;
    const r = resolveAddress(directory, n.recipient, store.directory.caseTeam(n.caseId));
    const now = this.clock();
    if (r.kind === 'not-emailed') return store.mail.notEmailed(id, r.reason);
    if (r.kind === 'to')
      return store.mail.plan(
        id,
        r.recipients.map((p) => ({
          email: p.email,
          name: p.name,
          note: null,
          messageId: messageIdFor(id, p.email, from),
          digestAt: digestSlot(n, p, null, now, this.o.digests),
        })),
        now,
      );
    // Nobody fills the address: the IRO unit manager receives it, marked, and the gap is listed.
    store.directory.recordGap(n.recipient, id, now);
    const { email, name } = iroUnitManager(directory)!;
    store.mail.plan(id, [{ email, name, note: r.reason, messageId: messageIdFor(id, email, from) }], now);
  }

  private email(n: NotificationRecord, d: Delivery): OutgoingEmail {
    const { subject, text } = renderEmail(n, d.note, this.render());
    return { notificationId: n.id, kind: n.kind, to: d.email, toName: d.name, subject, text, messageId: d.messageId };
  }

  private async deliver(d: Delivery): Promise<'sent' | 'retried' | 'failed' | undefined> {
    const { store, transport } = this.o;
    const n = store.notification(d.notificationId)!;
    const email = this.email(n, d);
    if (!store.mail.claim(d, transport.name, this.clock())) return undefined;
    try {
      const accepted = await transport.send(email);
      store.mail.sent(d, accepted.providerId, this.clock());
      this.o.onCommitted?.(d);
      return 'sent';
    } catch (e) {
      const err = e instanceof DeliveryError ? e : new DeliveryError((e as Error).message, false);
      const attempts = d.attempts + 1;
      if (!err.permanent && attempts < this.retry.attempts) {
        const wait = this.backoff(attempts);
        store.mail.retry(d, err.message, new Date(this.clock().getTime() + wait));
        return 'retried';
      }
      const why = err.permanent ? err.message : `gave up after ${attempts} attempts: ${err.message}`;
      store.mail.failed(d, why, this.clock());
      this.tellFailure(n, d, why);
      return 'failed';
    }
  }

  /** The IRO unit manager hears of an email nobody received (once: the notice's id is fixed). */
  private tellFailure(n: NotificationRecord, d: Delivery, why: string): void {
    // Every email given up on passes here (on its own or in a digest): counted by kind only.
    mailFailures.inc({ kind: labelValue(n.kind), permanent: String(!why.startsWith('gave up after')) });
    this.log(`not delivered to ${d.email}: ${n.id}: ${why}`);
    if (n.kind === 'delivery-failed') return; // a notice about a notice would go round for ever
    const recorded = this.o.store.recordNotification({
      id: `${n.id}/not-delivered/${d.email.toLowerCase()}`,
      recipient: IRO_UNIT_MANAGER,
      caseId: n.caseId,
      rule: n.rule,
      kind: 'delivery-failed',
      subject: `Not delivered to ${d.email}: ${n.subject}`,
      body:
        `The email below, for ${n.recipient}, could not be delivered to ${d.email} (${why}). Nobody at that address has it: ` +
        `please pass it on, and correct the address in the directory.\n\n--- ${n.subject}\n\n${n.body}`,
      dueDate: n.dueDate,
    });
    if (recorded) this.wake();
  }
}
