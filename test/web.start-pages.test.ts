/**
 * Each role's start page on a real stack, with bearer tokens: the pages list what the API says,
 * with the API's team scope, and their forms (a bank holiday, a directory entry, the calculator)
 * do what the API's routes do and refuse with the rule.
 */
import request from 'supertest';
import { addDays } from '../workflows/calendar/iso-date';
import { londonDate } from '../workflows/calendar/office-hours';
import { govukDate } from '../web/nunjucks-setup';
import { as, cameIntoCare } from './support/security';
import { Stack, eventually, startStack } from './support/stack';

let stack: Stack;
let today: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  stack = await startStack('web-start-pages');
  today = londonDate(Date.now());
  const unit = await as(stack.app, 'iro-unit', { userId: 'unit-1' });
  for (const child of ['SP-ONE', 'SP-TWO']) {
    const r = await unit.post('/api/looked-after-cycles').send(cameIntoCare({ childId: child, becameLookedAfter: addDays(today, -3) }));
    expect(r.status).toBe(201);
    ids[child] = r.body.cycleId;
  }
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

/** The html of one list (from its id to the end of its table, or its empty-state sentence). */
function section(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  if (start < 0) throw new Error(`no ${id} on the page`);
  const isTable = html.slice(html.lastIndexOf('<', start), start).startsWith('<table');
  return html.slice(start, html.indexOf(isTable ? '</table>' : '</p>', start));
}

test('/iro-unit lists both children as awaiting an IRO, with the L1 deadline the API gives, and a link to allocate one', async () => {
  const unit = await as(stack.app, 'iro-unit', { userId: 'unit-1' });
  const page = await unit.get('/iro-unit');
  expect(page.status).toBe(200);
  const awaiting = section(page.text, 'awaiting-iro');
  for (const [child, id] of Object.entries(ids)) {
    const api = await unit.get(`/api/looked-after-cycles/${id}`);
    expect(api.status).toBe(200);
    expect(api.body.iro).toBeUndefined();
    const l1 = api.body.obligations.find((o: { key: string }) => o.key === 'appoint-iro');
    expect(awaiting).toContain(`href="/cases/looked-after/${id}"`);
    expect(awaiting).toContain(`>${child}</a>`);
    expect(awaiting).toContain(`href="/cases/looked-after/${id}/iro"`);
    expect(awaiting).toContain(govukDate(l1.due));
    // Reviews not booked: both (the API shows no booking).
    expect(api.body.open.booking).toBeUndefined();
    expect(section(page.text, 'unbooked')).toContain(`>${child}</a>`);
  }
  // The count said is the number the API shows without an IRO.
  expect(page.text).toContain('2 children are awaiting an IRO');
  expect(page.text).toContain('<caption class="govuk-table__caption govuk-table__caption--m">Children awaiting an IRO</caption>');
  // Nothing is overdue yet: the empty state says so.
  expect(section(page.text, 'overdue-reviews')).toContain('No review is overdue.');
  // Only the IRO unit's page.
  expect((await (await as(stack.app, 'social-worker', { team: 'north-1' })).get('/iro-unit')).status).toBe(403);
});

test('an IRO appointed through the API sees the child on /iro; the IRO unit no longer sees them awaiting', async () => {
  const unit = await as(stack.app, 'iro-unit', { userId: 'unit-1' });
  const appointed = await unit.post(`/api/looked-after-cycles/${ids['SP-ONE']}/iro`).send({ staffId: 'iro-7' });
  expect(appointed.status).toBe(200);
  const iro = await as(stack.app, 'iro', { userId: 'iro-7' });
  const mine = await iro.get('/iro');
  expect(mine.status).toBe(200);
  const list = section(mine.text, 'my-children');
  expect(list).toContain('>SP-ONE</a>');
  expect(list).not.toContain('SP-TWO');
  const api = await iro.get(`/api/looked-after-cycles/${ids['SP-ONE']}`);
  expect(list).toContain(govukDate(api.body.nextReview.due));
  expect(list).toContain('Not booked');
  expect(section(mine.text, 'my-disputes')).toContain('You have no open disputes.');
  // Another IRO has no children.
  const other = await (await as(stack.app, 'iro', { userId: 'iro-8' })).get('/iro');
  expect(section(other.text, 'my-children')).toContain('You are not the IRO of any child at the moment.');
  const page = await unit.get('/iro-unit');
  expect(section(page.text, 'awaiting-iro')).not.toContain('SP-ONE');
  expect(section(page.text, 'awaiting-iro')).toContain('>SP-TWO</a>');
  expect(page.text).toContain('1 child is awaiting an IRO');
});

