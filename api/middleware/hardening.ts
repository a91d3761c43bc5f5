/**
 * Security headers, CORS (closed unless origins are configured), a per-client rate limit and a
 * body size limit: the protections every route gets before it runs.
 */
import cors from 'cors';
import express, { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { ErrorBody } from './errors';

export function securityHeaders(): RequestHandler {
  return helmet({
    // JSON API plus two tiny pages: nothing is loaded from elsewhere.
    // (No upgrade-insecure-requests: the embedded default serves plain http on localhost, and TLS in
    // production is the reverse proxy's job.)
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        styleSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
}

/** Browsers may call the API only from the configured origins; with none, no CORS headers at all. */
export function apiCors(origins: string[]): RequestHandler {
  if (origins.length === 0) return (_req, _res, next) => next();
  return cors({ origin: origins, methods: ['GET', 'POST'], allowedHeaders: ['Authorization', 'Content-Type'], maxAge: 600 });
}

/** The Temporal Web UI calls /codec from the browser, with the operator's cookie. */
export function codecCors(origins: string[]): RequestHandler {
  return cors({
    origin: origins.length ? origins : false,
    credentials: true,
    methods: ['POST'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Namespace'],
    maxAge: 600,
  });
}

export function rateLimited(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, res, _next, options) => {
      const status = options.statusCode;
      res.status(status).json({
        error: { status, message: `too many requests: at most ${perMinute} a minute from one client; try again shortly`, field: 'rate' },
      } satisfies ErrorBody);
    },
  });
}

export function jsonBody(limit: string): RequestHandler {
  return express.json({ limit, strict: true });
}

export function formBody(limit: string): RequestHandler {
  return express.urlencoded({ limit, extended: false, parameterLimit: 20 });
}
