/**
 * GET /api/timeliness and GET /api/returns/ssda903/reviews.csv read the statutory record
 * (services.record), against stub case services and no Temporal server: the figures and the CSV
 * are the record's, the roles are the permission matrix's, and bad input is a 4xx naming the field.
 */
import { Client, Connection } from '@temporalio/client';
import request from 'supertest';
import { LookedAfterCycles } from '../api/services/looked-after-cycles';
import type { RecordStore } from '../data/record/record-store';
import { timelinessFromFacts } from '../data/record/reports/record-l18';
import { reviewsCsv, ssda903Reviews } from '../data/record/reports/ssda903-reviews';
import type { Role } from '../platform/auth/roles';
import { factsOf, generateChildren, shortBreaksReview } from './support/looked-after-record';
import { MemoryRecord } from './support/memory-record';
import { as } from './support/security';
import { makeApp, makeServices, tempDir } from './support/temporal';

const tmp = tempDir('record-routes');
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
  return makeApp(lazy, base, 'unused', { lookedAfterCycles: cycles, ...(record ? { record } : {}) });
}
async function full() {
  const record = new MemoryRecord();
  await record.append(facts);
  return appWith(record);
}

describe('GET /api/timeliness from the record', () => {
  test('L18 the authority and each team, with the late and missing reviews and their children', async () => {
    const r = await (await as(await full(), 'service-manager')).get('/api/timeliness?year=2024');
    expect(r.status).toBe(200);
    const { source, ...figures } = r.body;
    expect(source).toBe('record');
    expect(figures).toEqual(timelinessFromFacts(recorded, '2024', undefined, TODAY));
    expect(figures).toMatchObject({ team: 'all', children: 28, childrenWithEveryReviewOnTime: 16 });
    expect(figures.byTeam.map((t: { team: string }) => t.team)).toEqual(['east-3', 'north-1', 'south-2']);
    expect(figures.reviewsNotHeldInYear).toContainEqual(
      expect.objectContaining({ childId: 'C1028', cycleId: 'lac-' + '0'.repeat(22) + '27', heldOn: null }),
    );
  });
  test('L18 a team manager gets their own team only, byTeam too; another team is refused (403)', async () => {
    const app = await full();
    const tm = await as(app, 'team-manager', { team: 'south-2' });
    const own = await tm.get('/api/timeliness?year=2024');
    expect(own.body).toMatchObject({ source: 'record', team: 'south-2', byTeam: [expect.objectContaining({ team: 'south-2' })] });
    expect(own.body.byTeam).toHaveLength(1);
    expect(own.body.children).toBe(own.body.byTeam[0].children);
    const other = await tm.get('/api/timeliness?year=2024&team=north-1');
    expect([other.status, other.body.error.field]).toEqual([403, 'team']);
  });
  test('L18 an installation whose record is still empty: no children, no error', async () => {
    const r = await (await as(await appWith(), 'iro-unit')).get('/api/timeliness?year=2024');
    expect([r.status, r.body]).toEqual([200, expect.objectContaining({ source: 'record', team: 'all', children: 0, byTeam: [] })]);
  });
});

describe('GET /api/returns/ssda903/reviews.csv', () => {
  test.each<Role>(['iro-unit', 'service-manager', 'strategic-manager'])('%s gets the REVIEWS table as a CSV attachment', async (role) => {
    const r = await (await as(await full(), role)).get('/api/returns/ssda903/reviews.csv?year=2024');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(r.headers['content-disposition']).toBe('attachment; filename="ssda903-reviews-2024-25.csv"');
    expect(r.text).toBe(reviewsCsv(ssda903Reviews(recorded, '2024')));
    expect(r.text.split('\n')[0]).toBe('CHILD,DOB,REVIEW,REVIEW_CODE');
    expect(r.text.split('\n').length).toBeGreaterThan(50);
  });
  test.each<Role>(['team-manager', 'iro', 'social-worker', 'operator'])('%s is refused (403)', async (role) => {
    const r = await (await as(await full(), role, { team: 'north-1' })).get('/api/returns/ssda903/reviews.csv?year=2024');
    expect(r.status).toBe(403);
  });
  test('no token: 401', async () => {
    expect((await request(await full()).get('/api/returns/ssda903/reviews.csv?year=2024')).status).toBe(401);
  });
  test.each([[''], ['?year='], ['?year=20x4'], ['?year=1999'], ['?year=2024-25']])(
    'year validated like /api/timeliness (%s): 400 naming year',
    async (q) => {
      const r = await (await as(await full(), 'iro-unit')).get(`/api/returns/ssda903/reviews.csv${q}`);
      expect([r.status, r.body.error.field, r.body.error.rule]).toEqual([400, 'year', 'L18']);
    },
  );
  test('a record lacking a period of care: 409 naming it; an empty record: the header alone', async () => {
    const partial = new MemoryRecord();
    await partial.append(facts.filter((f) => f.key !== 'lac-000000000000000000000004/started'));
    const r = await (await as(await appWith(partial), 'iro-unit')).get('/api/returns/ssda903/reviews.csv?year=2024');
    expect([r.status, r.body.error.field]).toEqual([409, 'record']);
    expect(r.body.error.message).toMatch(/lac-0+4 has no looked-after\/started fact/);
    // An empty record (a new installation): the header alone, not an error.
    const none = await (await as(await appWith(), 'iro-unit')).get('/api/returns/ssda903/reviews.csv?year=2024');
    expect([none.status, none.text]).toEqual([200, 'CHILD,DOB,REVIEW,REVIEW_CODE\n']);
  });
});

test("L18 the managers' page shows the record's figures, the same as GET /api/timeliness, with the missing reviews' children", async () => {
  const sm = await as(await full(), 'service-manager');
  const api = (await sm.get('/api/timeliness?year=2024')).body;
  const page = await sm.get('/managers?year=2024');
  expect(page.status).toBe(200);
  expect(page.text).toContain(`${api.childrenWithEveryReviewOnTime} of ${api.children} children`);
  expect(page.text).toContain('16 of 28 children');
  for (const child of ['C1010', 'C1019', 'C1028']) expect(page.text).toContain(child);
});
