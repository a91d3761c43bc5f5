/**
 * The worker: runs the case workflows and their activities on one task queue, with every payload
 * encrypted (see encryption/).
 */
import { NativeConnection, Worker, WorkerOptions, bundleWorkflowCode } from '@temporalio/worker';
import { ActivityServices, createActivities } from '../activities';
import { encryptedDataConverter, FAILURE_CONVERTER_PATH } from '../platform/encryption/data-converter';
import { Keyring } from '../platform/encryption/keyring';
import { logger } from '../platform/log';

export const WORKFLOWS_PATH = require.resolve('../workflows');

/**
 * How many workflows the worker keeps in memory between their tasks. Cases sleep for weeks, so a
 * case out of the cache costs only a replay of its history when it next wakes; a fixed bound keeps
 * the worker's memory flat however many cases are open (the SDK's own default grows with the heap
 * limit, about 2,300 on a 4 GiB heap). 500: about 0.3 GiB less than 1,000 at 5,000 cases (README,
 * "Benchmarks"). CARE_REVIEWS_MAX_CACHED_WORKFLOWS changes it (0: no cache).
 */
export const DEFAULT_MAX_CACHED_WORKFLOWS = 500;

export function maxCachedWorkflows(env: Record<string, string | undefined> = process.env): number {
  const raw = env.CARE_REVIEWS_MAX_CACHED_WORKFLOWS;
  if (raw === undefined || raw === '') return DEFAULT_MAX_CACHED_WORKFLOWS;
  if (!/^\d+$/.test(raw) || Number(raw) > 100_000)
    throw new Error(`CARE_REVIEWS_MAX_CACHED_WORKFLOWS: "${raw}" is not a whole number from 0 to 100000`);
  return Number(raw);
}

export interface WorkerParams {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  services: ActivityServices;
  keyring: Keyring;
  /** A prebuilt bundle (tests build it once per file, with bundleWorkflows()); otherwise bundled here. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** Anything else (tests tune caching). */
  options?: Partial<WorkerOptions>;
}

export async function createWorker({
  connection,
  namespace,
  taskQueue,
  services,
  keyring,
  workflowBundle,
  options,
}: WorkerParams): Promise<Worker> {
  return Worker.create({
    connection,
    namespace,
    taskQueue,
    activities: createActivities(services),
    dataConverter: encryptedDataConverter(keyring),
    maxCachedWorkflows: maxCachedWorkflows(),
    ...(workflowBundle ? { workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
    ...options,
  });
}

/** The workflow bundle, with the failure converter that encrypts failure messages built in. */
export function bundleWorkflows() {
  const quiet = {
    log() {},
    trace() {},
    debug() {},
    info() {},
    warn() {},
    error: (message: string, meta?: object) => logger.error({ component: 'bundler', ...meta }, message),
  };
  return bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, failureConverterPath: FAILURE_CONVERTER_PATH, logger: quiet });
}
