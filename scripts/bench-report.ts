/**
 * The table `npm run bench` ends with: each figure, and what limits it (which process used the CPU
 * in that phase, and whether the machine's cores were all busy).
 */
import { cpus } from 'node:os';
import { percentile, steadySlope } from './bench-args';
import { Cpu, StartsResult, StormResult, mib, ms } from './bench-phases';

export interface Report {
  size: number;
  machine: string;
  server: string;
  serverPidKnown: boolean;
  loadAtEnd: string;
  starts?: StartsResult;
  storm?: StormResult;
}

/** Where one phase's CPU went, in cores (CPU seconds per wall second), and its busiest process. */
export function where(c: Cpu, serverKnown: boolean): { line: string; busiest: string } {
  const cores = (x: number) => (Number.isFinite(x) ? (x / c.wall).toFixed(2) : 'n/a');
  const parts: [string, number][] = [
    ['Temporal server', serverKnown ? c.server : NaN],
    ['worker', c.worker],
    ['API + client', c.api],
  ];
  const total = parts.reduce((s, [, x]) => s + (Number.isFinite(x) ? x : 0), 0) / c.wall;
  const top = parts.filter(([, x]) => Number.isFinite(x)).sort((a, b) => b[1] - a[1])[0];
  const machine = cpus().length;
  // Other work on a shared machine takes cores too: say how busy the whole machine was.
  const all = c.machine / c.wall;
  const saturated =
    all >= 0.85 * machine
      ? `machine saturated (${all.toFixed(2)} of ${machine} cores busy, ${total.toFixed(2)} ours); `
      : `${total.toFixed(2)} cores ours, ${all.toFixed(2)} of ${machine} busy in all; `;
  return {
    line: `server ${cores(c.server)}, worker ${cores(c.worker)}, API+client ${cores(c.api)} cores over ${c.wall.toFixed(0)} s`,
    busiest: `${saturated}busiest: ${top[0]} (${(top[1] / c.wall).toFixed(2)} cores)`,
  };
}

export function printReport(r: Report): void {
  const rows: [string, string, string][] = [];
  const s = r.starts;
  if (s) {
    const apiRate = s.api.count / s.api.seconds;
    const rawRate = s.raw.count / s.raw.seconds;
    const w = where(s.cpu, r.serverPidKnown);
    rows.push(['API starts/s', `${apiRate.toFixed(1)} (${s.api.count} in ${s.api.seconds.toFixed(0)} s)`, w.busiest]);
    rows.push([
      'raw client starts/s',
      `${rawRate.toFixed(1)} (${s.raw.count} in ${s.raw.seconds.toFixed(0)} s)`,
      'same blocks alternated with the API, worker running',
    ]);
    rows.push(['API / raw', (apiRate / rawRate).toFixed(2), 'HTTP, token, validation, audit, case register, O2R caseload query']);
    rows.push([
      'API start latency',
      `p50 ${ms(s.api.latency, 50)}, p99 ${ms(s.api.latency, 99)}`,
      `${s.api.latency.length} POSTs, concurrency as above`,
    ]);
    const rw = where(s.readCpu, r.serverPidKnown);
    rows.push(['GET a cycle', `p50 ${ms(s.read, 50)}, p99 ${ms(s.read, 99)}`, `${s.read.length} Queries; ${rw.busiest}`]);
    rows.push(['CPU while starting', w.line, '']);
    for (const m of s.memory)
      rows.push([
        `worker at ${m.cases} cases`,
        `RSS ${mib(m.rss)}, heap ${mib(m.heapUsed)}`,
        `idle ${m.drainSeconds.toFixed(0)} s after the last start; after a full GC`,
      ]);
    const bound = s.maxCachedWorkflows;
    const rss = steadySlope(
      s.memory.map((m) => ({ x: m.cases, y: m.rss })),
      bound,
      100_000,
    );
    const heap = steadySlope(
      s.memory.map((m) => ({ x: m.cases, y: m.heapUsed })),
      bound,
      100_000,
    );
    if (s.memory.length > 1) {
      rows.push([
        'worker slope per 1,000 cases',
        `RSS ${((rss.perCase / 2 ** 20) * 1000).toFixed(1)} MiB, heap ${((heap.perCase / 2 ** 20) * 1000).toFixed(1)} MiB`,
        `least squares over ${rss.sizes.join(', ')} cases${rss.sizes[0] >= bound ? ' (cache full)' : ''}`,
      ]);
      rows.push([
        'worker projected at 100,000',
        `RSS ${mib(rss.projected)}, heap ${mib(heap.projected)}`,
        `heap: the main thread only (workflows run in a worker thread, counted in RSS); cache bounded at ${s.maxCachedWorkflows} (CARE_REVIEWS_MAX_CACHED_WORKFLOWS)`,
      ]);
    }
    rows.push([
      'notices from the starts',
      Object.entries(s.notices)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ') || 'none',
      'by case id prefix (lac, o2r, cin; red: disputes): every kind sends at once',
    ]);
  }
  const t = r.storm;
  if (t) {
    const last = t.lateness.at(-1) ?? NaN;
    const w = where(t.cpu, r.serverPidKnown);
    rows.push([
      'storm cases (worker stopped)',
      `${t.cases} ${t.kinds}, started at ${(t.cases / t.startSeconds).toFixed(1)}/s raw`,
      'each sends its notice on its first task',
    ]);
    rows.push([
      'storm: last notice in outbox',
      `${(last / 1000).toFixed(1)} s after T0 (${t.notices} notices)`,
      `${last <= 300_000 ? 'within' : 'OVER'} the 5-minute target; ${w.busiest}`,
    ]);
    rows.push([
      'storm lateness',
      `p50 ${(percentile(t.lateness, 50) / 1000).toFixed(1)} s, p99 ${(percentile(t.lateness, 99) / 1000).toFixed(1)} s`,
      'created_at minus T0 (the worker starts polling)',
    ]);
    rows.push(['CPU in the storm', w.line, '']);
    rows.push(['worker after the storm', `RSS ${mib(t.memory.rss)}, heap ${mib(t.memory.heapUsed)}`, 'after a full GC']);
  }
  rows.push(['load average at end', r.loadAtEnd, `${r.machine}; shared with other work`]);
  const w0 = Math.max(...rows.map((x) => x[0].length));
  const w1 = Math.max(...rows.map((x) => x[1].length));
  console.log(`\nbench summary: ${r.size} cases on the ${r.server}`);
  for (const [a, b, c] of rows) console.log(`  ${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`);
}
