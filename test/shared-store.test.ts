/**
 * The store shared by the separate API and worker processes (issue 15): the mail lease gives one
 * holder at a time, a lock left by a crash is cleared only by the owner or once stale, and a
 * calendar change written through one handle is seen through another (another process).
 */
import { existsSync, mkdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { CalendarService } from '../data/calendar-service';
import { EmbeddedStore } from '../data/embedded-store';
import { clearLeftLock, STALE_LOCK_MS } from '../data/sqlite-lock';
import { emlTransport } from '../platform/mail/eml';
import { MailDelivery } from '../worker/mail-delivery';
import { FROM, notification, testDirectory } from './support/directory';
import { tempDir } from './support/temporal';

const tmp = tempDir('shared-store');
afterAll(() => tmp.remove());

test('a lease has one holder at a time: renewed by it, refused to others until it expires or is released', () => {
  const path = join(tmp.dir, 'lease.sqlite');
  const a = new EmbeddedStore(path);
  const b = new EmbeddedStore(path);
  try {
    const t = 1_000_000;
    expect(a.leases.acquire('mail', 'worker-a', 60_000, t)).toBe(true);
    expect(b.leases.acquire('mail', 'worker-b', 60_000, t + 1)).toBe(false);
    expect(a.leases.acquire('mail', 'worker-a', 60_000, t + 30_000)).toBe(true);
    expect(b.leases.holder('mail', t + 80_000)).toBe('worker-a');
    expect(b.leases.acquire('mail', 'worker-b', 60_000, t + 80_000)).toBe(false);
    // Not renewed for its whole life (a dead or stalled worker): another takes it.
    expect(b.leases.holder('mail', t + 90_001)).toBeUndefined();
    expect(b.leases.acquire('mail', 'worker-b', 60_000, t + 90_001)).toBe(true);
    expect(a.leases.acquire('mail', 'worker-a', 60_000, t + 90_002)).toBe(false);
    // Released by a clean stop: free at once; a release by a non-holder changes nothing.
    a.leases.release('mail', 'worker-a');
    expect(a.leases.holder('mail', t + 90_003)).toBe('worker-b');
    b.leases.release('mail', 'worker-b');
    expect(a.leases.acquire('mail', 'worker-a', 60_000, t + 90_004)).toBe(true);
  } finally {
    a.close();
    b.close();
  }
});

test("a crashed process's lock folder: the owner clears it at once, a sharer only once it is stale", () => {
  const path = join(tmp.dir, 'locked.sqlite');
  const lock = `${path}.lock`;
  mkdirSync(lock);
  const now = Date.now();
  clearLeftLock(path, false, now);
  expect(existsSync(lock)).toBe(true);
  const old = (now - STALE_LOCK_MS - 5_000) / 1000;
  utimesSync(lock, old, old);
  clearLeftLock(path, false, now);
  expect(existsSync(lock)).toBe(false);
  mkdirSync(lock);
  clearLeftLock(path, true, now);
  expect(existsSync(lock)).toBe(false);
  // Nothing left: nothing to do.
  expect(() => clearLeftLock(path, false, now)).not.toThrow();
});

test("a calendar change made through another process's store handle is in this one's calendar", () => {
  const path = join(tmp.dir, 'calendar.sqlite');
  const api = new EmbeddedStore(path);
  const worker = new EmbeddedStore(path);
  try {
    const workerCalendar = new CalendarService(worker);
    expect(workerCalendar.calendar().isBankHoliday('2031-06-16')).toBe(false);
    new CalendarService(api).change('2031-06-16', 'add', 'A proclaimed holiday', 'royal proclamation');
    expect(workerCalendar.calendar().isBankHoliday('2031-06-16')).toBe(true);
  } finally {
    api.close();
    worker.close();
  }
});

test('a worker that no longer holds the delivery lease sends nothing, even mid-pass', async () => {
  const store = new EmbeddedStore(join(tmp.dir, 'mail.sqlite'));
  store.directory.replace(testDirectory(), 'test');
  let mine = false;
  let sent = 0;
  const eml = emlTransport(join(tmp.dir, 'mail'), FROM);
  // The lease is lost after the first email of a pass (another worker took over).
  const transport: typeof eml = {
    ...eml,
    send: (email) => {
      sent++;
      mine = false;
      return eml.send(email);
    },
  };
  const delivery = new MailDelivery({ store, transport, from: FROM, log: () => {}, mayDeliver: () => mine });
  try {
    for (const who of ['iro-unit', 'iro-unit-manager']) store.recordNotification(notification('review-1/overdue', who));
    expect(await delivery.runOnce()).toMatchObject({ resolved: 0, sent: 0 });
    mine = true;
    expect(await delivery.runOnce()).toMatchObject({ sent: 1 });
    expect(sent).toBe(1);
    mine = true;
    expect(await delivery.runOnce()).toMatchObject({ sent: 1 });
    expect(sent).toBe(2);
  } finally {
    store.close();
  }
});
