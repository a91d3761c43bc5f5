/**
 * The start pages' newer screens in a real browser: axe-core finds no WCAG 2.2 A/AA failure on
 * the caseloads, the transfer form, finding a child's cases (found and refused), each start page
 * with its search box, and the directory's team and mailbox forms.
 */
import { Browser, BrowserContext, Page } from 'playwright-core';
import { Role } from '../platform/auth/roles';
import { addDays } from '../workflows/calendar/iso-date';
import { londonDate } from '../workflows/calendar/office-hours';
import { checkAccessibility, launchBrowser, serve, signIn, statusOf } from './support/browser';
import { as, cameIntoCare } from './support/security';
import { Stack, startStack } from './support/stack';

let stack: Stack;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  stack = await startStack('web-start-a11y');
  server = await serve(stack.app);
  browser = await launchBrowser();
  const unit = await as(stack.app, 'iro-unit', { userId: 'unit-1' });
  const today = londonDate(Date.now());
  expect(
    (await unit.post('/api/looked-after-cycles').send(cameIntoCare({ childId: 'AX-1', becameLookedAfter: addDays(today, -30) }))).status,
  ).toBe(201);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await stack?.stop();
});
beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  page = await context.newPage();
});
afterEach(async () => {
  await context?.close();
});

test.each<[Role, string, number]>([
  ['iro-unit', '/iro-unit', 200],
  ['iro-unit', '/cases/find?childId=AX-1', 200],
  ['iro-unit', '/cases/find?childId=Jane%20Smith', 400],
  ['iro-unit', '/cin-caseloads/iro-c', 200],
  ['iro', '/iro', 200],
  ['team-manager', '/team-manager', 200],
  ['team-manager', '/o2r-caseloads/o2r-a', 200],
  ['team-manager', '/o2r-caseloads/o2r-a/transfer', 200],
  ['social-worker', '/social-worker', 200],
  ['service-manager', '/managers', 200],
  ['operator', '/operator', 200],
  ['operator', '/operator/teams/north-2', 200],
  ['operator', '/operator/mailboxes/iro-unit-manager', 200],
])('%s %s: no accessibility failures', async (role, path, status) => {
  await signIn(page, server.url, role, { userId: `ax-${role}`, next: path });
  expect(new URL(page.url()).pathname).toBe(path.split('?')[0]);
  expect(await statusOf(page)).toBe(status);
  expect(await checkAccessibility(page)).toEqual([]);
});
