/**
 * Load and checks for the crash tests: looked-after cycles started through the API (a child in
 * care three weeks, so notices fall due at once), a kill at a chosen moment, then what must hold
 * after the restart: every case answered 2xx is there, every child can be started again only as
 * the same case, and every case has exactly the notifications and emails its twins have.
 */
import { Client, WorkflowHandle } from '@temporalio/client';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { emlPath } from '../../platform/mail/eml';
import { addDays } from '../../workflows/calendar/iso-date';
import { londonDate } from '../../workflows/calendar/office-hours';
import { emlFiles, MainHarness, pause } from './main-process';

const EventType = temporal.api.enums.v1.EventType;

export interface Outcome {
  childId: string;
  status?: number;
  cycleId?: string;
}

export function cycleBody(childId: string): object {
  const today = londonDate(Date.now());
  return {
    childId,
    becameLookedAfter: addDays(today, -21),
    dateOfBirth: '2015-06-01',
    legalStatus: 'C2',
    placementType: 'foster',
    team: 'south-1',
  };
}

/**
 * Starts a cycle per child, `concurrency` at a time; `onAnswered(n)` after each 2xx (the test kills
 * something from there). A request the kill cut off has no status.
 */
export async function startCycles(h: MainHarness, children: string[], concurrency: number, onAnswered: (n: number) => void) {
  const outcomes: Outcome[] = children.map((childId) => ({ childId }));
  let next = 0;
  let answered = 0;
  const lane = async () => {
    while (next < outcomes.length) {
      const o = outcomes[next++];
      try {
        const r = await h.call<{ cycleId?: string }>('iro-unit', 'POST', '/api/looked-after-cycles', cycleBody(o.childId));
        o.status = r.status;
        o.cycleId = r.body.cycleId;
        if (r.status >= 200 && r.status < 300) onAnswered(++answered);
      } catch {
        // cut off by the kill: neither answered nor refused
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return outcomes;
}

/** After the restart: each child started again gives 201 (never started) or 409 naming the same case. */
export async function startAgain(h: MainHarness, outcomes: Outcome[]): Promise<Map<string, string>> {
  const cases = new Map<string, string>();
  for (const o of outcomes) {
    const r = await h.call<{ cycleId?: string }>('iro-unit', 'POST', '/api/looked-after-cycles', cycleBody(o.childId));
    if (![201, 409].includes(r.status) || !r.body.cycleId) throw new Error(`${o.childId}: ${r.status} ${JSON.stringify(r.body)}`);
    if (o.status && o.status < 300 && o.cycleId !== r.body.cycleId) throw new Error(`${o.childId}: a second case ${r.body.cycleId}`);
    cases.set(o.childId, r.body.cycleId);
  }
  return cases;
}

interface Outbox {
  notifications: {
    id: string;
    recipient: string;
    kind: string;
    rule: string;
    subject: string;
    status: string;
    deliveries: { email: string; status: string }[];
  }[];
}

/**
 * Waits until every case's outbox has settled (nothing pending or sending, the count steady), then
 * returns per case what it was sent. An activity the killed worker held runs again only when its
 * start-to-close timeout (1 minute) fires, hence the long wait.
 */
export async function settledOutboxes(h: MainHarness, cases: Map<string, string>, timeoutMs = 150_000) {
  const end = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    const all = new Map<string, Outbox['notifications']>();
    for (const [childId, cycleId] of cases) {
      const r = await h.call<Outbox>('iro-unit', 'GET', `/api/notifications?caseId=${cycleId}`);
      all.set(childId, r.body.notifications);
    }
    const list = [...all.values()].flat();
    const counts = [...all.values()].map((n) => n.length);
    const busy = list.some((n) => n.status === 'pending' || n.status === 'sending');
    // Cases started alike get alike notices: settled once all have the same number, twice running.
    const alike = counts.every((c) => c > 0 && c === counts[0]);
    if ((!busy && alike && counts.join() === last) || Date.now() > end) return all;
    last = busy || !alike ? '' : counts.join();
    await pause(2000);
  }
}

/** What a case was sent, as a sorted list that is the same for every case started alike. */
export function signature(childId: string, notifications: Outbox['notifications']): string[] {
  return notifications.map((n) => `${n.recipient} ${n.kind} ${n.rule} ${n.subject.replace(childId, '<child>')} ${n.status}`).sort();
}

/** Each delivery marked sent has its .eml file; no .eml file without a delivery; every id once. */
export function emailsOnDisk(dataDir: string, all: Map<string, Outbox['notifications']>) {
  const list = [...all.values()].flat();
  const sent = list.flatMap((n) => n.deliveries.filter((d) => d.status === 'sent').map((d) => ({ n, d })));
  const files = emlFiles(join(dataDir, 'mail'));
  return {
    ids: list.map((n) => n.id),
    sentDeliveries: sent.length,
    missingFiles: sent.filter(({ n, d }) => !existsSync(emlPath(join(dataDir, 'mail'), { to: d.email, notificationId: n.id }))).length,
    files: files.length,
  };
}

/** The workflow's timers still to fire: timer id and when it falls due (ms). */
export async function pendingTimers(handle: WorkflowHandle): Promise<string[]> {
  const history = await handle.fetchHistory();
  const started = new Map<string, number>();
  for (const e of history.events ?? []) {
    const a = e.timerStartedEventAttributes;
    if (e.eventType === EventType.EVENT_TYPE_TIMER_STARTED && a) {
      const at = Number(e.eventTime!.seconds) * 1000 + Number(a.startToFireTimeout!.seconds) * 1000;
      started.set(a.timerId!, Math.round(at / 60_000) * 60_000);
    }
    const done = e.timerFiredEventAttributes?.timerId ?? e.timerCanceledEventAttributes?.timerId;
    if (done) started.delete(done);
  }
  return [...started.values()].map((at) => new Date(at).toISOString()).sort();
}

export async function timersOf(client: Client, cases: Map<string, string>): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const [childId, cycleId] of cases) out.set(childId, await pendingTimers(client.workflow.getHandle(cycleId)));
  return out;
}
