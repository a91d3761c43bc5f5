/**
 * Security headers, CORS closed by default, rate limits, body limits, and the audit log of every
 * state-changing request (allowed, refused or unauthenticated) with who, when and what.
 */
import request from 'supertest';
import { Client, Connection } from '@temporalio/client';
import { as } from './support/security';
import { makeApp, makeServices, tempDir } from './support/temporal';
import { testHttp } from './support/security';

const tmp = tempDir('hardening');
const services = makeServices(tmp.dir);
// No Temporal here: listing running cases (the calendar broadcast) fails at once, as when the server is down.
const client = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
client.workflow.list = () => {
  throw new Error('Temporal is unreachable (test)');
};
const app = makeApp(client, services, 'unused');
afterAll(() => {
  services.store.close();
  tmp.remove();
});

test('security headers on every response', async () => {
  const api = [await request(app).get('/health'), await request(app).get('/api/profiles'), await request(app).get('/api/nowhere')];
  // Pages (a 404 page here) load their own styles and scripts, nothing from elsewhere, nothing inline without the nonce.
  const pages = [await request(app).get('/nowhere'), await request(app).get('/sign-in')];
  for (const r of [...api, ...pages]) {
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(r.headers['strict-transport-security']).toBeDefined();
    expect(r.headers['x-powered-by']).toBeUndefined();
  }
  for (const r of api) expect(r.headers['content-security-policy']).toContain("default-src 'none'");
  for (const r of pages) {
    const csp = r.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
  }
});

test('CORS is closed by default and opens only for configured origins', async () => {
  const closed = await request(app)
    .options('/api/profiles')
    .set('Origin', 'https://intranet.example')
    .set('Access-Control-Request-Method', 'GET');
  expect(closed.headers['access-control-allow-origin']).toBeUndefined();
  const open = makeApp(client, services, 'unused', { http: { ...testHttp, corsOrigins: ['https://intranet.example'] } });
  const allowed = await request(open)
    .options('/api/profiles')
    .set('Origin', 'https://intranet.example')
    .set('Access-Control-Request-Method', 'GET');
  expect(allowed.headers['access-control-allow-origin']).toBe('https://intranet.example');
  const other = await request(open)
    .options('/api/profiles')
    .set('Origin', 'https://elsewhere.example')
    .set('Access-Control-Request-Method', 'GET');
  expect(other.headers['access-control-allow-origin']).toBeUndefined();
});

test('rate limit: past the limit, a 429 that says so', async () => {
  const limited = makeApp(client, services, 'unused', { http: { ...testHttp, rateLimitPerMinute: 5 } });
  const statuses = [];
  for (let i = 0; i < 7; i++) statuses.push((await request(limited).get('/health')).status);
  expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
  const r = await request(limited).get('/health');
  expect(r.body.error).toMatchObject({ status: 429, field: 'rate' });
  expect(r.body.error.message).toMatch(/at most 5 a minute/);
});

test('body limits: a body over 100 kB is a 413 naming the body; bad JSON a 400', async () => {
  const operator = await as(app, 'operator');
  const big = await operator.post('/api/calendar/changes').send({ date: '2030-01-02', title: 'x', reason: 'y'.repeat(200_000) });
  expect([big.status, big.body.error.field, big.body.error.message]).toEqual([413, 'body', 'body: too large']);
  const bad = await operator.post('/api/calendar/changes').set('Content-Type', 'application/json').send('{"date": ');
  expect([bad.status, bad.body.error.field]).toEqual([400, 'body']);
  expect(services.store.counts().calendarChanges).toBe(0);
});

describe('audit log', () => {
  test('records who, when and what for every state-changing request, allowed or not, without the values sent', async () => {
    const before = services.store.audit().length;
    const operator = await as(app, 'operator', { userId: 'ops-1' });
    const iro = await as(app, 'iro', { userId: 'iro-9' });
    const done = await operator.post('/api/calendar/changes').send({ date: '2031-06-03', title: 'Royal jubilee', reason: 'proclaimed' });
    expect(done.status).toBe(201);
    const refused = await iro.post('/api/calendar/changes').send({ date: '2031-06-04', title: 't', reason: 'r' });
    expect(refused.status).toBe(403);
    const anonymous = await request(app).post('/api/calendar/changes').send({ date: '2031-06-05' });
    expect(anonymous.status).toBe(401);
    await iro.get('/api/profiles'); // a read: not audited

    const entries = services.store.audit({ afterSeq: before });
    expect(entries.map((e) => [e.userId, e.method, e.route, e.status, e.outcome])).toEqual([
      ['ops-1', 'POST', 'POST /api/calendar/changes', 201, 'done'],
      ['iro-9', 'POST', 'POST /api/calendar/changes', 403, 'refused'],
      ['anonymous', 'POST', 'POST /api/calendar/changes', 401, 'refused'],
    ]);
    expect(entries[0]).toMatchObject({ roles: ['operator'], target: 'calendar-change-1', fields: ['date', 'title', 'reason'] });
    expect(Date.parse(entries[0].at)).toBeGreaterThan(Date.now() - 60_000);
    expect(JSON.stringify(entries)).not.toMatch(/Royal jubilee|2031-06-03/);
  });

  test('operators and service managers read it; others may not', async () => {
    const r = await (await as(app, 'service-manager')).get('/api/audit').query({ userId: 'ops-1' });
    expect(r.status).toBe(200);
    expect(r.body.entries.length).toBeGreaterThan(0);
    expect(r.body.entries.every((e: { userId: string }) => e.userId === 'ops-1')).toBe(true);
    expect((await (await as(app, 'iro-unit')).get('/api/audit')).status).toBe(403);
    const bad = await (await as(app, 'operator')).get('/api/audit').query({ limit: '0' });
    expect([bad.status, bad.body.error.field]).toEqual([400, 'limit']);
  });
});
