/**
 * The bench's side of the worker process (scripts/bench-worker.ts), and the CPU clocks it reads:
 * the dev server's and the worker's from /proc, its own from process.cpuUsage().
 */
import { ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FromWorker, ToWorker } from './bench-worker';

type Stats = Extract<FromWorker, { type: 'stats' }>;

export class WorkerProcess {
  private waiting: { type: FromWorker['type']; resolve: (m: FromWorker) => void; reject: (e: Error) => void }[] = [];
  maxCachedWorkflows = 0;

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (m: FromWorker) => {
      if (m.type === 'failed') return this.fail(new Error(`bench worker: ${m.message}`));
      const i = this.waiting.findIndex((w) => w.type === m.type);
      if (i >= 0) this.waiting.splice(i, 1)[0].resolve(m);
    });
    child.on('exit', (code, signal) => this.fail(new Error(`bench worker exited (${signal ?? code})`)));
  }

  /** Forks the worker and waits until it is created (bundled, connected), not yet polling. */
  static async fork(env: { address: string; namespace: string; taskQueue: string; dir: string }): Promise<WorkerProcess> {
    const child = fork(join(__dirname, 'bench-worker.ts'), [], {
      execArgv: ['--expose-gc', '-r', 'tsx/cjs'],
      env: {
        ...process.env,
        BENCH_ADDRESS: env.address,
        BENCH_NAMESPACE: env.namespace,
        BENCH_TASK_QUEUE: env.taskQueue,
        BENCH_DIR: env.dir,
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const w = new WorkerProcess(child);
    const created = (await w.ask(undefined, 'created')) as Extract<FromWorker, { type: 'created' }>;
    w.maxCachedWorkflows = created.maxCachedWorkflows;
    return w;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Starts polling; the worker's clock at that instant. */
  async run(): Promise<number> {
    return ((await this.ask({ type: 'run' }, 'running')) as Extract<FromWorker, { type: 'running' }>).t0;
  }

  /** Memory after a full GC and what it has put in the outbox (with each notice's lateness after `since`). */
  async stats(opts: { since?: number; gc?: boolean } = {}): Promise<Stats> {
    return (await this.ask({ type: 'stats', ...opts }, 'stats')) as Stats;
  }

  async stop(): Promise<void> {
    this.child.removeAllListeners('exit');
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.send({ type: 'stop' } satisfies ToWorker);
    const killer = setTimeout(() => this.child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(killer);
  }

  private ask(m: ToWorker | undefined, type: FromWorker['type']): Promise<FromWorker> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ type, resolve, reject });
      if (m) this.child.send(m);
    });
  }

  private fail(e: Error): void {
    for (const w of this.waiting.splice(0)) w.reject(e);
  }
}

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat (NaN if unreadable). */
export function cpuSecondsOf(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const rest = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').pop()!.split(' ');
    return (Number(rest[11]) + Number(rest[12])) / 100;
  } catch {
    return NaN;
  }
}

export const ownCpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** CPU seconds the whole machine has spent busy (all processes, all cores), from /proc/stat. */
export function machineBusySeconds(): number {
  try {
    const [, ...f] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
    // user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
    return (f.slice(0, 8).reduce((a, b) => a + b, 0) - f[3] - f[4]) / 100;
  } catch {
    return NaN;
  }
}

/** The CPU each process spent in a stretch of wall time. */
export class CpuMeter {
  private start: { wall: number; server: number; worker: number; api: number; machine: number };
  constructor(
    private readonly serverPid: () => number | undefined,
    private readonly workerPid: () => number | undefined,
  ) {
    this.start = this.now();
  }

  private now() {
    return {
      wall: performance.now() / 1000,
      server: cpuSecondsOf(this.serverPid()),
      worker: cpuSecondsOf(this.workerPid()),
      api: ownCpuSeconds(),
      machine: machineBusySeconds(),
    };
  }

  /** Seconds of wall time and CPU since the meter was made. */
  read() {
    const n = this.now();
    return {
      wall: n.wall - this.start.wall,
      server: n.server - this.start.server,
      worker: n.worker - this.start.worker,
      api: n.api - this.start.api,
      machine: n.machine - this.start.machine,
    };
  }
}
