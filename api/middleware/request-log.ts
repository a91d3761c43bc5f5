/**
 * Request ids, the access log and the latency histogram, for every request (first in the chain).
 *
 * The id: an incoming X-Request-Id if it is a sane token (a proxy's or a caller's, so one id follows
 * a request across systems), else a fresh UUID; sent back in X-Request-Id, on res.locals.requestId,
 * and in every line any module logs while serving the request (the error handler's too), through
 * requestContext (platform/log.ts).
 *
 * One line per request: method, the route pattern as declared (`/api/looked-after-cycles/:cycleId`,
 * never the raw URL or its query string, which may carry a search), the route's target when it is
 * id-shaped, the caller's staff id, status and duration. Headers and bodies are never logged.
 */
import { randomUUID } from 'node:crypto';
import { Express, RequestHandler, Response } from 'express';
import { Principal } from '../../platform/auth/roles';
import { Logger, logger as processLogger, requestContext } from '../../platform/log';
import { httpDuration } from '../../platform/metrics';

const SANE_ID = /^[A-Za-z0-9._:@/+=-]{8,128}$/;
const ID_SHAPED = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export function requestIdOf(incoming: string | undefined): string {
  return incoming !== undefined && SANE_ID.test(incoming) ? incoming : randomUUID();
}

/** The request's logger (its lines carry the request id through requestContext). */
export function requestLog(res: Response): Logger {
  return (res.locals.log as Logger | undefined) ?? processLogger;
}

/** The declared pattern of the route that matched (secure-router), else `unmatched`. */
function routePattern(res: Response): string {
  const r = res.locals.routePattern;
  return typeof r === 'string' ? r : 'unmatched';
}

export function requestLogging(log: Logger = processLogger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const requestId = requestIdOf(req.get('x-request-id'));
    res.locals.requestId = requestId;
    res.locals.log = log;
    res.setHeader('X-Request-Id', requestId);
    res.once('close', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const method = METHODS.has(req.method) ? req.method : 'other';
      const route = routePattern(res);
      const aborted = !res.writableFinished;
      const status = res.statusCode;
      httpDuration.observe({ method, route, status_class: aborted ? 'aborted' : `${Math.floor(status / 100)}xx` }, seconds);
      const target = res.locals.created ?? res.locals.target;
      const user = (res.locals.principal as Principal | undefined)?.userId;
      const line = {
        requestId,
        method,
        route,
        ...(typeof target === 'string' && ID_SHAPED.test(target) ? { target } : {}),
        ...(user ? { user } : {}),
        status,
        ms: Math.round(seconds * 10_000) / 10,
        ...(aborted ? { aborted: true } : {}),
      };
      const out = res.locals.log as Logger;
      if (status >= 500) out.error(line, 'request failed');
      else out.info(line, 'request');
    });
    requestContext.run({ requestId }, next);
  };
}

/** Installs it on the app, before anything else answers (so every response carries its id). */
export function setUpRequestLogging(app: Express, log?: Logger): void {
  app.use(requestLogging(log));
}
