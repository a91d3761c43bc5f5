/**
 * createApp(services): the HTTP API over the services built by services() (api/services/). Routes
 * only parse and respond, so tests can build it with stub case services and no Temporal server.
 *
 * Every route is declared with the roles that may call it (secure-router); the declarations are
 * kept on `app.locals.routes` for the permission-matrix and fuzz tests.
 */
import express, { Express } from 'express';
import { broadcastCalendar } from './calendar-broadcast';
import { Calculator } from './calculator';
import { audit } from './middleware/audit';
import { authenticate } from './middleware/authenticate';
import { errorHandler, notFound } from './middleware/errors';
import { setUpRequestLogging } from './middleware/request-log';
import { apiCors, codecCors, formBody, jsonBody, rateLimited, securityHeaders } from './middleware/hardening';
import { auditRoutes } from './routes/audit';
import { calcRoutes } from './routes/calc';
import { calendarRoutes } from './routes/calendar';
import { CODEC_COOKIE, codecRoutes } from './routes/codec';
import { disputeFigureRoutes, disputeRoutes } from './routes/disputes';
import { cinCaseloadRoutes, cinReviewRoutes } from './routes/cin-reviews';
import { caseloadRoutes, openToReviewRoutes } from './routes/open-to-review-cases';
import { directoryRoutes } from './routes/directory';
import { docsAssets, docsRoutes } from './routes/docs';
import { importRoutes } from './routes/imports';
import { lookedAfterCycleRoutes } from './routes/looked-after-cycles';
import { notificationRoutes } from './routes/notifications';
import { healthRoutes, metricsRoutes, readinessChecks, readyRoutes } from './routes/operations';
import { profileRoutes } from './routes/profiles';
import { recordRoutes } from './routes/record';
import { returnRoutes } from './routes/returns';
import { timelinessRoutes } from './routes/timeliness';
import { RouteDeclaration, SecureRouter, secureRouter } from './secure-router';
import { ObservabilityOptions, Services } from './services';
import { setUpWeb, setUpWebAssets, setUpWebErrors } from '../web/app';
import { storeMetrics } from '../data/store-metrics';
import { caseMetrics } from '../platform/case-metrics';
import { observabilitySettings, processRegistry } from '../platform/metrics';

export type { Services } from './services';

export function createApp(services: Services): Express {
  const { client, store, calendar, profiles, verifier, http } = services;
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

  // The environment's token guards /metrics even if the entry point passes no settings.
  const obs = services.observability ?? { metricsToken: observabilitySettings().metricsToken };
  setUpRequestLogging(app, obs.logger);
  app.use(securityHeaders());
  setUpWebAssets(app);
  app.use(rateLimited(http.rateLimitPerMinute));
  app.use(audit(store));

  // The codec endpoint has its own CORS (the Web UI's origin, with credentials) and sign-in cookie.
  app.use('/codec', codecCors(http.codecOrigins), jsonBody('4mb'), formBody('16kb'));
  mount(
    '/codec',
    (r) => codecRoutes(r, services.codecs, !!services.production),
    authenticate(verifier, { cookie: CODEC_COOKIE, formField: 'token' }),
  );

  app.use(apiCors(http.corsOrigins), jsonBody(http.bodyLimit));
  setUpOperations(services, obs, mount);
  docsAssets(app);
  mount('/api', (r) => docsRoutes(r, () => declared));
  mount('/api/calc', (r) => calcRoutes(r, new Calculator(() => calendar.calendar(), profiles)));
  mount('/api/profiles', (r) => profileRoutes(r, profiles));
  mount('/api/calendar', (r) => calendarRoutes(r, { calendar, broadcast: (s) => broadcastCalendar(client, s) }));
  mount('/api/notifications', (r) => notificationRoutes(r, store));
  mount('/api/directory', (r) => directoryRoutes(r, store));
  mount('/api/audit', (r) => auditRoutes(r, store));
  mount('/api/timeliness', (r) =>
    timelinessRoutes(
      r,
      () => services,
      () => services.lookedAfterCycles.today(),
    ),
  );
  mount('/api/returns', (r) => returnRoutes(r, () => services.record));
  mount('/api/record', (r) => recordRoutes(r, { client, record: () => services.record, cases: store.cases }));
  mount('/api/disputes', (r) => disputeRoutes(r, services.disputes));
  mount('/api/dispute-figures', (r) => disputeFigureRoutes(r, store));
  mount('/api/looked-after-cycles', (r) => lookedAfterCycleRoutes(r, services.lookedAfterCycles));
  mount('/api/imports', (r) =>
    importRoutes(
      r,
      {
        'looked-after': { importer: services.lookedAfterImport, perRow: 'one row per child' },
        'open-to-review': { importer: services.openToReviewImport, perRow: 'one row per Open to Review case' },
        disputes: { importer: services.disputeImport, perRow: 'one row per open dispute' },
      },
      () => {
        const teams = Object.keys(store.directory.current()?.directory.teams ?? {});
        return teams.length ? new Set(teams) : undefined;
      },
    ),
  );
  mount('/api/open-to-review-cases', (r) => openToReviewRoutes(r, services.openToReviewCases));
  mount('/api/o2r-caseloads', (r) => caseloadRoutes(r, services.openToReviewCases));
  mount('/api/cin-reviews', (r) => cinReviewRoutes(r, services.cinReviews));
  mount('/api/cin-caseloads', (r) => cinCaseloadRoutes(r, services.cinReviews));

  // The screens, under / (after the API, so /api paths never reach a page).
  setUpWeb(app, services, mount);
  setUpWebErrors(app);
  app.use(notFound);
  app.use(errorHandler);
  return app;
}

/** /health, /ready and /metrics (api/routes/operations.ts): no user token; /metrics has its own guard. */
function setUpOperations(
  services: Services,
  obs: ObservabilityOptions,
  mount: (base: string, build: (r: SecureRouter) => void) => void,
): void {
  const timeoutMs = obs.readyTimeoutMs ?? 3_000;
  mount('/health', healthRoutes);
  mount('/ready', (r) =>
    readyRoutes(
      r,
      readinessChecks({ client: services.client, store: services.store, record: () => services.record }, timeoutMs),
      timeoutMs,
    ),
  );
  const registries = [processRegistry, storeMetrics(services.store), caseMetrics(services.client, { clock: services.clock })];
  mount('/metrics', (r) => metricsRoutes(r, { registries, token: obs.metricsToken, sdkMetricsAddress: obs.sdkMetricsAddress }));
}

export function declaredRoutes(app: Express): RouteDeclaration[] {
  return app.locals.routes as RouteDeclaration[];
}
