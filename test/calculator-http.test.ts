import { Client, Connection } from '@temporalio/client';
import { as } from './support/security';
import { makeApp, makeServices, tempDir } from './support/temporal';

// The calculator needs no Temporal server: a lazy client is never dialled.
const tmp = tempDir('calc-http');
const services = makeServices(tmp.dir);
const app = makeApp(new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) }), services, 'unused');
afterAll(() => {
  services.store.close();
  tmp.remove();
});
// Any role may use the calculator; a social worker is the usual one.
let user: Awaited<ReturnType<typeof as>>;
beforeAll(async () => {
  user = await as(app, 'social-worker', { team: 'north-2' });
});

test('GET /api/calc/next-review', async () => {
  const r = await user.get('/api/calc/next-review').query({ becameLookedAfter: '2022-12-16' });
  expect(r.status).toBe(200);
  expect(r.body).toMatchObject({ due: '2023-01-18', rule: 'L2' });
});

test('GET /api/calc/add-working-days and working-days-before', async () => {
  expect((await user.get('/api/calc/add-working-days').query({ date: '2022-12-16', n: 20 })).body.date).toBe('2023-01-18');
  expect((await user.get('/api/calc/working-days-before').query({ date: '2023-01-10', n: 3 })).body.date).toBe('2023-01-05');
});

test('GET /api/calc/timeline', async () => {
  const r = await user.get('/api/calc/timeline').query({ meeting: '2023-01-10', profile: 'stoke-on-trent' });
  expect(r.status).toBe(200);
  expect(r.body.items.map((i: { rule: string }) => i.rule)).toEqual(expect.arrayContaining(['L8', 'L9', 'L10']));
});

test.each([
  [{ date: '2023-02-30', n: 1 }, 'date'],
  [{ date: '2023-02-01', n: -1 }, 'n'],
  [{ n: 1 }, 'date'],
])('bad input %j is a 400 naming %s', async (query, field) => {
  const r = await user.get('/api/calc/add-working-days').query(query);
  expect(r.status).toBe(400);
  expect(r.body.error.field).toBe(field);
});

test('unknown profile and out-of-order held dates are 400s', async () => {
  const p = await user.get('/api/calc/next-review').query({ becameLookedAfter: '2023-01-01', profile: 'cornwall' });
  expect([p.status, p.body.error.field]).toEqual([400, 'profile']);
  const h = await user.get('/api/calc/next-review').query({ becameLookedAfter: '2023-01-01', held: '2023-03-01,2023-02-01' });
  expect([h.status, h.body.error.field]).toEqual([400, 'held']);
});
