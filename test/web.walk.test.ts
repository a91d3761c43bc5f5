/**
 * A child's walk through the screens in a real browser, one signed-in browser per person: the IRO
 * unit starts a looked-after cycle for a child who came into care 100 days ago and appoints an IRO;
 * the IRO books review 1 (by keyboard alone), records it and circulates the decisions; the team
 * manager answers them (by keyboard alone); the IRO records review 2; a dispute, an Open to Review
 * case and a Child in Need case are started through their forms; the managers' figures, the IRO
 * unit's counts and the team manager's days left are checked against the API; the operator adds a
 * bank holiday. axe-core runs on every distinct page (each form empty and refused) and all
 * violations are reported at once; screenshots of the start pages go to docs/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { londonDate } from '../workflows/calendar/office-hours';
import { addDays } from '../workflows/calendar/iso-date';
import { govukDate } from '../web/nunjucks-setup';
import { yearOf } from '../web/routes/start/managers';
import { Role } from '../platform/auth/roles';
import { checkAccessibility, focusedId, launchBrowser, serve, signIn } from './support/browser';
import { as } from './support/security';
import { Stack, startStack } from './support/stack';

jest.setTimeout(600_000);

const SHOTS = join(__dirname, '..', 'docs', 'screenshots');
const TODAY = londonDate(Date.now());
/** The child came into care 100 days ago, so review 1 (20 working days later) is long past and review 2 can be held today. */
const CAME = addDays(TODAY, -100);
const CHILD = 'WALK-1';

let stack: Stack;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** Every page axe-core has looked at, and what it found there (asserted once, at the end). */
const checked = new Set<string>();
const findings: string[] = [];
const csp: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stack = await startStack('walk');
  server = await serve(stack.app);
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await server?.close();
  await stack?.stop();
});

/** A person: their own browser context, signed in through the sign-in form. */
async function person(role: Role, userId: string, team = 'north-1'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  contexts.push(context);
  const page = await context.newPage();
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
  });
  await signIn(page, server.url, role, { userId, team });
  return page;
}

const path = (page: Page) => new URL(page.url()).pathname;

/** axe-core on the page as it stands, under a label; violations are collected, not thrown. */
async function axe(page: Page, label: string): Promise<void> {
  checked.add(label);
  const v = await checkAccessibility(page);
  if (v.length) findings.push(`${label} (${path(page)}): ${v.map((x) => `${x.id} [${x.targets.join(', ')}]`).join('; ')}`);
}

async function go(page: Page, to: string, label?: string): Promise<void> {
  const r = await page.goto(`${server.url}${to}`);
  expect([to, r!.status()]).toEqual([to, 200]);
  if (label) await axe(page, label);
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

/** Submits the command form and waits for the page the POST leads to. */
async function submit(page: Page, form = '#main-content form[method="post"]'): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.click(`${form} button.govuk-button`)]);
}

async function date(page: Page, name: string, iso: string): Promise<void> {
  const [y, m, d] = iso.split('-');
  await page.fill(`[name="${name}-day"]`, String(Number(d)));
  await page.fill(`[name="${name}-month"]`, String(Number(m)));
  await page.fill(`[name="${name}-year"]`, y);
}

/** A choice: a select, or the radio with this value. */
async function choose(page: Page, name: string, value: string): Promise<void> {
  if (await page.locator(`select[name="${name}"]`).count()) await page.selectOption(`select[name="${name}"]`, value);
  else await page.check(`input[type="radio"][name="${name}"][value="${value}"]`);
}

/** A command form as first shown, then sent as it stands (or with `spoil` done first): refused with the error summary. Both checked by axe. */
async function emptyAndRefused(page: Page, to: string, label: string, spoil?: () => Promise<void>): Promise<void> {
  await go(page, to, `${label}: form`);
  // A page with nothing to give now (no open task for this person) shows no form: checked as it is.
  if ((await page.locator('#main-content form[method="post"]').count()) === 0) return;
  await spoil?.();
  await submit(page);
  expect([label, await page.title()]).toEqual([label, expect.stringMatching(/^Error: /)]);
  expect(await page.locator('.govuk-error-summary').count()).toBe(1);
  await axe(page, `${label}: refused`);
}

