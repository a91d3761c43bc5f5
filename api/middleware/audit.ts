/**
 * Audit: every state-changing request (anything but GET/HEAD/OPTIONS), allowed or not, is recorded
 * in the embedded store with who sent it, when, what it was aimed at and how it ended. Field names
 * are kept, values are not: the audit log must not become a second copy of children's records.
 */
import { RequestHandler } from 'express';
import { EmbeddedStore } from '../../data/embedded-store';
import { Principal } from '../../platform/auth/roles';
import { requestLog } from './request-log';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
const FIELD = /^[A-Za-z][A-Za-z0-9_]{0,40}$/;

export function audit(store: EmbeddedStore): RequestHandler {
  return (req, res, next) => {
    if (READS.has(req.method)) {
      next();
      return;
    }
    const at = new Date().toISOString();
    res.on('finish', () => {
      const p = res.locals.principal as Principal | undefined;
      const body = req.body;
      const fields =
        body && typeof body === 'object' && !Array.isArray(body)
          ? Object.keys(body)
              .map((k) => (FIELD.test(k) ? k : '?'))
              .slice(0, 40)
          : [];
      // Matched routes are recorded by pattern; anything else by a bounded, query-free path.
      const route = typeof res.locals.route === 'string' ? res.locals.route : `${req.method} ${req.path.slice(0, 200)}`;
      const target =
        typeof res.locals.created === 'string'
          ? res.locals.created
          : typeof res.locals.target === 'string'
            ? res.locals.target.slice(0, 100)
            : null;
      try {
        store.recordAudit({
          at,
          userId: p?.userId ?? 'anonymous',
          roles: p?.roles ?? [],
          method: req.method.slice(0, 10),
          route,
          target,
          fields,
          status: res.statusCode,
          outcome: res.statusCode < 400 ? 'done' : res.statusCode < 500 ? 'refused' : 'failed',
        });
      } catch (e) {
        requestLog(res).error({ component: 'audit', err: e, route, status: res.statusCode }, 'could not record an audit entry');
      }
    });
    next();
  };
}
