/**
 * docs/permission-matrix.md is the contract: every route the API serves has a row, the code's
 * declared roles match it, and every cell is tried with a token holding only that role. Pages
 * (everything not under /api, /codec, /health, /ready, /metrics) are in it too: declared through the same secure
 * router and taking a bearer token, so each cell is tried the same way; a page's refusal is an
 * HTML page (403) and, with no token and no session, a redirect (303) to the sign-in page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { Express } from 'express';
import { declaredRoutes } from '../api/app';
import { ROLES, Role, TEAM_SCOPED } from '../platform/auth/roles';
import { DECLARED_ROLES } from '../api/middleware/permit';
import { londonDate } from '../workflows/calendar/office-hours';
import { isPage } from '../web/middleware/page-errors';
import { as, cameIntoCare, tokenFor } from './support/security';
import { Stack, startStack } from './support/stack';

type Cell = 'yes' | 'team' | 'public' | '—';
interface Row {
  route: string;
  cells: Record<Role, Cell>;
}

function readMatrix(): Row[] {
  const text = readFileSync(join(__dirname, '..', 'docs', 'permission-matrix.md'), 'utf8');
  const lines = text.split('\n').filter((l) => l.startsWith('| ')); // the |---| line starts '|-'
  // One table per section (endpoints, pages), each with the roles as its header.
  const cellsOf = (l: string) =>
    l
      .split('|')
      .slice(2, -1)
      .map((s) => s.trim());
  const isHeader = (l: string) => cellsOf(l)[0] === ROLES[0];
  expect(lines.filter(isHeader).length).toBeGreaterThanOrEqual(1);
  for (const h of lines.filter(isHeader)) expect(cellsOf(h)).toEqual([...ROLES]);
  return lines
    .filter((l) => !isHeader(l))
    .map((l) => {
      const parts = l
        .split('|')
        .slice(1, -1)
        .map((s) => s.trim());
      const cells = Object.fromEntries(ROLES.map((r, i) => [r, parts[i + 1] as Cell])) as Record<Role, Cell>;
      for (const c of Object.values(cells)) expect(['yes', 'team', 'public', '—']).toContain(c);
      return { route: parts[0], cells };
    });
}

/** Every route layer in the app, found by walking express's own router (not our list). */
function walk(app: Express): { methods: string[]; guarded: boolean }[] {
  const out: { methods: string[]; guarded: boolean }[] = [];
  type Layer = { route?: { methods: Record<string, boolean>; stack: { handle: object }[] }; handle?: { stack?: Layer[] } };
  const visit = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        out.push({
          methods: Object.keys(layer.route.methods),
          guarded: layer.route.stack.some((l) => DECLARED_ROLES in l.handle),
        });
      } else if (layer.handle?.stack) {
        visit(layer.handle.stack);
      }
    }
  };
  visit((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return out;
}

let stack: Stack;
let cycleId: string;
let disputeId: string;
const matrix = readMatrix();

beforeAll(async () => {
  stack = await startStack('permissions');
  const started = await (
    await as(stack.app, 'iro-unit')
  )
    .post('/api/looked-after-cycles')
    .send(cameIntoCare({ childId: 'PM-1', becameLookedAfter: londonDate(Date.now()), team: 'north-1' }));
  expect(started.status).toBe(201);
  cycleId = started.body.cycleId;
  const d = await (
    await as(stack.app, 'iro')
  )
    .post('/api/disputes')
    .send({ cycleId, category: 'practice', summary: 'care plan not followed', socialWorker: 'sw-1' });
  expect(d.status).toBe(201);
  disputeId = d.body.disputeId;
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

test('every route the app serves declares its roles (an undeclared route fails the build)', () => {
  const layers = walk(stack.app);
  expect(layers.length).toBeGreaterThan(10);
  expect(layers.filter((l) => !l.guarded)).toEqual([]);
  expect(layers).toHaveLength(declaredRoutes(stack.app).length);
});

test('the documented matrix and the declared roles agree, route for route', () => {
  const declared = declaredRoutes(stack.app);
  const documented = new Map(matrix.map((r) => [r.route, r]));
  expect(new Set(declared.map((d) => `${d.method} ${d.path}`))).toEqual(new Set(documented.keys()));
  for (const d of declared) {
    const row = documented.get(`${d.method} ${d.path}`)!;
    if (d.roles === 'public') {
      expect(Object.values(row.cells).every((c) => c === 'public')).toBe(true);
      continue;
    }
    const allowed = ROLES.filter((r) => row.cells[r] === 'yes' || row.cells[r] === 'team');
    expect({ route: row.route, roles: [...d.roles].sort() }).toEqual({ route: row.route, roles: [...allowed].sort() });
    for (const r of ROLES) if (row.cells[r] === 'team') expect(TEAM_SCOPED).toContain(r);
  }
});

describe.each(matrix.map((r) => [r.route, r] as const))('%s', (_route, row) => {
  const [method, pattern] = row.route.split(' ');
  const page = isPage(pattern);
  const cin = pattern.includes('/cin-reviews/') || pattern.includes('/cases/child-in-need/');
  // A social worker reads their own caseload: the staff id is the token's user.
  const path = (role?: string) =>
    pattern
      .replace(':cycleId', cycleId)
      .replace(':id', 'statutory')
      .replace(':reviewNumber', '1')
      .replace(':disputeId', disputeId)
      .replace(':caseId', (cin ? 'cin-' : 'o2r-') + '0'.repeat(24))
      .replace(':iro', 'iro-1')
      .replace(':staffId', `test-${role ?? 'nobody'}`);
  const call = (auth?: string, role?: string) => {
    // A page's form is posted url-encoded, as a browser posts it (a bearer token needs no _csrf).
    const req =
      method === 'GET'
        ? request(stack.app).get(path(role))
        : page
          ? request(stack.app).post(path(role)).type('form').send({})
          : request(stack.app).post(path(role)).send({});
    return auth ? req.set('Authorization', auth) : req;
  };

  test.each([...ROLES])('as %s', async (role) => {
    const cell = row.cells[role];
    const r = await call(`Bearer ${await tokenFor(role, { team: 'north-1' })}`, role);
    if (cell === '—' && page) {
      expect([r.status, r.type]).toEqual([403, 'text/html']);
      expect(r.text).toMatch(/This page is for [^.]+\. You are signed in as /);
      expect(r.text).toContain('You cannot see this page');
    } else if (cell === '—') {
      expect([r.status, r.body.error?.field]).toEqual([403, 'authorization']);
      expect(r.body.error.message).toMatch(/forbidden/);
    } else if (cell === 'public' && page) {
      // Public pages answer their own input (the sign-in page refuses an empty token with 401), never as a guard would.
      expect(r.status).toBeLessThan(500);
      expect(r.status).not.toBe(403);
      expect(r.headers.location ?? '').not.toMatch(/^\/sign-in\?/);
    } else {
      // Allowed: whatever the empty request deserves (200, or a 400 naming a field), never 401/403/5xx.
      expect(r.status).not.toBe(401);
      expect(r.status).not.toBe(403);
      expect(r.status).toBeLessThan(500);
    }
  });

  test('without a token', async () => {
    const r = await call();
    if (row.cells['iro-unit'] === 'public' && page) {
      expect(r.status).toBeLessThan(500);
      expect(r.headers.location ?? '').not.toMatch(/^\/sign-in\?/);
    } else if (row.cells['iro-unit'] === 'public') expect(r.status).toBeLessThan(400);
    else if (page && method === 'POST' && path() === '/sign-out') {
      // Already signed out: nothing to send again.
      expect([r.status, r.headers.location]).toEqual([303, '/sign-in?ended=signed-out']);
    } else if (page && method === 'POST') {
      // No session: the sign-in page itself (401), offering to send the form again once signed in; nothing done.
      expect(r.status).toBe(401);
      expect(r.text).toContain('Sign in to care-reviews');
    } else if (page) {
      // No session: to the sign-in page, which comes back to the page afterwards.
      expect(r.status).toBe(303);
      expect(r.headers.location).toBe(path() !== '/' ? `/sign-in?next=${encodeURIComponent(path())}` : '/sign-in');
    } else expect([r.status, r.body.error?.field]).toEqual([401, 'authorization']);
  });
});

test("team-scoped roles see and start only their own team's children", async () => {
  const url = `/api/looked-after-cycles/${cycleId}`;
  const own = await as(stack.app, 'social-worker', { team: 'north-1' });
  const other = await as(stack.app, 'social-worker', { team: 'south-3' });
  const otherManager = await as(stack.app, 'team-manager', { team: 'south-3' });
  const noTeam = await as(stack.app, 'social-worker');
  expect((await own.get(url)).status).toBe(200);
  for (const u of [other, otherManager, noTeam]) {
    const r = await u.get(url);
    expect([r.status, r.body.error.field]).toEqual([403, 'cycleId']);
    expect(JSON.stringify(r.body)).not.toMatch(/PM-1/);
  }
  const today = londonDate(Date.now());
  const elsewhere = await other
    .post('/api/looked-after-cycles')
    .send(cameIntoCare({ childId: 'PM-2', becameLookedAfter: today, team: 'north-1' }));
  expect([elsewhere.status, elsewhere.body.error.field]).toEqual([403, 'team']);
  // Left out, the team is the social worker's own.
  const mine = await other
    .post('/api/looked-after-cycles')
    .send(cameIntoCare({ childId: 'PM-2', becameLookedAfter: today, team: undefined }));
  expect(mine.status).toBe(201);
  expect((await other.get(`/api/looked-after-cycles/${mine.body.cycleId}`)).body.child.team).toBe('south-3');
  // The IRO side and managers see every team.
  for (const role of ['iro', 'service-manager', 'strategic-manager'] as const) {
    expect((await (await as(stack.app, role)).get(`/api/looked-after-cycles/${mine.body.cycleId}`)).status).toBe(200);
  }
});

test('notifications: overseers read any outbox, others only their own address', async () => {
  const sw = await as(stack.app, 'social-worker', { team: 'north-1', userId: 'sw-17' });
  expect((await sw.get('/api/notifications').query({ recipient: 'iro-unit' })).status).toBe(403);
  expect((await sw.get('/api/notifications').query({ recipient: 'social-worker:south-3' })).status).toBe(403);
  expect((await sw.get('/api/notifications').query({ recipient: 'social-worker:north-1' })).status).toBe(200);
  expect((await sw.get('/api/notifications').query({ recipient: 'user:sw-17' })).status).toBe(200);
  expect((await sw.get('/api/notifications').query({ caseId: cycleId })).status).toBe(403);
  const unit = await as(stack.app, 'iro-unit');
  const r = await unit.get('/api/notifications').query({ recipient: 'iro-unit' });
  expect(r.status).toBe(200);
  expect(r.body.notifications.length).toBeGreaterThan(0);
});
