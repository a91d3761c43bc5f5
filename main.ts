/**
 * `npm start`: the whole system on one machine. Starts the embedded Temporal dev server (SQLite
 * under .data/, Web UI) unless TEMPORAL_ADDRESS names a server, registers the search attributes,
 * then runs the worker and the API in this one process. Ctrl-C stops all of it. Production can run
 * the two halves as separate processes instead: main-worker.ts and main-api.ts.
 */
import { join } from 'node:path';
import { openStores } from './data/open-stores';
import { describeApi, startApiHalf } from './api/start';
import { Cleanups, connectTemporal, log, prepare, runMain } from './platform/bootstrap';
import { DevServer, startDevServer } from './platform/dev-server';
import { acquireInstanceLock } from './platform/instance-lock';
import { directoryFile } from './worker/mail';
import { mailDeliveredBy, startWorkerHalf } from './worker/start';

async function main(): Promise<number> {
  const { config, secrets, obs, sdkMetricsAddress } = prepare({ sdkMetrics: true });
  // A bad directory file stops the start here, naming the file and the field.
  const directory = directoryFile(config.mail, config.production);
  // npm start owns its files alone (it clears their locks): not beside the separate processes.
  const separate = mailDeliveredBy(config.storePath);
  if (separate) {
    console.error(
      `[care-reviews] a separate worker process (${separate}) delivers mail from ${config.storePath}; ` +
        'stop the separate processes first, or give npm start another CARE_REVIEWS_DATA_DIR. Nothing was started.',
    );
    return 1;
  }
  const lock = acquireInstanceLock(join(config.dataDir, 'care-reviews.pid'));
  if ('heldBy' in lock) {
    console.error(
      `[care-reviews] already running (pid ${lock.heldBy}) with data in ${config.dataDir}; ` +
        `stop it first (Ctrl-C in its terminal, or kill ${lock.heldBy}). Nothing was started.`,
    );
    return 1;
  }
  const cleanups = new Cleanups();
  cleanups.push(() => lock.release());
  const onClose = (c: () => Promise<void> | void) => cleanups.push(c);

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

    const connection = await connectTemporal(address, config.namespace, cleanups);
    // This process is the stores' only user (the instance lock): it may clear a crashed run's locks.
    const stores = await openStores(config, true, onClose);
    const { worker, describeMail } = await startWorkerHalf({
      config,
      stores,
      directory,
      address,
      keyring: secrets.keyring,
      shared: false,
      log,
      onClose,
    });
    await startApiHalf({
      config,
      secrets,
      stores,
      connection,
      onClose,
      observability: { metricsToken: obs.metricsToken, sdkMetricsAddress },
    });

    describeApi(config, secrets, log, [
      `mail         ${describeMail()}`,
      `record       ${stores.record.describe} (the statutory record; see docs/record.md)`,
    ]);
    if (dev) log(`Temporal UI  ${dev.uiUrl}`);
    log(`Temporal     ${address}, namespace ${config.namespace}, task queue ${config.taskQueue}`);
    log('ready; Ctrl-C stops everything');

    // The Temporal runtime shuts the worker down on SIGINT/SIGTERM; run() then resolves.
    await worker.run();
    log('stopping');
    return 0;
  } finally {
    await cleanups.run();
  }
}

runMain(main);
