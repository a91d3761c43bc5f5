/**
 * `npm run worker` (production: `node dist/main-worker.js`): the worker half alone, against the
 * Temporal server at TEMPORAL_ADDRESS. Runs the case workflows and their activities, and delivers
 * the mail while it holds the store's mail lease. Several may run against one cluster; those that
 * share a store file (one data folder, or one shared volume) deliver each email once between them.
 * SIGINT/SIGTERM stop it after the tasks in hand.
 */
import { openStores } from './data/open-stores';
import { Cleanups, connectTemporal, log, prepare, refuseBesideAllInOne, requireTemporalAddress, runMain } from './platform/bootstrap';
import { directoryFile } from './worker/mail';
import { startWorkerHalf } from './worker/start';
import { startMetricsServer } from './platform/metrics';

async function main(): Promise<number> {
  const { config, secrets, obs, sdkMetricsAddress } = prepare({ sdkMetrics: true });
  const address = requireTemporalAddress(config, 'npm run worker');
  refuseBesideAllInOne(config);
  const directory = directoryFile(config.mail, config.production);
  const cleanups = new Cleanups();
  const onClose = (c: () => Promise<void> | void) => cleanups.push(c);
  try {
    // The search attributes are registered by whichever process starts first (idempotent).
    await connectTemporal(address, config.namespace, cleanups);
    // Shared with the API process and other workers: never the owner (data/sqlite-lock.ts).
    const stores = await openStores(config, false, onClose);
    const { worker, describeMail } = await startWorkerHalf({
      config,
      stores,
      directory,
      address,
      keyring: secrets.keyring,
      shared: true,
      log,
      onClose,
    });
    if (obs.metricsPort) {
      // Without the API in this process, its metrics (the SDK core's, the mail's) have their own port.
      const m = await startMetricsServer({ port: obs.metricsPort, host: config.host, token: obs.metricsToken, sdkMetricsAddress });
      onClose(() => new Promise<void>((r) => m.close(() => r())));
      log(`metrics      http://${config.host}:${obs.metricsPort}/metrics`);
    }
    log(`worker       pid ${process.pid}, data in ${config.dataDir}`);
    log(`mail         ${describeMail()}`);
    log(`record       ${stores.record.describe} (the statutory record; see docs/record.md)`);
    log(`Temporal     ${address}, namespace ${config.namespace}, task queue ${config.taskQueue}`);
    log('worker ready; SIGINT/SIGTERM stops it');
    await worker.run();
    log('stopping');
    return 0;
  } finally {
    await cleanups.run();
  }
}

runMain(main);
