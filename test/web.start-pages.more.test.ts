/**
 * The start pages against issue 13's list, on a real stack with bearer tokens: O2R caseloads
 * against the O5 capacity and moving them (team manager), the CIN caseload by IRO (IRO unit), what
 * the IRO owes (follow-up after a review too, also once care has ended), finding a child's cases,
 * and what managers must answer. (The directory's forms: web.start-pages.directory.test.ts.)
 */
import { addDays } from '../workflows/calendar/iso-date';
import { londonDate } from '../workflows/calendar/office-hours';
import { govukDate } from '../web/nunjucks-setup';
import { as, cameIntoCare } from './support/security';
import { Stack, eventually, startStack } from './support/stack';

let stack: Stack;
let today: string;
const ids: Record<string, string> = {};

const ELIGIBLE = {
  stable: true,
  clearOutcomes: true,
  safeguardingConcerns: false,
  lookedAfter: false,
  continuingCare: false,
  unstableHealth: false,
  lifeLimitingIllness: false,
  significantOvernightShortBreaks: false,
};

beforeAll(async () => {
  stack = await startStack('web-start-pages-more');
  today = londonDate(Date.now());
  const unit = await as(stack.app, 'iro-unit', { userId: 'unit-1' });
  // FM-OLD came into care long ago (its review 1 is overdue), FM-NEW recently; FM-SOUTH is another team's.
  for (const [child, days, team] of [
    ['FM-OLD', -40, 'north-1'],
    ['FM-NEW', -20, 'north-1'],
    ['FM-SOUTH', -3, 'south-2'],
  ] as const) {
    const r = await unit
      .post('/api/looked-after-cycles')
      .send(cameIntoCare({ childId: child, becameLookedAfter: addDays(today, days), team }));
    expect(r.status).toBe(201);
    ids[child] = r.body.cycleId;
  }
  const tm = await as(stack.app, 'team-manager', { userId: 'tm-1', team: 'north-1' });
  const o2r = await tm.post('/api/open-to-review-cases').send({
    childId: 'FM-OLD',
    dateOfBirth: '2015-01-01',
    team: 'north-1',
    caseholder: 'o2r-a',
    rationale: 'stable',
    eligibility: ELIGIBLE,
  });
  expect(o2r.status).toBe(201);
  ids.o2r = o2r.body.caseId;
  const cin = await tm.post('/api/cin-reviews').send({
    childId: 'FM-CIN',
    team: 'north-1',
    socialWorker: 'sw-1',
    iro: 'iro-c',
    criteria: ['second-cin-plan'],
    approvedBy: { staffId: 'tm-1', role: 'team-manager' },
    agreedBy: 'unit-1',
  });
  expect(cin.status).toBe(201);
  ids.cin = cin.body.caseId;
  await eventually(
    () => tm.get('/api/o2r-caseloads/o2r-a'),
    (c) => c.body.count === 1,
  );
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

function section(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  if (start < 0) throw new Error(`no ${id} on the page`);
  const isTable = html.slice(html.lastIndexOf('<', start), start).startsWith('<table');
  return html.slice(start, html.indexOf(isTable ? '</table>' : '</p>', start));
}

test('O5: /team-manager shows each worker’s O2R caseload against the capacity; the caseload moves through its form', async () => {
  const tm = await as(stack.app, 'team-manager', { userId: 'tm-1', team: 'north-1' });
  const api = (await tm.get('/api/o2r-caseloads/o2r-a')).body;
  const row = section((await tm.get('/team-manager')).text, 'o2r-caseloads');
  expect(row).toContain('href="/o2r-caseloads/o2r-a"');
  expect(row.replace(/\s+/g, ' ')).toContain(
    `<td class="govuk-table__cell">${api.count}</td><td class="govuk-table__cell">${api.capacity}</td>`,
  );
  expect(row).toContain(`Within capacity (${api.capacity - api.count} to spare)`);
  const page = await tm.get('/o2r-caseloads/o2r-a');
  expect(page.status).toBe(200);
  expect(section(page.text, 'caseload')).toContain(`href="/cases/open-to-review/${ids.o2r}"`);
  expect(section(page.text, 'caseload')).toContain('FM-OLD');
  expect(page.text).toContain(`1 case; the capacity is ${api.capacity}`);
  // The API's roles and scope: a social worker reads only their own; another team cannot move it.
  expect((await (await as(stack.app, 'social-worker', { userId: 'o2r-b', team: 'north-1' })).get('/o2r-caseloads/o2r-a')).status).toBe(403);
  expect((await (await as(stack.app, 'iro-unit')).get('/o2r-caseloads/o2r-a')).status).toBe(403);
  const south = await as(stack.app, 'team-manager', { userId: 'tm-9', team: 'south-2' });
  const refused = await south.post('/o2r-caseloads/o2r-a/transfer').type('form').send({ toStaffId: 'o2r-b' });
  expect(refused.status).toBe(403);
  const same = await tm.post('/o2r-caseloads/o2r-a/transfer').type('form').send({ toStaffId: 'o2r-a' });
  expect(same.status).toBe(422);
  expect(same.text).toContain('O5');
  expect((await tm.get('/o2r-caseloads/a%20b')).status).toBe(404);
  const form = await tm.get('/o2r-caseloads/o2r-a/transfer');
  expect(form.text).toContain('Staff id of the worker who takes the cases');
  const moved = await tm.post('/o2r-caseloads/o2r-a/transfer').type('form').send({ toStaffId: 'o2r-b' });
  expect([moved.status, moved.headers.location]).toEqual([303, '/o2r-caseloads/o2r-b']);
  const after = await eventually(
    () => tm.get('/api/o2r-caseloads/o2r-b'),
    (c) => c.body.count === 1,
  );
  expect(after.body.cases[0].caseId).toBe(ids.o2r);
});

test('the IRO unit sees the CIN caseload by IRO (GET /api/cin-caseloads/:iro), children in care and overdue work sorted, owners in words', async () => {
  const unit = await as(stack.app, 'iro-unit', { userId: 'unit-1' });
  const api = await eventually(
    () => unit.get('/api/cin-caseloads/iro-c'),
    (c) => c.body.count === 1,
  );
  const page = await unit.get('/cin-caseloads/iro-c');
  expect(page.status).toBe(200);
  expect(section(page.text, 'cin-caseload')).toContain(`href="/cases/child-in-need/${api.body.cases[0].caseId}"`);
  expect(section(page.text, 'cin-caseload')).toContain('FM-CIN');
  expect((await (await as(stack.app, 'team-manager', { team: 'north-1' })).get('/cin-caseloads/iro-c')).status).toBe(403);
  const home = await unit.get('/iro-unit');
  expect(section(home.text, 'cin-by-iro')).toContain('href="/cin-caseloads/iro-c"');
  const inCare = section(home.text, 'children-in-care');
  for (const child of ['FM-OLD', 'FM-NEW', 'FM-SOUTH']) {
    const s = await unit.get(`/api/looked-after-cycles/${ids[child]}`);
    expect(inCare).toContain(`>${child}</a>`);
    expect(inCare).toContain(govukDate(s.body.nextReview.due));
  }
  const overdue = section(home.text, 'overdue-obligations');
  expect(overdue).toContain('the IRO unit');
  expect(overdue).not.toMatch(/<td class="govuk-table__cell">iro-unit<\/td>/);
  const dates = [...overdue.matchAll(/was due (\d{1,2} \w+ \d{4})/g)].map((m) => Date.parse(m[1]));
  expect(dates.length).toBeGreaterThan(1);
  expect(dates).toEqual([...dates].sort((a, b) => a - b));
  expect(home.text).toContain('action="/cases/find"');
});

test('/cases/find lists every case of a child with the API’s team scope; a name is refused', async () => {
  const unit = await as(stack.app, 'iro-unit');
  const found = await unit.get('/cases/find?childId=FM-OLD');
  expect(found.status).toBe(200);
  const list = section(found.text, 'cases');
  expect(list).toContain(`href="/cases/looked-after/${ids['FM-OLD']}"`);
  expect(list).toContain(`href="/cases/open-to-review/${ids.o2r}"`);
  expect(list).toContain('Open to review (O2R)');
  expect(list).toContain('Open');
  const south = await (await as(stack.app, 'social-worker', { team: 'south-2' })).get('/cases/find?childId=FM-OLD');
  expect(south.status).toBe(200);
  expect(south.text).not.toContain(ids['FM-OLD']);
  expect(section(south.text, 'cases')).toContain('Your team has no case of child FM-OLD.');
  const bad = await unit.get('/cases/find?childId=Jane%20Smith');
  expect(bad.status).toBe(400);
  expect(bad.text).toContain('There is a problem');
  expect(bad.text).toContain('not a name');
  expect((await (await as(stack.app, 'operator')).get('/cases/find?childId=FM-OLD')).status).toBe(403);
  for (const [role, path] of [
    ['iro', '/iro'],
    ['team-manager', '/team-manager'],
    ['social-worker', '/social-worker'],
  ] as const)
    expect((await (await as(stack.app, role, { team: 'north-1' })).get(path)).text).toContain('action="/cases/find"');
});

test('/iro: the CIN reviews the IRO chairs, and what the IRO owes, also after care has ended (follow-up after a review)', async () => {
  const unit = await as(stack.app, 'iro-unit', { userId: 'unit-1' });
  expect((await unit.post(`/api/looked-after-cycles/${ids['FM-NEW']}/iro`).send({ staffId: 'iro-c' })).status).toBe(200);
  const iro = await as(stack.app, 'iro', { userId: 'iro-c' });
  const held = await iro.post(`/api/looked-after-cycles/${ids['FM-NEW']}/reviews`).send({ heldOn: today, participation: 'PN1' });
  expect(held.status).toBe(201);
  const ceased = await (
    await as(stack.app, 'team-manager', { team: 'north-1' })
  )
    .post(`/api/looked-after-cycles/${ids['FM-NEW']}/cease`)
    .send({ on: today, reason: 'returned home' });
  expect(ceased.status).toBe(200);
  const s = await eventually(
    () => iro.get(`/api/looked-after-cycles/${ids['FM-NEW']}`),
    (r) => r.body.status !== 'active',
  );
  const mineOwed = s.body.obligations.filter((o: { owner: string }) => o.owner === 'iro');
  expect(mineOwed.length).toBeGreaterThan(0);
  const page = await iro.get('/iro');
  const owed = section(page.text, 'owed');
  expect(owed).toContain('>FM-NEW</a>');
  for (const o of mineOwed) expect(owed).toContain(o.what);
  expect(owed).toContain('Ended, follow-up still owed');
  expect(section(page.text, 'my-cin')).toContain('>FM-CIN</a>');
  // Another IRO owes nothing here and chairs nothing.
  const other = (await (await as(stack.app, 'iro', { userId: 'iro-z' })).get('/iro')).text;
  expect(section(other, 'owed')).toContain('You owe nothing at the moment.');
  expect(other).not.toContain('FM-CIN');
});

test('managers: starred recommendations and disputes at stage 2 await them; late reviews show the child id; stage 1 is on /social-worker', async () => {
  const unit = await as(stack.app, 'iro-unit', { userId: 'unit-1' });
  expect((await unit.post(`/api/looked-after-cycles/${ids['FM-OLD']}/iro`).send({ staffId: 'iro-d' })).status).toBe(200);
  const iro = await as(stack.app, 'iro', { userId: 'iro-d' });
  const held = await iro
    .post(`/api/looked-after-cycles/${ids['FM-OLD']}/reviews`)
    .send({ heldOn: today, participation: 'PN1', starredRecommendations: ['a placement near school'] });
  expect(held.status).toBe(201);
  const two = await iro.post('/api/disputes').send({
    cycleId: ids['FM-OLD'],
    category: 'practice',
    summary: 'no progress',
    startStage: 2,
    expectedOutcome: { outcome: 'a plan', by: addDays(today, 10) },
  });
  expect(two.status).toBe(201);
  // A second dispute about a child with no cycle here (one open dispute per cycle).
  const one = await iro.post('/api/disputes').send({
    childId: 'FM-ONE',
    team: 'north-1',
    socialWorker: 'sw-1',
    category: 'practice',
    summary: 'visits missed',
    startStage: 1,
    agreedActions: [{ action: 'visit', by: addDays(today, 5) }],
  });
  expect([one.status, one.status === 201 ? '' : JSON.stringify(one.body)]).toEqual([201, '']);
  const sm = await as(stack.app, 'service-manager', { userId: 'sm-1' });
  const page = await eventually(
    () => sm.get('/managers'),
    (r) => r.text.includes(two.body.disputeId),
  );
  await eventually(
    () => sm.get(`/api/looked-after-cycles/${ids['FM-OLD']}`),
    (r) => !!r.body.reviewsHeld[0]?.starred,
  );
  const notified = await sm.get('/managers');
  const starred = section(notified.text, 'starred');
  expect(starred).toContain('>FM-OLD</a>');
  expect(starred).toContain('a placement near school');
  expect(starred).toContain(`href="/cases/looked-after/${ids['FM-OLD']}/reviews/1/starred-response"`);
  expect(starred).toContain('no concern raised');
  // A concern raised: the L11 agreement is owed by the strategic manager, with its date.
  const concern = await sm
    .post(`/api/looked-after-cycles/${ids['FM-OLD']}/reviews/1/starred-response`)
    .send({ response: 'concern', note: 'not affordable' });
  expect([concern.status, concern.status < 300 ? '' : JSON.stringify(concern.body)]).toEqual([200, '']);
  const l11 = concern.body.obligations.find((o: { key: string }) => o.key === 'r1/starred-agreement');
  const again = await sm.get('/managers');
  expect(section(again.text, 'starred')).toContain(govukDate(l11.due));
  expect(section(again.text, 'owed-by-managers')).toContain('the strategic manager');
  const escalated = section(page.text, 'escalated-disputes');
  expect(escalated).toContain(`href="/cases/disputes/${two.body.disputeId}"`);
  expect(escalated).not.toContain(one.body.disputeId);
  // Review 1 of FM-OLD was due before today: late, and listed by the child's id.
  const late = await eventually(
    () => sm.get(`/managers?year=${String(Number(today.slice(0, 4)) - (today.slice(5) < '04-01' ? 1 : 0))}`),
    (r) => r.text.includes('id="late-reviews"') && section(r.text, 'late-reviews').includes('FM-OLD'),
  );
  expect(section(late.text, 'late-reviews')).toContain(`href="/cases/looked-after/${ids['FM-OLD']}">FM-OLD</a>`);
  // Stage 1 is addressed to the social worker (E3): on the team's /social-worker page, not another team's.
  const sw = await (await as(stack.app, 'social-worker', { team: 'north-1' })).get('/social-worker');
  expect(section(sw.text, 'disputes')).toContain(`href="/cases/disputes/${one.body.disputeId}"`);
  expect(section(sw.text, 'disputes')).not.toContain(two.body.disputeId);
  const swSouth = await (await as(stack.app, 'social-worker', { team: 'south-2' })).get('/social-worker');
  expect(swSouth.text).not.toContain(one.body.disputeId);
});
