/**
 * Signing in with an OpenID provider (authorization code + PKCE): a real provider (oidc-provider)
 * runs in the test with its development login and consent screens, which the test fills in as a
 * browser would; the app (stub case services, no Temporal) completes the sign-in at its callback.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import request from 'supertest';
import { Express } from 'express';
import { SESSION_COOKIE } from '../web/session';
import { OIDC_FLOW_COOKIE } from '../web/routes/oidc';
import { tokenFor } from './support/security';
import { makeApp, makeServices, tempDir } from './support/temporal';

const PUBLIC = 'http://care-reviews.test';
const ACCOUNTS: Record<string, Record<string, unknown>> = {
  'sw-1': { sub: 'sw-1', roles: ['social-worker'], team: 'north-1' },
  'unit-1': { sub: 'unit-1', roles: ['iro-unit', 'not-a-role'] },
  'visitor-1': { sub: 'visitor-1', roles: ['not-a-role'] },
};

const tmp = tempDir('web-oidc');
const base = makeServices(tmp.dir);
const lazy = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
const SECRET = 'a-test-client-secret-of-enough-length';
let provider: ChildProcess;
let issuer: string;
let app: Express;

beforeAll(async () => {
  provider = spawn(
    process.execPath,
    [join(__dirname, 'support', 'oidc-provider.mjs'), `${PUBLIC}/sign-in/callback`, SECRET, JSON.stringify(ACCOUNTS)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  issuer = await new Promise<string>((resolve, reject) => {
    provider.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim()));
    provider.once('exit', (code) => reject(new Error(`the test OpenID provider stopped (${code})`)));
  });
  app = makeApp(lazy, base, 'unused', {
    web: {
      idleMinutes: 30,
      publicUrl: PUBLIC,
      oidc: { issuer, clientId: 'care-reviews', clientSecret: SECRET },
    },
  });
});
afterAll(async () => {
  provider?.kill('SIGTERM');
  base.store.close();
  tmp.remove();
});

/** The provider's side, as a browser: cookies kept by name, redirects followed by hand. */
async function atProvider(url: string, jar: Map<string, string>, form?: Record<string, string>): Promise<Response> {
  const r = await fetch(url, {
    method: form ? 'POST' : 'GET',
    redirect: 'manual',
    headers: {
      cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
      ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
  for (const c of r.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const at = pair.indexOf('=');
    jar.set(pair.slice(0, at), pair.slice(at + 1));
  }
  return r;
}

/** From our /sign-in/oidc to the provider's redirect back to our callback (login and consent filled in). */
async function signInAtProvider(login: string, next?: string): Promise<{ callback: URL; flowCookie: string }> {
  const start = await request(app)
    .get('/sign-in/oidc')
    .query(next ? { next } : {});
  expect(start.status).toBe(303);
  const flowCookie = (start.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith(`${OIDC_FLOW_COOKIE}=`))!;
  expect(flowCookie).toMatch(/HttpOnly/);
  expect(flowCookie).toMatch(/SameSite=Lax/);
  const auth = new URL(start.headers.location);
  expect(`${auth.origin}`).toBe(issuer);
  expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
  expect(auth.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
  expect(auth.searchParams.get('redirect_uri')).toBe(`${PUBLIC}/sign-in/callback`);
  // The verifier never leaves us except inside the encrypted cookie.
  expect(start.headers.location).not.toMatch(/code_verifier/);

  const jar = new Map<string, string>();
  let url = auth.href;
  for (let step = 0; step < 12; step++) {
    const r = await atProvider(url, jar);
    if (r.status === 200) {
      const html = await r.text();
      const action = new URL(/action="([^"]+)"/.exec(html)![1], issuer).href;
      const prompt = /name="prompt" value="(\w+)"/.exec(html)![1];
      const sent = await atProvider(action, jar, prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
      expect(sent.status).toBeGreaterThanOrEqual(300);
      url = new URL(sent.headers.get('location')!, issuer).href;
      continue;
    }
    if (r.status < 300 || r.status >= 400) throw new Error(`provider: ${r.status} ${(await r.text()).slice(0, 300)}`);
    const location = new URL(r.headers.get('location')!, issuer);
    if (location.href.startsWith(`${PUBLIC}/sign-in/callback`)) return { callback: location, flowCookie: flowCookie.split(';')[0] };
    url = location.href;
  }
  throw new Error('the provider never sent the browser back');
}

const sessionCookieOf = (r: request.Response) =>
  ((r.headers['set-cookie'] as unknown as string[] | undefined) ?? []).find(
    (c) => c.startsWith(`${SESSION_COOKIE}=`) && !/Expires=Thu, 01 Jan 1970/.test(c),
  );

test('the council sign-in: provider login and consent, back to the callback, signed in with the ID token’s roles and team', async () => {
  const { callback, flowCookie } = await signInAtProvider('sw-1', '/cases/looked-after/new');
  expect(callback.searchParams.get('code')).toBeTruthy();
  const done = await request(app)
    .get(callback.pathname + callback.search)
    .set('Cookie', flowCookie);
  expect([done.status, done.headers.location]).toEqual([303, '/cases/looked-after/new']);
  const session = sessionCookieOf(done)!;
  expect(session).toMatch(/HttpOnly/);
  expect(session).toMatch(/SameSite=Lax/);
  // The flow cookie is spent.
  expect((done.headers['set-cookie'] as unknown as string[]).some((c) => c.startsWith(`${OIDC_FLOW_COOKIE}=;`))).toBe(true);

  const cookie = session.split(';')[0];
  const form = await request(app).get('/cases/looked-after/new').set('Cookie', cookie);
  expect(form.status).toBe(200);
  expect(form.text).toContain('A child has come into care');
  expect(form.text).toContain('Sign out (sw-1)');
  // The social worker's start page, from the role the provider gave.
  const home = await request(app).get('/').set('Cookie', cookie);
  expect([home.status, home.headers.location]).toEqual([303, '/social-worker']);
});

test('roles the service does not know are ignored; without `next` the role’s start page', async () => {
  const { callback, flowCookie } = await signInAtProvider('unit-1');
  const done = await request(app)
    .get(callback.pathname + callback.search)
    .set('Cookie', flowCookie);
  expect([done.status, done.headers.location]).toEqual([303, '/iro-unit']);
});

test('an account with no care-reviews role is refused (403) on the sign-in page, and nobody is signed in', async () => {
  const { callback, flowCookie } = await signInAtProvider('visitor-1');
  const done = await request(app)
    .get(callback.pathname + callback.search)
    .set('Cookie', flowCookie);
  expect(done.status).toBe(403);
  expect(done.text).toContain('has no care-reviews role');
  expect(done.text).toContain('There is a problem');
  expect(sessionCookieOf(done)).toBeUndefined();
});

test('a tampered state, a missing flow cookie, a replayed code and a provider error are refused', async () => {
  const { callback, flowCookie } = await signInAtProvider('sw-1');
  const tampered = new URL(callback);
  tampered.searchParams.set('state', 'x' + callback.searchParams.get('state'));
  const bad = await request(app)
    .get(tampered.pathname + tampered.search)
    .set('Cookie', flowCookie);
  expect(bad.status).toBe(400);
  expect(bad.text).toContain('Sign-in could not be completed');
  expect(sessionCookieOf(bad)).toBeUndefined();

  const noCookie = await request(app).get(callback.pathname + callback.search);
  expect(noCookie.status).toBe(400);
  expect(noCookie.text).toContain('Sign in again');
  expect(sessionCookieOf(noCookie)).toBeUndefined();

  const forged = await request(app)
    .get(callback.pathname + callback.search)
    .set('Cookie', `${OIDC_FLOW_COOKIE}=abc.def.ghi.jkl.mno`);
  expect(forged.status).toBe(400);

  // The real one still works once; the same code a second time does not.
  const ok = await request(app)
    .get(callback.pathname + callback.search)
    .set('Cookie', flowCookie);
  expect(ok.status).toBe(303);
  const again = await request(app)
    .get(callback.pathname + callback.search)
    .set('Cookie', flowCookie);
  expect(again.status).toBe(400);
  expect(sessionCookieOf(again)).toBeUndefined();

  const denied = await request(app)
    .get('/sign-in/callback')
    .query({ error: 'access_denied', state: callback.searchParams.get('state')! })
    .set('Cookie', flowCookie);
  expect(denied.status).toBe(401);
  expect(denied.text).toContain('did not sign you in');
});

test('without a provider configured the council sign-in is not offered', async () => {
  const plain = makeApp(lazy, base, 'unused');
  const r = await request(plain).get('/sign-in/oidc');
  expect(r.status).toBe(404);
  expect(r.text).toContain('not set up here');
  expect((await request(plain).get('/sign-in')).text).not.toContain('/sign-in/oidc');
  expect((await request(app).get('/sign-in')).text).toContain('action="/sign-in/oidc"');
});

test('a provider that cannot be reached: the sign-in page says so (503) and offers nothing broken', async () => {
  const down = makeApp(lazy, base, 'unused', {
    web: { idleMinutes: 30, publicUrl: PUBLIC, oidc: { issuer: 'http://127.0.0.1:9', clientId: 'care-reviews', clientSecret: SECRET } },
  });
  const error = jest.spyOn(console, 'error').mockImplementation(() => {});
  try {
    const r = await request(down).get('/sign-in/oidc');
    expect(r.status).toBe(503);
    expect(r.text).toContain('cannot be reached');
    expect(r.headers['set-cookie']?.toString() ?? '').not.toContain(`${OIDC_FLOW_COOKIE}=e`);
  } finally {
    error.mockRestore();
  }
});

test('in production with a provider, pasting a token is switched off', async () => {
  const prod = makeApp(lazy, base, 'unused', {
    production: true,
    web: { idleMinutes: 30, publicUrl: PUBLIC, oidc: { issuer, clientId: 'care-reviews', clientSecret: SECRET } },
  });
  const page = await request(prod).get('/sign-in');
  expect(page.text).toContain('action="/sign-in/oidc"');
  expect(page.text).not.toContain('id="token"');
  const pasted = await request(prod)
    .post('/sign-in')
    .type('form')
    .send({ token: await tokenFor('iro-unit') });
  expect(pasted.status).toBe(401);
  expect(pasted.text).toContain('Sign in with your council account');
  expect(pasted.headers['set-cookie']?.toString() ?? '').not.toContain(`${SESSION_COOKIE}=e`);
});
