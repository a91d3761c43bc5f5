/**
 * /health, /ready and /metrics against stub Temporal clients (no server): readiness names each
 * failed dependency; the metrics carry the product's gauges by kind and state and the API's
 * latency by route pattern, and nothing that identifies a child; /metrics keeps to its guard.
 */
import request from 'supertest';
import { Client, Connection } from '@temporalio/client';
import { CaseKind } from '../workflows/search-attributes';
import { as } from './support/security';
import { notification } from './support/directory';
import { makeApp, makeServices, tempDir } from './support/temporal';
import { ObservabilityOptions } from '../api/services';
import { metricsAccess } from '../platform/metrics';
import { overdueQuery } from '../platform/case-metrics';

const tmp = tempDir('observability');
const base = makeServices(tmp.dir);
afterAll(async () => {
  base.store.close();
  await base.record.close();
  tmp.remove();
});

/** A client whose getSystemInfo and count answer as told (the rest of the app never calls it here). */
function stubClient(o: { systemInfo?: () => Promise<unknown>; count?: (q: string) => Promise<{ count: number }> } = {}) {
  return {
    connection: { withDeadline: (_d: number, fn: () => Promise<unknown>) => fn() },
    workflowService: { getSystemInfo: o.systemInfo ?? (async () => ({ capabilities: {} })) },
    workflow: { count: o.count ?? (async () => ({ count: 0 })) },
  } as unknown as Client;
}

const app = (client: Client = stubClient(), observability: ObservabilityOptions = { readyTimeoutMs: 300 }) =>
  makeApp(client, base, 'unused', { observability });

