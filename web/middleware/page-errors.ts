/**
 * Errors on a page are pages: a refused form is re-rendered by its route (forms.ts); what reaches
 * here is a page that cannot be shown (403 naming the rule of access, 404, an expired form) or a
 * fault (500, no internals). API paths keep their JSON errors.
 */
import { ErrorRequestHandler, RequestHandler } from 'express';
import { InputError } from '../../api/input-error';
import { Principal, Role, TEAM_SCOPED } from '../../platform/auth/roles';

const API = /^\/(api|codec|health|ready|metrics)(\/|$)/;

export const isPage = (path: string) => !API.test(path);

export const pageNotFound: RequestHandler = (req, res, next) => {
  if (!isPage(req.path) || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
  res.status(404).render('pages/error.njk', { title: 'Page not found', message: 'If you typed the web address, check it is correct.' });
};

const ROLE_WORDS: Record<Role, string> = {
  'iro-unit': 'the IRO unit',
  iro: 'an IRO',
  'social-worker': 'a social worker',
  'team-manager': 'a team manager',
  'service-manager': 'a service manager',
  'strategic-manager': 'a strategic manager',
  operator: 'an operator',
};
const list = (xs: string[], and: string) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} ${and} ${xs.at(-1)}`);

/** "You are signed in as a social worker (team north-1)." */
function signedInAs(p: Principal | undefined): string {
  if (!p) return '';
  const roles = p.roles.length
    ? list(
        p.roles.map((r) => ROLE_WORDS[r] ?? r),
        'and',
      )
    : 'someone with no role in this service';
  // The team only where it scopes what the user sees (social workers and team managers).
  const team = p.team && p.roles.some((r) => TEAM_SCOPED.includes(r)) ? ` (team ${p.team})` : '';
  return ` You are signed in as ${roles}${team}.`;
}

/** A refusal in a person's words: not the API's `field: ` prefix, not its tokens. */
function pageMessage(err: InputError, allowed: readonly Role[] | undefined, p: Principal | undefined): string {
  if (err.status === 403 && err.field === 'authorization' && allowed)
    return `This page is for ${list(
      allowed.map((r) => ROLE_WORDS[r] ?? r),
      'or',
    )}.${signedInAs(p)}`;
  const said = (err.message.startsWith(`${err.field}: `) ? err.message.slice(err.field.length + 2) : err.message)
    .replace(/your token names no team/g, 'your account names no team')
    .replace(/your token/g, 'your account');
  // A word starts the sentence with a capital; an id (lac-…) stays as it is.
  const sentence = (/^[a-z]+[\s,:;]/.test(said) ? said.charAt(0).toUpperCase() + said.slice(1) : said).replace(/\.$/, '');
  return err.status === 403 ? `${sentence}.${signedInAs(p)}` : `${sentence}.`;
}

export const pageErrors: ErrorRequestHandler = (err, req, res, next) => {
  if (!isPage(req.path)) return next(err);
  if (err instanceof InputError) {
    const title =
      err.status === 401
        ? 'Sign in again'
        : err.status === 403
          ? 'You cannot see this page'
          : err.status === 404
            ? 'Page not found'
            : err.status === 409
              ? err.field === 'record'
                ? 'The statutory record cannot give this now'
                : 'This case cannot take that now'
              : 'There is a problem';
    const message = pageMessage(err, res.locals.allowedRoles as Role[] | undefined, res.locals.principal as Principal | undefined);
    res.status(err.status).render('pages/error.njk', { title, message, rule: err.rule });
    return;
  }
  const status = typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
  if (status === 500) console.error('[web] unexpected error:', err);
  res.status(status).render('pages/error.njk', {
    title: status === 500 ? 'Sorry, there is a problem with the service' : 'There is a problem',
    message:
      status === 500
        ? 'Nothing you entered was saved unless the page you came back to says so. Try again later.'
        : String(err.message ?? 'Bad request'),
  });
};
