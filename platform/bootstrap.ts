/**
 * What every entry point does first (main.ts all-in-one, main-worker.ts, main-api.ts): read the
 * configuration and the keys, make the data folder, connect to Temporal and register the search
 * attributes; and the list of things to stop, in reverse order, however the process ends.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { Config, loadConfig } from './config';
import { loadSecrets, Secrets } from './secrets';
import { registerSearchAttributes } from './search-attributes';
import { installQuietRuntime } from './runtime';
import { liveHolder } from './instance-lock';
import { logger } from './log';
import { ObservabilitySettings, observabilitySettings } from './metrics';

/** Start-up and operational lines: JSON through pino (short lines on a terminal). */
export function log(msg: string): void {
  logger.info(msg);
}

/** Things to stop; each failure is reported and the rest still run. */
export class Cleanups {
  private readonly list: (() => Promise<void> | void)[] = [];

  push(c: () => Promise<void> | void): void {
    this.list.push(c);
  }

  async run(): Promise<void> {
    for (const c of this.list.splice(0).reverse()) {
      try {
        await c();
      } catch (e) {
        logger.error({ err: e }, `while stopping: ${(e as Error).message}`);
      }
    }
  }
}

export interface Prepared {
  config: Config;
  secrets: Secrets;
  /** Metrics settings (CARE_REVIEWS_METRICS_TOKEN, _PORT, _SDK_METRICS_ADDRESS). */
  obs: ObservabilitySettings;
  /** Where the SDK core serves its metrics in this process (none in the API-only process, which runs no worker). */
  sdkMetricsAddress?: string;
}

/**
 * Configuration and keys, before anything starts: production mode refuses missing or published
 * example keys here. `sdkMetrics`: this process runs a worker, so the SDK core's metrics are served.
 */
export function prepare(opts: { sdkMetrics: boolean }): Prepared {
  const obs = observabilitySettings();
  const sdk = installQuietRuntime('WARN', undefined, { metricsAddress: opts.sdkMetrics ? obs.sdkMetricsAddress : undefined });
  const config = loadConfig();
  mkdirSync(config.dataDir, { recursive: true });
  const secrets = loadSecrets(process.env, { production: config.production, dataDir: config.dataDir });
  return { config, secrets, obs, sdkMetricsAddress: sdk.metricsAddress };
}

/**
 * The separate processes run against a Temporal server someone else runs: without TEMPORAL_ADDRESS
 * they stop here and say how to get one.
 */
export function requireTemporalAddress(config: Config, entry: string): string {
  if (config.temporalAddress) return config.temporalAddress;
  throw new Error(
    `${entry} needs TEMPORAL_ADDRESS (host:port of a Temporal server). For one, run \`npm run cluster\` ` +
      '(PostgreSQL-backed), or `temporal server start-dev` (the CLI that `bash scripts/build-temporal-cli.sh` builds ' +
      'and prints the path of); or use `npm start`, which runs everything in one process with its own server',
  );
}

/**
 * The separate processes share a data folder with each other, never with a running `npm start`
 * (which owns its files alone and clears their locks): refused while one holds care-reviews.pid.
 */
export function refuseBesideAllInOne(config: Config): void {
  const pid = liveHolder(join(config.dataDir, 'care-reviews.pid'));
  if (pid)
    throw new Error(
      `npm start (pid ${pid}) is running with data in ${config.dataDir}; stop it first, or give this process ` +
        'another CARE_REVIEWS_DATA_DIR. Nothing was started.',
    );
}

/** A client connection, with the product's search attributes registered (idempotent). */
export async function connectTemporal(address: string, namespace: string, cleanups: Cleanups): Promise<Connection> {
  const connection = await Connection.connect({ address });
  cleanups.push(() => connection.close());
  const added = await registerSearchAttributes(connection, namespace);
  if (added.length) log(`registered search attributes: ${added.join(', ')}`);
  return connection;
}

/** Runs `main`, exits with its code; a start-up failure is one clear line and exit code 1. */
export function runMain(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (e) => {
      // Said to the person starting it, on stderr as one plain line (the log may be a JSON stream).
      console.error(`[care-reviews] could not start: ${(e as Error).message}`);
      process.exit(1);
    },
  );
}
