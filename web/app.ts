/**
 * The screens: GOV.UK Design System pages, server-rendered, served by the same express app under
 * `/` (the API stays under /api). Pages call the same services as the API's routes, with the same
 * roles (declared through the same secure router, so the permission matrix covers pages) and the
 * same team scope. One setUpX() per concern, called by createApp.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import express, { Express, RequestHandler } from 'express';
import { Services } from '../api/services';
import { SecureRouter } from '../api/secure-router';
import { Principal } from '../platform/auth/roles';
import { WebSettings } from '../platform/config';
import { checkCsrf } from './middleware/csrf';
import { pageAuth } from './middleware/page-auth';
import { isPage, pageErrors, pageNotFound } from './middleware/page-errors';
import { navFor } from './navigation';
import { GOVUK_DIST, nunjucksSetup } from './nunjucks-setup';
import { oidcRoutes } from './routes/oidc';
import { signInRoutes, signInToResume } from './routes/sign-in';
import { startRoutes } from './routes/start';
import { lookedAfterPages } from './routes/cases/looked-after';
import { disputePages } from './routes/cases/disputes';
import { openToReviewPages } from './routes/cases/open-to-review';
import { openToReviewCommandPages } from './routes/cases/open-to-review-commands';
import { childInNeedPages } from './routes/cases/child-in-need';
import { newCasePages } from './routes/cases/new-case';
import { calculatorPage } from './routes/start/calculator';
import { caseloadPages } from './routes/start/caseloads';
import { findPage } from './routes/find';
import { iroPage } from './routes/start/iro';
import { iroUnitPage } from './routes/start/iro-unit';
import { managersPage } from './routes/start/managers';
import { operatorPage } from './routes/start/operator';
import { IMPORT_PATH, importPages } from './routes/record/imports';
import { reconcilePage } from './routes/record/reconcile';
import { returnPages } from './routes/record/returns';
import { socialWorkerPage } from './routes/start/social-worker';
import { teamManagerPage } from './routes/start/team-manager';
import { SessionData, Sessions, principalOfSession } from './session';

export type { WebSettings };

export type Mount = (base: string, build: (r: SecureRouter) => void, auth?: RequestHandler) => void;

/** What the page routes are given. */
export interface WebContext {
  services: Services;
  sessions: Sessions;
  settings: WebSettings;
}

/** GOV.UK Frontend's assets and ours, before the rate limit (a page brings several). */
export function setUpWebAssets(app: Express): void {
  const opts = { maxAge: '1d', index: false, fallthrough: false } as const;
  app.use('/assets', express.static(join(GOVUK_DIST, 'govuk', 'assets'), opts));
  // Files, not routes (like /assets): nothing to declare roles for, so the permission matrix walks past them.
  const file = (url: string, path: string, maxAge: string) =>
    app.use(url, (req, res, next) =>
      req.path === '/' && (req.method === 'GET' || req.method === 'HEAD') ? res.sendFile(path, { maxAge }) : next(),
    );
  file('/stylesheets/govuk-frontend.min.css', join(GOVUK_DIST, 'govuk', 'govuk-frontend.min.css'), '1d');
  file('/javascripts/govuk-frontend.min.js', join(GOVUK_DIST, 'govuk', 'govuk-frontend.min.js'), '1d');
  file('/stylesheets/app.css', join(__dirname, 'public', 'app.css'), '1h');
  file('/javascripts/app.js', join(__dirname, 'public', 'app.js'), '1h');
}

/** Pages' own headers: a CSP that allows our scripts and GOV.UK Frontend's one inline script by nonce. */
function pageHeaders(): RequestHandler {
  return (req, res, next) => {
    if (!isPage(req.path)) return next();
    const nonce = randomBytes(16).toString('base64');
    res.locals.cspNonce = nonce;
    // Children's case pages must not be kept by the browser (Back on a shared PC after signing out).
    res.setHeader('Cache-Control', 'no-store');
    // Links between pages keep their referrer on this site only (case ids never leave it); browsers then send Origin on form posts.
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader(
      'Content-Security-Policy',
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}'`,
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
      ].join('; '),
    );
    next();
  };
}

