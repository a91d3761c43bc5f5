/**
 * Temporal on PostgreSQL without Docker (platform/cluster/, what `npm run cluster` starts): the
 * worker and the API on a Temporal server v1.30.8 whose histories and visibility are in
 * PostgreSQL, and the statutory record in a care_reviews database on the same PostgreSQL.
 * Looked-after cycles run through the API, an O2R caseload is read through visibility (search
 * attributes on SQL visibility), and after the whole cluster is stopped and started again from
 * its data folder the cases are still there and still take commands.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { Client as PgClient } from 'pg';
import { CalendarService } from '../data/calendar-service';
import { EmbeddedStore } from '../data/embedded-store';
import { openRecordStore } from '../data/record/kysely-record-store';
import { ProfileRegistry } from '../data/reference-data';
import { Cluster, startCluster } from '../platform/cluster';
import { encryptedDataConverter } from '../platform/encryption/data-converter';
import { createWorker } from '../worker/worker';
import { cycleStateQuery } from '../workflows/looked-after-cycle/messages';
import { as, cameIntoCare, testKeyring } from './support/security';
import { eventually } from './support/stack';
import { makeApp } from './support/temporal';

jest.setTimeout(600_000);

// As root the postgres user must reach the folder: under /tmp, not a private TMPDIR.
const dir = mkdtempSync(join(process.getuid?.() === 0 ? '/tmp' : tmpdir(), 'care-reviews-cluster-'));
const TASK_QUEUE = 'cluster-test';

interface Running {
  cluster: Cluster;
  client: Client;
  app: ReturnType<typeof makeApp>;
  stop(): Promise<void>;
}

/** The cluster from `dir`, and the worker and API on it, wired as `npm run cluster` runs main.ts. */
async function start(): Promise<Running> {
  const cluster = await startCluster({ dir, ports: 'free' });
  const connection = await Connection.connect({ address: cluster.address });
  const native = await NativeConnection.connect({ address: cluster.address });
  const store = new EmbeddedStore(join(dir, 'store.sqlite'), { owner: true });
  const record = await openRecordStore({ databaseUrl: cluster.databaseUrl, path: '', owner: true });
  const services = { store, record, calendar: new CalendarService(store), profiles: ProfileRegistry.load() };
  const namespace = cluster.namespace;
  const worker = await createWorker({ connection: native, namespace, taskQueue: TASK_QUEUE, services, keyring: testKeyring });
  const running = worker.run();
  const client = new Client({ connection, namespace, dataConverter: encryptedDataConverter(testKeyring) });
  const app = makeApp(client, services, TASK_QUEUE);
  return {
    cluster,
    client,
    app,
    async stop() {
      worker.shutdown();
      await running;
      await native.close();
      await connection.close();
      store.close();
      await record.close();
      await cluster.stop();
    },
  };
}

let run: Running | undefined;

/** The record's fact types for a case, read straight from PostgreSQL. */
async function factTypes(caseId: string): Promise<string[]> {
  const c = new PgClient({ connectionString: run!.cluster.databaseUrl });
  await c.connect();
  try {
    return (await c.query('SELECT type FROM record_facts WHERE case_id = $1 ORDER BY seq', [caseId])).rows.map((r) => r.type as string);
  } finally {
    await c.end();
  }
}

