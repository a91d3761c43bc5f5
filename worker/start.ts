/**
 * The worker half, as main.ts (all-in-one) and main-worker.ts start it: the Temporal worker with
 * the activities over the stores, and the mail dispatcher. In the all-in-one process the dispatcher
 * always runs and an activity's new notification wakes it; with several worker processes on one
 * store, only the holder of the store's `mail` lease delivers, and it polls for the notifications
 * the others record (a wake does not cross processes).
 */
import { logger } from '../platform/log';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { OpenStores } from '../data/open-stores';
import { EmbeddedStore } from '../data/embedded-store';
import type { Config } from '../platform/config';
import type { Keyring } from '../platform/encryption/keyring';
import { createWorker } from './worker';
import { DirectoryFile, loadDirectory, startMailDelivery } from './mail';
import { MailDelivery } from './mail-delivery';

/** The lease is renewed well inside its life; a dispatcher that dies is replaced within a minute. */
const LEASE = { name: 'mail-delivery', ttlMs: 60_000, renewMs: 15_000 };

/**
 * The separate worker process delivering mail from this store file now, if any: npm start refuses
 * to run beside one. Read-only and before anything clears the file's lock; a store not there yet,
 * from before the leases, or locked (by a crashed run, as npm start will clear it) has none.
 */
export function mailDeliveredBy(storePath: string): string | undefined {
  if (!existsSync(storePath) || existsSync(`${storePath}.lock`)) return undefined;
  let store: EmbeddedStore | undefined;
  try {
    store = new EmbeddedStore(storePath, { readOnly: true });
    return store.leases.holder(LEASE.name);
  } catch {
    return undefined;
  } finally {
    store?.close();
  }
}
/** Shared mode: how often the dispatcher looks for notifications the other workers recorded. */
const SHARED_POLL_MS = 5_000;

export interface WorkerHalf {
  worker: Worker;
  /** Where mail goes, and whether this process is the one delivering it now. */
  describeMail: () => string;
}

export async function startWorkerHalf(o: {
  config: Config;
  stores: OpenStores;
  directory: DirectoryFile | undefined;
  address: string;
  keyring: Keyring;
  /** Several processes share the store: deliver mail only while holding its lease. */
  shared: boolean;
  log: (m: string) => void;
  onClose: (c: () => Promise<void> | void) => void;
}): Promise<WorkerHalf> {
  const { config, stores } = o;
  o.log(loadDirectory(stores.store, o.directory));
  let mail: { delivery: MailDelivery; describe: string } | undefined;
  let describe = 'not started';
  const holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const stillHeld = () => {
    try {
      return stores.store.leases.holder(LEASE.name) === holder;
    } catch {
      return false;
    }
  };
  const startMail = () => {
    const shared = o.shared ? { idleMs: SHARED_POLL_MS, mayDeliver: stillHeld } : undefined;
    mail = startMailDelivery(stores.store, config.mail, stores.calendar, stores.record, shared);
    describe = mail.describe;
  };
  if (o.shared) {
    const tick = async () => {
      let held: boolean;
      try {
        held = stores.store.leases.acquire(LEASE.name, holder, LEASE.ttlMs);
      } catch (e) {
        // The store busy for a moment: nothing changes; the next renewal tries again, well inside the lease.
        logger.error(`mail: could not renew the delivery lease: ${(e as Error).message}`);
        return;
      }
      if (held && !mail) {
        startMail();
        o.log(`mail         this worker delivers (${describe})`);
      } else if (!held && mail) {
        // Another worker took over (this one stalled past the lease): stop, so that each email goes once.
        const stopping = mail;
        mail = undefined;
        await stopping.delivery.stop();
        o.log('mail         another worker delivers now; this one stopped delivering');
      }
    };
    await tick();
    const timer = setInterval(() => void tick(), LEASE.renewMs);
    o.onClose(async () => {
      clearInterval(timer);
      await mail?.delivery.stop();
      if (mail) stores.store.leases.release(LEASE.name, holder);
      mail = undefined;
    });
  } else {
    startMail();
    o.onClose(() => mail?.delivery.stop());
  }

  const nativeConnection = await NativeConnection.connect({ address: o.address });
  o.onClose(() => nativeConnection.close());
  const worker = await createWorker({
    connection: nativeConnection,
    namespace: config.namespace,
    taskQueue: config.taskQueue,
    services: { ...stores, onNotification: () => mail?.delivery.wake() },
    keyring: o.keyring,
  });
  const describeMail = () =>
    mail ? describe : `delivered by another worker process (${stores.store.leases.holder(LEASE.name) ?? 'none yet'})`;
  return { worker, describeMail };
}
