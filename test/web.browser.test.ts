/**
 * The screens in a real browser (Debian's chromium via playwright-core) on the real stack over HTTP:
 * each role signs in through the form and lands on its start page; axe-core finds no WCAG 2.2 A/AA
 * failure on the sign-in page, the new-case form (empty and refused) and the signed-out page; the
 * sign-in works by keyboard alone; screenshots go to docs/screenshots/ for the README.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { ROLES } from '../platform/auth/roles';
import { startPageOf } from '../web/navigation';
import { checkAccessibility, focusedId, launchBrowser, serve, signIn, statusOf, watchCsp } from './support/browser';
import { tokenFor } from './support/security';
import { Stack, startStack } from './support/stack';

const SHOTS = join(__dirname, '..', 'docs', 'screenshots');
let stack: Stack;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let csp: string[];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stack = await startStack('browser');
  server = await serve(stack.app);
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await stack?.stop();
});
beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  page = await context.newPage();
  csp = watchCsp(page);
});
afterEach(async () => {
  await context?.close();
  // GOV.UK Frontend's own inline script has the page's nonce; nothing else may be refused.
  expect(csp).toEqual([]);
});

/** Waits for the page a form's POST brings to load. */
const posted = () => page.waitForEvent('load');
const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

test('the sign-in page: no accessibility failures, and usable by keyboard alone (Tab to the token, type, Enter)', async () => {
  const r = await page.goto(`${server.url}/sign-in`);
  expect(r!.status()).toBe(200);
  expect(await page.title()).toBe('Sign in – care-reviews');
  expect(await checkAccessibility(page)).toEqual([]);
  await shot('sign-in');

  // From the top of the page, as a keyboard user arrives.
  let tabs = 0;
  while ((await focusedId(page)) !== 'token') {
    await page.keyboard.press('Tab');
    if (++tabs > 15) throw new Error('the token field cannot be reached by Tab');
  }
  await page.keyboard.type(await tokenFor('iro-unit', { userId: 'unit-kbd' }));
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/sign-in')), page.keyboard.press('Enter')]);
  expect(new URL(page.url()).pathname).toBe('/iro-unit');
});

test('a wrong token: the error summary links to the field, with no accessibility failures', async () => {
  await page.goto(`${server.url}/sign-in`);
  await page.fill('#token', 'not-a-token');
  await Promise.all([posted(), page.click('form[action="/sign-in"] button')]);
  expect(await page.title()).toBe('Error: Sign in – care-reviews');
  expect(await page.textContent('.govuk-error-summary')).toContain('That token cannot be used');
  expect(await page.getAttribute('.govuk-error-summary a', 'href')).toBe('#token');
  expect(await checkAccessibility(page)).toEqual([]);
  await shot('sign-in-refused');
});

test.each([...ROLES])('%s signs in through the form and lands on their start page', async (role) => {
  await signIn(page, server.url, role, { userId: `browser-${role}` });
  expect(new URL(page.url()).pathname).toBe(startPageOf({ userId: 'x', roles: [role] }));
  // Start pages are built by another part of issue 13; one that exists is checked too.
  if ((await statusOf(page)) === 404) return;
  // Signed in: the header offers sign-out with the staff id (no name of any child anywhere).
  expect(await page.textContent('body')).toContain(`Sign out (browser-${role})`);
  expect(await checkAccessibility(page)).toEqual([]);
  // The start pages' screenshots are taken by test/web.walk.test.ts, after a walk gives them content.
});

test('the new-case form: no accessibility failures, empty or refused; refused, the summary names the field', async () => {
  await signIn(page, server.url, 'iro-unit', { next: '/cases/looked-after/new' });
  expect(new URL(page.url()).pathname).toBe('/cases/looked-after/new');
  expect(await page.textContent('h1')).toContain('A child has come into care');
  expect(await checkAccessibility(page)).toEqual([]);
  await shot('looked-after-new');

  await page.fill('[name="childId"]', 'BR-1');
  await Promise.all([posted(), page.click('#main-content form button.govuk-button')]);
  expect(await page.title()).toMatch(/^Error: /);
  const summary = await page.textContent('.govuk-error-summary');
  expect(summary).toMatch(/Date the child became looked after/);
  // What was typed is kept.
  expect(await page.inputValue('[name="childId"]')).toBe('BR-1');
  expect(await checkAccessibility(page)).toEqual([]);
  await shot('looked-after-new-refused');
});

test('the new-case form by keyboard: skip link to the content, Tab to a field; refused, focus lands on the error summary and its link moves to the field', async () => {
  await signIn(page, server.url, 'iro-unit', { next: '/cases/looked-after/new' });
  await page.keyboard.press('Tab');
  expect(
    await page.evaluate(() =>
      (globalThis as unknown as { document: { activeElement: { textContent: string } } }).document.activeElement.textContent.trim(),
    ),
  ).toBe('Skip to main content');
  await page.keyboard.press('Enter');
  let tabs = 0;
  while ((await focusedId(page)) !== 'childId') {
    await page.keyboard.press('Tab');
    if (++tabs > 10) throw new Error('the first field cannot be reached by Tab from the main content');
  }
  await page.keyboard.type('KB-1');
  await Promise.all([posted(), page.keyboard.press('Enter')]);
  expect(await page.title()).toMatch(/^Error: /);
  // GOV.UK Frontend (loaded under the page's CSP) moves focus to the summary.
  await page.waitForFunction(() =>
    (
      globalThis as unknown as { document: { activeElement: { classList?: { contains(c: string): boolean } } } }
    ).document.activeElement.classList?.contains('govuk-error-summary'),
  );
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  expect(await focusedId(page)).toMatch(/^becameLookedAfter/);
});

test('a page the role may not use: a 403 page saying why, with no accessibility failures', async () => {
  await signIn(page, server.url, 'iro', { next: '/cases/looked-after/new' });
  expect(await statusOf(page)).toBe(403);
  expect(await page.textContent('h1')).toBe('You cannot see this page');
  expect(await page.textContent('main')).toContain(
    'This page is for the IRO unit, a social worker or a team manager. You are signed in as an IRO.',
  );
  expect(await checkAccessibility(page)).toEqual([]);
  await shot('forbidden');
});

test('the review calculator, when it exists, has no accessibility failures', async () => {
  await signIn(page, server.url, 'iro');
  const r = await page.goto(`${server.url}/calculator`);
  // Built by another part of issue 13; until it lands there is nothing to check here.
  if (r!.status() === 404) return;
  expect(r!.status()).toBe(200);
  expect(await checkAccessibility(page)).toEqual([]);
  await shot('calculator');
});

test('signing out: back to the sign-in page saying so, and pages ask to sign in again', async () => {
  await signIn(page, server.url, 'iro-unit', { next: '/cases/looked-after/new' });
  await Promise.all([page.waitForURL(/\/sign-in\?ended=signed-out/), page.click('form.app-sign-out button')]);
  expect(await page.textContent('body')).toContain('You have signed out.');
  expect(await checkAccessibility(page)).toEqual([]);
  await page.goto(`${server.url}/cases/looked-after/new`);
  expect(new URL(page.url()).pathname).toBe('/sign-in');
  expect(new URL(page.url()).searchParams.get('next')).toBe('/cases/looked-after/new');
});

test('the accessibility check itself finds failures (so an empty list means something)', async () => {
  await page.setContent('<html><head><title>x</title></head><body><input type="text"><img src="data:,"></body></html>');
  const ids = (await checkAccessibility(page)).map((v) => v.id);
  expect(ids).toEqual(expect.arrayContaining(['html-has-lang', 'image-alt', 'label']));
});
