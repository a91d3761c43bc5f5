/**
 * Prometheus metrics (prom-client). One registry per process for what the process counts as it
 * goes (HTTP latency, mail outcomes, Node's own process metrics); gauges of the product's state
 * (notifications, overdue cases) are separate registries collected at scrape time from the store
 * and Temporal's visibility (data/store-metrics.ts, platform/case-metrics.ts), merged by
 * renderMetrics(). Labels are kinds, states, methods and route patterns only: never an id, a name
 * or a raw URL (nothing personal, and a bounded number of series).
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export const processRegistry = new Registry();
collectDefaultMetrics({ register: processRegistry });

export const httpDuration = new Histogram({
  name: 'care_reviews_http_request_duration_seconds',
  help: 'API and screen requests by method, route pattern (as declared, e.g. /api/looked-after-cycles/:cycleId) and status class',
  labelNames: ['method', 'route', 'status_class'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [processRegistry],
});

export const mailAttempts = new Counter({
  name: 'care_reviews_mail_delivery_attempts_total',
  help: 'Emails sent (one by one and as morning digests) by outcome (sent, retried, failed) since the process started',
  labelNames: ['outcome'] as const,
  registers: [processRegistry],
});

export const mailFailures = new Counter({
  name: 'care_reviews_mail_delivery_failures_total',
  help: 'Emails given up on (the IRO unit manager is told) by notification kind and whether the failure was permanent',
  labelNames: ['kind', 'permanent'] as const,
  registers: [processRegistry],
});

const LABEL = /^[a-z0-9][a-z0-9-]{0,47}$/;
/** A label value from the product's own vocabulary (kinds, states); anything else is `other`. */
export function labelValue(v: unknown): string {
  return typeof v === 'string' && LABEL.test(v) ? v : 'other';
}

/** A value computed at most once per `ttlMs` (a scrape every few seconds costs one query a minute). */
export function cached<T>(ttlMs: number, compute: () => Promise<T>, clock: () => number = Date.now): () => Promise<T> {
  let at = -Infinity;
  let value: Promise<T> | undefined;
  return () => {
    if (!value || clock() - at >= ttlMs) {
      at = clock();
      value = compute();
      // A failure is not kept: the next scrape tries again.
      value.catch(() => {
        value = undefined;
      });
    }
    return value;
  };
}

export interface ObservabilitySettings {
  /** CARE_REVIEWS_METRICS_TOKEN: /metrics answers only with `Authorization: Bearer <token>`. */
  metricsToken?: string;
  /** CARE_REVIEWS_METRICS_PORT: the worker process (without the API) serves /metrics on this port. */
  metricsPort?: number;
  /** CARE_REVIEWS_SDK_METRICS_ADDRESS: where the SDK core serves its metrics (`off`: nowhere). */
  sdkMetricsAddress?: string;
}

