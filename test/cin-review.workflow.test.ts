/**
 * Section D of rules.md (D1-D6) through the real workflow on the time-skipping server, driven
 * through the API as the IRO unit, the chair, the team manager and the social worker would.
 */
import { builtInCalendar } from '../data/reference-data';
import { IsoDate, addDays } from '../workflows/calendar/iso-date';
import { londonTime } from '../workflows/calendar/office-hours';
import { CinState, cinStateQuery } from '../workflows/cin-review/messages';
import { Harness, caseTeam, freshServerPerTest } from './support/cycle-harness';

let h: Harness;
const cal = builtInCalendar();
const wd = (d: IsoDate, n: number) => cal.addWorkingDays(d, n);
freshServerPerTest((x) => {
  h = x;
});
type Team = Awaited<ReturnType<typeof caseTeam>>;

const START = {
  team: 'north-1',
  socialWorker: 'sw-1',
  iro: 'iro-1',
  criteria: ['second-cin-plan'],
  approvedBy: { staffId: 'tm-1', role: 'team-manager' },
  agreedBy: 'unit-1',
};
const url = (id: string, path = '') => `/api/cin-reviews/${id}${path}`;

/** Waits until the case has sent what is due and its state is still (the harness settles other kinds). */
async function settle(t: Team, id: string) {
  const handle = h.env.client.workflow.getHandle(id);
  let previous = '';
  for (let calm = 0, i = 0; calm < 3 && i < 300; i++) {
    if ((await handle.describe()).status.name !== 'RUNNING') return;
    const s = await handle.query(cinStateQuery);
    const now = await h.env.currentTimeMs();
    const owed = s.obligations.some((o) => o.actions.some((a) => londonTime(a.on) <= now && !s.sent.includes(a.id)));
    const text = JSON.stringify(s);
    calm = !owed && text === previous ? calm + 1 : 0;
    previous = text;
    await new Promise((r) => setTimeout(r, 40));
  }
}
async function skipTo(t: Team, id: string, date: IsoDate) {
  const ms = londonTime(date, 10) - (await h.env.currentTimeMs());
  if (ms > 0) await h.env.sleep(ms);
  await t.today();
  await settle(t, id);
}
async function start(t: Team, fields: Record<string, unknown> = {}) {
  const r = await t.staff.teamManager
    .post('/api/cin-reviews')
    .send({ childId: `N-${Math.floor(Math.random() * 1e9)}`, ...START, ...fields });
  if (r.status !== 201) throw new Error(`start: ${r.status} ${JSON.stringify(r.body)}`);
  ids.push(r.body.caseId);
  await settle(t, r.body.caseId);
  return r.body.caseId as string;
}
const state = async (t: Team, id: string) => (await t.staff.iroUnit.get(url(id))).body as CinState;
async function firstDate(t: Team, id: string, date: IsoDate) {
  const r = await t.staff.socialWorker
    .post(url(id, '/first-date'))
    .send({ date, venue: 'Family centre', invited: ['school', 'health-visitor'] });
  expect(r.status).toBe(201);
  await settle(t, id);
}
/** Records a review and waits for the case to continue as new. */
async function review(t: Team, id: string, body: Record<string, unknown>) {
  const handle = h.env.client.workflow.getHandle(id);
  const before = (await handle.describe()).runId;
  const r = await t.staff.iro.post(url(id, '/reviews')).send({
    socialWorkerPresent: true,
    careTeam: [
      { member: 'school', attendance: 'attended' },
      { member: 'health-visitor', attendance: 'written-report' },
    ],
    ...body,
  });
  if (r.status === 201)
    for (const until = Date.now() + 30_000; Date.now() < until && (await handle.describe()).runId === before;)
      await new Promise((res) => setTimeout(res, 25));
  await settle(t, id);
  return r;
}
let ids: string[] = [];
async function withTeam(name: string, body: (t: Team) => Promise<void>) {
  const t = await caseTeam(h, name);
  ids = [];
  try {
    await t.worker.runUntil(() => body(t));
  } finally {
    for (const id of ids)
      await h.env.client.workflow
        .getHandle(id)
        .terminate('end of test')
        .catch(() => undefined);
    await t.done();
  }
}

