/**
 * The OpenAPI document covers every declared route (a route without documentation fails the
 * build) and Swagger UI serves it, under a content security policy that loads nothing from elsewhere.
 */
import request from 'supertest';
import { Client, Connection } from '@temporalio/client';
import { declaredRoutes } from '../api/app';
import { isPage } from '../web/middleware/page-errors';
import { makeApp, makeServices, tempDir } from './support/temporal';

const tmp = tempDir('openapi');
const services = makeServices(tmp.dir);
const app = makeApp(new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) }), services, 'unused');
afterAll(() => {
  services.store.close();
  tmp.remove();
});

test('every declared route is in the OpenAPI document with its roles, parameters and refusals', async () => {
  const r = await request(app).get('/api/openapi.json');
  expect(r.status).toBe(200);
  const doc = r.body;
  expect(doc.openapi).toBe('3.1.0');
  const api = declaredRoutes(app).filter((d) => !isPage(d.path));
  expect(api.length).toBeGreaterThan(50);
  for (const d of declaredRoutes(app)) {
    if (isPage(d.path)) {
      expect(doc.paths[d.path.replace(/:(\w+)/g, '{$1}')]).toBeUndefined();
      continue;
    }
    const op = doc.paths[d.path.replace(/:(\w+)/g, '{$1}')]?.[d.method.toLowerCase()];
    expect({ route: `${d.method} ${d.path}`, documented: !!op }).toEqual({ route: `${d.method} ${d.path}`, documented: true });
    if (d.roles !== 'public') {
      expect(op['x-roles']).toEqual(d.roles);
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['401', '403']));
    }
    for (const q of d.query) expect(op.parameters.map((p: { name: string }) => p.name)).toContain(q);
  }
  const start = doc.paths['/api/looked-after-cycles'].post;
  expect(start.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/CycleStart');
  expect(doc.components.schemas.CycleStart.required).toEqual(
    expect.arrayContaining(['childId', 'becameLookedAfter', 'dateOfBirth', 'legalStatus', 'placementType']),
  );
  // Every schema a route refers to exists.
  for (const m of JSON.stringify(doc.paths).matchAll(/#\/components\/schemas\/(\w+)/g)) expect(doc.components.schemas[m[1]]).toBeDefined();
});

test('Swagger UI is served without a token, loading only its own files', async () => {
  const page = await request(app).get('/api/docs');
  expect(page.status).toBe(200);
  expect(page.text).toContain('swagger-ui-bundle.js');
  expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
  expect((await request(app).get('/api/docs/init.js')).text).toContain('/api/openapi.json');
  const asset = await request(app).get('/api/docs/assets/swagger-ui-bundle.js');
  expect(asset.status).toBe(200);
  expect((await request(app).get('/api/docs/assets/nope.js')).status).toBe(404);
});
