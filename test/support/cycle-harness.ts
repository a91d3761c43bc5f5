/**
 * The looked-after cycle on the time-skipping server, driven through the API as staff would, with
 * "today" taken from the server's clock (which runs ahead as the tests skip months).
 */
import { Client } from '@temporalio/client';
import { ProfileRegistry } from '../../data/reference-data';
import type { RecordStore } from '../../data/record/record-store';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { IsoDate, addYears } from '../../workflows/calendar/iso-date';
import { londonDate, londonTime } from '../../workflows/calendar/office-hours';
import { CycleState, cycleStateQuery } from '../../workflows/looked-after-cycle/messages';
import { disputeStateQuery } from '../../workflows/dispute/messages';
import { openToReviewCaseStateQuery } from '../../workflows/open-to-review/messages';
import { registerSearchAttributes } from '../../platform/search-attributes';
import { encryptedDataConverter } from '../../platform/encryption/data-converter';
import { bundleWorkflows, createWorker } from '../../worker/worker';
import { as, cameIntoCare, testKeyring } from './security';
import { makeApp, makeServices, tempDir, testServerPath } from './temporal';

export interface Harness {
  env: TestWorkflowEnvironment;
  bundle: WorkflowBundleWithSourceMap;
}

/** A time-skipping server (and the workflow bundle, unless one is passed in to reuse). */
export async function startHarness(bundle?: WorkflowBundleWithSourceMap): Promise<Harness> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    client: { dataConverter: encryptedDataConverter(testKeyring) },
    server: { executable: { type: 'existing-path', path: testServerPath() } },
  });
  await registerSearchAttributes(env.connection, 'default');
  return { env, bundle: bundle ?? (await bundleWorkflows()) };
}

/**
 * A fresh time-skipping server for each test in the file, with the workflow bundle made once.
 * Workflows one test leaves waiting (a dispute outlives the cycle that opened it, by design) must
 * not hold up the next test's clock. `use` receives each test's harness.
 */
export function freshServerPerTest(use: (h: Harness) => void): void {
  let bundle: WorkflowBundleWithSourceMap;
  let h: Harness | undefined;
  beforeAll(async () => {
    bundle = await bundleWorkflows();
  });
  beforeEach(async () => {
    h = await startHarness(bundle);
    use(h);
  });
  afterEach(async () => {
    await h?.env.teardown();
    h = undefined;
  });
}

export type Staff = Awaited<ReturnType<typeof as>>;