test("D1 D2 an IRO chairs only with criteria (or a reason), approval and the IRO unit's agreement: every unmet requirement is named", () =>
  withTeam('d1', async (t) => {
    const r = await t.staff.teamManager
      .post('/api/cin-reviews')
      .send({ childId: 'D1-C', team: 'north-1', socialWorker: 'sw-1', iro: 'iro-1' });
    expect([r.status, r.body.error.rule]).toEqual([422, 'D1']);
    expect(r.body.error.failures.map((f: { field: string; rule: string }) => `${f.field}:${f.rule}`)).toEqual([
      'criteria:D1',
      'approvedBy:D2',
      'agreedBy:D2',
    ]);
    expect(t.services.store.counts().notifications).toBe(0);
    // Outside the criteria, with a reason; the IRO unit's own referral is its agreement.
    const outside = await t.staff.iroUnit.post('/api/cin-reviews').send({
      childId: 'D1-D',
      team: 'north-1',
      socialWorker: 'sw-1',
      iro: 'iro-2',
      outsideCriteriaReason: 'adds value; capacity allows',
      approvedBy: { staffId: 'csw-1', role: 'consultant-social-worker' },
    });
    expect(outside.status).toBe(201);
    ids.push(outside.body.caseId);
    expect(outside.body.caseId).toMatch(/^cin-[0-9a-f]{24}$/);
    expect(await state(t, outside.body.caseId)).toMatchObject({ agreedBy: 'unit-1', criteria: [], iro: 'iro-2' });
    // A step down from a looked-after plan with a supervision order: linked, with its criterion,
    // once the cycle has ended offering it (not while it runs, not another child's, not an unknown one).
    const lac = await t.comeIntoCare({ childId: 'D1-S' });
    const early = await t.staff.teamManager
      .post('/api/cin-reviews')
      .send({ childId: 'D1-S', ...START, criteria: [], steppedDownFrom: lac });
    expect([early.status, early.body.error.field, early.body.error.rule]).toEqual([422, 'steppedDownFrom', 'D1']);
    const ceased = await t.staff.socialWorker
      .post(`/api/looked-after-cycles/${lac}/cease`)
      .send({ on: await t.today(), reason: 'supervision order made', supervisionOrder: true, childInNeedPlan: true });
    expect(ceased.body.ended.stepDown).toMatchObject({ offered: 'cin-review', rule: 'D1', steppedDownFrom: lac });
    const unknown = 'lac-' + 'a'.repeat(24);
    for (const [childId, cycle] of [
      ['D1-S', unknown],
      ['D1-T', lac],
    ]) {
      const r = await t.staff.teamManager.post('/api/cin-reviews').send({ childId, ...START, criteria: [], steppedDownFrom: cycle });
      expect([r.status, r.body.error.rule]).toEqual([422, 'D1']);
    }
    const stepped = await start(t, { childId: 'D1-S', criteria: [], steppedDownFrom: lac });
    expect(await state(t, stepped)).toMatchObject({
      steppedDownFrom: lac,
      criteria: ['step-down-from-looked-after-with-supervision-order'],
      child: { childId: 'D1-S' },
    });
    // One running case per child; another team's manager cannot refer this team's child.
    expect((await t.staff.teamManager.post('/api/cin-reviews').send({ childId: 'D1-D', ...START })).status).toBe(409);
    const other = await (await import('./support/security')).as(t.app, 'team-manager', { team: 'south-9' });
    expect((await other.post('/api/cin-reviews').send({ childId: 'D1-E', ...START })).status).toBe(403);
    expect((await other.get(url(stepped))).status).toBe(403);
  }));

