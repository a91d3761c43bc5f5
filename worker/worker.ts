/**
 * The worker: runs the case workflows and their activities on one task queue.
 */
import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import { ActivityServices, createActivities } from '../activities';

export const WORKFLOWS_PATH = require.resolve('../workflows');

export interface WorkerParams {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  services: ActivityServices;
  /** A prebuilt bundle (tests build it once per file); otherwise the workflows are bundled here. */
  workflowBundle?: WorkerOptions['workflowBundle'];
}

export async function createWorker({ connection, namespace, taskQueue, services, workflowBundle }: WorkerParams): Promise<Worker> {
  return Worker.create({
    connection,
    namespace,
    taskQueue,
    activities: createActivities(services),
    ...(workflowBundle ? { workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
  });
}
