/**
 * `/`: each role's own start page (a user with several roles starts at the first and sees the others in the navigation).
 */
import { ANY_ROLE } from '../../platform/auth/roles';
import { principalOf } from '../../api/middleware/permit';
import { Mount, WebContext } from '../app';
import { startPageOf } from '../navigation';

export function startRoutes(page: Mount, _ctx: WebContext): void {
  page('/', (r) => {
    r.get('/', ANY_ROLE, (_req, res) => {
      res.redirect(303, startPageOf(principalOf(res)) ?? '/calculator');
    });
  });
}