test('D3 the social worker is prompted to agree the first date, book a venue and invite the care team; chased, then the team manager', () =>
  withTeam('d3', async (t) => {
    const opened = await t.today();
    const id = await start(t);
    expect(
      t
        .outbox(id)
        .filter((n) => n.kind === 'chair-agreed')
        .map((n) => n.to),
    ).toEqual(['user:sw-1', 'user:iro-1']);
    const due = wd(opened, 10);
    expect((await state(t, id)).obligations.map((o) => [o.key, o.rule, o.due])).toEqual([['first-date', 'D3', due]]);
    expect(
      (await t.staff.iro.post(url(id, '/first-date')).send({ date: addDays(opened, 30), venue: 'x', invited: ['school'] })).status,
    ).toBe(403);
    await skipTo(t, id, wd(due, 3));
    expect(
      t
        .outbox(id)
        .filter((n) => n.rule === 'D3')
        .map((n) => [n.kind, n.to]),
    ).toEqual([
      ['chair-agreed', 'user:sw-1'],
      ['chair-agreed', 'user:iro-1'],
      ['reminder', 'user:sw-1'],
      ['overdue', 'user:sw-1'],
      ['escalation', 'team-manager:north-1'],
    ]);
    const first = addDays(await t.today(), 21);
    await firstDate(t, id, first);
    expect(await state(t, id)).toMatchObject({
      nextDate: first,
      booking: { venue: 'Family centre', invited: ['school', 'health-visitor'] },
    });
    expect((await state(t, id)).obligations.some((o) => o.key === 'first-date')).toBe(false);
  }));

test('D4 the agreed date is the deadline chased; moving it needs a reason and is counted; each review agrees the next; the case ends with a summary', () =>
  withTeam('d4', async (t) => {
    const id = await start(t);
    const first = addDays(await t.today(), 28);
    await firstDate(t, id, first);
    // Its reminder (10 working days ahead) goes; then the date has to move.
    await skipTo(t, id, cal.workingDaysBefore(first, 9));
    const noReason = await t.staff.iro.post(url(id, '/booking')).send({ to: addDays(first, 7) });
    expect([noReason.status, noReason.body.error.field]).toEqual([400, 'reason']);
    const moved = addDays(first, 7);
    const r = await t.staff.iro.post(url(id, '/booking')).send({ to: moved, reason: 'chair unwell' });
    expect(r.status).toBe(200);
    expect(r.body.moves).toHaveLength(1);
    await skipTo(t, id, wd(moved, 4));
    // The first date's reminder went before the move; the moved date is chased afresh.
    expect(
      t
        .outbox(id)
        .filter((n) => n.rule === 'D4' && n.due === first)
        .map((n) => n.kind),
    ).toEqual(['reminder', 'reminder']);
    expect(
      t
        .outbox(id)
        .filter((n) => n.rule === 'D4' && n.due === moved)
        .map((n) => [n.kind, n.to, n.due]),
    ).toEqual([
      ['reminder', 'user:iro-1', moved],
      ['reminder', 'user:sw-1', moved],
      ['overdue', 'user:iro-1', moved],
      ['overdue', 'user:sw-1', moved],
      ['escalation', 'iro-unit', moved],
      ['escalation', 'team-manager:north-1', moved],
    ]);
    const heldOn = await t.today();
    const held = await review(t, id, { heldOn, nextDate: addDays(heldOn, 90) });
    expect(held.status).toBe(201);
    const s = await state(t, id);
    expect(s.reviews[0]).toMatchObject({ number: 1, agreedDate: moved, onTime: false, chair: 'iro-1', nextDate: addDays(heldOn, 90) });
    expect(s.obligations.find((o) => o.key === 'review')).toMatchObject({
      due: addDays(heldOn, 90),
      why: `the date agreed at review 1 (${heldOn})`,
    });
    const end = await t.staff.teamManager.post(url(id, '/end')).send({ outcome: 'step-down', summary: 'stepped down to TAF' });
    expect(end.status).toBe(200);
    expect(end.body.ended).toMatchObject({ outcome: 'step-down', summary: 'stepped down to TAF (1 review held, 1 late, 1 date moved)' });
    await settle(t, id);
    expect(
      t
        .outbox(id)
        .filter((n) => n.kind === 'step-down')
        .map((n) => n.to),
    ).toEqual(['user:sw-1', 'team-manager:north-1', 'user:iro-1', 'iro-unit']);
    expect((await t.staff.iro.post(url(id, '/booking')).send({ to: addDays(heldOn, 100), reason: 'x' })).status).toBe(409);
  }));

