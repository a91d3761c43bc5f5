/** The pure parts of `npm run bench` (scripts/bench-args.ts); nothing here is timed. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ArgError, blockOf, checkpoints, kindAt, mixOf, parseBenchArgs, percentile, slope, steadySlope } from '../scripts/bench-args';
import { maxCachedWorkflows } from '../worker/worker';

describe('bench arguments', () => {
  it('reads the size, the server, the phases and the concurrency, in both spellings', () => {
    const a = parseBenchArgs(['--size', '10000', '--temporal-address=127.0.0.1:7233', '--only', 'storm', '--concurrency=16']);
    expect(a.size).toBe(10000);
    expect(a.temporalAddress).toBe('127.0.0.1:7233');
    expect([...a.only]).toEqual(['storm']);
    expect(a.concurrency).toBe(16);
  });

  it('defaults to 200 cases, every phase, an embedded server; BENCH_N still sizes it', () => {
    const a = parseBenchArgs([]);
    expect(a).toMatchObject({ size: 200, namespace: 'default', concurrency: 8 });
    expect(a.temporalAddress).toBeUndefined();
    expect([...a.only].sort()).toEqual(['mail', 'memory', 'starts', 'storm']);
    expect(parseBenchArgs([], { BENCH_N: '500' }).size).toBe(500);
  });

  it('memory is measured as the starts grow, so it brings the starts with it', () => {
    expect([...parseBenchArgs(['--only', 'memory']).only].sort()).toEqual(['memory', 'starts']);
  });

  it.each([
    [['--size', 'abc'], '--size: "abc" is not a whole number from 20 to 1000000'],
    [['--size', '-5'], '--size: "-5"'],
    [['--size', '10'], 'from 20 to'],
    [['--size'], '--size: ""'],
    [['--only', 'starts,nap'], '--only: "nap" is not among starts, memory, storm, mail'],
    [['--temporal-address', 'localhost'], '--temporal-address: "localhost" is not HOST:PORT'],
    [['--sise', '5'], '--sise: unknown argument'],
  ])('%j is refused with a message naming the flag', (argv, message) => {
    expect(() => parseBenchArgs(argv)).toThrow(ArgError);
    expect(() => parseBenchArgs(argv)).toThrow(message);
  });

  it('the script exits 2 with the message on a bad size, before starting anything', () => {
    const r = spawnSync(process.execPath, ['-r', 'tsx/cjs', join(__dirname, '..', 'scripts', 'bench.ts'), '--size', 'lots'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('bench: --size: "lots" is not a whole number');
    expect(r.stdout).toBe('');
  });
});

describe('the mix of cases', () => {
  it('is 20% looked-after, 35% O2R, 40% CIN and 5% disputes, in any stretch of 20', () => {
    expect(mixOf(10_000)).toEqual({ 'looked-after': 2000, 'open-to-review': 3500, 'child-in-need': 4000, dispute: 500 });
    const stretch = Array.from({ length: 20 }, (_, i) => kindAt(1234 + i));
    expect(stretch.filter((k) => k === 'dispute')).toHaveLength(1);
    expect(stretch.filter((k) => k === 'looked-after')).toHaveLength(4);
  });

  it('alternates API and raw blocks of 250 at 10,000, smaller blocks for small runs', () => {
    expect(blockOf(10_000)).toBe(250);
    expect(blockOf(1000)).toBe(25);
    expect(blockOf(20)).toBe(5);
  });
});

describe('figures', () => {
  it('percentiles are nearest-rank', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile(xs, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('memory is measured at a tenth, a half and all of the cases', () => {
    expect(checkpoints(10_000)).toEqual([1000, 5000, 10_000]);
    expect(checkpoints(20)).toEqual([2, 10, 20]);
  });

  it('the slope is least squares, projected to 100,000', () => {
    const s = slope(
      [
        { x: 1000, y: 300 },
        { x: 5000, y: 500 },
        { x: 10_000, y: 750 },
      ],
      100_000,
    );
    expect(s.perCase).toBeCloseTo(0.05, 2);
    expect(s.projected).toBeCloseTo(5250, 0);
    expect(slope([{ x: 1, y: 1 }], 10).perCase).toBeNaN();
  });

  it('the slope towards 100,000 is taken once the workflow cache is full, when two sizes are', () => {
    const points = [
      { x: 200, y: 430 },
      { x: 1000, y: 790 },
      { x: 2000, y: 860 },
    ];
    expect(steadySlope(points, 1000, 100_000)).toMatchObject({ perCase: 0.07, sizes: [1000, 2000] });
    expect(steadySlope(points, 1500, 100_000).sizes).toEqual([200, 1000, 2000]);
  });
});

describe('the worker cache bound', () => {
  it('is 500 unless CARE_REVIEWS_MAX_CACHED_WORKFLOWS says otherwise, and a bad value is named', () => {
    expect(maxCachedWorkflows({})).toBe(500);
    expect(maxCachedWorkflows({ CARE_REVIEWS_MAX_CACHED_WORKFLOWS: '250' })).toBe(250);
    expect(maxCachedWorkflows({ CARE_REVIEWS_MAX_CACHED_WORKFLOWS: '0' })).toBe(0);
    expect(() => maxCachedWorkflows({ CARE_REVIEWS_MAX_CACHED_WORKFLOWS: 'lots' })).toThrow(
      'CARE_REVIEWS_MAX_CACHED_WORKFLOWS: "lots" is not a whole number from 0 to 100000',
    );
  });
});
