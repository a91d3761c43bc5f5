/**
 * The worker `npm run bench` measures, in a process of its own (forked by scripts/bench-worker-
 * process.ts) so that its memory and CPU are the worker's alone, and so that the storm can hold it
 * back and let it go at one instant. Talks over the IPC channel: 'run' starts polling (its time is
 * the storm's T0), 'stats' answers memory (after a full GC) and what it has put in the outbox,
 * 'stop' shuts down. Its store and record are files of its own in the bench's temp folder.
 */
import { join } from 'node:path';
import { NativeConnection, Worker } from '@temporalio/worker';
import { CalendarService } from '../data/calendar-service';
import { EmbeddedStore } from '../data/embedded-store';
import { ProfileRegistry } from '../data/reference-data';
import { openRecordStore } from '../data/record/kysely-record-store';
import { Keyring } from '../platform/encryption/keyring';
import { installQuietRuntime } from '../platform/runtime';
import { createWorker, maxCachedWorkflows } from '../worker/worker';

export type ToWorker = { type: 'run' } | { type: 'stats'; since?: number; gc?: boolean } | { type: 'stop' };
export type FromWorker =
  | { type: 'created'; maxCachedWorkflows: number }
  | { type: 'running'; t0: number }
  | {
      type: 'stats';
      notices: number;
      byPrefix: Record<string, number>;
      last: number;
      memory: NodeJS.MemoryUsage;
      lateness?: number[];
      cpu: number;
    }
  | { type: 'stopped' }
  | { type: 'failed'; message: string };

const send = (m: FromWorker) => process.send!(m);
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

async function main() {
  const { BENCH_ADDRESS, BENCH_NAMESPACE, BENCH_TASK_QUEUE, BENCH_DIR } = process.env;
  installQuietRuntime('ERROR');
  const store = new EmbeddedStore(join(BENCH_DIR!, 'worker-store.sqlite'), { owner: true });
  const record = await openRecordStore({ path: join(BENCH_DIR!, 'worker-record.sqlite'), owner: true });
  // Each notice put in the outbox, timed as its created_at is (the same Date), kept as numbers only.
  const stamps: number[] = [];
  const byPrefix: Record<string, number> = {};
  const record1 = store.recordNotification.bind(store);
  store.recordNotification = (n, now = new Date()) => {
    const added = record1(n, now);
    if (added) {
      stamps.push(now.getTime());
      const prefix = /^[a-z0-9]+/.exec(n.caseId)?.[0] ?? '?';
      byPrefix[prefix] = (byPrefix[prefix] ?? 0) + 1;
    }
    return added;
  };
  const connection = await NativeConnection.connect({ address: BENCH_ADDRESS! });
  const services = { store, record, calendar: new CalendarService(store), profiles: ProfileRegistry.load() };
  const keyring = new Keyring([{ id: 'bench', key: Buffer.alloc(32, 5) }]);
  const worker: Worker = await createWorker({ connection, namespace: BENCH_NAMESPACE!, taskQueue: BENCH_TASK_QUEUE!, services, keyring });
  let running: Promise<void> | undefined;
  send({ type: 'created', maxCachedWorkflows: maxCachedWorkflows() });

  // The bench gone (crashed, interrupted): no worker left polling behind it.
  process.on('disconnect', () => process.exit(1));
  process.on('message', async (m: ToWorker) => {
    try {
      if (m.type === 'run') {
        const t0 = Date.now();
        running = worker.run();
        send({ type: 'running', t0 });
      } else if (m.type === 'stats') {
        if (m.gc) (globalThis as { gc?: () => void }).gc?.();
        const since = m.since;
        const lateness = since === undefined ? undefined : stamps.filter((t) => t >= since).map((t) => t - since);
        send({
          type: 'stats',
          notices: stamps.length,
          byPrefix,
          last: stamps.at(-1) ?? 0,
          memory: process.memoryUsage(),
          lateness,
          cpu: cpuNow(),
        });
      } else if (m.type === 'stop') {
        worker.shutdown();
        await running;
        await connection.close();
        store.close();
        await record.close();
        send({ type: 'stopped' });
        process.exit(0);
      }
    } catch (e) {
      send({ type: 'failed', message: (e as Error).message });
    }
  });
}

main().catch((e) => {
  send({ type: 'failed', message: (e as Error).message });
  process.exit(1);
});