const body = (page: Page) => page.textContent('main').then((t) => (t ?? '').replace(/\s+/g, ' '));

/** Keyboard only: Tab (from wherever focus is) until the element with this id has focus. */
async function tabTo(page: Page, id: string): Promise<void> {
  for (let i = 0; i < 80; i++) {
    if ((await focusedId(page)) === id) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`#${id} cannot be reached by Tab`);
}

/** Keyboard only: replaces what the focused text input holds. */
async function typeOver(page: Page, text: string): Promise<void> {
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

async function typeDate(page: Page, name: string, iso: string): Promise<void> {
  const [y, m, d] = iso.split('-');
  await tabTo(page, `${name}-day`);
  await typeOver(page, String(Number(d)));
  await page.keyboard.press('Tab');
  await typeOver(page, String(Number(m)));
  await page.keyboard.press('Tab');
  await typeOver(page, y);
}

let unit: Page, iro: Page, tm: Page, sw: Page, sm: Page;
let disputePath = '',
  o2rPath = '',
  cinPath = '';
let cycleId = '';
let lac = '';
type CycleState = {
  iro?: unknown;
  open: { booking?: unknown };
  nextReview: { due: string; reviewNumber: number };
  obligations: { key: string; rule: string; owner: string; due: string }[];
  reviewsHeld: { heldOn: string }[];
};
const api = async (role: Role, url: string, opts: { userId?: string; team?: string } = {}) => {
  const res = await (await as(stack.app, role, { team: 'north-1', ...opts })).get(url);
  expect([url, res.status]).toEqual([url, 200]);
  return res.body as unknown;
};
const cycleState = () => api('iro-unit', `/api/looked-after-cycles/${cycleId}`) as Promise<CycleState>;

test('1. the IRO unit starts the cycle, sees the child awaiting an IRO with the API’s counts, and appoints an IRO', async () => {
  unit = await person('iro-unit', 'unit-0001');
  await axe(unit, 'IRO unit start page (empty)');
  await go(unit, '/cases/new', 'Start a new case');
  await emptyAndRefused(unit, '/cases/looked-after/new', 'A child has come into care');

  await go(unit, '/cases/looked-after/new');
  await unit.fill('#childId', CHILD);
  await date(unit, 'becameLookedAfter', CAME);
  await date(unit, 'dateOfBirth', '2014-03-01');
  await choose(unit, 'legalStatus', 'C2');
  await choose(unit, 'placementType', 'foster');
  await unit.fill('#team', 'north-1');
  await date(unit, 'iroUnitNotifiedOn', addDays(CAME, 1));
  await submit(unit);
  expect(path(unit)).toMatch(/^\/cases\/looked-after\/lac-[0-9a-f]{24}$/);
  lac = path(unit);
  cycleId = lac.split('/').pop()!;
  expect(await body(unit)).toContain('The review cycle has started');
  await axe(unit, 'Looked-after case page (new)');

  // /iro-unit against the API: the child awaits an IRO by the L1 date, and the summary's counts.
  const s = await cycleState();
  expect(s.iro).toBeUndefined();
  await go(unit, '/iro-unit', 'IRO unit start page');
  const awaiting = (await unit.textContent('#awaiting-iro'))!.replace(/\s+/g, ' ');
  expect(awaiting).toContain(CHILD);
  expect(awaiting).toContain(govukDate(s.obligations.find((o) => o.key === 'appoint-iro')!.due));
  const summary = (await body(unit))!;
  const overdue = s.nextReview.due < TODAY ? 1 : 0;
  expect(summary).toContain('1 child is awaiting an IRO');
  expect(summary).toContain(`${overdue} overdue ${overdue === 1 ? 'review' : 'reviews'}`);
  expect(summary).toContain(`${s.open.booking ? 0 : 1} review not yet booked`);

  await emptyAndRefused(unit, `${lac}/iro`, 'Appoint the IRO');
  await go(unit, '/iro-unit');
  await Promise.all([unit.waitForEvent('load'), unit.click(`#awaiting-iro a:has-text("Allocate an IRO for ${CHILD}")`)]);
  expect(path(unit)).toBe(`${lac}/iro`);
  await unit.fill('#staffId', 'iro-0007');
  await date(unit, 'on', addDays(CAME, 2));
  await submit(unit);
  expect(path(unit)).toBe(lac);
  expect(await body(unit)).toContain('The IRO has been appointed');
  expect(((await cycleState()).iro as { staffId: string }).staffId).toBe('iro-0007');
});

let due1 = '';
let held1 = '';
test('2. the IRO sees the child, books review 1 by keyboard alone, records it, and the case page shows it against its due date', async () => {
  iro = await person('iro', 'iro-0007');
  expect(path(iro)).toBe('/iro');
  expect(await iro.textContent('main')).toContain(CHILD);
  await axe(iro, 'IRO start page');
  await go(iro, lac, 'Looked-after case page (IRO appointed)');

  due1 = (await cycleState()).nextReview.due;
  held1 = addDays(due1, -3);
  await emptyAndRefused(iro, `${lac}/booking`, 'Book the review');

  // Keyboard only from the top of the page: no fill, no click.
  await go(iro, `${lac}/booking`);
  await typeDate(iro, 'meetingOn', held1);
  await tabTo(iro, 'time');
  await typeOver(iro, '10:30');
  await iro.keyboard.press('Tab');
  expect(await focusedId(iro)).toBe('venue');
  await typeOver(iro, 'Foster home');
  await typeDate(iro, 'bookedOn', addDays(CAME, 5));
  await Promise.all([iro.waitForEvent('load'), iro.keyboard.press('Enter')]);
  expect(path(iro)).toBe(lac);
  expect(await body(iro)).toContain(`The review is booked for ${govukDate(held1)} at 10:30`);

  // A refusal that the rule decides (not the form): a review held before the child came into care.
  await emptyAndRefused(iro, `${lac}/reviews`, 'Record a review', async () => {
    await date(iro, 'heldOn', addDays(CAME, -1));
    await choose(iro, 'participation', 'PN1');
  });
  expect(await iro.textContent('.govuk-error-summary')).toMatch(/Date the review was held: .*before/);
  await shot(iro, 'review-refused');
  await go(iro, `${lac}/reviews`);
  await date(iro, 'heldOn', held1);
  await choose(iro, 'participation', 'PN1');
  await iro.fill('#decisions-0-text', 'Arrange contact with the grandparents');
  await iro.fill('#decisions-0-owner', 'social-worker');
  await date(iro, 'decisions[0].dueOn', addDays(held1, 14));
  await iro.fill('#decisions-1-text', 'Refer for a health assessment');
  await iro.fill('#decisions-1-owner', 'sw-0042');
  await date(iro, 'decisions[1].dueOn', addDays(held1, 21));
  await iro.fill('#starredRecommendations', 'A therapeutic assessment within a month');
  await date(iro, 'nextMeetingOn', TODAY);
  await submit(iro);
  expect(path(iro)).toBe(lac);
  const s = await cycleState();
  expect(s.reviewsHeld.map((h) => h.heldOn)).toEqual([held1]);
  expect(await body(iro)).toContain(`Review 1 recorded; the next review is due by ${govukDate(s.nextReview.due)}`);
  const reviews = await iro.locator('table:has(caption:has-text("Reviews held")) tbody tr').allTextContents();
  expect(reviews.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual([
    expect.stringMatching(new RegExp(`^Review 1 ${govukDate(held1)} ${govukDate(due1)} On time`)),
  ]);
  expect(await body(iro)).toContain(`Next review: review 2`);
  expect(await body(iro)).toContain(govukDate(s.nextReview.due));
  await axe(iro, 'Looked-after case page (review 1 held)');

  // The decisions go out today, so the team manager's 5 working days run from today (L10).
  await emptyAndRefused(iro, `${lac}/tasks`, 'Mark a task done');
  await go(iro, `${lac}/tasks`);
  await iro.check('input[name="key"][value="r1/decisions-circulated"]');
  await submit(iro);
  expect(await body(iro)).toContain('Done: circulate the review decisions');
});

test('3. the team manager sees the decisions awaiting an answer with the days left, and agrees by keyboard alone', async () => {
  tm = await person('team-manager', 'tm-0001');
  expect(path(tm)).toBe('/team-manager');
  const owed = (await cycleState()).obligations.find((o) => o.rule === 'L10' && o.owner === 'team-manager')!;
  const row = (await tm.textContent('#decisions tbody'))!.replace(/\s+/g, ' ');
  expect(row).toContain(CHILD);
  expect(row).toContain(govukDate(owed.due));
  expect(row).toMatch(/[1-9] working days? left/);
  await axe(tm, 'Team manager start page');

  const answer = `${lac}/reviews/1/decision-response`;
  await emptyAndRefused(tm, answer, 'Answer the decisions');
  await go(tm, answer);
  await tabTo(tm, 'response');
  await tm.keyboard.press('Space');
  expect(await tm.isChecked('#response')).toBe(true);
  // On to the button: Tab until the focused element is it, then Enter.
  for (let i = 0; ; i++) {
    const t = await tm.evaluate(() => {
      const a = (globalThis as unknown as { document: { activeElement: { tagName: string; textContent: string } } }).document.activeElement;
      return `${a.tagName} ${a.textContent.trim()}`;
    });
    if (t === 'BUTTON Send the answer') break;
    if (i > 20) throw new Error('the button cannot be reached by Tab');
    await tm.keyboard.press('Tab');
  }
  await Promise.all([tm.waitForEvent('load'), tm.keyboard.press('Enter')]);
  expect(path(tm)).toBe(lac);
  expect(await body(tm)).toContain('Your answer to review 1’s decisions has been recorded');
  const after = (await cycleState()).obligations.filter((o) => o.rule === 'L10' && o.owner === 'team-manager');
  expect(after).toEqual([]);
});

test('4. the IRO records review 2 today and the case page shows both reviews', async () => {
  const due2 = (await cycleState()).nextReview.due;
  await go(iro, `${lac}/reviews`);
  await date(iro, 'heldOn', TODAY);
  await choose(iro, 'participation', 'PN1');
  await iro.fill('#decisions-0-text', 'Keep the placement under review');
  await iro.fill('#decisions-0-owner', 'social-worker');
  await date(iro, 'decisions[0].dueOn', addDays(TODAY, 28));
  await submit(iro);
  expect(path(iro)).toBe(lac);
  expect(await body(iro)).toContain('Review 2 recorded');
  const reviews = (await iro.locator('table:has(caption:has-text("Reviews held")) tbody tr').allTextContents()).map((r) =>
    r.replace(/\s+/g, ' ').trim(),
  );
  expect(reviews).toEqual([
    expect.stringMatching(/^Review 1 /),
    expect.stringMatching(new RegExp(`^Review 2 ${govukDate(TODAY)} ${govukDate(due2)} On time`)),
  ]);
  await axe(iro, 'Looked-after case page (two reviews)');
  await shot(iro, 'looked-after-case');
});

test('5. a dispute, an Open to Review case and a Child in Need case start through their forms and their pages load', async () => {
  await emptyAndRefused(iro, '/cases/disputes/new', 'Open a dispute');
  await go(iro, '/cases/disputes/new');
  await iro.fill('#cycleId', cycleId);
  await choose(iro, 'category', 'practice');
  await iro.fill('#summary', 'The plan for contact has not progressed');
  await submit(iro);
  expect(path(iro)).toMatch(/^\/cases\/disputes\/red-[0-9a-f]{24}$/);
  disputePath = path(iro);
  expect(await body(iro)).toContain('The dispute has been opened');
  await axe(iro, 'Dispute case page');

  sw = await person('social-worker', 'sw-0042');
  await axe(sw, 'Social worker start page');
  await emptyAndRefused(sw, '/cases/open-to-review/new', 'Move a case to Open to Review');
  await go(sw, '/cases/open-to-review/new');
  await sw.fill('#childId', 'WALK-O2R');
  await date(sw, 'dateOfBirth', '2013-05-01');
  await sw.fill('#team', 'north-1');
  await sw.fill('#caseholder', 'sw-0042');
  await sw.fill('#rationale', 'A stable package of support');
  for (const [q, a] of Object.entries({
    stable: 'yes',
    clearOutcomes: 'yes',
    safeguardingConcerns: 'no',
    lookedAfter: 'no',
    continuingCare: 'no',
    unstableHealth: 'no',
    lifeLimitingIllness: 'no',
    significantOvernightShortBreaks: 'no',
  }))
    await choose(sw, `eligibility.${q}`, a);
  await submit(sw);
  expect(path(sw)).toMatch(/^\/cases\/open-to-review\/o2r-[0-9a-f]{24}$/);
  o2rPath = path(sw);
  await axe(sw, 'Open to Review case page');
  await go(sw, '/social-worker');
  expect(await sw.textContent('main')).toContain(CHILD);
  await shot(sw, 'start-social-worker');

  await emptyAndRefused(tm, '/cases/child-in-need/new', 'Child in Need: IRO chair');
  await go(tm, '/cases/child-in-need/new');
  await tm.fill('#childId', 'WALK-CIN');
  await tm.fill('#team', 'north-1');
  await tm.fill('#socialWorker', 'sw-0042');
  await tm.fill('#iro', 'iro-0007');
  await tm.check('input[name="criteria"][value="second-cin-plan"]');
  await tm.fill('#approvedBy-staffId', 'tm-0001');
  await choose(tm, 'approvedBy.role', 'team-manager');
  await tm.fill('#agreedBy', 'unit-0001');
  await submit(tm);
  expect(path(tm)).toMatch(/^\/cases\/child-in-need\/cin-[0-9a-f]{24}$/);
  cinPath = path(tm);
  expect(await body(tm)).toContain('The Child in Need reviews have started');
  await axe(tm, 'Child in Need case page');
});

test('6. managers’ figures match GET /api/timeliness; the operator adds a bank holiday; the calculator', async () => {
  sm = await person('service-manager', 'sm-0001');
  expect(path(sm)).toBe('/managers');
  const year = yearOf(TODAY);
  const t = (await api('service-manager', `/api/timeliness?year=${year}`)) as {
    children: number;
    childrenWithEveryReviewOnTime: number;
    reviews: number;
    reviewsOnTime: number;
    participation: { tookPart: number; reviewsOfChildrenAged4Plus: number };
  };
  expect(t.reviews).toBeGreaterThan(0);
  const figures = (await sm.textContent('main'))!.replace(/\s+/g, ' ');
  expect(figures).toContain(`${t.childrenWithEveryReviewOnTime} of ${t.children} children`);
  expect(figures).toContain(`${t.reviewsOnTime} of ${t.reviews} reviews`);
  expect(figures).toContain(`${t.participation.tookPart} of ${t.participation.reviewsOfChildrenAged4Plus} reviews`);
  await axe(sm, 'Managers’ start page');
  await shot(sm, 'start-service-manager');

  const op = await person('operator', 'op-0001');
  expect(path(op)).toBe('/operator');
  await axe(op, 'Operator start page');
  await emptyAndRefused(op, '/operator/bank-holidays', 'Add a bank holiday');
  await go(op, '/operator/bank-holidays');
  const holiday = `${Number(TODAY.slice(0, 4)) + 1}-06-15`;
  await date(op, 'date', holiday);
  await op.fill('#title', 'Walk test bank holiday');
  await op.fill('#reason', 'Proclaimed for the walk through the screens');
  await submit(op);
  expect(await op.locator('.govuk-error-summary').count()).toBe(0);
  expect(path(op)).toBe('/operator');
  // The cycle, the dispute, the O2R case and the CIN case are running: each is told of the new day.
  expect(await body(op)).toMatch(new RegExp(`${govukDate(holiday)} is now a bank holiday; [1-9]\\d* running cases were told`));
  expect(await op.textContent('#bank-holidays')).toContain(govukDate(holiday));
  await axe(op, 'Operator start page (after a change)');
  await shot(op, 'start-operator');

  await go(iro, '/calculator', 'Review calculator');
});

test('7. the start pages after the walk, with content: screenshots', async () => {
  await go(unit, '/iro-unit', 'IRO unit start page (after the walk)');
  await shot(unit, 'start-iro-unit');
  await go(iro, '/iro', 'IRO start page (after the walk)');
  await shot(iro, 'start-iro');
  await go(tm, '/team-manager', 'Team manager start page (after the walk)');
  expect(await tm.textContent('#o2r')).toContain('WALK-O2R');
  expect(await tm.textContent('#cin')).toContain('WALK-CIN');
  await shot(tm, 'start-team-manager');
});

test('8. every command page each person’s case pages link to: axe-core on it empty and refused (a day 32 in each date)', async () => {
  const swept = new Set<string>();
  const spoil = (page: Page) => async () => {
    for (const day of await page.locator('input[name$="-day"]').all()) await day.fill('32');
  };
  for (const casePath of [lac, disputePath, o2rPath, cinPath])
    for (const page of [unit, iro, tm, sw, sm]) {
      // Not every role may see every kind of case (the IRO unit and O2R): only the pages a person reaches.
      if ((await page.goto(`${server.url}${casePath}`))!.status() !== 200) continue;
      const hrefs = await page.$$eval(`main a[href^="${casePath}/"]`, (as) => as.map((a) => a.getAttribute('href')!));
      for (const href of new Set(hrefs)) {
        const label = `${casePath.split('/')[2]}${href.slice(casePath.length)}`;
        if (swept.has(label)) continue;
        swept.add(label);
        await emptyAndRefused(page, href, label, spoil(page));
      }
    }
  // Every looked-after command and the other kinds' commands were reached.
  // Pages no case page links to in the state these cases are in (nothing to settle yet, no CAFCASS referral,
  // an O2R case still at entry), reached by their address.
  const unlinked: [Page, string, string][] = [
    [iro, `${lac}/reviews/1/disagreement`, 'looked-after/reviews/1/disagreement'],
    [iro, `${disputePath}/cafcass-decision`, 'disputes/cafcass-decision'],
    [iro, `${cinPath}/booking`, 'child-in-need/booking'],
    [iro, `${cinPath}/reviews`, 'child-in-need/reviews'],
    [sw, `${o2rPath}/reviews`, 'open-to-review/reviews'],
    [sw, `${o2rPath}/breaks`, 'open-to-review/breaks'],
  ];
  for (const [page, href, label] of unlinked) {
    if (swept.has(label)) continue;
    swept.add(label);
    await emptyAndRefused(page, href, label, spoil(page));
  }
  // The error page: a case that does not exist.
  expect((await iro.goto(`${server.url}/cases/looked-after/lac-${'0'.repeat(24)}`))!.status()).toBe(404);
  await axe(iro, 'Not found page');
  if (process.env.WALK_LIST) console.log([...swept].join('\n'));
  expect(swept.size).toBeGreaterThanOrEqual(20);
});

test('9. axe-core found no WCAG 2.2 A/AA failure on any page, and no page broke its CSP', () => {
  if (process.env.WALK_LIST) console.log([...checked].join('\n'));
  expect(checked.size).toBeGreaterThanOrEqual(30);
  expect(findings).toEqual([]);
  expect(csp).toEqual([]);
});
