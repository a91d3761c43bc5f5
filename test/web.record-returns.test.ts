/**
 * The SSDA903 REVIEWS return from the screens, against stub case services and no Temporal server:
 * GET /returns/ssda903-reviews.csv?year= is the API's CSV for the same roles, other roles get the
 * 403 page, and a bad year or an incomplete record is a page naming the field and rule (400, 409)
 * as GET /api/returns/ssda903/reviews.csv refuses it. /managers offers one link per year.
 */
import { Client, Connection } from '@temporalio/client';
import { LookedAfterCycles } from '../api/services/looked-after-cycles';
import type { RecordStore } from '../data/record/record-store';
import { reviewsCsv, ssda903Reviews } from '../data/record/reports/ssda903-reviews';
import type { Role } from '../platform/auth/roles';
import { factsOf, generateChildren, shortBreaksReview } from './support/looked-after-record';
import { MemoryRecord } from './support/memory-record';
import { as } from './support/security';
import { makeApp, makeServices, tempDir } from './support/temporal';

const tmp = tempDir('web-record-returns');
const base = makeServices(tmp.dir);
afterAll(() => {
  base.store.close();
  tmp.remove();
});
const lazy = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
const TODAY = '2025-05-15';
const facts = [...factsOf(generateChildren()), shortBreaksReview];
const recorded = facts.map((f, i) => ({ ...f, seq: i + 1, recordedAt: '' }));

async function appWith(record?: RecordStore) {
  const cycles = { today: () => TODAY } as unknown as LookedAfterCycles;
  return makeApp(lazy, base, 'unused', { lookedAfterCycles: cycles, ...(record ? { record } : { record: undefined }) });
}
async function full() {
  const record = new MemoryRecord();
  await record.append(facts);
  return appWith(record);
}

test.each<Role>(['iro-unit', 'service-manager', 'strategic-manager'])('%s downloads the REVIEWS CSV, the same as the API', async (role) => {
  const who = await as(await full(), role);
  const page = await who.get('/returns/ssda903-reviews.csv?year=2024');
  const api = await who.get('/api/returns/ssda903/reviews.csv?year=2024');
  expect(page.status).toBe(200);
  expect(page.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(page.headers['content-disposition']).toBe('attachment; filename="ssda903-reviews-2024-25.csv"');
  expect(page.text).toBe(api.text);
  expect(page.text).toBe(reviewsCsv(ssda903Reviews(recorded, '2024')));
  expect(page.text.split('\n').length).toBeGreaterThan(50);
});

test.each<Role>(['team-manager', 'iro', 'social-worker', 'operator'])('%s gets the 403 page', async (role) => {
  const r = await (await as(await full(), role, { team: 'north-1' })).get('/returns/ssda903-reviews.csv?year=2024');
  expect([r.status, r.type]).toEqual([403, 'text/html']);
  expect(r.text).toContain('You cannot see this page');
});

test.each([[''], ['?year='], ['?year=20x4'], ['?year=1999'], ['?year=2024-25']])(
  'L18 year (%s) refused as the API: a 400 page naming year',
  async (q) => {
    const r = await (await as(await full(), 'iro-unit')).get(`/returns/ssda903-reviews.csv${q}`);
    expect([r.status, r.type]).toEqual([400, 'text/html']);
    expect(r.text).toContain('April-March year by its first year');
    expect(r.text).toContain('L18');
  },
);

test('SSDA903 a record lacking a period of care, or no record: a 409 page saying so', async () => {
  const partial = new MemoryRecord();
  await partial.append(facts.filter((f) => f.key !== 'lac-000000000000000000000004/started'));
  const r = await (await as(await appWith(partial), 'iro-unit')).get('/returns/ssda903-reviews.csv?year=2024');
  expect([r.status, r.type]).toEqual([409, 'text/html']);
  expect(r.text).toMatch(/lac-0+4 has no looked-after\/started fact/);
  expect(r.text).toContain('SSDA903');
  expect(r.text).toContain('The statutory record cannot give this now');
  const none = await (await as(await appWith(), 'iro-unit')).get('/returns/ssda903-reviews.csv?year=2024');
  expect([none.status, none.text]).toEqual([409, expect.stringMatching(/not configured on this service/)]);
});

test('/managers lists the REVIEWS return for this April-March year and the four before', async () => {
  const page = await (await as(await full(), 'strategic-manager')).get('/managers?year=2024');
  expect(page.status).toBe(200);
  const start = page.text.indexOf('id="ssda903-reviews"');
  const links = page.text.slice(start, page.text.indexOf('</ul>', start));
  expect([...links.matchAll(/href="([^"]+)"/g)].map((m) => m[1])).toEqual(
    ['2025', '2024', '2023', '2022', '2021'].map((y) => `/returns/ssda903-reviews.csv?year=${y}`),
  );
  expect(links).toContain('Download the REVIEWS return for April 2025 to March 2026 (CSV)');
});
