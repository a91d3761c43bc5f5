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

test('it has the production shape: PostgreSQL, schema set-up, Temporal, namespace set-up, UI and care-reviews', () => {
  const r = compose('config', '--services');
  expect(r.stdout.trim().split('\n').sort()).toEqual([
    'care-reviews',
    'postgresql',
    'temporal',
    'temporal-namespace',
    'temporal-schema',
    'temporal-ui',
  ]);
  const full = compose('config').stdout;
  expect(full).toMatch(/image: temporalio\/server:1\.31\.2/);
  expect(full).toMatch(/DB: postgres12/);
  expect(full).toMatch(/TEMPORAL_ADDRESS: temporal:7233/);
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