export function observabilitySettings(env: NodeJS.ProcessEnv = process.env): ObservabilitySettings {
  const token = env.CARE_REVIEWS_METRICS_TOKEN?.trim();
  if (token !== undefined && token !== '' && token.length < 16)
    throw new Error('CARE_REVIEWS_METRICS_TOKEN must be at least 16 characters (it guards /metrics)');
  const port = env.CARE_REVIEWS_METRICS_PORT?.trim();
  const n = port ? Number(port) : undefined;
  if (n !== undefined && (!Number.isInteger(n) || n < 1 || n > 65535))
    throw new Error(`CARE_REVIEWS_METRICS_PORT must be a port number (1-65535), got "${port}"`);
  const sdk = env.CARE_REVIEWS_SDK_METRICS_ADDRESS?.trim() || '127.0.0.1:9464';
  if (sdk !== 'off' && !/^[\w.[\]:-]+:\d{1,5}$/.test(sdk))
    throw new Error(`CARE_REVIEWS_SDK_METRICS_ADDRESS must be host:port or off, got "${sdk}"`);
  return { metricsToken: token || undefined, metricsPort: n, sdkMetricsAddress: sdk === 'off' ? undefined : sdk };
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Who may read /metrics. With a token: whoever presents it (Prometheus on another machine). Without
 * one: only a client on this machine talking to the process directly (no proxy header), so the
 * embedded default can be scraped locally and nothing is exposed once a proxy or a port mapping
 * makes the app public. The metrics hold nothing personal; the guard keeps operational figures
 * (case counts, failures) to the operators.
 */
export function metricsAccess(
  r: { authorization?: string; remoteAddress?: string; forwarded: boolean },
  token: string | undefined,
): { ok: true } | { ok: false; status: 401 | 403; message: string } {
  if (token) {
    const given = Buffer.from(/^Bearer (.+)$/.exec(r.authorization ?? '')?.[1] ?? '');
    const want = Buffer.from(token);
    if (given.length === want.length && timingSafeEqual(given, want)) return { ok: true };
    return { ok: false, status: 401, message: 'authorization: /metrics needs the bearer token set in CARE_REVIEWS_METRICS_TOKEN' };
  }
  if (!r.forwarded && LOOPBACK.has(r.remoteAddress ?? '')) return { ok: true };
  return {
    ok: false,
    status: 403,
    message: 'authorization: /metrics is served to this machine only; set CARE_REVIEWS_METRICS_TOKEN to scrape it from elsewhere',
  };
}

/** The SDK core's metrics, fetched from its endpoint (none if it does not answer within 2 s). */
async function sdkMetrics(address: string | undefined): Promise<string> {
  if (!address) return '';
  try {
    const r = await fetch(`http://${address}/metrics`, { signal: AbortSignal.timeout(2000) });
    return r.ok ? await r.text() : '';
  } catch {
    return '';
  }
}

/** The metric a line of Prometheus text is about (`# HELP name`, `# TYPE name`, `name{…} value`). */
function metricOf(line: string): string | undefined {
  return /^# (?:HELP|TYPE) (\S+)/.exec(line)?.[1] ?? /^([a-zA-Z_:][\w:]*)/.exec(line)?.[1];
}

/** Everything, as Prometheus text: the registries, then the SDK's (any name already given is left out). */
export async function renderMetrics(registries: Registry[], sdkMetricsAddress?: string): Promise<string> {
  const [ours, sdk] = await Promise.all([Registry.merge(registries).metrics(), sdkMetrics(sdkMetricsAddress)]);
  if (!sdk) return ours;
  const names = new Set(ours.split('\n').flatMap((l) => (l.startsWith('# TYPE ') ? [metricOf(l)!] : [])));
  const taken = (l: string) => {
    const m = metricOf(l);
    return !!m && [...names].some((n) => m === n || m.startsWith(`${n}_`));
  };
  const kept = sdk.split('\n').filter((l) => l.trim() && !taken(l));
  return `${ours.trimEnd()}\n${kept.join('\n')}\n`;
}

export const METRICS_CONTENT_TYPE = processRegistry.contentType;

/**
 * The worker process's own endpoint (when it runs without the API): GET /metrics (the same guard as
 * the API's) and GET /health. `registries` defaults to the process registry.
 */
export function startMetricsServer(o: {
  port: number;
  host?: string;
  registries?: Registry[];
  sdkMetricsAddress?: string;
  token?: string;
}): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'GET' && path === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"status":404,"message":"GET /metrics or /health"}}');
      return;
    }
    const access = metricsAccess(
      {
        authorization: req.headers.authorization,
        remoteAddress: req.socket.remoteAddress,
        forwarded: !!req.headers['x-forwarded-for'] || !!req.headers.forwarded,
      },
      o.token,
    );
    if (!access.ok) {
      res
        .writeHead(access.status, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { status: access.status, message: access.message, field: 'authorization' } }));
      return;
    }
    renderMetrics(o.registries ?? [processRegistry], o.sdkMetricsAddress).then(
      (text) => res.writeHead(200, { 'content-type': METRICS_CONTENT_TYPE }).end(text),
      () => res.writeHead(500).end(),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host ?? '127.0.0.1', () => resolve(server));
  });
}