afterAll(async () => {
  await run?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const BECAME_LOOKED_AFTER = '2026-11-02'; // a Monday; 20 working days later is Monday 30 November
const cycles: { id: string; childId: string }[] = [];

test('a child comes into care, an IRO is appointed, a review is booked and held: the next review is due on the right day', async () => {
  run = await start();
  expect(run.cluster.address).toMatch(/^127\.0\.0\.1:\d+$/);
  expect(run.cluster.databaseUrl).toMatch(/^postgresql:\/\/postgres:[^@]+@127\.0\.0\.1:\d+\/care_reviews$/);
  const unit = await as(run.app, 'iro-unit');
  const iro = await as(run.app, 'iro', { userId: 'iro-3' });

  for (const childId of ['C-PG-1', 'C-PG-2']) {
    const started = await unit
      .post('/api/looked-after-cycles')
      .send(cameIntoCare({ childId, becameLookedAfter: BECAME_LOOKED_AFTER, team: 'south-1', profile: 'oxfordshire' }));
    expect(started.status).toBe(201);
    cycles.push({ id: started.body.cycleId, childId });
  }
  const [first] = cycles;
  const C = `/api/looked-after-cycles/${first.id}`;
  const before = await eventually(
    () => unit.get(C),
    (r) => r.status === 200,
  );
  expect(before.body.nextReview.due).toBe('2026-11-30');

  expect((await unit.post(`${C}/iro`).send({ staffId: 'iro-3' })).status).toBeLessThan(300);
  const booked = await iro.post(`${C}/booking`).send({ meetingOn: '2026-11-20', bookedOn: '2026-11-09', venue: 'Foster home' });
  expect(booked.status).toBeLessThan(300);
  const held = await iro.post(`${C}/reviews`).send({
    heldOn: '2026-11-20',
    participation: 'PN1',
    decisions: [{ text: 'Arrange sibling contact', owner: 'social-worker', dueOn: '2027-01-15' }],
  });
  expect(held.status).toBe(201);

  // L3: the second review within 91 days or 3 months of the first, whichever is sooner (the calculator agrees).
  const after = await eventually(
    () => unit.get(C),
    (r) => r.body.nextReview?.due !== '2026-11-30',
  );
  const calc = await unit.get(`/api/calc/next-review?becameLookedAfter=${BECAME_LOOKED_AFTER}&held=2026-11-20&profile=oxfordshire`);
  expect(calc.status).toBe(200);
  expect(after.body.nextReview.due).toBe(calc.body.due);
  expect([after.body.nextReview.due, after.body.nextReview.reviewNumber]).toEqual(['2027-02-19', 2]);

  // The statutory record is in the care_reviews database on the cluster's PostgreSQL.
  const types = await eventually(
    () => factTypes(first.id),
    (t) => t.includes('looked-after/review-held'),
  );
  expect(types).toEqual(expect.arrayContaining(['looked-after/started', 'looked-after/iro-appointed', 'looked-after/review-held']));
});

test('visibility on PostgreSQL: an O2R caseload (search attributes) and a list query find the cases, with no child data', async () => {
  const r = run!;
  const tm = await as(r.app, 'team-manager', { userId: 'tm-4', team: 'dcs-1' });
  const o2r = await tm.post('/api/open-to-review-cases').send({
    childId: 'D-PG-1',
    dateOfBirth: '2015-03-09',
    team: 'dcs-1',
    caseholder: 'o2r-sw-1',
    rationale: 'Stable at home; short breaks working well',
    ehcpAnnualReviewOn: '2027-06-15',
    eligibility: {
      stable: true,
      clearOutcomes: true,
      safeguardingConcerns: false,
      lookedAfter: false,
      continuingCare: false,
      unstableHealth: false,
      lifeLimitingIllness: false,
      significantOvernightShortBreaks: false,
    },
  });
  expect(o2r.status).toBe(201);
  const caseload = await eventually(
    () => tm.get('/api/o2r-caseloads/o2r-sw-1'),
    (res) => res.body.count === 1,
  );
  expect(caseload.status).toBe(200);
  expect(caseload.body.cases.map((c: { caseId: string }) => c.caseId)).toEqual([o2r.body.caseId]);

  const listed = await eventually(
    async () => {
      const ids: string[] = [];
      // Running only: a cycle continues as new, and its earlier runs are listed too (closed).
      const query = `CareReviewsKind = 'looked-after-review-cycle' AND CareReviewsTeam = 'south-1' AND ExecutionStatus = 'Running'`;
      for await (const w of r.client.workflow.list({ query })) ids.push(w.workflowId);
      return ids.sort();
    },
    (ids) => ids.length === 2,
  );
  expect(listed).toEqual(cycles.map((c) => c.id).sort());
  expect(listed.join(' ')).not.toMatch(/C-PG/);
});

test('after the cluster is stopped and started again from its data folder, the cases are there and take commands', async () => {
  const oldPid = run!.cluster.serverPid;
  await run!.stop();
  run = undefined;
  run = await start();
  expect(run.cluster.serverPid).not.toBe(oldPid);
  const unit = await as(run.app, 'iro-unit');
  const iro = await as(run.app, 'iro', { userId: 'iro-3' });

  const [first, second] = cycles;
  // Queries go through matching to the new worker, which may still be joining: asked until answered.
  const handle = run.client.workflow.getHandle(first.id);
  const state = await eventually(
    () => handle.query(cycleStateQuery).catch(() => undefined),
    (s) => s !== undefined,
    60_000,
  );
  expect(state?.nextReview.due).toBe('2027-02-19');
  const again = await unit.get(`/api/looked-after-cycles/${second.id}`);
  expect([again.status, again.body.nextReview.due]).toEqual([200, '2026-11-30']);

  // The second child's first review, held after the restart: its cycle moves on.
  expect((await unit.post(`/api/looked-after-cycles/${second.id}/iro`).send({ staffId: 'iro-3' })).status).toBeLessThan(300);
  const held = await iro.post(`/api/looked-after-cycles/${second.id}/reviews`).send({ heldOn: '2026-11-23', participation: 'PN1' });
  expect(held.status).toBe(201);
  const moved = await eventually(
    () => unit.get(`/api/looked-after-cycles/${second.id}`),
    (r) => r.body.nextReview?.due !== '2026-11-30',
  );
  expect(moved.body.nextReview.due).toBe('2027-02-22'); // 91 days after 23 November

  // The record kept its facts across the restart, and took the new review's.
  const types = await eventually(
    () => factTypes(second.id),
    (t) => t.includes('looked-after/review-held'),
  );
  expect(types).toEqual(expect.arrayContaining(['looked-after/started', 'looked-after/review-held']));
  expect(await factTypes(first.id)).toContain('looked-after/review-held');

  const count = await run.client.workflow.count(`CareReviewsKind = 'looked-after-review-cycle' AND ExecutionStatus = 'Running'`);
  expect(count.count).toBe(2);
});
