/**
 * What every case workflow does, written once: it follows the calendar, sends each notification
 * once by a stable id (the role turned into an address when sent), publishes its next due date as
 * a search attribute, registers its commands as Updates, and sleeps until the next dated action's
 * 09:00 in England (or the hour the action names) or until something changes. A case kind supplies only pure parts: its model,
 * its dated actions (from its obligations), its recipients' addresses and its commands.
 *
 * The order of one pass is fixed because running histories depend on it: publish the next due
 * date, do what must happen at once (endings, notices a command asked for), then send what has
 * fallen due (re-reading the calendar once first), then rest or sleep.
 */
import { UpdateDefinition } from '@temporalio/common';
import {
  allHandlersFinished,
  condition,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { IsoDate } from '../calendar/iso-date';
import { londonDate, londonTime } from '../calendar/office-hours';
import { CalendarSnapshot } from '../calendar/working-day-calendar';
import { Fact, caseFactsQuery } from '../record/facts';
import { NEXT_DUE } from '../search-attributes';
import { CaseCalendar, followCalendar } from './case-calendar';
import { CaseContext, CaseEvent, Command } from './command';

export const activities = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', maximumInterval: '5 minutes' },
});

/** A notification's content; the recipients are roles, addressed when it is sent. */
export interface Message {
  rule: string;
  kind: string;
  subject: string;
  body: string;
  dueDate?: IsoDate;
}

/** Something to do on a date: a message to send, an effect on the case, or both (message first). */
export interface DatedAction<R extends string = string> {
  /** Stable across retries, replays and continue-as-new: what is sent under it is never sent again. */
  id: string;
  on: IsoDate;
  /** The hour England time on `on` it falls due (absent: 09:00, the office opening; a dispute's climb: the close). */
  hour?: number;
  to?: R[];
  message?: Message;
  effect?: () => void | Promise<void>;
}

/** A notice a command asks for, sent at the top of the next pass. */
export interface Notice<R extends string = string> extends Message {
  id: string;
  to: R[];
}

export interface PassParts<R extends string> {
  /** The date to publish as the next due search attribute (only when it changes). */
  nextDue(): IsoDate | undefined;
  /** What must happen at once (endings, notices); 'stop' leaves the loop. */
  atOnce(): Promise<'stop' | void>;
  /** Every dated action of the case as it stands (those already sent are skipped). */
  dated(): DatedAction<R>[];
  /** Rest after this run (the case continues as new); checked when nothing is ready to send. Absent: the case never rests (a dispute). */
  rest?(): boolean;
  /** Also wake at this date's 09:00 (the end of the service: 18th or 25th birthday). */
  endsOn?: IsoDate;
  /** Send only the first ready action, then recompute (a dispute's climb changes what follows). */
  oneActionPerPass?: boolean;
  /** Also wake when this holds (a command the loop must act on). */
  wakeWhen?(): boolean;
  /** Which count of changes to sleep from (histories from before the lost wake-up fix slept from the later one). */
  sleepFrom?(atTop: number, now: number): number;
  /** Publish the next due date after atOnce, not before (an O2R case's histories sent its notices first). */
  publishAfterAtOnce?: boolean;
  /** Read the clock for what is ready after atOnce, not before (a dispute's histories read it after its announcements). */
  clockAfterAtOnce?: boolean;
  /** The statutory record: every fact of the case as it stands (pure; the kernel appends those not yet written). */
  facts?(): Fact[];
}

export interface CaseKernelOptions<R extends string> {
  caseId: string;
  calendar: CalendarSnapshot;
  /** Notification ids already sent (carried over by continue-as-new). */
  sent?: string[];
  /** Roles become addresses when sent, from what the case knows at that moment. */
  address(role: R): string;
  /**
   * A newer calendar was adopted (the operator's broadcast, or the re-read before sending): a case
   * that keeps deadlines as dates (counted once, when set) counts those still to come again.
   */
  calendarChanged?(): void;
}

export class CaseKernel<R extends string = string> {
  readonly cal: CaseCalendar;
  readonly sent: Set<string>;
  private changes = 0;
  private readonly notices: Notice<R>[] = [];
  private publishedDue?: IsoDate;
  /** Keys appended to the record in this run (a new run appends all once more: the record ignores keys it has). */
  private readonly recorded = new Set<string>();

  constructor(private readonly options: CaseKernelOptions<R>) {
    this.cal = followCalendar(options.calendar, () => {
      options.calendarChanged?.();
      this.changed();
    });
    this.sent = new Set(options.sent ?? []);
  }

  /** Wakes the sleeping loop so it recomputes. */
  changed(): void {
    this.changes++;
  }

  today(): IsoDate {
    return londonDate(Date.now());
  }

  context(): CaseContext {
    return { today: this.today(), calendar: this.cal.calendar };
  }

  /** Appends to a case's story and wakes the loop. */
  log(events: CaseEvent[], what: string, rule?: string, by?: string): void {
    events.push({ on: this.today(), what, rule, by });
    this.changed();
  }

