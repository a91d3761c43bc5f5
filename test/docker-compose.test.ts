import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';

const ROOT = join(__dirname, '..');
const compose = (...args: string[]) =>
  spawnSync('docker-compose', ['-f', join(ROOT, 'docker-compose.yml'), ...args], { cwd: ROOT, encoding: 'utf8' });

test('docker-compose.yml is valid (checked offline by Debian docker-compose; scripts/provision.sh installs it)', () => {
  const r = compose('config', '-q');
  expect(r.error).toBeUndefined();
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
});

test('it has the production shape: PostgreSQL, schema set-up, Temporal, namespace set-up, UI, and care-reviews as worker and API', () => {
  const r = compose('config', '--services');
  expect(r.stdout.trim().split('\n').sort()).toEqual([
    'api',
    'postgresql',
    'temporal',
    'temporal-namespace',
    'temporal-schema',
    'temporal-ui',
    'worker',
  ]);
  const full = compose('config').stdout;
  expect(full).toMatch(/TEMPORAL_ADDRESS: temporal:7233/);
  // The two halves run the compiled entry points from the one image the Dockerfile builds.
  expect(full).toMatch(/command:\s*- node\s*- dist\/main-worker\.js/);
  expect(full).toMatch(/command:\s*- node\s*- dist\/main-api\.js/);
  expect(full.match(/image: care-reviews:local/g)).toHaveLength(2);
  // Production mode (keys required), and the Web UI decrypts through care-reviews' codec endpoint.
  expect(full).toMatch(/NODE_ENV: production/);
  expect(full).toMatch(/TEMPORAL_CODEC_ENDPOINT: http:\/\/localhost:3000\/codec/);
});

test('the namespace set-up creates every search attribute the workflows use, with its type', () => {
  const full = compose('config').stdout;
  const cliType: Record<string, string> = { KEYWORD: 'Keyword', DATETIME: 'Datetime' };
  for (const key of ALL_SEARCH_ATTRIBUTES) expect(full).toContain(`${key.name}:${cliType[key.type]}`);
});

test('the statutory record is its own PostgreSQL database, and the namespace retention is set from one variable (docs/retention.md)', () => {
  const full = compose('config').stdout;
  expect(full).toMatch(/DATABASE_URL: postgresql:\/\/[^@\s]+@postgresql:5432\/care_reviews/);
  expect(full).toMatch(/for db in temporal temporal_visibility care_reviews/);
  expect(full).toMatch(/CARE_REVIEWS_TEMPORAL_RETENTION_DAYS: '3650'/);
  // An existing namespace too (create only ran on the first start).
  const file = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
  expect(file).toContain(
    'temporal operator namespace update --namespace care-reviews --retention $${CARE_REVIEWS_TEMPORAL_RETENTION_DAYS}d',
  );
});

test('Temporal is the version and configuration `npm run cluster` runs (scripts/toolchain-env.sh, deploy/temporal-postgres.yaml)', () => {
  const version = /^TEMPORAL_SERVER_VERSION="([\d.]+)"/m.exec(readFileSync(join(ROOT, 'scripts', 'toolchain-env.sh'), 'utf8'))![1];
  const full = compose('config').stdout;
  expect(full).toContain(`image: temporalio/server:${version}`);
  expect(full.match(/image: temporalio\/admin-tools:[^\s]+/g)).toEqual([
    `image: temporalio/admin-tools:${version}`,
    `image: temporalio/admin-tools:${version}`,
  ]);
  // The server loads the same template, filled from its environment, and the same dynamic config.
  expect(full).toMatch(/TEMPORAL_SERVER_CONFIG_FILE_PATH: \/etc\/temporal\/care-reviews\/temporal-postgres\.yaml/);
  expect(full).toMatch(/deploy\/temporal-postgres\.yaml:\/etc\/temporal\/care-reviews\/temporal-postgres\.yaml:ro/);
  expect(full).toMatch(/deploy\/dynamicconfig\.yaml:\/etc\/temporal\/care-reviews\/dynamicconfig\.yaml:ro/);
  expect(full).toMatch(/DYNAMIC_CONFIG_FILE_PATH: \/etc\/temporal\/care-reviews\/dynamicconfig\.yaml/);
  // The schemas are the ones embedded in temporal-sql-tool, as platform/cluster/temporal-server.ts sets them up.
  expect(full).toContain('update-schema --schema-name postgresql/v12/temporal');
  expect(full).toContain('update-schema --schema-name postgresql/v12/visibility');
  // Every variable the template reads for the database is given.
  const template = readFileSync(join(ROOT, 'deploy', 'temporal-postgres.yaml'), 'utf8');
  for (const v of [
    'POSTGRES_SEEDS',
    'DB_PORT',
    'POSTGRES_USER',
    'POSTGRES_PWD',
    'NUM_HISTORY_SHARDS',
    'BIND_ON_IP',
    'DYNAMIC_CONFIG_FILE_PATH',
  ]) {
    expect(template).toContain(`(env "${v}")`);
    expect(full).toMatch(new RegExp(`${v}: `));
  }
});
