/**
 * PostgreSQL 15 from Debian's binaries in a data folder that outlives the process (`npm run cluster`).
 * Root cannot run postgres: as root the binaries run as the `postgres` user (runuser), and the
 * folder it writes is handed to that user. TCP on 127.0.0.1 only, with a password (scram); the
 * unix socket sits in a folder only that user can reach.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);
export const PG_BIN = process.env.CARE_REVIEWS_PG_BIN || '/usr/lib/postgresql/15/bin';

/** Who runs PostgreSQL's tools: this user, or `postgres` when this is root (root cannot run postgres). Shared with test/support/postgres.ts. */
export interface Runner {
  user: string;
  uid?: number;
  gid?: number;
}

export function runner(): Runner {
  if (process.getuid?.() !== 0) return { user: userInfo().username };
  const ids = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .map((l) => l.split(':'))
    .find((f) => f[0] === 'postgres');
  if (!ids) throw new Error('running as root, and there is no postgres user to run PostgreSQL as (Debian: apt-get install postgresql-15)');
  return { user: 'postgres', uid: Number(ids[2]), gid: Number(ids[3]) };
}

export async function pg(r: Runner, tool: string, args: string[], timeoutMs: number, cwd: string): Promise<string> {
  const bin = join(PG_BIN, tool);
  const [file, argv] = r.uid !== undefined ? ['runuser', ['-u', r.user, '--', bin, ...args]] : [bin, args];
  try {
    const { stdout } = await run(file, argv, { timeout: timeoutMs, cwd, env: { ...process.env, LC_ALL: 'C' } });
    return stdout;
  } catch (e) {
    const x = e as { stderr?: string; stdout?: string; killed?: boolean; code?: number; message: string };
    throw Object.assign(
      new Error(`${tool} ${x.killed ? `did not finish within ${timeoutMs / 1000} s` : 'failed'}: ${x.stderr || x.stdout || x.message}`, {
        cause: e,
      }),
      { exitCode: x.code },
    );
  }
}

export interface ClusterPostgres {
  port: number;
  user: string;
  password: string;
  /** URL of a database on this server (created if missing). */
  database(name: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts (or, after a crash, restarts) PostgreSQL in `<dir>/pg`; initialises it on first use.
 * The password is made on first use and kept in `<dir>/pg-password` (mode 600).
 */
export async function startClusterPostgres(dir: string, port: number, log: (m: string) => void): Promise<ClusterPostgres> {
  if (!existsSync(join(PG_BIN, 'initdb')))
    throw new Error(`PostgreSQL 15 is not installed (${PG_BIN}/initdb); Debian: apt-get install --no-install-recommends postgresql-15`);
  const r = runner();
  const home = join(dir, 'pg');
  const data = join(home, 'data');
  const logFile = join(home, 'postgres.log');
  mkdirSync(home, { recursive: true });
  if (r.uid !== undefined) {
    // The data folder itself stays root's, but the postgres user must pass through it (x only).
    chmodSync(dir, (statSync(dir).mode & 0o777) | 0o011);
    chmodSync(home, 0o700);
    chownSync(home, r.uid, r.gid!);
    // The postgres user must be able to reach the folder through every parent.
    try {
      await run('runuser', ['-u', r.user, '--', 'test', '-w', home]);
    } catch {
      throw new Error(
        `the postgres user cannot write ${home} (a parent folder is private to root?); ` +
          `give a data folder it can reach, e.g. CARE_REVIEWS_CLUSTER_DIR=/var/tmp/care-reviews-cluster`,
      );
    }
  }
  const passwordFile = join(dir, 'pg-password');
  const user = 'postgres';
  if (!existsSync(join(data, 'PG_VERSION'))) {
    log(`initialising PostgreSQL in ${data}`);
    rmSync(data, { recursive: true, force: true });
    const password = randomBytes(18).toString('base64url');
    writeFileSync(passwordFile, password, { mode: 0o600 });
    const pwfile = join(home, 'initdb-pw');
    writeFileSync(pwfile, password, { mode: 0o600 });
    if (r.uid !== undefined) chownSync(pwfile, r.uid, r.gid!);
    try {
      await pg(
        r,
        'initdb',
        ['-D', data, '-U', user, `--pwfile=${pwfile}`, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C'],
        120_000,
        home,
      );
    } finally {
      rmSync(pwfile, { force: true });
    }
  }
  const password = readFileSync(passwordFile, 'utf8').trim();
  // A server left running by an earlier run that was killed: stop it, then start ours.
  try {
    await pg(r, 'pg_ctl', ['status', '-D', data], 10_000, home);
    log('stopping a PostgreSQL left running by an earlier run');
    await pg(r, 'pg_ctl', ['stop', '-m', 'fast', '-w', '-t', '30', '-D', data], 40_000, home);
  } catch (e) {
    // Exit 3: not running (the usual case).
    if ((e as { exitCode?: number }).exitCode !== 3) throw e;
  }
  const options = `-k ${home} -p ${port} -c listen_addresses=127.0.0.1`;
  try {
    await pg(r, 'pg_ctl', ['start', '-w', '-t', '60', '-D', data, '-l', logFile, '-o', options], 70_000, home);
  } catch (e) {
    const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-1500) : '';
    throw new Error(`PostgreSQL did not start on port ${port}: ${(e as Error).message}\n${tail}`, { cause: e });
  }
  const url = (db: string) => `postgresql://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${db}`;
  return {
    port,
    user,
    password,
    async database(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
      const c = new Client({ connectionString: url('postgres') });
      await c.connect();
      try {
        const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (!rowCount) await c.query(`CREATE DATABASE ${name}`);
      } finally {
        await c.end();
      }
      return url(name);
    },
    async stop() {
      await pg(r, 'pg_ctl', ['stop', '-m', 'fast', '-w', '-t', '30', '-D', data], 40_000, home);
    },
  };
}

/** Stops the PostgreSQL of a data folder if it runs (the cluster's stop command). True if it ran. */
export async function stopClusterPostgres(dir: string): Promise<boolean> {
  const home = join(dir, 'pg');
  const data = join(home, 'data');
  if (!existsSync(join(data, 'PG_VERSION'))) return false;
  const r = runner();
  try {
    await pg(r, 'pg_ctl', ['status', '-D', data], 10_000, home);
  } catch (e) {
    if ((e as { exitCode?: number }).exitCode === 3) return false; // not running
    throw e;
  }
  await pg(r, 'pg_ctl', ['stop', '-m', 'fast', '-w', '-t', '30', '-D', data], 40_000, home);
  return true;
}

/** At process exit (synchronous): SIGQUIT to the postmaster, PostgreSQL's immediate shutdown. */
export function killClusterPostgres(dir: string): void {
  try {
    const pid = Number(readFileSync(join(dir, 'pg', 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (pid > 0) process.kill(pid, 'SIGQUIT');
  } catch {
    /* not running */
  }
}
