/**
 * Test helpers: Temporal servers built from registries (see scripts/), a store in a temp folder,
 * and the app wired exactly as `npm start` wires it.
 */
import type { RecordStore } from '../../data/record/record-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@temporalio/client';
import { Runtime } from '@temporalio/worker';
import { CalendarService } from '../../data/calendar-service';
import { ProfileRegistry } from '../../data/reference-data';
import { EmbeddedStore } from '../../data/embedded-store';
import { createRecordStore } from '../../data/record/kysely-record-store';
import { createApp, Services } from '../../api/app';
import { services as apiServices } from '../../api/services';
import { AesGcmCodec } from '../../platform/encryption/aes-gcm-codec';
import { testHttp, testIdKey, testKeyring, testVerifier } from './security';
import { testServerPath } from '../../platform/dev-server';
import { installQuietRuntime } from '../../platform/runtime';

/**
 * Every SDK and core log entry at INFO and above is kept here (the no-personal-data tests read it);
 * only errors are printed.
 */
export const runtimeLog: string[] = [];
installQuietRuntime('INFO', (entry) => {
  const line = `${entry.level} ${entry.message} ${JSON.stringify(entry.meta ?? {})}`;
  if (runtimeLog.length < 50_000) runtimeLog.push(line);
  if (entry.level === 'ERROR') console.error(line);
});
// A file that never starts a worker leaves the runtime (and its log forwarder) open: close it
// if nothing else uses it (files with a server or worker close it when they tear those down).
if (typeof afterAll === 'function')
  afterAll(async () => {
    await (Runtime._instance as unknown as { shutdownIfIdle(): Promise<void> } | undefined)?.shutdownIfIdle();
  });

export { testServerPath };

export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `care-reviews-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.once('error', reject);
  });
}

export function makeServices(dir: string) {
  const store = new EmbeddedStore(join(dir, 'store.sqlite'), { owner: true });
  // The statutory record in its own file beside the store, as `npm start` keeps it (SQLite).
  const record = createRecordStore({ path: join(dir, 'record.sqlite'), owner: true });
  return { store, record, calendar: new CalendarService(store), profiles: ProfileRegistry.load() };
}

/** The app as `npm start` wires it, with the test keys (override any service). */
export function makeApp(
  client: Client,
  services: Omit<ReturnType<typeof makeServices>, 'record'> & { record: RecordStore },
  taskQueue: string,
  overrides: Partial<Services> = {},
) {
  const config = {
    ...services,
    client,
    taskQueue,
    verifier: testVerifier,
    idKey: testIdKey,
    codecs: [new AesGcmCodec(testKeyring)],
    http: testHttp,
    ...overrides,
  };
  // Overrides reach services() (a clock, a profile) and may replace a case service with a stub.
  return createApp({ ...apiServices(config), ...overrides });
}
