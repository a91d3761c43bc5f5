/**
 * Every user mistake becomes a 4xx naming the field (and the rule, for a business refusal);
 * anything else is a 500 with no internals in the body.
 */
import { ErrorRequestHandler, RequestHandler } from 'express';
import { InputError } from '../input-error';
import { requestLog } from './request-log';

export interface ErrorBody {
  error: { status: number; message: string; field?: string; rule?: string; failures?: { field: string; rule?: string; message: string }[] };
}

export const notFound: RequestHandler = (req, res) => {
  res.status(404).json({ error: { status: 404, message: `no such endpoint: ${req.method} ${req.path}` } } satisfies ErrorBody);
};

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  if (err instanceof InputError) {
    if (err.target) res.locals.target = err.target;
    const error = {
      status: err.status,
      message: err.message,
      field: err.field,
      rule: err.rule,
      ...(err.failures ? { failures: err.failures } : {}),
    };
    res.status(err.status).json({ ...err.extra, error } satisfies ErrorBody);
    return;
  }
  // body-parser's own errors carry a 4xx status and a type.
  const status = typeof err?.status === 'number' ? err.status : undefined;
  if (status && status >= 400 && status < 500) {
    const message =
      err.type === 'entity.parse.failed'
        ? 'body: not valid JSON'
        : err.type === 'entity.too.large'
          ? 'body: too large'
          : err.type === 'encoding.unsupported' || err.type === 'charset.unsupported'
            ? 'body: unsupported encoding'
            : String(err.message ?? 'bad request');
    res.status(status).json({ error: { status, message, field: 'body' } } satisfies ErrorBody);
    return;
  }
  // With the request id, so the caller's X-Request-Id finds it; the route by pattern, never the URL.
  requestLog(res).error(
    { err, method: req.method, route: typeof res.locals.route === 'string' ? res.locals.route : 'unmatched' },
    'unexpected error',
  );
  res.status(500).json({
    error: { status: 500, message: 'internal error; nothing was changed by this request if it failed before a workflow accepted it' },
  } satisfies ErrorBody);
};
