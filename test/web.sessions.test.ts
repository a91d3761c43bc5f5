/**
 * The browser's session and its forms' CSRF token, against stub case services (no Temporal):
 * token sign-in, the cookie's flags, `next`, the idle timeout and the token's expiry, sign-out,
 * and that a form post from a browser needs the session's `_csrf` while a bearer-token post does not.
 */
import { Client, Connection } from '@temporalio/client';
import request from 'supertest';
import { LookedAfterCycles } from '../api/services/looked-after-cycles';
import { SESSION_COOKIE } from '../web/session';
import { tokenFor } from './support/security';
import { makeApp, makeServices, tempDir } from './support/temporal';

const tmp = tempDir('web-sessions');
const base = makeServices(tmp.dir);
afterAll(() => {
  base.store.close();
  tmp.remove();
});
const lazy = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
const CYCLE = 'lac-' + 'b'.repeat(24);

/** The app with a session clock the test moves (minutes past now) and a stub cycle service. */
function world(opts: { production?: boolean } = {}) {
  let minutes = 0;
  const start = jest.fn(async () => ({ cycleId: CYCLE }));
  const cycles = { start, state: jest.fn(), command: jest.fn(), completeTask: jest.fn(), today: () => '2026-01-10' };
  const app = makeApp(lazy, base, 'unused', {
    lookedAfterCycles: cycles as unknown as LookedAfterCycles,
    sessionClock: () => Date.now() + minutes * 60_000,
    web: { idleMinutes: 30 },
    production: opts.production,
  });
  return { app, start, later: (m: number) => (minutes += m) };
}

