/**
 * The measured phases of `npm run bench`: the starts (with memory as the cases grow, and reads) and
 * the 09:00 storm. Each keeps numbers only (latencies, a small sample of ids), never the responses.
 */
import { blockOf, checkpoints, Kind, kindAt, percentile } from './bench-args';
import { body, startByApi } from './bench-cases';
import { CpuMeter, WorkerProcess } from './bench-worker-process';

export interface Ctx {
  size: number;
  concurrency: number;
  base: string;
  token: string;
  tag: string;
  raw: (kind: Kind, b: Record<string, unknown>) => Promise<void>;
  serverPid?: number;
  forkWorker: () => Promise<WorkerProcess>;
  log: (line: string) => void;
}

export type Cpu = ReturnType<CpuMeter['read']>;

export interface StartsResult {
  api: { count: number; seconds: number; latency: number[] };
  raw: { count: number; seconds: number };
  read: number[];
  memory: { cases: number; rss: number; heapUsed: number; drainSeconds: number }[];
  notices: Record<string, number>;
  cpu: Cpu;
  readCpu: Cpu;
  maxCachedWorkflows: number;
}

export interface StormResult {
  cases: number;
  kinds: string;
  startSeconds: number;
  notices: number;
  lateness: number[];
  cpu: Cpu;
  memory: { rss: number; heapUsed: number };
}

/** Runs task(i) for i in [from, to), `width` at a time. */
export async function pool(from: number, to: number, width: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = from;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < to) await task(next++);
    }),
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until the worker has nothing left to do: no new notice and under 3% of a core for 3 s in a
 * row (the first tasks of new cases, their notices and record appends all done), with at least
 * `atLeast` notices in its outbox. Seconds waited.
 */
export async function untilIdle(worker: WorkerProcess, atLeast = 0, maxSeconds = 3600): Promise<number> {
  const t0 = performance.now();
  let last = await worker.stats();
  let quiet = 0;
  while (quiet < 3 && performance.now() - t0 < maxSeconds * 1000) {
    await sleep(1000);
    const s = await worker.stats();
    quiet = s.notices >= atLeast && s.notices === last.notices && s.cpu - last.cpu < 0.03 ? quiet + 1 : 0;
    last = s;
  }
  return (performance.now() - t0) / 1000 - quiet;
}

export async function startsPhase(ctx: Ctx): Promise<{ result: StartsResult; worker: WorkerProcess }> {
  const worker = await ctx.forkWorker();
  await worker.run();
  // Warm-up (bundling is done; JIT, connections, the first visibility queries): 5 of each kind each way.
  for (let i = 0; i < 20; i++) {
    await startByApi(ctx.base, ctx.token, kindAt(i), body(kindAt(i), i, `${ctx.tag}-WA`));
    await ctx.raw(kindAt(i), body(kindAt(i), i, `${ctx.tag}-WR`));
  }
  await untilIdle(worker);
  const api = { count: 0, seconds: 0, latency: [] as number[] };
  const raw = { count: 0, seconds: 0 };
  const sample: string[] = [];
  const memory: StartsResult['memory'] = [];
  const meter = new CpuMeter(
    () => ctx.serverPid,
    () => worker.pid,
  );
  const BLOCK = blockOf(ctx.size);
  let done = 0;
  for (const upTo of checkpoints(ctx.size)) {
    while (done < upTo) {
      const to = Math.min(upTo, (Math.floor(done / BLOCK) + 1) * BLOCK);
      const byApi = Math.floor(done / BLOCK) % 2 === 0;
      const t0 = performance.now();
      await pool(done, to, ctx.concurrency, async (i) => {
        const kind = kindAt(i);
        const b = body(kind, i, ctx.tag);
        if (!byApi) return ctx.raw(kind, b);
        const s = performance.now();
        const id = await startByApi(ctx.base, ctx.token, kind, b);
        api.latency.push(performance.now() - s);
        // A bounded sample of looked-after cycles to read back later.
        if (kind === 'looked-after' && sample.length < 500) sample.push(id);
      });
      const took = (performance.now() - t0) / 1000;
      const side = byApi ? api : raw;
      side.count += to - done;
      side.seconds += took;
      done = to;
    }
    const drainSeconds = await untilIdle(worker);
    const s = await worker.stats({ gc: true });
    memory.push({ cases: upTo, rss: s.memory.rss, heapUsed: s.memory.heapUsed, drainSeconds });
    const lat = [...api.latency].sort((a, b) => a - b);
    ctx.log(
      `  ${upTo} cases started: API ${api.count} at ${(api.count / api.seconds).toFixed(1)}/s (p50 ${ms(lat, 50)}, p99 ${ms(lat, 99)}), ` +
        `raw ${raw.count} at ${(raw.count / raw.seconds).toFixed(1)}/s; worker idle after ${drainSeconds.toFixed(0)} s: ` +
        `RSS ${mib(s.memory.rss)}, heap ${mib(s.memory.heapUsed)}`,
    );
  }
  const cpu = meter.read();
  // A typical read: GET a looked-after cycle (a Query: the worker answers, replaying it if it is out of its cache).
  const readMeter = new CpuMeter(
    () => ctx.serverPid,
    () => worker.pid,
  );
  const read: number[] = [];
  await pool(0, sample.length, ctx.concurrency, async (i) => {
    const s = performance.now();
    const r = await fetch(`${ctx.base}/api/looked-after-cycles/${sample[i]}`, { headers: { authorization: `Bearer ${ctx.token}` } });
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`GET a cycle: ${r.status}`);
    read.push(performance.now() - s);
  });
  const readCpu = readMeter.read();
  const notices = (await worker.stats()).byPrefix;
  api.latency.sort((a, b) => a - b);
  read.sort((a, b) => a - b);
  return { result: { api, raw, read, memory, notices, cpu, readCpu, maxCachedWorkflows: worker.maxCachedWorkflows }, worker };
}

/**
 * The 09:00 storm, emulated (a dev server's clock cannot be moved on): with the worker stopped,
 * `cases` new cases in the mix are started (raw; every kind's first task sends notices: the IRO
 * unit told of a new child in care, a CIN chair or O2R case, a dispute), so their tasks wait
 * on the server together as timers firing at 09:00 would; the worker is then started at T0 and each
 * notice's lateness is its created_at minus T0.
 */
export async function stormPhase(ctx: Ctx, cases: number, running?: WorkerProcess): Promise<StormResult> {
  await running?.stop();
  const t0 = performance.now();
  await pool(0, cases, ctx.concurrency * 2, (i) => {
    const kind = kindAt(i);
    return ctx.raw(kind, body(kind, i, `${ctx.tag}-S`));
  });
  const startSeconds = (performance.now() - t0) / 1000;
  ctx.log(`  storm: ${cases} cases started with the worker stopped in ${startSeconds.toFixed(0)} s; starting the worker`);
  const worker = await ctx.forkWorker();
  const meter = new CpuMeter(
    () => ctx.serverPid,
    () => worker.pid,
  );
  const at = await worker.run();
  // Every kind sends at least one notice on its first task: the storm is not over before that.
  await untilIdle(worker, cases);
  const cpu = meter.read();
  const s = await worker.stats({ since: at, gc: true });
  await worker.stop();
  const lateness = (s.lateness ?? []).sort((a, b) => a - b);
  return {
    cases,
    kinds: 'in the mix',
    startSeconds,
    notices: lateness.length,
    lateness,
    cpu,
    memory: { rss: s.memory.rss, heapUsed: s.memory.heapUsed },
  };
}

export const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;
export const ms = (sorted: number[], p: number) => `${percentile(sorted, p).toFixed(0)} ms`;