test("team managers and social workers see their own team's children only", async () => {
  const own = await (await as(stack.app, 'team-manager', { userId: 'tm-n', team: 'north-1' })).get('/team-manager');
  expect(own.status).toBe(200);
  expect(section(own.text, 'team-children')).toContain('>SP-ONE</a>');
  expect(section(own.text, 'team-children')).toContain('>SP-TWO</a>');
  expect(section(own.text, 'decisions')).toContain('No review decisions are waiting for your answer.');
  const other = await (await as(stack.app, 'team-manager', { userId: 'tm-s', team: 'south-2' })).get('/team-manager');
  expect(other.status).toBe(200);
  expect(other.text).not.toContain('SP-ONE');
  expect(other.text).not.toContain('SP-TWO');
  expect(other.text).toContain('Your team has no children in care with a review cycle.');
  // The API agrees: the other team's manager may not read the cycle.
  const refused = await (await as(stack.app, 'team-manager', { team: 'south-2' })).get(`/api/looked-after-cycles/${ids['SP-ONE']}`);
  expect(refused.status).toBe(403);
  const sw = await (await as(stack.app, 'social-worker', { userId: 'sw-n', team: 'north-1' })).get('/social-worker');
  expect(sw.status).toBe(200);
  expect(section(sw.text, 'team-children')).toContain('>SP-TWO</a>');
  const swOther = await (await as(stack.app, 'social-worker', { team: 'south-2' })).get('/social-worker');
  expect(swOther.text).not.toContain('SP-TWO');
});

test('/managers shows the figures of /api/timeliness and /api/dispute-figures, as a chart and a table, for the chosen year', async () => {
  // A review held, so the figures are not all zero.
  const iro = await as(stack.app, 'iro', { userId: 'iro-7' });
  const held = await iro.post(`/api/looked-after-cycles/${ids['SP-ONE']}/reviews`).send({ heldOn: today, participation: 'PN1' });
  expect(held.status).toBe(201);
  const sm = await as(stack.app, 'service-manager', { userId: 'sm-1' });
  const year = String(Number(today.slice(0, 4)) - (today.slice(5) < '04-01' ? 1 : 0));
  const api = await eventually(
    () => sm.get(`/api/timeliness?year=${year}`),
    (r) => r.body.reviews === 1,
  );
  expect(api.body.reviews).toBe(1);
  const page = await sm.get(`/managers?year=${year}`);
  expect(page.status).toBe(200);
  const table = section(page.text, 'timeliness-figures');
  expect(table).toContain(`${api.body.reviewsOnTime} of ${api.body.reviews} reviews`);
  expect(table).toContain(`${api.body.childrenWithEveryReviewOnTime} of ${api.body.children} children`);
  expect(table).toContain(`${api.body.participation.tookPart} of ${api.body.participation.reviewsOfChildrenAged4Plus} reviews`);
  expect(table).toContain(api.body.percentChildrenOnTime === null ? 'no reviews yet' : `${api.body.percentChildrenOnTime}%`);
  // The chart: an image with a title and a description naming the same figures.
  expect(page.text).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="chart-title chart-desc"/);
  expect(page.text).toContain(`<title id="chart-title">Timeliness and participation, ${api.body.year}</title>`);
  expect(page.text).toContain(`Reviews on time: ${api.body.reviewsOnTime === 1 ? '100' : '0'}%`);
  const disputes = await sm.get(`/api/dispute-figures?year=${year}`);
  const totals = page.text.slice(
    page.text.indexOf('id="dispute-totals"'),
    page.text.indexOf('</dl>', page.text.indexOf('id="dispute-totals"')),
  );
  expect(totals.replace(/\s+/g, ' ')).toContain(
    `Disputes opened </dt> <dd class="govuk-summary-list__value"> ${disputes.body.disputes} </dd>`,
  );
  // The year selector is a GET form; a year that is not one is refused naming the field and rule.
  expect(page.text).toContain('<form method="get" action="/managers"');
  expect(page.text).toMatch(new RegExp(`<option value="${year}" selected`));
  const bad = await sm.get('/managers?year=20x5');
  expect(bad.status).toBe(400);
  expect(bad.text).toContain('The April-March year by its first year');
  expect(bad.text).not.toContain('year: ');
  expect(bad.text).toContain('L18');
  expect((await (await as(stack.app, 'iro-unit')).get('/managers')).status).toBe(403);
});

