/**
 * Issue 12 part 5: each case kind's start (the API's services) writes the child's case-system id
 * and team to the case register before the case starts, so its first email already names the child.
 * Temporal is not needed: the gateway's start is replaced.
 */
import { Client, Connection } from '@temporalio/client';
import { services } from '../api/services';
import { Principal } from '../platform/auth/roles';
import { testHttp, testIdKey, testVerifier } from './support/security';
import { makeServices, tempDir } from './support/temporal';

const tmp = tempDir('case-register');
const base = makeServices(tmp.dir);
const svc = services({
  ...base,
  client: new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) }),
  taskQueue: 'unused',
  verifier: testVerifier,
  idKey: testIdKey,
  codecs: [],
  http: testHttp,
});
for (const s of [svc.lookedAfterCycles, svc.openToReviewCases, svc.disputes, svc.cinReviews])
  (s.gateway as unknown as { start: () => Promise<void> }).start = async () => {};
const unit: Principal = { userId: 'unit-1', roles: ['iro-unit'] } as Principal;
const iro: Principal = { userId: 'iro-1', roles: ['iro'] } as Principal;
afterAll(() => {
  base.store.close();
  tmp.remove();
});

test('every kind of case is registered with its child and team when started', async () => {
  const today = new Date().toISOString().slice(0, 10);
  const { cycleId } = await svc.lookedAfterCycles.start(
    {
      childId: 'C-1',
      becameLookedAfter: today,
      dateOfBirth: '2015-06-01',
      legalStatus: 'C2',
      placementType: 'foster',
      team: 'south-1',
    } as never,
    unit,
  );
  const series = await svc.openToReviewCases.start(
    {
      kind: 'short-breaks-series',
      childId: 'C-2',
      dateOfBirth: '2015-06-01',
      team: 'east-3',
      caseholder: 'sw-2',
      firstBreakOn: today,
    } as never,
    { userId: 'tm-3', roles: ['team-manager'], team: 'east-3' } as Principal,
  );
  const { disputeId } = await svc.disputes.open({ childId: 'C-3', team: 'north-2', category: 'practice', summary: 'x' } as never, iro);
  const cin = await svc.cinReviews.start(
    {
      childId: 'C-4',
      team: 'north-1',
      socialWorker: 'sw-1',
      iro: 'iro-1',
      criteria: ['second-cin-plan'],
      approvedBy: { staffId: 'tm-1', role: 'team-manager' },
      agreedBy: 'unit-1',
    } as never,
    unit,
  );
  expect([cycleId, series.caseId, disputeId, cin.caseId].map((id) => base.store.cases.get(id))).toEqual([
    { caseId: cycleId, childId: 'C-1', team: 'south-1', kind: 'looked-after' },
    { caseId: series.caseId, childId: 'C-2', team: 'east-3', kind: 'open-to-review' },
    { caseId: disputeId, childId: 'C-3', team: 'north-2', kind: 'dispute' },
    { caseId: cin.caseId, childId: 'C-4', team: 'north-1', kind: 'child-in-need' },
  ]);
});