/** The locals every page's layout uses. */
function pageLocals(): RequestHandler {
  return (req, res, next) => {
    const p = res.locals.principal as Principal | undefined;
    const s = res.locals.session as SessionData | undefined;
    res.locals.nav = navFor(p, req.path);
    res.locals.csrfToken = s?.csrf ?? '';
    res.locals.values = {};
    res.locals.errorsByField = {};
    if (p) {
      const who = `${p.userId}`.replace(/[&<>"']/g, '');
      res.locals.signOutForm =
        `<li class="govuk-service-navigation__item"><form class="app-sign-out" method="post" action="/sign-out">` +
        `<input type="hidden" name="_csrf" value="${s?.csrf ?? ''}">` +
        `<button type="submit" class="app-link-button govuk-service-navigation__link">Sign out (${who})</button></form></li>`;
    }
    next();
  };
}

export function webSessions(services: Services): Sessions {
  const settings = services.web ?? { idleMinutes: 30 };
  return new Sessions(
    services.idKey,
    { idleMinutes: settings.idleMinutes, secure: !!services.production },
    services.sessionClock,
    services.store.signedOut,
  );
}

/** Mounts every page. `mount` is createApp's: it declares each route with its roles. */
export function setUpWeb(app: Express, services: Services, mount: Mount): void {
  nunjucksSetup(app);
  const settings: WebSettings = services.web ?? { idleMinutes: 30 };
  const sessions = webSessions(services);
  app.locals.webSessions = sessions;
  const ctx: WebContext = { services, sessions, settings };
  app.use(pageHeaders());
  // Forms post url-encoded fields; a review's form has many (decision rows). The go-live import's
  // pasted CSV may be a few thousand children (the API takes 10 MB).
  const form = express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 400 });
  const csvForm = express.urlencoded({ extended: false, limit: '10mb', parameterLimit: 10 });
  app.use((req, res, next) => (isPage(req.path) ? (req.path === IMPORT_PATH ? csvForm : form)(req, res, next) : next()));
  const resume = signInToResume(ctx);
  const signedIn: RequestHandler = (req, res, next) =>
    pageAuth(sessions, services.verifier, resume)(req, res, (err?: unknown) =>
      err ? next(err) : checkCsrf(req, res, (e?: unknown) => (e ? next(e) : pageLocals()(req, res, next))),
    );
  const page: Mount = (base, build) => mount(base, build, signedIn);
  // Public pages (sign-in) still need the layout's locals.
  app.use((req, res, next) => (isPage(req.path) ? pageLocals()(req, res, next) : next()));
  oidcRoutes(mount, ctx);
  signInRoutes(mount, page, ctx);
  startRoutes(page, ctx);
  lookedAfterPages(page, ctx);
  newCasePages(page, ctx);
  disputePages(page, ctx);
  openToReviewPages(page, ctx);
  openToReviewCommandPages(page, ctx);
  childInNeedPages(page, ctx);
  iroUnitPage(page, ctx);
  iroPage(page, ctx);
  teamManagerPage(page, ctx);
  socialWorkerPage(page, ctx);
  managersPage(page, ctx);
  operatorPage(page, ctx);
  reconcilePage(page, ctx);
  importPages(page, ctx);
  returnPages(page, ctx);
  calculatorPage(page, ctx);
  findPage(page, ctx);
  caseloadPages(page, ctx);
}

/**
 * A page nobody declared runs outside the page auth: the session is read (not rolled forward, no
 * flash taken) so a signed-in user's 404 still has the navigation and sign-out.
 */
function notFoundLocals(): RequestHandler {
  return async (req, res, next) => {
    const sessions = req.app.locals.webSessions as Sessions | undefined;
    if (!isPage(req.path) || (req.method !== 'GET' && req.method !== 'HEAD') || res.locals.principal || !sessions) return next();
    const read = await sessions.read(req);
    if (!('session' in read)) return next();
    res.locals.session = read.session;
    res.locals.principal = principalOfSession(read.session);
    pageLocals()(req, res, next);
  };
}

/** After the API's routes: pages get HTML 404s and error pages. */
export function setUpWebErrors(app: Express): void {
  app.use(notFoundLocals());
  app.use(pageNotFound);
  app.use(pageErrors);
}
