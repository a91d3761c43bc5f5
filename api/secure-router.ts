/**
 * A router whose every route states its roles. Routes are written once, with their roles, and
 * recorded in a list that the permission-matrix test compares with docs/permission-matrix.md.
 * Every non-public route authenticates first, then checks roles, then runs.
 */
import { RequestHandler, Router } from 'express';
import { Role } from '../platform/auth/roles';
import { InputError } from './input-error';
import { permit, publicRoute } from './middleware/permit';

export type Method = 'GET' | 'POST';

export interface RouteDeclaration {
  method: Method;
  /** Full path pattern, e.g. /api/looked-after-cycles/:cycleId. */
  path: string;
  roles: readonly Role[] | 'public';
  /** The query parameters it accepts; any other is a 400 (a mistyped filter is never ignored). */
  query: readonly string[];
}

export type Roles = readonly Role[] | 'public';
/** Who may call it, and for a route that takes query parameters, which. */
export type Access = Roles | { roles: Roles; query: readonly string[] };

export interface SecureRouter {
  router: Router;
  get(path: string, access: Access, ...handlers: RequestHandler[]): void;
  post(path: string, access: Access, ...handlers: RequestHandler[]): void;
}

function onlyQuery(accepted: readonly string[]): RequestHandler {
  return (req, _res, next) => {
    const unknown = Object.keys(req.query ?? {}).find((k) => !accepted.includes(k));
    if (unknown !== undefined) {
      const name = unknown.length > 40 ? `${unknown.slice(0, 40)}…` : unknown;
      next(
        new InputError(
          name,
          `${name}: not a parameter of this endpoint (${accepted.length ? `it takes ${accepted.join(', ')}` : 'it takes none'})`,
        ),
      );
      return;
    }
    next();
  };
}

export function secureRouter(base: string, declared: RouteDeclaration[], authenticate: RequestHandler): SecureRouter {
  const router = Router();
  const add =
    (method: Method) =>
    (path: string, access: Access, ...handlers: RequestHandler[]) => {
      const { roles, query } = typeof access === 'object' && 'query' in access ? access : { roles: access, query: [] };
      const full = base + (path === '/' ? '' : path) || '/';
      declared.push({ method, path: full, roles, query });
      const route = `${method} ${full}`;
      const guards = roles === 'public' ? [publicRoute(route)] : [authenticate, permit(route, roles)];
      // For the request log and the latency metric: the pattern, even when authentication refuses.
      const named: RequestHandler = (_req, res, next) => {
        res.locals.routePattern = full;
        next();
      };
      router[method === 'GET' ? 'get' : 'post'](path, named, ...guards, onlyQuery(query), ...handlers);
    };
  return { router, get: add('GET'), post: add('POST') };
}