test('L10: once the decisions are circulated, /team-manager lists the answer owed with its working days left', async () => {
  // Runs after the review of SP-ONE was recorded (the /managers test).
  const iro = await as(stack.app, 'iro', { userId: 'iro-7' });
  const done = await iro.post(`/api/looked-after-cycles/${ids['SP-ONE']}/tasks`).send({ key: 'r1/decisions-circulated' });
  expect(done.status).toBe(200);
  const owed = done.body.obligations.find((o: { key: string }) => o.key === 'r1/team-manager-response');
  expect(owed).toMatchObject({ rule: 'L10', owner: 'team-manager' });
  const tm = await as(stack.app, 'team-manager', { userId: 'tm-n', team: 'north-1' });
  const page = await tm.get('/team-manager');
  const decisions = section(page.text, 'decisions');
  expect(decisions).toContain('>SP-ONE</a>');
  expect(decisions).toContain(govukDate(owed.due));
  expect(decisions).toMatch(/\d+ working days? left|Due today/);
  expect(page.text).toContain('1 review decision awaiting your answer');
  const other = await (await as(stack.app, 'team-manager', { team: 'south-2' })).get('/team-manager');
  expect(section(other.text, 'decisions')).toContain('No review decisions are waiting for your answer.');
});

test("a dispute the IRO opened is on their /iro page and, at the informal stage (E2), on the team manager's page", async () => {
  const iro = await as(stack.app, 'iro', { userId: 'iro-7' });
  const opened = await iro
    .post('/api/disputes')
    .send({ cycleId: ids['SP-TWO'], category: 'practice', summary: 'the plan is not followed', startStage: 'informal' });
  expect(opened.status).toBe(201);
  const { disputeId } = opened.body;
  const state = await iro.get(`/api/disputes/${disputeId}`);
  expect(state.status).toBe(200);
  const mine = section((await iro.get('/iro')).text, 'my-disputes');
  expect(mine).toContain(`href="/cases/disputes/${disputeId}"`);
  expect(mine).toContain('informal resolution');
  expect(mine).toContain(govukDate(state.body.overallDue));
  expect(section((await (await as(stack.app, 'iro', { userId: 'iro-8' })).get('/iro')).text, 'my-disputes')).toContain(
    'You have no open disputes.',
  );
  const tm = await (await as(stack.app, 'team-manager', { userId: 'tm-n', team: 'north-1' })).get('/team-manager');
  expect(section(tm.text, 'disputes')).toContain(`href="/cases/disputes/${disputeId}"`);
  const other = await (await as(stack.app, 'team-manager', { team: 'south-2' })).get('/team-manager');
  expect(other.text).not.toContain(disputeId);
});