  /** Sends a message once under `id`, one notification per distinct address. */
  async send(id: string, to: R[], m: Message): Promise<void> {
    if (this.sent.has(id)) return;
    for (const address of [...new Set(to.map((r) => this.options.address(r)))]) {
      await activities.notify({ id: `${this.options.caseId}/${id}/${address}`, recipient: address, caseId: this.options.caseId, ...m });
    }
    this.sent.add(id);
  }

  /** Queues a notice for the top of the next pass (and wakes the loop). */
  notice(n: Notice<R>): void {
    this.notices.push(n);
    this.changed();
  }

  async sendNotices(): Promise<void> {
    while (this.notices.length) {
      const { id, to, ...m } = this.notices.shift()!;
      await this.send(id, to, m);
    }
  }

  /** Registers a command as an Update: validated (refusals leave no trace), applied, answered. */
  command<M, I, C extends CaseContext, Ret>(
    update: UpdateDefinition<Ret, [I]>,
    model: M,
    command: Command<M, I, C>,
    ctx: () => C,
    answer: (input: I) => Ret,
  ): void {
    setHandler(
      update,
      (input: I) => {
        command.apply(model, input, ctx());
        this.changed();
        return answer(input);
      },
      { validator: (input: I) => command.validate(model, input, ctx()) },
    );
  }

  /** Runs passes until the case stops ('stop') or rests for continue-as-new ('rest'). */
  async run(parts: PassParts<R>): Promise<'stop' | 'rest'> {
    setHandler(caseFactsQuery, () => parts.facts?.() ?? []);
    for (;;) {
      // Changes made while this pass awaits an activity must wake the sleep below, not be missed.
      const atTop = this.changes;
      if (!parts.publishAfterAtOnce) this.publish(parts.nextDue());
      let now = Date.now();
      const stop = (await parts.atOnce()) === 'stop';
      await this.record(parts);
      if (stop) return 'stop';
      if (parts.publishAfterAtOnce) this.publish(parts.nextDue());
      if (parts.clockAfterAtOnce) now = Date.now();
      const pending = parts.dated().filter((a) => !this.sent.has(a.id));
      const ready = pending.filter((a) => londonTime(a.on, a.hour) <= now);
      if (ready.length) {
        // A broadcast may have missed this case: read the calendar once before sending anything.
        if (await this.cal.refreshOnce(now, activities.loadCalendar)) continue;
        for (const a of parts.oneActionPerPass ? ready.slice(0, 1) : ready) await this.act(a);
        continue;
      }
      if (parts.rest && (parts.rest() || workflowInfo().continueAsNewSuggested)) {
        // A command that landed in this pass (a cease, a close, a notice) is acted on before resting.
        if (this.pending(parts) && patched('act-on-pending-before-rest')) continue;
        return 'rest';
      }
      const wakeAt = Math.min(...(parts.endsOn ? [londonTime(parts.endsOn)] : []), ...pending.map((a) => londonTime(a.on, a.hour)));
      const seen = parts.sleepFrom ? parts.sleepFrom(atTop, this.changes) : atTop;
      const woken = () => this.changes !== seen || this.notices.length > 0 || !!parts.wakeWhen?.();
      if (wakeAt === Infinity) await condition(woken);
      else await condition(woken, Math.max(1, wakeAt - Date.now()));
    }
  }

  /**
   * Before continue-as-new or completion: every Update handler has answered. With the case's parts,
   * a command that lands meanwhile and needs the loop (a cease waits for its end notices) runs
   * another pass first, instead of waiting for ever on a handler that waits on the loop.
   */
  async settle(parts?: PassParts<R>): Promise<void> {
    for (;;) {
      await condition(() => allHandlersFinished() || (!!parts && this.pending(parts)));
      if (!parts || !this.pending(parts) || !patched('act-on-pending-before-rest')) return;
      // The case ended on that pass: what is left is for the handlers to answer.
      if ((await this.run(parts)) === 'stop') parts = undefined;
    }
  }

  /** Something a command asked for that only the loop does. */
  private pending(parts: PassParts<R>): boolean {
    return this.notices.length > 0 || !!parts.wakeWhen?.();
  }

  /**
   * Appends the case's new facts to the statutory record (histories from before it had none). Each
   * pass does it after atOnce; a case may also do it sooner (a cease answered once its end is recorded).
   */
  async record(parts: PassParts<R>): Promise<void> {
    const fresh = parts.facts?.().filter((f) => !this.recorded.has(f.key)) ?? [];
    if (!fresh.length || !patched('statutory-record')) return;
    await activities.appendRecord(fresh);
    for (const f of fresh) this.recorded.add(f.key);
  }

  private async act(a: DatedAction<R>): Promise<void> {
    if (a.message) await this.send(a.id, a.to ?? [], a.message);
    await a.effect?.();
    this.sent.add(a.id);
  }

  private publish(due: IsoDate | undefined): void {
    if (due && due !== this.publishedDue) {
      upsertSearchAttributes([{ key: NEXT_DUE, value: new Date(`${due}T00:00:00Z`) }]);
      this.publishedDue = due;
    }
  }
}

/** Keeps only the sent ids that can still matter (the case kind says which). */
export function pruneSent(sent: Set<string>, keep: (id: string) => boolean): string[] {
  return [...sent].filter(keep);
}
