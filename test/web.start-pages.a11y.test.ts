/**
 * The start pages' newer screens in a real browser: axe-core finds no WCAG 2.2 A/AA failure on
 * the caseloads, the transfer form, finding a child's cases (found and refused), each start page
 * with its search box, the directory's team and mailbox forms, and the statutory record's pages:
 * the go-live import (empty, checked, refused, imported), reconciling (checked, repaired) and the
 * return's refusal page.
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
  ['iro-unit', '/imports/looked-after', 200],
  ['operator', '/imports/looked-after', 200],
  ['operator', '/operator/reconcile', 200],
  ['iro-unit', '/returns/ssda903-reviews.csv?year=20x4', 400],
])('%s %s: no accessibility failures', async (role, path, status) => {
  await signIn(page, server.url, role, { userId: `ax-${role}`, next: path });
  expect(new URL(page.url()).pathname).toBe(path.split('?')[0]);
  expect(await statusOf(page)).toBe(status);
  expect(await checkAccessibility(page)).toEqual([]);
});

/** Presses a form's button and waits for the page it brings; its status. */
async function press(selector: string): Promise<number> {
  const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click(selector)]);
  await page.waitForLoadState('load');
  return response.status();
}

test('the go-live import and reconciling, each state of their forms: no accessibility failures', async () => {
  const today = londonDate(Date.now());
  const head =
    'child_id,date_of_birth,became_looked_after,legal_status,placement_type,placement_started_on,team,profile,iro_staff_id,social_worker_staff_id,reviews,next_meeting_on';
  const came = addDays(today, -200);
  const good = `${head}\nAX-I1,2014-05-01,${came},C2,foster,,north-1,,iro-1,sw-1,${addDays(came, 14)}:PN1;${addDays(came, 140)}:PN3,`;
  const bad = `${good}\nAX-I2,2014-05-01,${addDays(today, -60)},C2,foster,,north-1,,iro-1,sw-1,${addDays(today, -50)}:PN0,`;
  await signIn(page, server.url, 'iro-unit', { userId: 'ax-unit', next: '/imports/looked-after' });
  const states: [string, string, string, number][] = [
    ['', 'check', 'empty box', 400],
    [bad, 'check', 'checked with a mistake', 422],
    [bad, 'import', 'refused', 422],
    [good, 'check', 'checked', 200],
    [good, 'import', 'imported', 200],
  ];
  for (const [csv, action, what, status] of states) {
    await page.fill('#csv', csv);
    expect([what, await press(`#import-form button[value="${action}"]`)]).toEqual([what, status]);
    expect([what, await checkAccessibility(page)]).toEqual([what, []]);
  }
  expect(await page.textContent('#import-rows')).toContain('Created');

  await context.clearCookies();
  await signIn(page, server.url, 'operator', { userId: 'ax-ops', next: '/operator/reconcile' });
  for (const action of ['check', 'repair']) {
    expect(await press(`#reconcile-form button[value="${action}"]`)).toBe(200);
    expect(await page.textContent('#reconcile-summary')).toContain('Cases checked');
    expect([action, await checkAccessibility(page)]).toEqual([action, []]);
  }
}, 120_000);