test('the operator adds a bank holiday through the form; it is in the calendar and on the page; a mistake is refused', async () => {
  const op = await as(stack.app, 'operator', { userId: 'op-1' });
  const form = await op.get('/operator/bank-holidays');
  expect(form.status).toBe(200);
  expect(form.text).toContain('Date of the bank holiday');
  // A weekday well ahead that is not already a bank holiday.
  let day = addDays(today, 60);
  while ([0, 6].includes(new Date(`${day}T12:00:00Z`).getUTCDay())) day = addDays(day, 1);
  const [y, m, d] = day.split('-');
  const sent = await op
    .post('/operator/bank-holidays')
    .type('form')
    .send({
      'date-day': String(Number(d)),
      'date-month': String(Number(m)),
      'date-year': y,
      title: 'Proclaimed holiday',
      reason: 'Royal proclamation',
    });
  expect(sent.status).toBe(303);
  expect(sent.headers.location).toBe('/operator');
  const api = await op.get(`/api/calendar/bank-holidays?year=${y}`);
  expect(api.body.bankHolidays).toContain(day);
  const page = await op.get('/operator');
  expect(page.status).toBe(200);
  expect(section(page.text, 'bank-holidays')).toContain(govukDate(day));
  expect(section(page.text, 'calendar-changes')).toContain('Proclaimed holiday');
  // The same day again is refused by the calendar, shown on the form with what was typed.
  const again = await op
    .post('/operator/bank-holidays')
    .type('form')
    .send({ 'date-day': d, 'date-month': m, 'date-year': y, title: 'Again', reason: 'twice' });
  expect(again.status).toBe(422);
  expect(again.text).toContain('There is a problem');
  expect(again.text).toContain('value="Again"');
  const notADate = await op
    .post('/operator/bank-holidays')
    .type('form')
    .send({ 'date-day': '31', 'date-month': '2', 'date-year': y, title: 'x', reason: 'y' });
  expect(notADate.status).toBe(400);
  expect(notADate.text).toContain('Date of the bank holiday: not a real date (enter a day, month and year)');
  // Year 32 (a typo) is refused by the shared changeCalendar, at the field, as the API refuses it.
  const year32 = await op
    .post('/operator/bank-holidays')
    .type('form')
    .send({ 'date-day': '14', 'date-month': '6', 'date-year': '32', title: 'x', reason: 'y' });
  expect(year32.status).toBe(400);
  expect(year32.text).toContain('Date of the bank holiday: a date from 1990 to 2100 (the years the calendar covers)');
  expect(year32.text).toContain('href="#date-day"');
  expect((await (await as(stack.app, 'iro-unit')).post('/operator/bank-holidays').type('form').send({})).status).toBe(403);
});

test('the directory form adds a person (operator or service manager), shown on /operator', async () => {
  const op = await as(stack.app, 'operator', { userId: 'op-1' });
  // The directory needs the IRO unit manager's mailbox before anyone is added (the API's rule).
  const first = await op
    .post('/operator/people')
    .type('form')
    .send({ staffId: 'iro-7', name: 'Ira Seven', email: 'iro7@example.org', roles: 'iro' });
  expect(first.status).toBe(422);
  expect(first.text).toContain('mailboxes.iro-unit-manager: required');
  expect((await op.post('/api/directory/mailboxes/iro-unit-manager').send({ email: 'iro-unit-manager@example.org' })).status).toBe(200);
  const sent = await op
    .post('/operator/people')
    .type('form')
    .send({ staffId: 'iro-7', name: 'Ira Seven', email: 'iro7@example.org', roles: 'iro', team: '' });
  expect([sent.status, sent.status === 303 ? '' : sent.text.replace(/\s+/g, ' ').match(/govuk-error-summary__list.{0,600}/)?.[0]]).toEqual([
    303,
    '',
  ]);
  const page = await op.get('/operator');
  expect(section(page.text, 'directory')).toContain('iro7@example.org');
  const bad = await op.post('/operator/people').type('form').send({ staffId: 'iro-9', name: 'N', email: 'not-an-email', roles: 'iro' });
  expect(bad.status).toBe(400);
  expect(bad.text).toContain('There is a problem');
  expect((await (await as(stack.app, 'service-manager')).get('/operator/people')).status).toBe(200);
  expect((await (await as(stack.app, 'iro')).get('/operator/people')).status).toBe(403);
});