const setCookies = (r: request.Response) => (r.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
/** The last one set: the one a browser keeps. */
const sessionCookie = (r: request.Response) =>
  setCookies(r)
    .filter((c) => c.startsWith(`${SESSION_COOKIE}=`))
    .pop();
const pair = (c: string) => c.split(';')[0];

async function signIn(app: ReturnType<typeof world>['app'], token: string, next?: string) {
  return request(app)
    .post('/sign-in')
    .type('form')
    .send({ token, ...(next !== undefined ? { next } : {}) });
}

/** A signed-in browser: its cookie and the CSRF token its forms carry. */
async function browser(app: ReturnType<typeof world>['app']) {
  const r = await signIn(app, await tokenFor('iro-unit', { userId: 'unit-7' }));
  const cookie = pair(sessionCookie(r)!);
  const form = await request(app).get('/cases/looked-after/new').set('Cookie', cookie);
  expect(form.status).toBe(200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
  return { cookie: pair(sessionCookie(form) ?? cookie), csrf };
}

const CHILD = {
  childId: 'C-77',
  'becameLookedAfter-day': '5',
  'becameLookedAfter-month': '1',
  'becameLookedAfter-year': '2026',
  'dateOfBirth-day': '1',
  'dateOfBirth-month': '6',
  'dateOfBirth-year': '2015',
  legalStatus: 'C2',
  placementType: 'foster',
  team: 'north-1',
};

test('token sign-in sets an HttpOnly, SameSite=Lax session cookie (not Secure in development) and goes to the start page', async () => {
  const { app } = world();
  const r = await signIn(app, await tokenFor('iro-unit'));
  expect([r.status, r.headers.location]).toEqual([303, '/iro-unit']);
  const c = sessionCookie(r)!;
  expect(c).toMatch(/HttpOnly/);
  expect(c).toMatch(/SameSite=Lax/);
  expect(c).toMatch(/Path=\//);
  expect(c).not.toMatch(/Secure/);
  // Encrypted: neither the token's claims nor the staff id can be read from it.
  expect(Buffer.from(pair(c).split('=')[1].split('.')[3] ?? '', 'base64url').toString()).not.toMatch(/iro-unit/);
});

test('in production the cookie is Secure', async () => {
  const { app } = world({ production: true });
  const r = await signIn(app, await tokenFor('iro'));
  expect(r.status).toBe(303);
  expect(sessionCookie(r)).toMatch(/; Secure/);
});

test('a bad or missing token: the sign-in page again (401) with the message, and no session', async () => {
  const { app } = world();
  const junk = await signIn(app, 'not-a-token');
  expect(junk.status).toBe(401);
  expect(junk.text).toContain('That token cannot be used');
  expect(junk.text).toContain('There is a problem');
  expect(junk.text).toContain('href="#token"');
  expect(sessionCookie(junk)).toBeUndefined();
  const empty = await signIn(app, '  ');
  expect([empty.status, empty.text.includes('Enter an access token')]).toEqual([401, true]);
  const expired = await signIn(app, await tokenFor('iro', { expiresIn: -10 }));
  expect(expired.status).toBe(401);
});

test('`next` is followed only when it is a path on this site', async () => {
  const { app } = world();
  const token = await tokenFor('iro-unit');
  expect((await signIn(app, token, '/cases/looked-after/new')).headers.location).toBe('/cases/looked-after/new');
  for (const elsewhere of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)', '/sign-out', '/a b']) {
    expect([elsewhere, (await signIn(app, token, elsewhere)).headers.location]).toEqual([elsewhere, '/iro-unit']);
  }
  // A page asked for while signed out brings the user back to it.
  const asked = await request(app).get('/cases/looked-after/new?x=1');
  expect([asked.status, asked.headers.location]).toEqual([303, '/sign-in?next=%2Fcases%2Flooked-after%2Fnew%3Fx%3D1']);
  const page = await request(app).get(asked.headers.location);
  expect(page.text).toContain('name="next" value="/cases/looked-after/new?x=1"');
});

test('idle timeout: each request rolls it on; past it, back to sign-in saying why', async () => {
  const { app, later } = world();
  let { cookie } = await browser(app);
  later(25);
  const still = await request(app).get('/cases/looked-after/new').set('Cookie', cookie);
  expect(still.status).toBe(200);
  cookie = pair(sessionCookie(still)!);
  later(25); // 50 minutes since sign-in, 25 since the last request
  const rolled = await request(app).get('/cases/looked-after/new').set('Cookie', cookie);
  expect(rolled.status).toBe(200);
  cookie = pair(sessionCookie(rolled)!);
  later(31);
  const idle = await request(app).get('/cases/looked-after/new').set('Cookie', cookie);
  expect([idle.status, idle.headers.location]).toEqual([303, '/sign-in?next=%2Fcases%2Flooked-after%2Fnew&ended=idle']);
  const page = await request(app).get(idle.headers.location);
  expect(page.text).toContain('You were signed out after 30 minutes');
});

test("the token's expiry ends the session whatever the activity", async () => {
  const { app, later } = world();
  const r = await signIn(app, await tokenFor('iro-unit', { expiresIn: '20m' }));
  let cookie = pair(sessionCookie(r)!);
  later(15);
  const ok = await request(app).get('/cases/looked-after/new').set('Cookie', cookie);
  expect(ok.status).toBe(200);
  cookie = pair(sessionCookie(ok)!);
  later(6);
  const ended = await request(app).get('/cases/looked-after/new').set('Cookie', cookie);
  expect(ended.headers.location).toBe('/sign-in?next=%2Fcases%2Flooked-after%2Fnew&ended=expired');
});

test('a form post needs the session’s CSRF token: none or a wrong one is refused (403), the right one passes', async () => {
  const { app, start } = world();
  const { cookie, csrf } = await browser(app);
  const post = (body: Record<string, string>) => request(app).post('/cases/looked-after/new').set('Cookie', cookie).type('form').send(body);

  const none = await post(CHILD);
  expect(none.status).toBe(403);
  expect(none.text).toContain('did not come from care-reviews');
  const wrong = await post({ ...CHILD, _csrf: csrf.slice(0, -2) + (csrf.endsWith('AA') ? 'BB' : 'AA') });
  expect(wrong.status).toBe(403);
  const short = await post({ ...CHILD, _csrf: 'x' });
  expect(short.status).toBe(403);
  // Another browser's token is not this one's.
  const other = await browser(app);
  expect(other.csrf).not.toBe(csrf);
  expect((await post({ ...CHILD, _csrf: other.csrf })).status).toBe(403);
  expect(start).not.toHaveBeenCalled();

  const right = await post({ ...CHILD, _csrf: csrf });
  expect([right.status, right.headers.location]).toEqual([303, `/cases/looked-after/${CYCLE}`]);
  expect(start).toHaveBeenCalledTimes(1);
  expect(start.mock.calls[0]).toEqual([expect.objectContaining({ childId: 'C-77', becameLookedAfter: '2026-01-05' }), expect.anything()]);
});

test('a bearer-token post is not a browser’s and needs no CSRF token', async () => {
  const { app, start } = world();
  const r = await request(app)
    .post('/cases/looked-after/new')
    .set('Authorization', `Bearer ${await tokenFor('iro-unit')}`)
    .type('form')
    .send(CHILD);
  expect([r.status, r.headers.location]).toEqual([303, `/cases/looked-after/${CYCLE}`]);
  expect(start).toHaveBeenCalledTimes(1);
  // And a post with neither a session nor a token is the sign-in page (401), giving nothing.
  const anon = await request(app).post('/cases/looked-after/new').type('form').send(CHILD);
  expect(anon.status).toBe(401);
  expect(anon.text).toContain('Sign in to care-reviews');
  expect(start).toHaveBeenCalledTimes(1);
});

test('sign-out needs the CSRF token and clears the cookie', async () => {
  const { app } = world();
  const { cookie, csrf } = await browser(app);
  const forged = await request(app).post('/sign-out').set('Cookie', cookie).type('form').send({});
  expect(forged.status).toBe(403);
  const out = await request(app).post('/sign-out').set('Cookie', cookie).type('form').send({ _csrf: csrf });
  expect([out.status, out.headers.location]).toEqual([303, '/sign-in?ended=signed-out']);
  const cleared = sessionCookie(out)!;
  expect(cleared).toMatch(new RegExp(`^${SESSION_COOKIE}=;`));
  expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970/);
  const page = await request(app).get('/sign-in?ended=signed-out');
  expect(page.text).toContain('You have signed out.');
  // Without the cookie, a page asks to sign in again.
  expect((await request(app).get('/cases/looked-after/new')).status).toBe(303);
});

test('sign-out is remembered: a copy of the cookie taken before it no longer signs anyone in', async () => {
  const { app } = world();
  const { cookie, csrf } = await browser(app);
  expect((await request(app).get('/cases/looked-after/new').set('Cookie', cookie)).status).toBe(200);
  await request(app).post('/sign-out').set('Cookie', cookie).type('form').send({ _csrf: csrf });
  const copy = await request(app).get('/cases/looked-after/new').set('Cookie', cookie);
  expect([copy.status, copy.headers.location]).toEqual([303, '/sign-in?next=%2Fcases%2Flooked-after%2Fnew&ended=signed-out']);
  // Another browser of the same person stays signed in.
  const other = await browser(app);
  expect((await request(app).get('/cases/looked-after/new').set('Cookie', other.cookie)).status).toBe(200);
});

test('pages are not kept by the browser (Cache-Control: no-store), signed in or not', async () => {
  const { app } = world();
  const { cookie } = await browser(app);
  expect((await request(app).get('/cases/looked-after/new').set('Cookie', cookie)).headers['cache-control']).toBe('no-store');
  expect((await request(app).get('/sign-in')).headers['cache-control']).toBe('no-store');
});

test('a sign-in posted from another site is refused (login CSRF); from this one it passes', async () => {
  const { app } = world();
  const token = await tokenFor('iro-unit');
  const foreign = await request(app).post('/sign-in').set('Origin', 'https://evil.example').type('form').send({ token });
  expect(foreign.status).toBe(403);
  expect(sessionCookie(foreign)).toBeUndefined();
  const own = await request(app)
    .post('/sign-in')
    .set('Host', 'care-reviews.council.example')
    .set('Origin', 'https://care-reviews.council.example')
    .type('form')
    .send({ token });
  expect(own.status).toBe(303);
});

test('a session lasts at most 12 hours, however long the token', async () => {
  const { app, later } = world();
  const r = await signIn(app, await tokenFor('iro-unit', { expiresIn: '30d' }));
  let cookie = pair(sessionCookie(r)!);
  for (let i = 0; i < 24; i++) {
    later(29);
    const ok = await request(app).get('/cases/looked-after/new').set('Cookie', cookie);
    expect(ok.status).toBe(200);
    cookie = pair(sessionCookie(ok)!);
  }
  later(29); // 12 h 5 min
  const ended = await request(app).get('/cases/looked-after/new').set('Cookie', cookie);
  expect(ended.headers.location).toMatch(/ended=expired$/);
});

test('a form posted after the idle timeout is not lost: signing in offers to send it again, and it is sent once', async () => {
  const { app, later, start } = world();
  const { cookie, csrf } = await browser(app);
  later(45);
  const late = await request(app)
    .post('/cases/looked-after/new')
    .set('Cookie', cookie)
    .type('form')
    .send({ ...CHILD, _csrf: csrf });
  expect(late.status).toBe(401);
  expect(late.text).toContain('You were signed out before what you sent was saved');
  expect(start).not.toHaveBeenCalled();
  const resume = /name="resume" value="([^"]+)"/.exec(late.text)![1];
  // The child's details travel sealed, not readable in the page.
  expect(resume).not.toContain('C-77');
  const again = await request(app)
    .post('/sign-in')
    .type('form')
    .send({ token: await tokenFor('iro-unit', { userId: 'unit-7' }), resume });
  expect(again.status).toBe(200);
  expect(again.text).toContain('Send what you typed');
  expect(again.text).toContain('name="childId" value="C-77"');
  expect(again.text).toContain('action="/cases/looked-after/new"');
  const newCookie = pair(sessionCookie(again)!);
  const newCsrf = /name="_csrf" value="([^"]+)"/.exec(again.text)![1];
  const fields = Object.fromEntries(
    [...again.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]),
  );
  const sent = await request(app)
    .post('/cases/looked-after/new')
    .set('Cookie', newCookie)
    .type('form')
    .send({ ...fields, _csrf: newCsrf });
  expect([sent.status, sent.headers.location]).toEqual([303, `/cases/looked-after/${CYCLE}`]);
  expect(start).toHaveBeenCalledTimes(1);
  expect(start.mock.calls[0]).toEqual([expect.objectContaining({ childId: 'C-77', becameLookedAfter: '2026-01-05' }), expect.anything()]);
});

