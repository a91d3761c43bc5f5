/**
 * createApp(services): the composition root of the HTTP API. Everything it needs is passed in, so
 * tests build it with their own Temporal client, store and keys.
 *
 * Every route is declared with the roles that may call it (secure-router); the declarations are
 * kept on `app.locals.routes` for the permission-matrix and fuzz tests.
 */
import express, { Express } from 'express';
import { Client } from '@temporalio/client';
import { PayloadCodec } from '@temporalio/common';
import { CalendarService } from '../data/calendar-service';
import { ProfileRegistry } from '../data/reference-data';
import { EmbeddedStore } from '../data/embedded-store';
import { HttpSettings } from '../platform/config';
import { TokenVerifier } from '../platform/auth/tokens';
import { broadcastCalendar } from './calendar-broadcast';
import { Calculator } from './calculator';
import { audit } from './middleware/audit';
import { authenticate } from './middleware/authenticate';
import { errorHandler, notFound } from './middleware/errors';
import { apiCors, codecCors, formBody, jsonBody, rateLimited, securityHeaders } from './middleware/hardening';
import { auditRoutes } from './routes/audit';
import { calcRoutes } from './routes/calc';
import { calendarRoutes } from './routes/calendar';
import { CODEC_COOKIE, codecRoutes } from './routes/codec';
import { disputeFigureRoutes, disputeRoutes } from './routes/disputes';
import { caseloadRoutes, openToReviewRoutes } from './routes/open-to-review-cases';
import { docsAssets, docsRoutes } from './routes/docs';
import { lookedAfterCycleRoutes } from './routes/looked-after-cycles';
import { notificationRoutes } from './routes/notifications';
import { profileRoutes } from './routes/profiles';
import { timelinessRoutes } from './routes/timeliness';
import { RouteDeclaration, SecureRouter, secureRouter } from './secure-router';

export interface Services {
  client: Client;
  taskQueue: string;
  store: EmbeddedStore;
  calendar: CalendarService;
  profiles: ProfileRegistry;
  defaultProfile?: string;
  verifier: TokenVerifier;
  /** HMAC key for opaque case ids (see services/case-ids.ts). */
  idKey: Buffer;
  /** The payload codecs the clients and workers use; served to the Web UI at /codec. */
  codecs: PayloadCodec[];
  http: HttpSettings;
  /** Production: cookies only over HTTPS. */
  production?: boolean;
  /** The time "today" is judged by (tests on the time-skipping server pass the server's clock). */
  clock?: () => number;
}

export function createApp(services: Services): Express {
  const { client, taskQueue, store, calendar, profiles, verifier, http } = services;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', http.trustProxy);
  app.set('query parser', 'simple');
  const declared: RouteDeclaration[] = [];
  app.locals.routes = declared;
  const bearer = authenticate(verifier);
  const mount = (base: string, build: (r: SecureRouter) => void, auth = bearer) => {
    const r = secureRouter(base, declared, auth);
    build(r);
    app.use(base, r.router);
  };

  app.use(securityHeaders());
  app.use(rateLimited(http.rateLimitPerMinute));
  app.use(audit(store));

  // The codec endpoint has its own CORS (the Web UI's origin, with credentials) and sign-in cookie.
  app.use('/codec', codecCors(http.codecOrigins), jsonBody('4mb'), formBody('16kb'));
  mount('/codec', (r) => codecRoutes(r, services.codecs, !!services.production), authenticate(verifier, { cookie: CODEC_COOKIE, formField: 'token' }));

  app.use(apiCors(http.corsOrigins), jsonBody(http.bodyLimit));
  mount('/health', (r) => r.get('/', 'public', (_req, res) => { res.json({ status: 'ok' }); }));
  docsAssets(app);
  mount('/api', (r) => docsRoutes(r, () => declared));
  mount('/api/calc', (r) => calcRoutes(r, new Calculator(() => calendar.calendar(), profiles)));
  mount('/api/profiles', (r) => profileRoutes(r, profiles));
  mount('/api/calendar', (r) => calendarRoutes(r, { calendar, broadcast: (s) => broadcastCalendar(client, s) }));
  mount('/api/notifications', (r) => notificationRoutes(r, store));
  mount('/api/audit', (r) => auditRoutes(r, store));
  mount('/api/timeliness', (r) => timelinessRoutes(r, store));
  mount('/api/disputes', (r) => disputeRoutes(r, { client, calendar, taskQueue, profiles, defaultProfile: services.defaultProfile ?? 'statutory' }));
  mount('/api/dispute-figures', (r) => disputeFigureRoutes(r, store));
  mount('/api/looked-after-cycles', (r) =>
    lookedAfterCycleRoutes(r, { client, calendar, taskQueue, profiles, defaultProfile: services.defaultProfile ?? 'statutory', idKey: services.idKey, clock: services.clock ?? Date.now }));
  const openToReview = { client, calendar, taskQueue, profiles, defaultProfile: services.defaultProfile ?? 'statutory', idKey: services.idKey, clock: services.clock ?? Date.now };
  mount('/api/open-to-review-cases', (r) => openToReviewRoutes(r, openToReview));
  mount('/api/o2r-caseloads', (r) => caseloadRoutes(r, openToReview));

  app.use(notFound);
  app.use(errorHandler);
  return app;
}

export function declaredRoutes(app: Express): RouteDeclaration[] {
  return app.locals.routes as RouteDeclaration[];
}
