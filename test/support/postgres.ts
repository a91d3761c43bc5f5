/**
 * A real PostgreSQL 15 for tests, from Debian's binaries (/usr/lib/postgresql/15/bin), in a
 * temporary folder: initdb, then pg_ctl start listening on a unix socket in that folder (and on
 * 127.0.0.1 at a free port), then a database. Root cannot run PostgreSQL, so as root (CI) the
 * binaries run as the `postgres` user through runuser, with the folder handed to that user.
 */
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { Client } from 'pg';
import { PG_BIN, pg, runner } from '../../platform/cluster/postgres';

export { PG_BIN } from '../../platform/cluster/postgres';

export interface Postgres {
  /** DATABASE_URL of a database created for the caller. */
  databaseUrl: string;
  /** Another empty database on the same server. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

/** Not ./temporal's: importing that starts the Temporal runtime, which these tests do not need. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.once('error', reject);
  });
}

export async function startPostgres(database = 'care_reviews_test'): Promise<Postgres> {
  if (!existsSync(join(PG_BIN, 'initdb')))
    throw new Error(`PostgreSQL 15 is not installed (${PG_BIN}/initdb); scripts/provision.sh installs Debian's postgresql-15`);
  const r = runner();
  // As root, under /tmp: the postgres user must be able to reach the folder (a root TMPDIR may be private).
  const dir = mkdtempSync(join(r.uid !== undefined ? '/tmp' : tmpdir(), 'care-reviews-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'postgres.log');
  if (r.uid !== undefined) {
    chmodSync(dir, 0o700);
    chownSync(dir, r.uid, r.gid!);
  }
  const remove = () => rmSync(dir, { recursive: true, force: true });
  let port = 0;
  try {
    await pg(r, 'initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'], 60_000, dir);
    // A port found free can be taken before postgres binds it: try again with another.
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      const options = `-k ${dir} -p ${port} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off`;
      try {
        await pg(r, 'pg_ctl', ['start', '-w', '-t', '30', '-D', data, '-l', log, '-o', options], 40_000, dir);
        break;
      } catch (e) {
        const tail = existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '';
        if (attempt >= 3) throw new Error(`${(e as Error).message}\n${tail}`, { cause: e });
      }
    }
    await pg(r, 'pg_isready', ['-h', dir, '-p', String(port), '-t', '15'], 20_000, dir);
  } catch (e) {
    remove();
    throw new Error(`could not start a test PostgreSQL in ${dir}: ${(e as Error).message}`, { cause: e });
  }
  const url = (db: string) => `postgresql://postgres@localhost:${port}/${db}?host=${encodeURIComponent(dir)}`;
  const createDatabase = async (name: string) => {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
    const c = new Client({ connectionString: url('postgres') });
    await c.connect();
    try {
      await c.query(`CREATE DATABASE ${name}`);
    } finally {
      await c.end();
    }
    return url(name);
  };
  let databaseUrl: string;
  try {
    databaseUrl = await createDatabase(database);
  } catch (e) {
    await pg(r, 'pg_ctl', ['stop', '-m', 'immediate', '-D', data], 30_000, dir).catch(() => undefined);
    remove();
    throw e;
  }
  // A test process that ends without stop() (a crash, a timeout) takes its server with it.
  const orphan = () => {
    try {
      const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
      if (pid > 0) process.kill(pid, 'SIGQUIT');
    } catch {
      /* already stopped */
    }
    remove();
  };
  process.once('exit', orphan);
  return {
    databaseUrl,
    createDatabase,
    async stop() {
      process.removeListener('exit', orphan);
      try {
        await pg(r, 'pg_ctl', ['stop', '-m', 'fast', '-w', '-t', '20', '-D', data], 30_000, dir);
      } finally {
        remove();
      }
    },
  };
}
