/**
 * Test helpers: Temporal servers built from registries (see scripts/), a store in a temp folder,
 * and the app wired exactly as `npm start` wires it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@temporalio/client';
import { CalendarService } from '../../activities/calendar-service';
import { ProfileRegistry } from '../../activities/reference-data';
import { EmbeddedStore } from '../../activities/store/embedded-store';
import { createApp } from '../../api/app';
import { testServerPath } from '../../worker/dev-server';
import { installQuietRuntime } from '../../worker/runtime';

installQuietRuntime('ERROR');

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
  return { store, calendar: new CalendarService(store), profiles: ProfileRegistry.load() };
}

export function makeApp(client: Client, services: ReturnType<typeof makeServices>, taskQueue: string) {
  return createApp({ ...services, client, taskQueue });
}
