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
  /** NODE_ENV=production: keys must be given explicitly and may not be the published examples. */
  production: boolean;
  http: HttpSettings;
}

export interface HttpSettings {
  /** Origins allowed to call the API from a browser; none by default (CORS closed). */
  corsOrigins: string[];
  /** Origins of the Temporal Web UI, allowed to call the codec endpoint with credentials. */
  codecOrigins: string[];
  /** Requests per minute per client address before 429. */
  rateLimitPerMinute: number;
  /** Largest JSON body accepted. */
  bodyLimit: string;
  /** Number of reverse proxies in front (for the client address the rate limit uses). */
  trustProxy: number;
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function count(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  return n;
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
  const uiPort = int('TEMPORAL_UI_PORT', env.TEMPORAL_UI_PORT, temporalPort + 1000);
  const production = env.NODE_ENV === 'production';
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
      uiPort,
      dbFile: join(dataDir, 'temporal.sqlite'),
    },
    production,
    http: {
      corsOrigins: list(env.CARE_REVIEWS_CORS_ORIGINS),
      codecOrigins:
        env.CARE_REVIEWS_CODEC_ORIGINS !== undefined
          ? list(env.CARE_REVIEWS_CODEC_ORIGINS)
          : production
            ? []
            : [`http://localhost:${uiPort}`, `http://127.0.0.1:${uiPort}`],
      rateLimitPerMinute: count('CARE_REVIEWS_RATE_LIMIT', env.CARE_REVIEWS_RATE_LIMIT, 600, 1, 1_000_000),
      bodyLimit: '100kb',
      trustProxy: count('CARE_REVIEWS_TRUST_PROXY', env.CARE_REVIEWS_TRUST_PROXY, 0, 0, 10),
    },
  };
}
