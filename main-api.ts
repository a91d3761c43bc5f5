/**
 * `npm run api` (production: `node dist/main-api.js`): the HTTP API and the screens alone, against
 * the Temporal server at TEMPORAL_ADDRESS. Runs no workflow and sends no email: at least one
 * `npm run worker` must run against the same server and the same store for cases to progress.
 * SIGINT/SIGTERM stop it.
 */
import { openStores } from './data/open-stores';
import { describeApi, startApiHalf } from './api/start';
import { Cleanups, connectTemporal, log, prepare, refuseBesideAllInOne, requireTemporalAddress, runMain } from './platform/bootstrap';

async function main(): Promise<number> {
  const { config, secrets, obs } = prepare({ sdkMetrics: false });
  const address = requireTemporalAddress(config, 'npm run api');
  refuseBesideAllInOne(config);
  const cleanups = new Cleanups();
  const onClose = (c: () => Promise<void> | void) => cleanups.push(c);
  try {
    const connection = await connectTemporal(address, config.namespace, cleanups);
    // Shared with the worker processes: never the owner (data/sqlite-lock.ts).
    const stores = await openStores(config, false, onClose);
    await startApiHalf({ config, secrets, stores, connection, onClose, observability: { metricsToken: obs.metricsToken } });
    describeApi(config, secrets, log, [`record       ${stores.record.describe} (the statutory record; see docs/record.md)`]);
    log(`Temporal     ${address}, namespace ${config.namespace}, task queue ${config.taskQueue}`);
    log('API ready (no worker in this process: run `npm run worker` beside it); SIGINT/SIGTERM stops it');
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    log('stopping');
    return 0;
  } finally {
    await cleanups.run();
  }
}

runMain(main);
