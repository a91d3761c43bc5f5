/**
 * `npm run bench`: how fast cycles start. On one embedded dev server (in a temp folder), starts N
 * looked-after cycles through the API (authentication, validation, audit, encryption, Temporal)
 * and N through the raw Temporal client (encryption only), and prints starts per second for both,
 * their ratio, the API's latency p50/p99 and the process's RSS (API + worker + client).
 * BENCH_N (default 200) and BENCH_CONCURRENCY (default 8) tune it. Then the email crash window
 * (scripts/mail-bench.ts, BENCH_MAIL_N emails, default 300).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { CalendarService } from '../data/calendar-service';
import { ProfileRegistry } from '../data/reference-data';
import { EmbeddedStore } from '../data/embedded-store';
import { openRecordStore } from '../data/record/kysely-record-store';
import { createApp } from '../api/app';
import { services as apiServices } from '../api/services';
import { mintToken, TokenVerifier } from '../platform/auth/tokens';
import { lookedAfterCycleId } from '../api/services/case-ids';
import { londonDate } from '../workflows/calendar/office-hours';
import { lookedAfterReviewCycle } from '../workflows/looked-after-cycle/looked-after-review-cycle';
import { CASE_KIND, CaseKind, TEAM } from '../workflows/search-attributes';
import { startDevServer } from '../platform/dev-server';
import { AesGcmCodec } from '../platform/encryption/aes-gcm-codec';
import { encryptedDataConverter } from '../platform/encryption/data-converter';
import { Keyring } from '../platform/encryption/keyring';
import { installQuietRuntime } from '../platform/runtime';
import { registerSearchAttributes } from '../platform/search-attributes';
import { createWorker } from '../worker/worker';
import { benchMail, printMailBench } from './mail-bench';

const N = Number(process.env.BENCH_N ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

async function pool<T>(n: number, width: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await task(i);
      }
    }),
  );
  return out;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;

async function main() {
  installQuietRuntime('ERROR');
  const dir = mkdtempSync(join(tmpdir(), 'care-reviews-bench-'));
  const dev = await startDevServer({
    port: 17233 + Math.floor(Math.random() * 500),
    uiPort: 18233 + Math.floor(Math.random() * 500),
    dbFile: join(dir, 'temporal.sqlite'),
    namespace: 'default',
    logDir: dir,
  });
  const connection = await Connection.connect({ address: dev.address });
  await registerSearchAttributes(connection, 'default');
  const native = await NativeConnection.connect({ address: dev.address });
  const store = new EmbeddedStore(join(dir, 'store.sqlite'), { owner: true });
  const record = await openRecordStore({ path: join(dir, 'record.sqlite'), owner: true });
  const services = { store, record, calendar: new CalendarService(store), profiles: ProfileRegistry.load() };
  const keyring = new Keyring([{ id: 'bench', key: Buffer.alloc(32, 5) }]);
  const secret = Buffer.alloc(48, 6);
  const idKey = Buffer.alloc(32, 7);
  const worker = await createWorker({ connection: native, namespace: 'default', taskQueue: 'bench', services, keyring });
  const running = worker.run();
  const client = new Client({ connection, dataConverter: encryptedDataConverter(keyring) });
  const app = createApp(
    apiServices({
      ...services,
      client,
      taskQueue: 'bench',
      idKey,
      codecs: [new AesGcmCodec(keyring)],
      verifier: new TokenVerifier({ keys: { kind: 'secret', secret }, issuer: 'care-reviews', audience: 'care-reviews' }),
      http: { corsOrigins: [], codecOrigins: [], rateLimitPerMinute: 10_000_000, bodyLimit: '100kb', trustProxy: 0 },
    }),
  );
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const token = await mintToken(secret, { issuer: 'care-reviews', audience: 'care-reviews' }, { userId: 'bench', roles: ['iro-unit'] });
  const today = londonDate(Date.now());
  const body = (i: number, tag: string) => ({
    childId: `${tag}-${i}`,
    becameLookedAfter: today,
    dateOfBirth: '2015-06-01',
    legalStatus: 'C2',
    placementType: 'foster',
    team: 'bench-1',
  });

  // Warm up both paths (bundling, connections, JIT) before timing.
  for (let i = 0; i < 5; i++) {
    await fetch(`${base}/api/looked-after-cycles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body(i, 'WARM')),
    });
  }

  const latencies: number[] = [];
  const apiStart = performance.now();
  await pool(N, CONCURRENCY, async (i) => {
    const t0 = performance.now();
    const r = await fetch(`${base}/api/looked-after-cycles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body(i, 'API')),
    });
    latencies.push(performance.now() - t0);
    if (r.status !== 201) throw new Error(`API start ${i}: ${r.status} ${await r.text()}`);
  });
  const apiSeconds = (performance.now() - apiStart) / 1000;

  const profile = services.profiles.get('statutory')!;
  const rawStart = performance.now();
  await pool(N, CONCURRENCY, async (i) => {
    const b = body(i, 'RAW');
    const cycleId = lookedAfterCycleId(idKey, b.childId, today);
    await client.workflow.start(lookedAfterReviewCycle, {
      taskQueue: 'bench',
      workflowId: cycleId,
      args: [
        {
          cycleId,
          child: { childId: b.childId, dateOfBirth: b.dateOfBirth, legalStatus: 'C2', team: b.team },
          becameLookedAfter: today,
          placement: { type: 'foster', startedOn: today },
          profileId: 'statutory',
          by: 'bench',
          profile,
          calendar: services.calendar.snapshot(),
        },
      ],
      typedSearchAttributes: [
        { key: CASE_KIND, value: CaseKind.lookedAfterReviewCycle },
        { key: TEAM, value: b.team },
      ],
    });
  });
  const rawSeconds = (performance.now() - rawStart) / 1000;

  // Let the worker run every new cycle's first task (the L1 notification) before measuring memory.
  for (let i = 0; i < 200 && store.counts().notifications < 2 * N; i++) await new Promise((r) => setTimeout(r, 250));
  const rss = process.memoryUsage().rss;
  latencies.sort((a, b) => a - b);
  const apiRate = N / apiSeconds;
  const rawRate = N / rawSeconds;
  console.log(`care-reviews bench: ${N} cycles each way, ${CONCURRENCY} at a time, one embedded dev server (SQLite)`);
  console.log(`  API starts/s          ${apiRate.toFixed(1)}  (${apiSeconds.toFixed(2)} s)`);
  console.log(`  raw client starts/s   ${rawRate.toFixed(1)}  (${rawSeconds.toFixed(2)} s)`);
  console.log(`  API / raw             ${(apiRate / rawRate).toFixed(2)}`);
  console.log(`  API latency           p50 ${pct(latencies, 50).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms`);
  console.log(
    `  worker RSS            ${mb(rss)} (API + worker + client in one process, ${2 * N + 5} running cycles; L1 notices recorded: ${store.counts().notifications})`,
  );

  server.close();
  worker.shutdown();
  await running;
  await native.close();
  await connection.close();
  store.close();
  await record.close();
  await dev.stop();
  rmSync(dir, { recursive: true, force: true });

  printMailBench(await benchMail());
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(`bench failed: ${(e as Error).message}`);
    process.exit(1);
  },
);
