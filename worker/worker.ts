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
