/**
 * A real browser for the screens' tests: Debian's chromium (scripts/provision.sh installs it) driven
 * by playwright-core, signing in as a person does, and axe-core checking each page against WCAG
 * 2.0, 2.1 and 2.2 A and AA.
 */
import { readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { Server } from 'node:http';
import { Express } from 'express';
import { Browser, chromium, Page } from 'playwright-core';
import { Role } from '../../platform/auth/roles';
import { tokenFor } from './security';

export const CHROMIUM = '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  // The sandbox needs user namespaces, which a root container usually lacks.
  const root = process.getuid?.() === 0;
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: root ? ['--no-sandbox'] : [] });
}

/** The app over real HTTP on a free local port (a browser cannot use supertest). */
export async function serve(app: Express): Promise<{ url: string; close(): Promise<void> }> {
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Signs the page in as these roles through the sign-in form; resolves once the next page has loaded. */
export async function signIn(
  page: Page,
  baseUrl: string,
  roles: Role | Role[],
  opts: { userId?: string; team?: string; next?: string } = {},
): Promise<void> {
  const next = opts.next ? `?next=${encodeURIComponent(opts.next)}` : '';
  await page.goto(`${baseUrl}/sign-in${next}`);
  await page.fill('#token', await tokenFor(roles, { userId: opts.userId, team: opts.team ?? 'north-1' }));
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/sign-in')), page.click('form[action="/sign-in"] button')]);
}

/** The status the page's current address answers with, asked with the page's own cookies. */
export async function statusOf(page: Page): Promise<number> {
  return (await page.context().request.get(page.url(), { maxRedirects: 0 })).status();
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** axe-core on the page as it stands: what fails WCAG 2.0/2.1/2.2 A and AA (a test expects []). */
export async function checkAccessibility(page: Page): Promise<AxeViolation[]> {
  // Injected through the DevTools protocol, not a <script> tag: the page's CSP rightly refuses
  // inline scripts, and turning the CSP off for the test would hide a page that breaks it.
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    type AxeResults = {
      violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
    };
    const g = globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<AxeResults> }; document: unknown };
    const result = await g.axe.run(g.document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  }, WCAG_TAGS);
}

/** The id of the focused element (keyboard tests). */
export function focusedId(page: Page): Promise<string | undefined> {
  return page.evaluate(() => (globalThis as unknown as { document: { activeElement?: { id?: string } } }).document.activeElement?.id);
}

/** Content Security Policy refusals the page's console reports (a page must cause none). */
export function watchCsp(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}
