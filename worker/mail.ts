/**
 * Email as `npm start` sets it up: the directory from CARE_REVIEWS_DIRECTORY (or, on the embedded
 * default with none stored, the example directory), the transport the configuration names, and
 * the dispatcher over the store.
 */
import { join } from 'node:path';
import { CalendarService } from '../data/calendar-service';
import { EmbeddedStore } from '../data/embedded-store';
import { Directory } from '../data/directory';
import { readDirectoryFile } from '../data/directory-store';
import { REFERENCE_DATA_DIR } from '../data/reference-data';
import { MailSettings } from '../platform/config';
import type { RecordStore } from '../data/record/record-store';
import { mailTransport } from '../platform/mail';
import { MailDelivery } from './mail-delivery';

export const EXAMPLE_DIRECTORY = join(REFERENCE_DATA_DIR, 'directory.example.json');

export interface DirectoryFile {
  path: string;
  directory: Directory;
  hash: string;
}

/**
 * The directory file to load, read and checked before anything starts (a bad file stops the start,
 * naming the path and the field). Without CARE_REVIEWS_DIRECTORY: the example, for the embedded
 * default only (no mail leaves), used if the store holds no directory yet.
 */
export function directoryFile(settings: MailSettings, production: boolean): DirectoryFile | undefined {
  const path = settings.directoryPath ?? (!production && !settings.smtpUrl && !settings.notify ? EXAMPLE_DIRECTORY : undefined);
  return path ? { path, ...readDirectoryFile(path) } : undefined;
}

/** Loads the file into the store when it differs from the one last loaded (audited); returns what was done, for the log. */
export function loadDirectory(store: EmbeddedStore, file: DirectoryFile | undefined, now = new Date()): string {
  const stored = store.directory.current();
  if (!file && stored?.source === `file ${EXAMPLE_DIRECTORY}`)
    return `directory revision ${stored.revision} is still the example (addresses at example.org): set CARE_REVIEWS_DIRECTORY`;
  if (!file) return stored ? `directory revision ${stored.revision} (${stored.source})` : 'no directory: set CARE_REVIEWS_DIRECTORY';
  if (file.path === EXAMPLE_DIRECTORY && stored) return `directory revision ${stored.revision} (${stored.source})`;
  if (!store.directory.importFile(file.directory, file.hash, file.path, now))
    return `directory revision ${stored!.revision} (${file.path} unchanged since it was loaded)`;
  store.recordAudit({
    at: now.toISOString(),
    userId: 'directory-file',
    roles: [],
    method: 'LOAD',
    route: 'CARE_REVIEWS_DIRECTORY',
    target: 'directory',
    fields: ['people', 'teams', 'mailboxes'],
    status: 200,
    outcome: 'done',
  });
  const d = file.directory;
  return (
    `directory revision ${store.directory.revision()} loaded from ${file.path}` +
    `${file.path === EXAMPLE_DIRECTORY ? ' (the example)' : ''}: ${d.people.length} people, ` +
    `${Object.keys(d.teams).length} teams, ${Object.keys(d.mailboxes).length} mailboxes`
  );
}

/** The dispatcher, started, with morning digests on the live calendar; `describe` says where mail goes (never a password). */
export function startMailDelivery(
  store: EmbeddedStore,
  settings: MailSettings,
  calendar: CalendarService,
  /** The statutory record, told how each notification's delivery ended (kept in the store until it takes it). */
  record?: RecordStore,
  /** Shared store: the longest sleep between passes (other processes record notifications it cannot hear of), and the lease check. */
  shared?: { idleMs: number; mayDeliver: () => boolean },
): { delivery: MailDelivery; describe: string } {
  const transport = mailTransport(settings);
  const delivery = new MailDelivery({
    store,
    transport,
    from: settings.from,
    publicUrl: settings.publicUrl,
    digests: { calendar: () => calendar.calendar() },
    record,
    idleMs: shared?.idleMs,
    mayDeliver: shared?.mayDeliver,
  });
  delivery.start();
  return { delivery, describe: transport.describe };
}
