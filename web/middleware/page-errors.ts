/**
 * Errors on a page are pages: a refused form is re-rendered by its route (forms.ts); what reaches
 * here is a page that cannot be shown (403 naming the rule of access, 404, an expired form) or a
 * fault (500, no internals). API paths keep their JSON errors.
 */
import { ErrorRequestHandler, RequestHandler } from 'express';
import { InputError } from '../../api/input-error';

const API = /^\/(api|codec|health)(\/|$)/;

export const isPage = (path: string) => !API.test(path);

export const pageNotFound: RequestHandler = (req, res, next) => {
  if (!isPage(req.path) || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
  res.status(404).render('pages/error.njk', { title: 'Page not found', message: 'If you typed the web address, check it is correct.' });
};

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
              ? 'This case cannot take that now'
              : 'There is a problem';
    res.status(err.status).render('pages/error.njk', { title, message: err.message, rule: err.rule });
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
