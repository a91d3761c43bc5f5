/**
 * Logs: one JSON line per request with its request id, method, route pattern, status and duration;
 * no authorization header, cookie, body or child's details in any line; an unexpected error logged
 * with the request's id. The Temporal SDK's logger writes through pino. The worker's own metrics
 * endpoint, and the SDK core's metrics appended to /metrics without repeating a name.
 */
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import request from 'supertest';
import { Client, Connection } from '@temporalio/client';
import { LookedAfterCycles } from '../api/services/looked-after-cycles';
import { createLogger, humanLine, PinoTemporalLogger } from '../platform/log';
import { mailAttempts, mailFailures, processRegistry, renderMetrics, startMetricsServer } from '../platform/metrics';
import { DeliveryError, MailTransport } from '../platform/mail/transport';
import { MailDelivery } from '../worker/mail-delivery';
import { FROM, notification, testDirectory } from './support/directory';
import { cameIntoCare, tokenFor } from './support/security';
import { makeApp, makeServices, tempDir } from './support/temporal';

const tmp = tempDir('observability-logs');
const base = makeServices(tmp.dir);
const servers: Server[] = [];
afterAll(async () => {
  for (const s of servers) await new Promise((r) => s.close(r));
  base.store.close();
  await base.record.close();
  tmp.remove();
});

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return {
    lines,
    parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
    logger: createLogger({ level: 'info', destination }),
  };
}

const lazy = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });

test('each request is one JSON line with its id, route pattern, status and duration; no token, cookie or body', async () => {
  const log = capture();
  const start = jest.fn(async () => ({ cycleId: 'lac-' + 'a'.repeat(24) }));
  const app = makeApp(lazy, base, 'unused', {
    observability: { logger: log.logger },
    lookedAfterCycles: { start, today: () => '2026-01-10' } as unknown as LookedAfterCycles,
  });
  const token = await tokenFor('iro-unit', { userId: 'unit-7' });
  const r = await request(app)
    .post('/api/looked-after-cycles')
    .set('Authorization', `Bearer ${token}`)
    .set('Cookie', 'care_session=secret-cookie-value')
    .set('X-Request-Id', 'trace-0001-abcd')
    .send(cameIntoCare({ childId: 'CHILD-LOGS-99', becameLookedAfter: '2026-01-01', dateOfBirth: '2015-06-01', team: 'north-1' }));
  expect(r.status).toBe(201);
  await request(app).get('/api/profiles/statutory?x=1');
  const lines = log.parsed();
  const line = lines.find((l) => l.requestId === 'trace-0001-abcd')!;
  expect(line).toMatchObject({
    level: 30,
    msg: 'request',
    method: 'POST',
    route: '/api/looked-after-cycles',
    status: 201,
    user: 'unit-7',
    target: 'lac-' + 'a'.repeat(24),
  });
  expect(typeof line.ms).toBe('number');
  expect(typeof line.time).toBe('string');
  // The other request: its own generated id, and no query string anywhere.
  const other = lines.find((l) => l.requestId !== 'trace-0001-abcd')!;
  expect(other).toMatchObject({ route: '/api/profiles/:id', status: 401 });
  expect(other.requestId).toMatch(/^[0-9a-f-]{36}$/);
  for (const l of log.lines) expect(l.match(/"requestId"/g)?.length ?? 0).toBeLessThanOrEqual(1);
  const all = log.lines.join('\n');
  for (const secret of [token, 'secret-cookie-value', 'CHILD-LOGS-99', '2015-06-01', 'x=1', 'authorization', 'cookie'])
    expect(all.toLowerCase()).not.toContain(secret.toLowerCase());
});

test('an unexpected error is logged at error level with the request id (and the request line says 500)', async () => {
  const log = capture();
  const app = makeApp(lazy, base, 'unused', {
    observability: { logger: log.logger },
    lookedAfterCycles: {
      state: async () => {
        // Any module's line while serving the request carries its id (not only the request log's).
        await new Promise((r) => setTimeout(r, 5));
        log.logger.info({ component: 'cases' }, 'asking the case');
        throw new Error('the case service broke');
      },
      today: () => '2026-01-10',
    } as unknown as LookedAfterCycles,
  });
  const r = await request(app)
    .get(`/api/looked-after-cycles/lac-${'b'.repeat(24)}`)
    .set('Authorization', `Bearer ${await tokenFor('iro-unit')}`)
    .set('X-Request-Id', 'trace-0002-abcd');
  expect(r.status).toBe(500);
  expect(r.body.error.message).not.toContain('broke');
  const mine = log.parsed().filter((l) => l.requestId === 'trace-0002-abcd');
  expect(mine.map((l) => [l.level, l.msg])).toEqual([
    [30, 'asking the case'],
    [50, 'unexpected error'],
    [50, 'request failed'],
  ]);
  expect(mine[1]).toMatchObject({ route: 'GET /api/looked-after-cycles/:cycleId', err: { message: 'the case service broke' } });
});

