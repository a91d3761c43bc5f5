/**
 * The one typed configuration, read from the environment once.
 */
import { join, resolve } from 'node:path';

export interface Config {
  /** Set: use that Temporal server and start none (production). Unset: embedded dev server. */
  temporalAddress?: string;
  namespace: string;
  taskQueue: string;
  port: number;
  host: string;
  dataDir: string;
  storePath: string;
  devServer: { port: number; uiPort: number; dbFile: string };
}

function int(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${name} must be a port number (1-65535), got "${value}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = resolve(env.CARE_REVIEWS_DATA_DIR || join(__dirname, '..', '.data'));
  const temporalPort = int('TEMPORAL_PORT', env.TEMPORAL_PORT, 7233);
  return {
    temporalAddress: env.TEMPORAL_ADDRESS || undefined,
    namespace: env.TEMPORAL_NAMESPACE || 'default',
    taskQueue: env.CARE_REVIEWS_TASK_QUEUE || 'care-reviews',
    port: int('PORT', env.PORT, 3000),
    host: env.HOST || '127.0.0.1',
    dataDir,
    storePath: env.CARE_REVIEWS_STORE || join(dataDir, 'care-reviews.sqlite'),
    devServer: {
      port: temporalPort,
      uiPort: int('TEMPORAL_UI_PORT', env.TEMPORAL_UI_PORT, temporalPort + 1000),
      dbFile: join(dataDir, 'temporal.sqlite'),
    },
  };
}