export async function caseTeam(
  h: Harness,
  name: string,
  opts: { profile?: string; profiles?: ProfileRegistry; record?: RecordStore } = {},
) {
  const { env } = h;
  const tmp = tempDir(name);
  const made = makeServices(tmp.dir);
  // The statutory record, when the test brings its own (memory, or PostgreSQL): the worker writes it and the API reads it.
  const services = opts.record ? { ...made, record: opts.record } : made;
  const worker: Worker = await createWorker({
    connection: env.nativeConnection,
    namespace: 'default',
    taskQueue: name,
    services,
    keyring: testKeyring,
    workflowBundle: h.bundle,
  });
  let serverNow = await env.currentTimeMs();
  const app = makeApp(env.client as unknown as Client, services, name, {
    clock: () => serverNow,
    defaultProfile: opts.profile,
    ...(opts.profiles ? { profiles: opts.profiles } : {}),
  });
  const staff = {
    iroUnit: await as(app, 'iro-unit', { userId: 'unit-1' }),
    iro: await as(app, 'iro', { userId: 'iro-1' }),
    socialWorker: await as(app, 'social-worker', { userId: 'sw-1', team: 'north-1' }),
    teamManager: await as(app, 'team-manager', { userId: 'tm-1', team: 'north-1' }),
    serviceManager: await as(app, 'service-manager', { userId: 'sm-1' }),
    strategicManager: await as(app, 'strategic-manager', { userId: 'stm-1' }),
    operator: await as(app, 'operator', { userId: 'ops-1' }),
  };

  const today = async (): Promise<IsoDate> => {
    serverNow = await env.currentTimeMs();
    return londonDate(serverNow);
  };

  const cycles: string[] = [];
  /**
   * Lets every cycle finish what it is doing before we look: each has sent everything already due
   * (it is in the state's `sent`), and its state has stopped changing.
   */
  const disputes: string[] = [];
  /** O2R cases and short-breaks series. */
  const cases: string[] = [];
  const settle = async () => {
    for (const id of disputes) {
      // A closed dispute does not change (and querying one is slow on the time-skipping server).
      if ((await env.client.workflow.getHandle(id).describe()).status.name !== 'RUNNING') continue;
      let previous = '';
      for (let calm = 0, i = 0; calm < 3 && i < 300; i++) {
        const text = JSON.stringify(await env.client.workflow.getHandle(id).query(disputeStateQuery));
        calm = text === previous ? calm + 1 : 0;
        previous = text;
        await new Promise((r) => setTimeout(r, 40));
      }
    }
    for (const id of cases) {
      if ((await env.client.workflow.getHandle(id).describe()).status.name !== 'RUNNING') continue;
      let previous = '';
      for (let calm = 0, i = 0; calm < 3 && i < 300; i++) {
        const s = await env.client.workflow.getHandle(id).query(openToReviewCaseStateQuery);
        const text = JSON.stringify(s);
        const owed = s.obligations.some((o) => o.actions.some((a) => londonTime(a.on) <= serverNow && !s.sent.includes(a.id)));
        calm = !owed && text === previous ? calm + 1 : 0;
        previous = text;
        await new Promise((r) => setTimeout(r, 40));
      }
    }
    for (const id of cycles) {
      let previous = '';
      for (let calm = 0, i = 0; calm < 3 && i < 300; i++) {
        const s = await env.client.workflow.getHandle(id).query(cycleStateQuery);
        const text = JSON.stringify(s);
        const owed =
          s.status === 'active' &&
          (!s.sent.includes('request-first-review') ||
            s.obligations.some((o) => o.actions.some((a) => londonTime(a.on) <= serverNow && !s.sent.includes(a.id))));
        calm = !owed && text === previous ? calm + 1 : 0;
        previous = text;
        await new Promise((r) => setTimeout(r, 40));
      }
    }
  };

  /** Skips the server's clock to 10:00 (England) on `date`; reminders for that day have gone by then. */
  const skipTo = async (date: IsoDate, hour = 10) => {
    const ms = londonTime(date, hour) - (await env.currentTimeMs());
    if (ms > 0) await env.sleep(ms);
    await today();
    await settle();
  };

  const comeIntoCare = async (fields: Record<string, unknown> = {}, by: Staff = staff.iroUnit) => {
    const now = await today();
    const r = await by.post('/api/looked-after-cycles').send(
      cameIntoCare({
        childId: `C-${Math.floor(Math.random() * 1e9)}`,
        becameLookedAfter: now,
        dateOfBirth: addYears(now, -10),
        ...fields,
      }),
    );
    if (r.status !== 201) throw new Error(`could not start a cycle: ${r.status} ${JSON.stringify(r.body)}`);
    cycles.push(r.body.cycleId);
    await settle();
    return r.body.cycleId as string;
  };

  const state = async (cycleId: string): Promise<CycleState> => {
    const r = await staff.iroUnit.get(`/api/looked-after-cycles/${cycleId}`);
    if (r.status !== 200) throw new Error(`state: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as CycleState;
  };

  /**
   * Records a review held through the API, then waits for the cycle to continue as new (a query
   * that lands on the closing run is slow on the time-skipping server).
   */
  const holdReview = async (cycleId: string, body: Record<string, unknown>, by: Staff = staff.iro) => {
    const handle = env.client.workflow.getHandle(cycleId);
    const before = (await handle.describe()).runId;
    const r = await by.post(`/api/looked-after-cycles/${cycleId}/reviews`).send(body);
    if (r.status === 201) {
      for (const until = Date.now() + 30_000; Date.now() < until && (await handle.describe()).runId === before;)
        await new Promise((res) => setTimeout(res, 25));
      await settle();
    }
    return r;
  };

  /** The outbox for one case as [rule, kind, recipient, subject] (sorted by time). */
  const outbox = (cycleId: string) =>
    services.store
      .notifications({ caseId: cycleId, limit: 5000 })
      .map((n) => ({ rule: n.rule, kind: n.kind, to: n.recipient, subject: n.subject, due: n.dueDate, id: n.id }));

  return {
    app,
    services,
    worker,
    staff,
    today,
    skipTo,
    settle,
    comeIntoCare,
    state,
    outbox,
    holdReview,
    cycles,
    disputes,
    cases,
    /** Ends the test's cycles too: a running cycle with no worker would stall the next test's time skipping. */
    done: async () => {
      for (const id of [...cycles, ...disputes, ...cases]) {
        try {
          await env.client.workflow.getHandle(id).terminate('end of test');
        } catch {
          /* already ended */
        }
      }
      services.store.close();
      // Its own record; one the test brought is the test's to close.
      await made.record.close();
      tmp.remove();
    },
  };
}
