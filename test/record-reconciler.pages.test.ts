/**
 * Reconciling a large authority's record reads it a page of cases at a time (issue 15), and the
 * answer is the same as reading it whole: the record and the workflows are stubs here (no Temporal).
 */
import type { Client } from '@temporalio/client';
import type { CaseRegister } from '../data/case-register';
import type { FactQuery } from '../data/record/record-store';
import { RECONCILE_PAGE, RecordReconciler } from '../api/services/record-reconciler';
import type { Fact } from '../workflows/record/facts';
import { MemoryRecord } from './support/memory-record';

const id = (i: number) => `cin-${String(i).padStart(5, '0')}`;
const opened = (caseId: string): Fact => ({
  key: `${caseId}/opened`,
  caseId,
  caseKind: 'child-in-need',
  type: 'child-in-need/opened',
  on: '2026-01-05',
  team: 'south-1',
  data: {},
});
const ended = (caseId: string): Fact => ({ ...opened(caseId), key: `${caseId}/ended`, type: 'child-in-need/ended', on: '2026-03-02' });

const RUNNING = 2 * RECONCILE_PAGE + 200;
const running = Array.from({ length: RUNNING }, (_, i) => id(i));
const [closed, lostA, lostB] = [id(RUNNING), id(RUNNING + 1), id(RUNNING + 2)];
/** Cases on the second page whose opening the record lacks (repaired at once, concurrently). */
const unrecorded = [id(RECONCILE_PAGE + 7), id(RECONCILE_PAGE + 8), id(RECONCILE_PAGE + 9)];

async function setUp() {
  const record = new MemoryRecord();
  // Every running case's opening is recorded but one's (a case begun before the record).
  await record.append(running.filter((c) => !unrecorded.includes(c)).map(opened));
  // Three with no workflow: one the record shows ended, two it shows still open.
  await record.append([opened(closed), ended(closed), opened(lostA), opened(lostB)]);
  const queries: FactQuery[] = [];
  const facts = record.facts.bind(record);
  record.facts = async (q?: FactQuery) => {
    queries.push(q ?? {});
    return facts(q);
  };
  const client = {
    workflow: {
      getHandle: (caseId: string) => ({
        query: async () => {
          if (!running.includes(caseId)) throw Object.assign(new Error(`workflow ${caseId} not found`), { name: 'WorkflowNotFoundError' });
          return [opened(caseId)];
        },
      }),
    },
  } as unknown as Client;
  const cases = { list: () => running.map((caseId) => ({ caseId })) } as unknown as CaseRegister;
  return { record, queries, reconciler: new RecordReconciler({ client, record, cases }) };
}

test('the record is read a page of cases at a time, never whole', async () => {
  const { queries, reconciler } = await setUp();
  const seen: number[] = [];
  const report = await reconciler.reconcile({ onProgress: (done) => seen.push(done) });
  expect(queries.map((q) => q.caseIds?.length)).toEqual([RECONCILE_PAGE, RECONCILE_PAGE, RUNNING + 3 - 2 * RECONCILE_PAGE]);
  expect(new Set(queries.flatMap((q) => q.caseIds ?? [])).size).toBe(RUNNING + 3);
  expect(seen.at(-1)).toBe(RUNNING + 3);
  expect(report).toMatchObject({
    cases: RUNNING + 3,
    matching: RUNNING - 3,
    differing: 3,
    recordOnly: 1,
    lost: 2,
    unreadable: 0,
    repaired: 0,
  });
  expect(report.differences.map((d) => [d.caseId, d.status, d.missing])).toEqual([
    ...unrecorded.map((c) => [c, 'differs', [`${c}/opened`]]),
    [closed, 'record-only', []],
    [lostA, 'lost', []],
    [lostB, 'lost', []],
  ]);
});

test('repair appends what a case on a later page lacks, and a second pass finds it matching', async () => {
  const { record, reconciler } = await setUp();
  const first = await reconciler.reconcile({ repair: true });
  expect(first).toMatchObject({ repaired: 3, matching: RUNNING, differing: 0 });
  expect((await record.facts({ caseIds: unrecorded })).map((f) => f.key)).toEqual(unrecorded.map((c) => `${c}/opened`));
  const second = await reconciler.reconcile();
  expect(second).toMatchObject({ matching: RUNNING, differing: 0, repaired: 0, lost: 2, recordOnly: 1 });
});

test('a store that cannot list its cases is read whole, once, with the same answer', async () => {
  const { record, queries, reconciler } = await setUp();
  (record as { caseIds?: unknown }).caseIds = undefined;
  const report = await reconciler.reconcile();
  expect(queries).toEqual([{}]);
  expect(report).toMatchObject({ cases: RUNNING + 3, matching: RUNNING - 3, differing: 3, recordOnly: 1, lost: 2 });
});
