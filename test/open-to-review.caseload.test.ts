/**
 * O5 against a real dev server, because caseloads are read from search attributes (visibility):
 * an O2R social worker's caseload, the warning over capacity, and moving a whole caseload.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseloadCapacity } from '../api/services/open-to-review-cases';
import { ProfileRegistry, REFERENCE_DATA_DIR } from '../data/reference-data';
import { openToReviewCaseStateQuery } from '../workflows/open-to-review/messages';
import { CASEHOLDER } from '../workflows/search-attributes';
import { as } from './support/security';
import { Stack, eventually, startStack } from './support/stack';

let stack: Stack;
const dir = mkdtempSync(join(tmpdir(), 'o2r-profiles-'));

beforeAll(async () => {
  // An authority whose O2R social workers hold at most 2 cases, so the warning is quick to reach.
  const statutory = JSON.parse(readFileSync(join(REFERENCE_DATA_DIR, 'profiles', 'statutory.json'), 'utf8'));
  writeFileSync(join(dir, 'statutory.json'), JSON.stringify(statutory));
  writeFileSync(
    join(dir, 'small-o2r.json'),
    JSON.stringify({ ...statutory, id: 'small-o2r', name: 'Small O2R', source: 'test', openToReview: { caseloadCapacity: 2 } }),
  );
  stack = await startStack('o2r-caseload', { profiles: ProfileRegistry.load(dir), defaultProfile: 'small-o2r' });
}, 180_000);
afterAll(async () => {
  await stack?.stop();
  rmSync(dir, { recursive: true, force: true });
});

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

test('O5 a caseload is read from search attributes, warns over capacity, and moves to another worker in one call', async () => {
  const tm = await as(stack.app, 'team-manager', { userId: 'tm-1', team: 'north-1' });
  const caseload = (who: string, by = tm) => by.get(`/api/o2r-caseloads/${who}`);
  const ids: string[] = [];
  const warnings: string[][] = [];
  for (const n of [1, 2, 3]) {
    const r = await tm.post('/api/open-to-review-cases').send({
      childId: `O5-${n}`,
      dateOfBirth: '2015-01-01',
      team: 'north-1',
      caseholder: 'o2r-a',
      rationale: 'stable',
      eligibility: ELIGIBLE,
    });
    expect(r.status).toBe(201);
    ids.push(r.body.caseId);
    warnings.push(r.body.warnings);
    // Each start counts the caseload through visibility: wait until this case is listed.
    await eventually(
      () => caseload('o2r-a'),
      (c) => c.body.count === n,
    );
  }
  expect(warnings[0]).toEqual([]);
  expect(warnings[1]).toEqual([]);
  expect(warnings[2]).toEqual([expect.stringMatching(/^O5: o2r-a now holds 3 O2R cases, over the capacity of 2/)]);
  await eventually(
    async () => stack.services.store.notifications({ caseId: ids[2], limit: 50 }),
    (ns) => ns.some((x) => x.kind === 'caseload-over-capacity'),
  );
  const warned = stack.services.store.notifications({ caseId: ids[2], limit: 50 }).filter((x) => x.kind === 'caseload-over-capacity');
  expect(warned.map((x) => [x.rule, x.recipient])).toEqual([['O5', 'team-manager:north-1']]);

  const list = (await caseload('o2r-a')).body;
  expect(list).toMatchObject({ staffId: 'o2r-a', count: 3, capacity: 2, overCapacity: true, rule: 'O5' });
  expect(list.cases.map((c: { caseId: string }) => c.caseId).sort()).toEqual([...ids].sort());
  // No child data in the caseload: ids, team and next due date only.
  expect(JSON.stringify(list)).not.toMatch(/O5-\d|2015-01-01/);

  // A social worker reads their own caseload, not another's; another team's manager sees the count but not the ids.
  expect((await caseload('o2r-a', await as(stack.app, 'social-worker', { userId: 'o2r-a', team: 'north-1' }))).status).toBe(200);
  expect((await caseload('o2r-a', await as(stack.app, 'social-worker', { userId: 'o2r-b', team: 'north-1' }))).status).toBe(403);
  const south = await as(stack.app, 'team-manager', { userId: 'tm-9', team: 'south-9' });
  expect((await caseload('o2r-a', south)).body.cases.every((c: { caseId: string }) => c.caseId === 'another team')).toBe(true);
  const refused = await south.post('/api/o2r-caseloads/o2r-a/transfer').send({ toStaffId: 'o2r-b' });
  expect([refused.status, refused.body.error.field]).toEqual([403, 'staffId']);

  // The whole caseload moves in one call.
  const moved = await tm.post('/api/o2r-caseloads/o2r-a/transfer').send({ toStaffId: 'o2r-b' });
  expect(moved.body).toMatchObject({ from: 'o2r-a', to: 'o2r-b', moved: 3, failed: [], caseload: 3, rule: 'O5' });
  expect(moved.body.warnings).toEqual([expect.stringMatching(/o2r-b now holds 3/)]);
  for (const id of ids) {
    const s = await stack.client.workflow.getHandle(id).query(openToReviewCaseStateQuery);
    expect(s.caseholder).toBe('o2r-b');
    expect((await stack.client.workflow.getHandle(id).describe()).typedSearchAttributes.get(CASEHOLDER)).toBe('o2r-b');
    expect(s.events.at(-1)).toMatchObject({ what: 'caseholder changed from o2r-a to o2r-b', rule: 'O5', by: 'tm-1' });
  }
  await eventually(
    () => caseload('o2r-b'),
    (c) => c.body.count === 3,
  );
  expect((await caseload('o2r-a')).body.count).toBe(0);
  const same = await tm.post('/api/o2r-caseloads/o2r-b/transfer').send({ toStaffId: 'o2r-b' });
  expect([same.status, same.body.error.rule]).toEqual([422, 'O5']);
  for (const id of ids) await stack.client.workflow.getHandle(id).terminate('end of test');
}, 120_000);

describe('O5 the capacity is the authority profile of the cases held', () => {
  const profiles = ProfileRegistry.load();
  test.each([
    ['no cases: the default profile (statutory)', [], 'statutory', 100],
    ["Kent's cases: Kent's 30 (rules.md O5)", [{ profile: 'kent' }, { profile: 'kent' }], 'statutory', 30],
    ['cases of two profiles: the stricter', [{ profile: 'kent' }, { profile: 'statutory' }], 'statutory', 30],
    ['cases without a recorded profile: the default', [{}], 'kent', 30],
  ])('O5 %s', (_name, cases, defaultProfile, capacity) => {
    expect(caseloadCapacity(profiles, defaultProfile, cases)).toBe(capacity);
  });
});
