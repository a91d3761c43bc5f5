/**
 * The whole stack as `npm start` runs it, on a real dev server (SQLite, visibility) in a temp folder:
 * worker and client with encrypted payloads, and the app with the test keys.
 */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { Services } from '../../api/app';
import { DevServer, startDevServer } from '../../platform/dev-server';
import { encryptedDataConverter } from '../../platform/encryption/data-converter';
import { createWorker } from '../../worker/worker';
import { testKeyring } from './security';
import { freePort, makeApp, makeServices, tempDir } from './temporal';

export interface Stack {
  dev: DevServer;
  connection: Connection;
  /** Encrypting client, as the API uses. */
  client: Client;
  services: ReturnType<typeof makeServices>;
  app: ReturnType<typeof makeApp>;
  taskQueue: string;
  stop(): Promise<void>;
}

export async function startStack(name: string, overrides: Partial<Services> = {}): Promise<Stack> {
  const tmp = tempDir(name);
  const dev = await startDevServerOnFreePorts(tmp.dir);
  const connection = await Connection.connect({ address: dev.address });
  const native = await NativeConnection.connect({ address: dev.address });
  const services = makeServices(tmp.dir);
  const taskQueue = name;
  const worker: Worker = await createWorker({ connection: native, namespace: 'default', taskQueue, services, keyring: testKeyring });
  const running = worker.run();
  const client = new Client({ connection, dataConverter: encryptedDataConverter(testKeyring) });
  const app = makeApp(client, services, taskQueue, overrides);
  return {
    dev,
    connection,
    client,
    services,
    app,
    taskQueue,
    async stop() {
      worker.shutdown();
      await running;
      await native.close();
      await connection.close();
      services.store.close();
      await services.record.close();
      await dev.stop();
      tmp.remove();
    },
  };
}

/**
 * Test files run in parallel and the dev server also takes ports of its own choosing, so a port
 * found free a moment ago can be taken by the time it binds: try again with new ones.
 */
async function startDevServerOnFreePorts(dir: string): Promise<DevServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startDevServer({
        port: await freePort(),
        uiPort: await freePort(),
        dbFile: `${dir}/temporal-${attempt}.sqlite`,
        namespace: 'default',
        logDir: dir,
      });
    } catch (e) {
      if (attempt >= 4) throw e;
    }
  }
}

export async function eventually<T>(fn: () => Promise<T>, ok: (t: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
}