test('redaction: secrets and personal keys are censored wherever they are logged', () => {
  const log = capture();
  log.logger.info(
    { headers: { authorization: 'Bearer abc', cookie: 'c=1' }, input: { dateOfBirth: '2015-06-01', address: '1 High St' }, token: 't' },
    'x',
  );
  expect(log.parsed()[0]).toMatchObject({
    headers: { authorization: '[redacted]', cookie: '[redacted]' },
    input: { dateOfBirth: '[redacted]', address: '[redacted]' },
    token: '[redacted]',
  });
});

test("the SDK's logger goes through pino, below its level dropped, with its metadata", () => {
  const log = capture();
  const sdk = new PinoTemporalLogger(log.logger.child({ component: 'temporal' }), 'WARN');
  sdk.info('bundling workflows');
  sdk.warn('activity retried', { workflowId: 'lac-1', activityType: 'notify' });
  sdk.log('ERROR', 'worker failed');
  expect(log.parsed().map(({ level, msg, component, workflowId }) => ({ level, msg, component, workflowId }))).toEqual([
    { level: 40, msg: 'activity retried', component: 'temporal', workflowId: 'lac-1' },
    { level: 50, msg: 'worker failed', component: 'temporal', workflowId: undefined },
  ]);
});

test('on a terminal: short human lines', () => {
  expect(humanLine('{"level":40,"time":"2026-11-24T23:01:02.000Z","pid":1,"msg":"mail slow","component":"mail"}')).toBe(
    '23:01:02 WARN  mail slow  component=mail\n',
  );
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const s = createServer(handler);
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return `127.0.0.1:${(s.address() as AddressInfo).port}`;
}

test("the SDK core's metrics are appended; a name already given is not repeated", async () => {
  const sdk = await listen((_req, res) =>
    res.end(
      '# HELP temporal_workflow_task_queue_poll_succeed x\n# TYPE temporal_workflow_task_queue_poll_succeed counter\n' +
        'temporal_workflow_task_queue_poll_succeed{namespace="default"} 4\n' +
        '# HELP process_resident_memory_bytes dup\n# TYPE process_resident_memory_bytes gauge\nprocess_resident_memory_bytes 1\n',
    ),
  );
  const text = await renderMetrics([processRegistry], sdk);
  expect(text).toContain('temporal_workflow_task_queue_poll_succeed{namespace="default"} 4');
  expect(text.match(/^# TYPE process_resident_memory_bytes /gm)).toHaveLength(1);
  expect(text).not.toContain('process_resident_memory_bytes 1\n');
  // The SDK endpoint down: the app's metrics still come.
  expect(await renderMetrics([processRegistry], '127.0.0.1:1')).toContain('care_reviews_http_request_duration_seconds');
});

test("the worker's own metrics server: /metrics (guarded like the API's) and /health", async () => {
  const s = await startMetricsServer({ port: 0, token: 'worker-metrics-token-0123' });
  servers.push(s);
  const url = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  expect((await fetch(`${url}/health`)).status).toBe(200);
  expect((await fetch(`${url}/metrics`)).status).toBe(401);
  const ok = await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer worker-metrics-token-0123' } });
  expect(ok.status).toBe(200);
  expect(ok.headers.get('content-type')).toMatch(/^text\/plain/);
  expect(await ok.text()).toContain('# TYPE care_reviews_mail_delivery_failures_total counter');
});

test('an email given up on is counted by kind (and permanence), and each send by outcome', async () => {
  base.store.directory.replace(testDirectory(), 'test');
  const transport: MailTransport = {
    name: 'test',
    describe: 'test',
    send: async (e) => {
      if (e.to.startsWith('iro.unit')) throw new DeliveryError('550 no such user', true);
      return { providerId: `test-${e.messageId}` };
    },
    close: () => undefined,
  };
  const delivery = new MailDelivery({ store: base.store, transport, from: FROM, log: () => undefined });
  const value = async (c: typeof mailFailures | typeof mailAttempts, labels: Record<string, string>) =>
    (await c.get()).values.find((v) => Object.entries(labels).every(([k, l]) => (v.labels as Record<string, unknown>)[k] === l))?.value ??
    0;
  const failedBefore = await value(mailFailures, { kind: 'caseload-over-capacity', permanent: 'true' });
  const sentBefore = await value(mailAttempts, { outcome: 'sent' });
  base.store.recordNotification(notification('obs-1', 'iro-unit', { kind: 'caseload-over-capacity' }));
  await delivery.runOnce();
  await delivery.runOnce(); // the IRO unit manager's notice of the failure
  expect(await value(mailFailures, { kind: 'caseload-over-capacity', permanent: 'true' })).toBe(failedBefore + 1);
  expect(await value(mailAttempts, { outcome: 'sent' })).toBeGreaterThan(sentBefore);
  await delivery.stop();
});
