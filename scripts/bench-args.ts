/**
 * The pure parts of `npm run bench` (tested in test/bench-args.test.ts): its arguments, the mix of
 * case kinds, percentiles and the memory slope. No I/O here.
 */

export const PHASES = ['starts', 'memory', 'storm', 'mail'] as const;
export type Phase = (typeof PHASES)[number];

export interface BenchArgs {
  size: number;
  /** An existing Temporal server (e.g. `npm run cluster`'s); absent: an embedded dev server in a temp folder. */
  temporalAddress?: string;
  namespace: string;
  /** The external server's pid, to count its CPU time (the embedded one's is known). */
  serverPid?: number;
  only: Set<Phase>;
  /** Requests in flight at once. */
  concurrency: number;
}

export class ArgError extends Error {}

const USAGE =
  'usage: npm run bench -- [--size N] [--temporal-address HOST:PORT] [--namespace NS] [--server-pid PID] [--only starts,memory,storm,mail] [--concurrency C]';

function whole(flag: string, raw: string | undefined, min: number, max: number): number {
  if (raw === undefined || !/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max)
    throw new ArgError(`${flag}: "${raw ?? ''}" is not a whole number from ${min} to ${max}\n${USAGE}`);
  return Number(raw);
}

/** Parses `--flag value` and `--flag=value`; an unknown flag or a bad value is an ArgError naming it. */
export function parseBenchArgs(argv: string[], env: Record<string, string | undefined> = {}): BenchArgs {
  const args: BenchArgs = {
    // BENCH_N / BENCH_CONCURRENCY: the older way to size it, still honoured.
    size: env.BENCH_N === undefined ? 200 : whole('BENCH_N', env.BENCH_N, 20, 1_000_000),
    namespace: 'default',
    only: new Set(PHASES),
    concurrency: env.BENCH_CONCURRENCY === undefined ? 8 : whole('BENCH_CONCURRENCY', env.BENCH_CONCURRENCY, 1, 256),
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => (inline !== undefined ? inline : argv[++i]);
    switch (flag) {
      case '--size':
        args.size = whole('--size', value(), 20, 1_000_000);
        break;
      case '--concurrency':
        args.concurrency = whole('--concurrency', value(), 1, 256);
        break;
      case '--server-pid':
        args.serverPid = whole('--server-pid', value(), 1, 2 ** 31);
        break;
      case '--namespace': {
        const ns = value();
        if (!ns || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(ns))
          throw new ArgError(`--namespace: "${ns ?? ''}" is not a namespace name\n${USAGE}`);
        args.namespace = ns;
        break;
      }
      case '--temporal-address': {
        const a = value();
        if (!a || !/^[A-Za-z0-9.-]+:\d{1,5}$/.test(a)) throw new ArgError(`--temporal-address: "${a ?? ''}" is not HOST:PORT\n${USAGE}`);
        args.temporalAddress = a;
        break;
      }
      case '--only': {
        const names = (value() ?? '').split(',').filter(Boolean);
        const bad = names.filter((n) => !(PHASES as readonly string[]).includes(n));
        if (!names.length || bad.length) throw new ArgError(`--only: "${bad.join(',') || ''}" is not among ${PHASES.join(', ')}\n${USAGE}`);
        args.only = new Set(names as Phase[]);
        break;
      }
      default:
        throw new ArgError(`${flag}: unknown argument\n${USAGE}`);
    }
  }
  // Memory is measured as the starts grow: it needs them.
  if (args.only.has('memory')) args.only.add('starts');
  return args;
}

/** The four kinds of case in a large authority's open caseload, and their share (sums to 1). */
export const KINDS = ['looked-after', 'open-to-review', 'child-in-need', 'dispute'] as const;
export type Kind = (typeof KINDS)[number];
/**
 * Issue 15: "about 2,000 looked-after children, thousands of O2R and CIN cases and hundreds of
 * disputes" among 10,000: 20% looked-after, 35% O2R, 40% CIN, 5% disputes.
 */
export const MIX: Record<Kind, number> = { 'looked-after': 0.2, 'open-to-review': 0.35, 'child-in-need': 0.4, dispute: 0.05 };

/** A cycle of 20 slots with the kinds spread evenly (largest deficit first), so any stretch of cases keeps the mix. */
const PATTERN: Kind[] = (() => {
  const out: Kind[] = [];
  const had = new Map<Kind, number>(KINDS.map((k) => [k, 0]));
  for (let i = 1; i <= 20; i++) {
    const k = [...KINDS].sort((a, b) => MIX[b] * i - had.get(b)! - (MIX[a] * i - had.get(a)!))[0];
    had.set(k, had.get(k)! + 1);
    out.push(k);
  }
  return out;
})();

export const kindAt = (i: number): Kind => PATTERN[i % PATTERN.length];

/** How many of each kind among the first n cases. */
export function mixOf(n: number): Record<Kind, number> {
  const out = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
  for (let i = 0; i < n; i++) out[kindAt(i)]++;
  return out;
}

/** A block of cases by one path, then one by the other, so both see the server at the same size (250 at 10,000). */
export const blockOf = (size: number) => Math.min(250, Math.max(5, Math.round(size / 40)));

/** Nearest-rank percentile of an ascending array (NaN if empty). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Where memory is measured as the cases grow: a tenth, a half and all of them (distinct, ascending). */
export function checkpoints(size: number): number[] {
  return [...new Set([Math.round(size / 10), Math.round(size / 2), size])].filter((n) => n > 0).sort((a, b) => a - b);
}

/** Least-squares slope of y over x (bytes per case), and y projected at `at`. */
export function slope(points: { x: number; y: number }[], at: number): { perCase: number; projected: number } {
  const n = points.length;
  if (n < 2) return { perCase: NaN, projected: NaN };
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  const perCase = sxx ? points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0) / sxx : NaN;
  return { perCase, projected: my + perCase * (at - mx) };
}

/**
 * The slope once the workflow cache is full (sizes at or above its bound), when two sizes are: below
 * it, memory climbs as the cache fills, which says nothing about 100,000. Otherwise over all sizes.
 */
export function steadySlope(points: { x: number; y: number }[], cacheBound: number, at: number) {
  const full = points.filter((p) => p.x >= cacheBound);
  const used = full.length >= 2 ? full : points;
  return { ...slope(used, at), sizes: used.map((p) => p.x) };
}
