/**
 * The API half, as main.ts (all-in-one) and main-api.ts start it: the HTTP API and the screens
 * over the stores and a Temporal client. It runs no workflow and sends no email.
 */
import { Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import type { OpenStores } from '../data/open-stores';
import type { Config } from '../platform/config';
import type { Secrets } from '../platform/secrets';
import { TokenVerifier } from '../platform/auth/tokens';
import { AesGcmCodec } from '../platform/encryption/aes-gcm-codec';
import { encryptedDataConverter } from '../platform/encryption/data-converter';
import { createApp } from './app';
import { services as apiServices } from './services';

export async function startApiHalf(o: {
  config: Config;
  secrets: Secrets;
  stores: OpenStores;
  connection: Connection;
  onClose: (c: () => Promise<void> | void) => void;
  /** /metrics: its guard, and (all-in-one) where this process's SDK core serves its metrics, appended to them. */
  observability: { metricsToken?: string; sdkMetricsAddress?: string };
}): Promise<Server> {
  const { config, secrets } = o;
  const { keyring } = secrets;
  const client = new Client({ connection: o.connection, namespace: config.namespace, dataConverter: encryptedDataConverter(keyring) });
  const app = createApp(
    apiServices({
      ...o.stores,
      client,
      taskQueue: config.taskQueue,
      verifier: new TokenVerifier({ keys: secrets.tokens, issuer: secrets.issuer, audience: secrets.audience }),
      idKey: secrets.idKey,
      codecs: [new AesGcmCodec(keyring)],
      http: config.http,
      production: config.production,
      web: config.web,
      observability: o.observability,
    }),
  );
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
    s.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'EADDRINUSE' ? new Error(`port ${config.port} is in use; set PORT to another port`) : e),
    );
  });
  o.onClose(() => new Promise<void>((r) => server.close(() => r())));
  return server;
}

/** The start-up lines about the API (the same in the all-in-one and the separate API process); `more` goes before the keys. */
export function describeApi(config: Config, secrets: Secrets, log: (m: string) => void, more: string[] = []): void {
  log(`screens      http://${config.host}:${config.port}/  (sign in with a token, or the identity provider when configured)`);
  log(`API          http://${config.host}:${config.port}/api  (health: /health; docs: /api/docs; every endpoint needs a bearer token)`);
  for (const line of more) log(line);
  log(
    `keys         ${secrets.source === 'environment' ? 'from the environment' : secrets.source}; payload key ${secrets.keyring.current.id}`,
  );
  if (secrets.source !== 'environment') log('tokens       npx care-reviews token --user <staff-id> --role <role> [--team <team>]');
}
