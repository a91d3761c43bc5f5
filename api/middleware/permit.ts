/**
 * Role guard: every route declares who may call it. The declaration is marked on the guard so a test
 * can walk the app and fail the build if any route has none.
 */
import { RequestHandler, Response } from 'express';
import { Principal, Role } from '../../platform/auth/roles';
import { InputError } from '../input-error';

export const DECLARED_ROLES = Symbol('care-reviews.declaredRoles');

export type Guard = RequestHandler & { [DECLARED_ROLES]: readonly Role[] | 'public'; route: string };

export function principalOf(res: Response): Principal {
  const p = res.locals.principal as Principal | undefined;
  // authenticate() runs before every guarded route; reaching here without it is a wiring bug.
  if (!p) throw new Error('route reached without authentication');
  return p;
}

export function permit(route: string, roles: readonly Role[]): Guard {
  const guard = ((req, res, next) => {
    res.locals.route = route;
    res.locals.target = Object.values(req.params ?? {})[0];
    const p = principalOf(res);
    if (!p.roles.some((r) => roles.includes(r))) {
      // For the page's 403 (web/middleware/page-errors.ts): who the page is for, in words.
      res.locals.allowedRoles = roles;
      next(
        new InputError(
          'authorization',
          `forbidden: ${route} is for ${roles.join(', ')}; your token has ${p.roles.length ? p.roles.join(', ') : 'no care-reviews role'}`,
          403,
        ),
      );
      return;
    }
    next();
  }) as Guard;
  guard[DECLARED_ROLES] = roles;
  guard.route = route;
  return guard;
}

/** A route anyone may call (health, the codec sign-in page): declared as public, not forgotten. */
export function publicRoute(route: string): Guard {
  const guard = ((req, res, next) => {
    res.locals.route = route;
    next();
  }) as Guard;
  guard[DECLARED_ROLES] = 'public';
  guard.route = route;
  return guard;
}