test('a page that does not exist, for a signed-in user: the 404 keeps the navigation and sign-out, and moves no idle time on', async () => {
  const { app } = world();
  const { cookie } = await browser(app);
  const missing = await request(app).get('/no-such-page').set('Cookie', cookie);
  expect(missing.status).toBe(404);
  expect(missing.text).toContain('Page not found');
  expect(missing.text).toContain('govuk-service-navigation__link');
  expect(missing.text).toContain('Sign out (unit-7)');
  // Read only: no cookie is written back.
  expect(sessionCookie(missing)).toBeUndefined();
  // Nobody signed in: the same page without them.
  const anon = await request(app).get('/no-such-page');
  expect(anon.status).toBe(404);
  expect(anon.text).not.toContain('Sign out');
});

test('a page the role may not use says, in words, who it is for and what the user is signed in as', async () => {
  const { app } = world();
  const sw = await tokenFor('social-worker', { userId: 'sw-1', team: 'north-1' });
  const r1 = await signIn(app, sw);
  const cookie = pair(sessionCookie(r1)!);
  const refused = await request(app).get('/operator').set('Cookie', cookie);
  expect(refused.status).toBe(403);
  const text = refused.text
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');
  expect(text).toContain('This page is for an operator. You are signed in as a social worker (team north-1).');
  expect(text).not.toMatch(/token|forbidden|GET \//);
  expect(refused.text).toContain('Sign out (sw-1)');
});
