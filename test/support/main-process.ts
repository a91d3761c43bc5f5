/**
 * `npm start` (node -r tsx/cjs main.ts) as a real process on a data folder of its own, for the
 * crash tests: started, put under load through its API, killed with SIGKILL and started again.
 * Every pid seen (care-reviews and each dev server it recorded) is kept so afterAll can make sure
 * none outlives jest.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { mintToken } from '../../platform/auth/tokens';
import { Role } from '../../platform/auth/roles';
import { isAlive, readDevServerRecord } from '../../platform/dev-server-guard';
import { testSecret, tokenSettings } from './security';
import { freePort } from './temporal';

export interface MainProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class MainHarness {
  readonly seen = new Set<number>();
  env!: NodeJS.ProcessEnv;
  base!: string;
  current?: MainProcess;

  constructor(readonly dataDir: string) {}

  async init(): Promise<void> {
    const port = await freePort();
    this.base = `http://127.0.0.1:${port}`;
    this.env = {
      ...process.env,
      CARE_REVIEWS_DATA_DIR: this.dataDir,
      CARE_REVIEWS_JWT_SECRET: testSecret.toString('utf8'),
      CARE_REVIEWS_ID_KEY: Buffer.alloc(32, 9).toString('base64'),
      CARE_REVIEWS_ENCRYPTION_KEYS: `t1:${Buffer.alloc(32, 7).toString('base64')}`,
      // The load is far above a person's 600 requests a minute.
      CARE_REVIEWS_RATE_LIMIT: '1000000',
      PORT: String(port),
      TEMPORAL_PORT: String(await freePort()),
      TEMPORAL_UI_PORT: String(await freePort()),
    };
  }

  /** Starts main.ts; resolves once it says ready (or rejects with its output if it exits first). */
  async start(extraEnv: NodeJS.ProcessEnv = {}): Promise<MainProcess> {
    const child = spawn(process.execPath, ['-r', 'tsx/cjs', 'main.ts'], {
      cwd: join(__dirname, '..', '..'),
      env: { ...this.env, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, as in a terminal: Ctrl-C is SIGINT to the group (care-reviews and its dev server).
      detached: true,
    });
    this.seen.add(child.pid!);
    let output = '';
    child.stdout!.on('data', (c) => (output += c));
    child.stderr!.on('data', (c) => (output += c));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const main = (this.current = { child, output: () => output, exited });
    let done = false;
    void exited.then(() => (done = true));
    for (let i = 0; i < 360 && !output.includes('ready;') && !done; i++) await pause(500);
    this.devServerPid();
    if (!output.includes('ready;')) throw new Error(`main.ts did not become ready:\n${output}`);
    return main;
  }

  /** The dev server's pid from the record main.ts keeps in the data folder. */
  devServerPid(): number | undefined {
    const rec = readDevServerRecord(join(this.dataDir, 'temporal-dev-server.pid.json'));
    if (rec) this.seen.add(rec.pid);
    return rec?.pid;
  }

  async call<T = Record<string, unknown>>(
    role: Role,
    method: 'GET' | 'POST',
    path: string,
    body?: object,
  ): Promise<{ status: number; body: T }> {
    const token = await mintToken(testSecret, tokenSettings, { userId: `crash-${role}`, roles: [role] });
    const r = await fetch(`${this.base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(60_000),
    });
    return { status: r.status, body: (await r.json()) as T };
  }

  /** SIGKILL to every process seen that is still alive (afterAll). */
  killAll(): void {
    this.devServerPid();
    for (const pid of this.seen) {
      try {
        if (isAlive(pid)) process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}

/** Every .eml file under the mail folder (`<mail>/<address>/<notification id>.eml`). */
export function emlFiles(mailDir: string): string[] {
  const out: string[] = [];
  if (!existsSync(mailDir)) return out;
  for (const d of readdirSync(mailDir)) {
    if (!statSync(join(mailDir, d)).isDirectory()) continue;
    for (const f of readdirSync(join(mailDir, d))) if (f.endsWith('.eml')) out.push(join(d, f));
  }
  return out;
}