test('the calculator page shows the due date /api/calc/next-review gives, with how it was counted; a bad date is refused', async () => {
  const op = await as(stack.app, 'operator');
  const api = await op.get('/api/calc/next-review?becameLookedAfter=2026-01-05&held=2026-01-30&profile=statutory');
  expect(api.status).toBe(200);
  const page = await op.get(
    '/calculator?becameLookedAfter-day=5&becameLookedAfter-month=1&becameLookedAfter-year=2026&lastReview-day=30&lastReview-month=1&lastReview-year=2026&which=first&profile=statutory',
  );
  expect(page.status).toBe(200);
  expect(page.text).toContain(`is due by ${govukDate(api.body.due)}`);
  expect(page.text).toContain(api.body.ruleText);
  const timeline = await op.get(`/api/calc/timeline?meeting=${api.body.due}&profile=statutory`);
  const shown = section(page.text, 'timeline');
  for (const item of timeline.body.items) {
    expect(shown).toContain(item.what.replace(/'/g, '&#39;'));
    expect(shown).toContain(govukDate(item.due));
  }
  const empty = await op.get('/calculator');
  expect(empty.status).toBe(200);
  expect(empty.text).not.toContain('is due by');
  const bad = await op.get('/calculator?becameLookedAfter-day=31&becameLookedAfter-month=2&becameLookedAfter-year=2026');
  expect(bad.status).toBe(400);
  expect(bad.text).toContain('Date the child came into care');
  expect(bad.text).toContain('href="#becameLookedAfter-day"');
  expect((await request(stack.app).get('/calculator')).status).not.toBe(200);
});

test('junk sent to the pages and their forms is a 4xx page, never a 5xx, and changes nothing', async () => {
  const op = await as(stack.app, 'operator', { userId: 'op-1' });
  const sm = await as(stack.app, 'service-manager', { userId: 'sm-1' });
  const revision = stack.services.calendar.snapshot().revision;
  const people = stack.services.store.directory.current()?.directory.people.length;
  // The bank holiday form: each field wrong in turn (the rest a valid Tuesday), JSON junk too.
  const badDates: unknown[] = ['', 'x', '32', '0', '\u0000', [], { a: 1 }, null, 5];
  const holiday: Record<string, unknown[]> = {
    'date-day': badDates,
    'date-month': [...badDates, '13'],
    'date-year': [...badDates, '20x1', '99999'],
    title: ['', ' ', 'x'.repeat(201)],
    reason: ['', ' ', 'x'.repeat(1001)],
  };
  for (const [field, values] of Object.entries(holiday))
    for (const v of values) {
      const body = { 'date-day': '3', 'date-month': '6', 'date-year': '2031', title: 'T', reason: 'R', [field]: v };
      const r = await op.post('/operator/bank-holidays').send(body);
      expect([field, String(v).slice(0, 20), r.status >= 400 && r.status < 500]).toEqual([field, String(v).slice(0, 20), true]);
    }
  // A browser posts strings: each of the directory form's fields wrong in turn, the API's rules.
  const wrong: Record<string, string[]> = {
    staffId: ['', 'a b', 'x'.repeat(200)],
    name: ['', ' ', 'x'.repeat(201)],
    email: ['', 'not an email', 'a@b'],
    roles: ['Team Manager', 'iro\nTeam Manager'],
    delivery: ['soon', 'AT-ONCE'],
  };
  for (const [field, values] of Object.entries(wrong))
    for (const v of values) {
      const body = { staffId: 'fz-1', name: 'A', email: 'a@example.org', roles: 'iro', [field]: v };
      const r = await op.post('/operator/people').type('form').send(body);
      expect([field, v.slice(0, 20), r.status >= 400 && r.status < 500]).toEqual([field, v.slice(0, 20), true]);
    }
  for (const q of ['year=1999', 'year=', 'year=2025&year=2026', 'zz=1']) {
    const r = await sm.get(`/managers?${q}`);
    expect([q, r.status >= 400 && r.status < 500]).toEqual([q, true]);
  }
  for (const q of [
    'becameLookedAfter-day=x',
    'becameLookedAfter-day=1&becameLookedAfter-day=2',
    'profile=nope&becameLookedAfter-day=1&becameLookedAfter-month=1&becameLookedAfter-year=2026',
    'which=both',
    'zz=1',
  ]) {
    const r = await op.get(`/calculator?${q}`);
    expect([q, r.status >= 400 && r.status < 500]).toEqual([q, true]);
  }
  expect(stack.services.calendar.snapshot().revision).toBe(revision);
  expect(stack.services.store.directory.current()?.directory.people.length).toBe(people);
});
