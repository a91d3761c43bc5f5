/**
 * `npm start`: the whole system on one machine. Starts the embedded Temporal dev server (SQLite
 * under .data/, Web UI) unless TEMPORAL_ADDRESS names a server, registers the search attributes,
 * then runs the worker and the API. Ctrl-C stops all of it.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { CalendarService } from './data/calendar-service';
import { ProfileRegistry } from './data/reference-data';
import { EmbeddedStore } from './data/embedded-store';
import { openRecordStore } from './data/record/kysely-record-store';
import { createApp } from './api/app';
import { services as apiServices } from './api/services';
import { TokenVerifier } from './platform/auth/tokens';
import { AesGcmCodec } from './platform/encryption/aes-gcm-codec';
import { encryptedDataConverter } from './platform/encryption/data-converter';
import { loadSecrets } from './platform/secrets';
import { loadConfig } from './platform/config';
import { DevServer, startDevServer } from './platform/dev-server';
import { acquireInstanceLock } from './platform/instance-lock';
import { registerSearchAttributes } from './platform/search-attributes';
import { installQuietRuntime } from './platform/runtime';
import { createWorker } from './worker/worker';
import { directoryFile, loadDirectory, startMailDelivery } from './worker/mail';

function log(msg: string) {
  console.log(`[care-reviews] ${msg}`);
}

async function main(): Promise<number> {
  installQuietRuntime();
  const config = loadConfig();
  mkdirSync(config.dataDir, { recursive: true });
  // Before anything starts: production mode refuses missing or published example keys here.
  const secrets = loadSecrets(process.env, { production: config.production, dataDir: config.dataDir });
  // A bad directory file stops the start here, naming the file and the field.
  const directory = directoryFile(config.mail, config.production);
  const lock = acquireInstanceLock(join(config.dataDir, 'care-reviews.pid'));
  if ('heldBy' in lock) {
    console.error(
      `[care-reviews] already running (pid ${lock.heldBy}) with data in ${config.dataDir}; ` +
        `stop it first (Ctrl-C in its terminal, or kill ${lock.heldBy}). Nothing was started.`,
    );
    return 1;
  }
  const cleanups: (() => Promise<void> | void)[] = [() => lock.release()];
  const cleanup = async () => {
    for (const c of cleanups.reverse()) {
      try {
        await c();
      } catch (e) {
        console.error('[care-reviews] while stopping:', (e as Error).message);
      }
    }
  };

  try {
    let address = config.temporalAddress;
    let dev: DevServer | undefined;
    if (!address) {
      log(`starting the embedded Temporal dev server (data: ${config.devServer.dbFile})`);
      dev = await startDevServer({
        ...config.devServer,
        namespace: config.namespace,
        logDir: config.dataDir,
        codecEndpoint: `http://${config.host}:${config.port}/codec`,
      });
      log(`Temporal histories are kept ${config.devServer.retentionDays} days after a case closes (docs/retention.md)`);
      cleanups.push(() => dev!.stop());
      address = dev.address;
    } else {
      log(`production mode: using the Temporal server at ${address}; starting none`);
    }

    const connection = await Connection.connect({ address });
    cleanups.push(() => connection.close());
    const added = await registerSearchAttributes(connection, config.namespace);
    if (added.length) log(`registered search attributes: ${added.join(', ')}`);

    const store = new EmbeddedStore(config.storePath, { owner: true });
    cleanups.push(() => store.close());
    // The statutory record: closed last, after the mail and the worker that append to it.
    const record = await openRecordStore({ ...config.record, owner: true });
    cleanups.push(() => record.close());
    log(loadDirectory(store, directory));
    const calendar = new CalendarService(store);
    const mail = startMailDelivery(store, config.mail, calendar, record);
    cleanups.push(() => mail.delivery.stop());
    const services = {
      store,
      record,
      calendar,
      profiles: ProfileRegistry.load(),
      onNotification: () => mail.delivery.wake(),
    };

    const nativeConnection = await NativeConnection.connect({ address });
    cleanups.push(() => nativeConnection.close());
    const { keyring } = secrets;
    const worker = await createWorker({
      connection: nativeConnection,
      namespace: config.namespace,
      taskQueue: config.taskQueue,
      services,
      keyring,
    });
    const client = new Client({ connection, namespace: config.namespace, dataConverter: encryptedDataConverter(keyring) });
    const app = createApp(
      apiServices({
        ...services,
        client,
        taskQueue: config.taskQueue,
        verifier: new TokenVerifier({ keys: secrets.tokens, issuer: secrets.issuer, audience: secrets.audience }),
        idKey: secrets.idKey,
        codecs: [new AesGcmCodec(keyring)],
        http: config.http,
        production: config.production,
        web: config.web,
      }),
    );

    const server: Server = await new Promise((resolve, reject) => {
      const s = app.listen(config.port, config.host, () => resolve(s));
      s.once('error', (e: NodeJS.ErrnoException) =>
        reject(e.code === 'EADDRINUSE' ? new Error(`port ${config.port} is in use; set PORT to another port`) : e),
      );
    });
    cleanups.push(() => new Promise<void>((r) => server.close(() => r())));

    log(`screens      http://${config.host}:${config.port}/  (sign in with a token, or the identity provider when configured)`);
    log(`API          http://${config.host}:${config.port}/api  (health: /health; docs: /api/docs; every endpoint needs a bearer token)`);
    log(`mail         ${mail.describe}`);
    log(`record       ${record.describe} (the statutory record; see docs/record.md)`);
    log(`keys         ${secrets.source === 'environment' ? 'from the environment' : secrets.source}; payload key ${keyring.current.id}`);
    if (secrets.source !== 'environment') log('tokens       npx care-reviews token --user <staff-id> --role <role> [--team <team>]');
    if (dev) log(`Temporal UI  ${dev.uiUrl}`);
    log(`Temporal     ${address}, namespace ${config.namespace}, task queue ${config.taskQueue}`);
    log('ready; Ctrl-C stops everything');

    // The Temporal runtime shuts the worker down on SIGINT/SIGTERM; run() then resolves.
    await worker.run();
    log('stopping');
    return 0;
  } finally {
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`[care-reviews] could not start: ${(e as Error).message}`);
    process.exit(1);
  },
);