describe('/health and /ready', () => {
  test('/health answers without a token, with a request id', async () => {
    const r = await request(app()).get('/health');
    expect([r.status, r.body]).toEqual([200, { status: 'ok' }]);
    expect(r.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('/ready is 200 with each check when Temporal, the store and the record answer', async () => {
    const r = await request(app()).get('/ready');
    expect([r.status, r.body]).toEqual([200, { status: 'ready', checks: { temporal: 'ok', store: 'ok', record: 'ok' } }]);
  });

  test('/ready is 503 naming Temporal when it cannot be reached (a real connection to a closed port)', async () => {
    const lazy = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
    const r = await request(app(lazy)).get('/ready');
    expect(r.status).toBe(503);
    expect(r.body.checks).toEqual({ temporal: 'failed', store: 'ok', record: 'ok' });
    expect(r.body.error.message).toBe('not ready: temporal did not answer');
  });

  test('/ready is 503 naming Temporal when it does not answer in time', async () => {
    const hung = stubClient({ systemInfo: () => new Promise(() => undefined) });
    const r = await request(app(hung)).get('/ready');
    expect([r.status, r.body.checks.temporal]).toEqual([503, 'failed']);
  });

  test.each(['store', 'record'] as const)('/ready is 503 naming the %s when it fails', async (name) => {
    const spy =
      name === 'store'
        ? jest.spyOn(base.store, 'ping').mockImplementation(() => {
            throw new Error('disk gone');
          })
        : jest.spyOn(base.record, 'ping').mockRejectedValue(new Error('connection refused'));
    try {
      const r = await request(app()).get('/ready');
      expect(r.status).toBe(503);
      expect(r.body.checks).toEqual({ temporal: 'ok', store: 'ok', record: 'ok', [name]: 'failed' });
      expect(r.body.error.message).toBe(`not ready: ${name} did not answer`);
      // The reason is for the log, not for an unauthenticated caller.
      expect(JSON.stringify(r.body)).not.toMatch(/disk gone|connection refused/);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('request ids', () => {
  test('a sane incoming X-Request-Id is kept and returned; anything else is replaced', async () => {
    const a = app();
    expect((await request(a).get('/health').set('X-Request-Id', 'proxy-1234.abcd')).headers['x-request-id']).toBe('proxy-1234.abcd');
    for (const bad of ['short', 'has spaces in it', 'x'.repeat(200), '<script>alert(1)</script>']) {
      const got = (await request(a).get('/health').set('X-Request-Id', bad)).headers['x-request-id'];
      expect(got).toMatch(/^[0-9a-f-]{36}$/);
    }
    // Errors carry it too.
    expect((await request(a).get('/api/nowhere').set('X-Request-Id', 'err-request-1')).headers['x-request-id']).toBe('err-request-1');
  });
});

describe('/metrics', () => {
  const CHILD = 'CHILD-SECRET-4711';
  const counted: string[] = [];
  const client = stubClient({
    count: async (q) => {
      counted.push(q);
      return { count: q.includes(`'${CaseKind.lookedAfterReviewCycle}'`) ? 3 : 0 };
    },
  });
  const metricsApp = app(client);

  beforeAll(() => {
    // Notifications about one child, its id and a name-like string in the subject and body.
    for (const [id, kind] of [
      ['r1', 'overdue'],
      ['r2', 'overdue'],
      ['r3', 'request-first-review'],
    ])
      base.store.recordNotification({
        ...notification(id, 'iro-unit', { kind }),
        caseId: `lac-${'9'.repeat(24)}`,
        subject: `Review for ${CHILD} (Jane Example)`,
        body: `Child ${CHILD}, born 2015-06-01, 1 High Street`,
      });
  });

  test('Prometheus text with the product metrics by kind and state, nothing about a child', async () => {
    await (await as(metricsApp, 'iro')).get('/api/profiles/statutory').expect(200);
    const r = await request(metricsApp).get('/metrics');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = r.text;
    for (const name of [
      'care_reviews_http_request_duration_seconds',
      'care_reviews_notifications',
      'care_reviews_mail_deliveries',
      'care_reviews_mail_delivery_failures_total',
      'care_reviews_mail_delivery_attempts_total',
      'care_reviews_disputes_past_20_working_days',
      'care_reviews_overdue_cases',
      'care_reviews_visibility_up',
      'process_resident_memory_bytes',
    ])
      expect(text).toContain(`# TYPE ${name} `);
    expect(text).toContain('care_reviews_notifications{kind="overdue",state="pending"} 2');
    expect(text).toContain('care_reviews_notifications{kind="request-first-review",state="pending"} 1');
    expect(text).toContain(`care_reviews_overdue_cases{kind="${CaseKind.lookedAfterReviewCycle}"} 3`);
    expect(text).toContain('care_reviews_visibility_up 1');
    // Latency by route pattern and status class, never the raw URL.
    expect(text).toMatch(
      /care_reviews_http_request_duration_seconds_count\{method="GET",route="\/api\/profiles\/:id",status_class="2xx"\} \d/,
    );
    expect(text).not.toContain('/api/profiles/statutory');
    for (const personal of [CHILD, 'Jane', '2015-06-01', 'High Street', '9'.repeat(24)]) expect(text).not.toContain(personal);
    // One count per case kind, running cases only, before today.
    expect(counted).toHaveLength(Object.values(CaseKind).length);
    expect(counted[0]).toMatch(
      /^ExecutionStatus = 'Running' AND CareReviewsKind = '[a-z-]+' AND CareReviewsNextDue < '\d{4}-\d\d-\d\dT00:00:00Z'$/,
    );
  });

  test('visibility counts are cached between scrapes; a failing visibility says so and leaves the counts out', async () => {
    const before = counted.length;
    await request(metricsApp).get('/metrics').expect(200);
    expect(counted.length).toBe(before);
    const down = app(stubClient({ count: async () => Promise.reject(new Error('unavailable')) }));
    const r = await request(down).get('/metrics').expect(200);
    expect(r.text).toContain('care_reviews_visibility_up 0');
    expect(r.text).not.toMatch(/care_reviews_overdue_cases\{/);
  });

  test('with CARE_REVIEWS_METRICS_TOKEN set, only that bearer token reads it', async () => {
    const guarded = app(client, { metricsToken: 'metrics-token-0123456789' });
    expect((await request(guarded).get('/metrics')).status).toBe(401);
    const wrong = await request(guarded).get('/metrics').set('Authorization', 'Bearer metrics-token-XXXXXXXXXX');
    expect([wrong.status, wrong.body.error.field]).toEqual([401, 'authorization']);
    const ok = await request(guarded).get('/metrics').set('Authorization', 'Bearer metrics-token-0123456789');
    expect(ok.status).toBe(200);
  });

  test('without a token, only a direct client on this machine: a proxied request is refused', async () => {
    const r = await request(metricsApp).get('/metrics').set('X-Forwarded-For', '203.0.113.9');
    expect(r.status).toBe(403);
    expect(r.body.error.message).toMatch(/CARE_REVIEWS_METRICS_TOKEN/);
    expect(metricsAccess({ remoteAddress: '10.0.0.5', forwarded: false }, undefined)).toMatchObject({ ok: false, status: 403 });
    expect(metricsAccess({ remoteAddress: '::1', forwarded: false }, undefined)).toEqual({ ok: true });
  });

  test('an unknown query parameter is a 400 naming it, as on every route', async () => {
    const r = await request(metricsApp).get('/metrics?name=x');
    expect([r.status, r.body.error.field]).toEqual([400, 'name']);
  });
});

test('the overdue query names the kind and the day', () => {
  expect(overdueQuery('open-to-review', '2026-11-24')).toBe(
    "ExecutionStatus = 'Running' AND CareReviewsKind = 'open-to-review' AND CareReviewsNextDue < '2026-11-24T00:00:00Z'",
  );
});
