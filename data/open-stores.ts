/**
 * The two stores every process opens: the embedded store (outbox, directory, calendar changes,
 * case register, sessions) and the statutory record. `owner`: this process is their only user
 * (the all-in-one `npm start`, under the instance lock); the separate API and worker processes
 * share the files (on one host or one shared volume) and never take a live lock from each other.
 */
import { EmbeddedStore } from './embedded-store';
import { CalendarService } from './calendar-service';
import { ProfileRegistry } from './reference-data';
import { KyselyRecordStore, openRecordStore } from './record/kysely-record-store';
import type { Config } from '../platform/config';

export interface OpenStores {
  store: EmbeddedStore;
  record: KyselyRecordStore;
  calendar: CalendarService;
  profiles: ProfileRegistry;
}

export async function openStores(config: Config, owner: boolean, onClose: (c: () => Promise<void> | void) => void): Promise<OpenStores> {
  const store = new EmbeddedStore(config.storePath, { owner });
  onClose(() => store.close());
  // The statutory record: closed before the store, after the mail and the worker that append to it.
  const record = await openRecordStore({ ...config.record, owner });
  onClose(() => record.close());
  return { store, record, calendar: new CalendarService(store), profiles: ProfileRegistry.load() };
}
