/**
 * `npm run bench -- --size N`: care-reviews at a large authority's size (issue 15). On an embedded
 * dev server in a temp folder (SQLite), or on a given server (--temporal-address, e.g. the
 * PostgreSQL-backed `npm run cluster`), in one run: N open cases in a realistic mix started half
 * through the HTTP API and half through the raw Temporal client (alternate blocks), the API's
 * latency, a typical read, the worker's memory as the cases grow (a separate process) with its slope
 * towards 100,000, the 09:00 storm (emulated: see stormPhase), where the CPU goes, and the email
 * crash window (scripts/mail-bench.ts). `--only` picks phases. Prints a table at the end.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { CalendarService } from '../data/calendar-service';
import { ProfileRegistry } from '../data/reference-data';
import { EmbeddedStore } from '../data/embedded-store';
import { openRecordStore } from '../data/record/kysely-record-store';
import { createApp } from '../api/app';
import { services as apiServices } from '../api/services';
import { mintToken, TokenVerifier } from '../platform/auth/tokens';
import { DevServer, startDevServer } from '../platform/dev-server';
import { AesGcmCodec } from '../platform/encryption/aes-gcm-codec';
import { encryptedDataConverter } from '../platform/encryption/data-converter';
import { Keyring } from '../platform/encryption/keyring';
import { installQuietRuntime } from '../platform/runtime';
import { registerSearchAttributes } from '../platform/search-attributes';
import { ArgError, BenchArgs, mixOf, parseBenchArgs } from './bench-args';
import { BENCH_USER, rawStarter } from './bench-cases';
import { Ctx, startsPhase, stormPhase } from './bench-phases';
import { printReport } from './bench-report';
import { WorkerProcess } from './bench-worker-process';
import { benchMail, printMailBench } from './mail-bench';

/** Stops the dev server if the bench fails (its folder is kept, with the server's log). */
let onFailure: (() => Promise<void>) | undefined;

async function main(args: BenchArgs) {
  const load = () =>
    loadavg()
      .map((x) => x.toFixed(2))
      .join(' ');
  const machine = `${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.versions.node}`;
  const mix = mixOf(args.size);
  console.log(
    `care-reviews bench: ${args.size} cases (${Object.entries(mix)
      .map(([k, n]) => `${n} ${k}`)
      .join(', ')}), ${args.concurrency} requests at a time`,
  );
  console.log(`  machine: ${machine}; load average at start ${load()}`);
  installQuietRuntime('ERROR');
  const dir = mkdtempSync(join(tmpdir(), 'care-reviews-bench-'));
  let dev: DevServer | undefined;
  if (!args.temporalAddress) {
    dev = await startDevServer({
      port: 17233 + Math.floor(Math.random() * 500),
      uiPort: 18233 + Math.floor(Math.random() * 500),
      dbFile: join(dir, 'temporal.sqlite'),
      namespace: args.namespace,
      logDir: dir,
    });
  }
  onFailure = async () => {
    await dev?.stop();
    console.error(`bench: its files and the dev server's log are in ${dir}`);
  };
  const address = dev?.address ?? args.temporalAddress!;
  const serverPid = dev?.process.pid ?? args.serverPid;
  const server = dev ? 'embedded dev server (SQLite, in a temp folder)' : `Temporal at ${address}`;
  console.log(`  server: ${server}`);
  const connection = await Connection.connect({ address });
  await registerSearchAttributes(connection, args.namespace);
  const store = new EmbeddedStore(join(dir, 'store.sqlite'), { owner: true });
  const record = await openRecordStore({ path: join(dir, 'record.sqlite'), owner: true });
  const services = { store, record, calendar: new CalendarService(store), profiles: ProfileRegistry.load() };
  const keyring = new Keyring([{ id: 'bench', key: Buffer.alloc(32, 5) }]);
  const secret = randomBytes(48);
  // A fresh id key and task queue per run: a second run on the same cluster starts new cases.
  const idKey = randomBytes(32);
  const tag = `B${randomBytes(3).toString('hex')}`;
  const taskQueue = `bench-${tag}`;
  const client = new Client({ connection, namespace: args.namespace, dataConverter: encryptedDataConverter(keyring) });
  const app = createApp(
    apiServices({
      ...services,
      client,
      taskQueue,
      idKey,
      codecs: [new AesGcmCodec(keyring)],
      verifier: new TokenVerifier({ keys: { kind: 'secret', secret }, issuer: 'care-reviews', audience: 'care-reviews' }),
      http: { corsOrigins: [], codecOrigins: [], rateLimitPerMinute: 10_000_000, bodyLimit: '100kb', trustProxy: 0 },
    }),
  );
  const http = app.listen(0, '127.0.0.1');
  await new Promise((r) => http.once('listening', r));
  const ctx: Ctx = {
    size: args.size,
    concurrency: args.concurrency,
    base: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    token: await mintToken(
      secret,
      { issuer: 'care-reviews', audience: 'care-reviews' },
      { userId: BENCH_USER.userId, roles: BENCH_USER.roles },
    ),
    tag,
    raw: rawStarter(client, { taskQueue, idKey, calendar: services.calendar, profiles: services.profiles }),
    serverPid,
    forkWorker: () => WorkerProcess.fork({ address, namespace: args.namespace, taskQueue, dir }),
    log: (line) => console.log(`${line} (load ${load()})`),
  };

  const starts = args.only.has('starts') ? await startsPhase(ctx) : undefined;
  const storm = args.only.has('storm') ? await stormPhase(ctx, args.size, starts?.worker) : undefined;
  if (!storm) await starts?.worker.stop();
  const loadAtEnd = load();

  http.close();
  await connection.close();
  store.close();
  await record.close();
  await dev?.stop();
  rmSync(dir, { recursive: true, force: true });

  printReport({ size: args.size, machine, server, serverPidKnown: !!serverPid, loadAtEnd, starts: starts?.result, storm });
  if (args.only.has('mail')) printMailBench(await benchMail());
}

let args: BenchArgs;
try {
  args = parseBenchArgs(process.argv.slice(2), process.env);
} catch (e) {
  if (!(e instanceof ArgError)) throw e;
  console.error(`bench: ${e.message}`);
  process.exit(2);
}
main(args).then(
  () => process.exit(0),
  async (e) => {
    console.error(`bench failed: ${(e as Error).message}`);
    await onFailure?.().catch(() => {});
    process.exit(1);
  },
);
