/**
 * `npm run cluster`: Temporal on PostgreSQL without Docker (platform/cluster/), then care-reviews
 * against it. Ctrl-C stops everything it started; a second run reuses the data folder.
 *
 *   npm run cluster                          cluster + care-reviews (worker and API, one process)
 *   npm run cluster -- --no-app              cluster only; prints TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, DATABASE_URL
 *   npm run cluster -- --no-app --detach     the same, left running in the background
 *   npm run cluster -- stop                  stops a cluster running from the data folder
 *
 * Options: --dir D (CARE_REVIEWS_CLUSTER_DIR, default .data/cluster), --pg-port N
 * (CARE_REVIEWS_CLUSTER_PG_PORT, default 5433), --port N (TEMPORAL_PORT, default 7233).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startCluster } from '../platform/cluster';
import { stopClusterPostgres } from '../platform/cluster/postgres';
import { projectRoot, stopLeftover, stopLeftoverServer } from '../platform/cluster/temporal-server';
import { acquireInstanceLock } from '../platform/instance-lock';

const say = (m: string) => console.error(`[cluster] ${m}`);

function parse(argv: string[]) {
  const o = {
    stop: false,
    app: true,
    detach: false,
    dir: process.env.CARE_REVIEWS_CLUSTER_DIR || join(projectRoot(), '.data', 'cluster'),
    pgPort: process.env.CARE_REVIEWS_CLUSTER_PG_PORT || '5433',
    port: process.env.TEMPORAL_PORT || '7233',
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === 'stop') o.stop = true;
    else if (a === '--no-app') o.app = false;
    else if (a === '--detach') o.detach = true;
    else if (a === '--dir') o.dir = value();
    else if (a === '--pg-port') o.pgPort = value();
    else if (a === '--port') o.port = value();
    else throw new Error(`unknown argument "${a}" (use: [stop] [--no-app [--detach]] [--dir D] [--pg-port N] [--port N])`);
  }
  const port = (name: string, v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${name} must be a port number (1-65535), got "${v}"`);
    return n;
  };
  if (o.detach && o.app) throw new Error('--detach needs --no-app (the app runs in the foreground)');
  return { ...o, dir: resolve(o.dir), pgPort: port('--pg-port', o.pgPort), port: port('--port', o.port) };
}

async function main(): Promise<number> {
  const o = parse(process.argv.slice(2));
  const appPidFile = join(o.dir, 'care-reviews.pid');
  if (o.stop) {
    const app = await stopLeftover(appPidFile, 'main.ts');
    if (app) say(`stopped care-reviews (pid ${app})`);
    const pid = await stopLeftoverServer(o.dir);
    say(pid ? `stopped the Temporal server (pid ${pid})` : 'no Temporal server was running');
    say((await stopClusterPostgres(o.dir)) ? 'stopped PostgreSQL' : 'no PostgreSQL was running');
    return 0;
  }
  mkdirSync(o.dir, { recursive: true });
  const lock = acquireInstanceLock(join(o.dir, 'cluster.pid'));
  if ('heldBy' in lock) {
    say(`already running (pid ${lock.heldBy}) from ${o.dir}; stop it first (Ctrl-C there). Nothing was started.`);
    return 1;
  }
  const retentionDays = Number(process.env.CARE_REVIEWS_TEMPORAL_RETENTION_DAYS || 3650);
  if (!Number.isInteger(retentionDays) || retentionDays < 1 || retentionDays > 3650)
    throw new Error(`CARE_REVIEWS_TEMPORAL_RETENTION_DAYS must be a whole number of days from 1 to 3650`);
  say(`data folder ${o.dir}`);
  // The app an earlier run started, if that run was killed: it would hold the port and the store.
  const leftoverApp = await stopLeftover(appPidFile, 'main.ts');
  if (leftoverApp) say(`stopped care-reviews left running by an earlier run (pid ${leftoverApp})`);
  let cluster;
  try {
    cluster = await startCluster({ dir: o.dir, ports: { pg: o.pgPort, temporal: o.port }, retentionDays, log: say });
  } catch (e) {
    lock.release();
    throw e;
  }
  const env = { TEMPORAL_ADDRESS: cluster.address, TEMPORAL_NAMESPACE: cluster.namespace, DATABASE_URL: cluster.databaseUrl };
  if (!o.app) {
    // stdout: lines a shell can `eval` or an .env file can hold.
    // Written synchronously: a pipe's writes are asynchronous, and process.exit would cut them off.
    writeSync(
      1,
      Object.entries(env)
        .map(([k, v]) => `${k}=${v}\n`)
        .join(''),
    );
    if (o.detach) {
      cluster.detach();
      lock.release();
      say(`left running; stop it with: npm run cluster -- stop${o.dir === resolve('.data/cluster') ? '' : ` --dir ${o.dir}`}`);
      process.exit(0);
    }
    say('ready; Ctrl-C stops the cluster');
    await new Promise<void>((r) => ['SIGINT', 'SIGTERM'].forEach((s) => process.once(s, () => r())));
    return stopAll(cluster, lock);
  }
  // The app in its own process, as production runs it against a cluster.
  say('starting care-reviews against it');
  const app = spawn(process.execPath, ['-r', 'tsx/cjs', join(projectRoot(), 'main.ts')], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
    cwd: projectRoot(),
  });
  writeFileSync(appPidFile, String(app.pid));
  // A Ctrl-C reaches the app itself (same process group); a SIGTERM to this process is passed on.
  // Either way the app stops first, then the cluster.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => app.kill('SIGTERM'));
  const code = await new Promise<number>((r) => app.once('exit', (c, s) => r(c ?? (s ? 1 : 0))));
  rmSync(appPidFile, { force: true });
  if (code !== 0) say(`care-reviews exited with ${code}`);
  await stopAll(cluster, lock);
  return code;
}

async function stopAll(cluster: { stop(): Promise<void> }, lock: { release(): void }): Promise<number> {
  say('stopping the Temporal server and PostgreSQL');
  try {
    await cluster.stop();
  } finally {
    lock.release();
  }
  say('stopped');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    say(`failed: ${(e as Error).message}`);
    process.exit(1);
  },
);