test("D5 no review without the social worker (or someone who knows the case); an absent member's missing written report is chased", () =>
  withTeam('d5', async (t) => {
    const id = await start(t);
    await firstDate(t, id, addDays(await t.today(), 7));
    await skipTo(t, id, addDays(await t.today(), 7));
    const heldOn = await t.today();
    const without = await t.staff.iro
      .post(url(id, '/reviews'))
      .send({ heldOn, socialWorkerPresent: false, careTeam: [], nextDate: addDays(heldOn, 60) });
    expect([without.status, without.body.error.field, without.body.error.rule]).toEqual([422, 'socialWorkerPresent', 'D5']);
    const r = await review(t, id, {
      heldOn,
      socialWorkerPresent: false,
      presentInstead: { staffId: 'tm-1', role: 'team-manager' },
      nextDate: addDays(heldOn, 60),
      careTeam: [
        { member: 'school', attendance: 'deputy', deputy: 'Deputy head' },
        { member: 'gp', attendance: 'written-report' },
        { member: 'health-visitor', attendance: 'report-awaited' },
      ],
    });
    expect(r.status).toBe(201);
    const key = 'r1/report/health-visitor';
    expect((await state(t, id)).obligations.find((o) => o.key === key)).toMatchObject({ rule: 'D5', due: heldOn });
    await skipTo(t, id, wd(heldOn, 3));
    expect(
      t
        .outbox(id)
        .filter((n) => n.rule === 'D5')
        .map((n) => [n.kind, n.to]),
    ).toEqual([
      ['overdue', 'user:sw-1'],
      ['escalation', 'team-manager:north-1'],
    ]);
    expect((await t.staff.socialWorker.post(url(id, '/tasks')).send({ key })).status).toBe(200);
    expect((await state(t, id)).obligations.some((o) => o.key === key)).toBe(false);
  }));

test("D6 the four documents are the social worker's before each review (lead time from the profile); reports requested are recorded", () =>
  withTeam('d6', async (t) => {
    const id = await start(t);
    const first = addDays(await t.today(), 28);
    await firstDate(t, id, first);
    const docs = (await state(t, id)).obligations.filter((o) => o.rule === 'D6');
    expect(docs.map((o) => [o.key, o.due])).toEqual(
      ['care-team-minutes', 'single-assessment', 'childs-plan', 'direct-work'].map((d) => [
        `r1/documents/${d}`,
        cal.workingDaysBefore(first, 3),
      ]),
    );
    expect((await t.staff.socialWorker.post(url(id, '/tasks')).send({ key: 'r1/documents/childs-plan' })).status).toBe(200);
    const asked = await t.staff.socialWorker.post(url(id, '/report-requests')).send({ agency: 'school' });
    expect(asked.status).toBe(201);
    expect(asked.body.reportsRequested).toMatchObject([{ agency: 'school', by: 'sw-1', forReview: 1 }]);
    await skipTo(t, id, wd(cal.workingDaysBefore(first, 3), 1));
    const chased = t
      .outbox(id)
      .filter((n) => n.rule === 'D6' && n.kind === 'overdue')
      .map((n) => n.subject);
    expect(chased).toHaveLength(3);
    expect(chased.join()).not.toMatch(/child's plan/);
  }));
