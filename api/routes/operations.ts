/**
 * For operators and their tools, no user token: GET /health (liveness: the process answers),
 * GET /ready (Temporal, the store and the statutory record each answer a trivial request within
 * the timeout; 503 naming the failed checks) and GET /metrics (Prometheus text, behind its own
 * guard: platform/metrics.ts metricsAccess).
 */
import { Client } from '@temporalio/client';
import { Request } from 'express';
import { Registry } from 'prom-client';
import { EmbeddedStore } from '../../data/embedded-store';
import type { RecordStore } from '../../data/record/record-store';
import { METRICS_CONTENT_TYPE, metricsAccess, renderMetrics } from '../../platform/metrics';
import { InputError } from '../input-error';
import { requestLog } from '../middleware/request-log';
import { SecureRouter } from '../secure-router';

export interface ReadyCheck {
  name: string;
  run: () => Promise<unknown>;
}

export function readinessChecks(s: { client: Client; store: EmbeddedStore; record: () => RecordStore }, timeoutMs: number): ReadyCheck[] {
  return [
    {
      name: 'temporal',
      run: () => s.client.connection.withDeadline(Date.now() + timeoutMs, () => s.client.workflowService.getSystemInfo({})),
    },
    { name: 'store', run: async () => s.store.ping() },
    {
      name: 'record',
      run: async () => {
        const record = s.record();
        // A record without ping (a test double) answers an empty query instead.
        await (record.ping ? record.ping() : record.facts({ caseId: '' }));
      },
    },
  ];
}

function within<T>(ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

export function healthRoutes(r: SecureRouter): void {
  r.get('/', 'public', (_req, res) => {
    res.json({ status: 'ok' });
  });
}

export function readyRoutes(r: SecureRouter, checks: ReadyCheck[], timeoutMs: number): void {
  r.get('/', 'public', async (_req, res) => {
    const results = await Promise.all(
      checks.map(async (c) => {
        try {
          await within(timeoutMs, Promise.resolve().then(c.run));
          return [c.name, 'ok'] as const;
        } catch (e) {
          // The reason goes to the log (with the request id), not to an unauthenticated caller.
          requestLog(res).warn({ check: c.name, err: e }, 'readiness check failed');
          return [c.name, 'failed'] as const;
        }
      }),
    );
    const failed = results.filter(([, v]) => v !== 'ok').map(([k]) => k);
    const body = { status: failed.length ? 'not ready' : 'ready', checks: Object.fromEntries(results) };
    if (!failed.length) {
      res.json(body);
      return;
    }
    res.status(503).json({ ...body, error: { status: 503, message: `not ready: ${failed.join(', ')} did not answer` } });
  });
}

function accessOf(req: Request) {
  return {
    authorization: req.get('authorization'),
    remoteAddress: req.socket.remoteAddress,
    forwarded: req.get('x-forwarded-for') !== undefined || req.get('forwarded') !== undefined,
  };
}

export function metricsRoutes(r: SecureRouter, o: { registries: Registry[]; token?: string; sdkMetricsAddress?: string }): void {
  r.get('/', 'public', async (req, res) => {
    const access = metricsAccess(accessOf(req), o.token);
    if (!access.ok) throw new InputError('authorization', access.message, access.status);
    res.type(METRICS_CONTENT_TYPE).send(await renderMetrics(o.registries, o.sdkMetricsAddress));
  });
}
