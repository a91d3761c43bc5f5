import { EmbeddedStore } from '../../data/embedded-store';
import { CASE_ROLES, Principal, Role, TEAM_SCOPED } from '../../platform/auth/roles';
import { InputError } from '../input-error';
import { principalOf } from '../middleware/permit';
import { queryText } from '../request-body';
import { SecureRouter } from '../secure-router';

const ROLE_ADDRESS = /^[a-z0-9][a-z0-9:/_@.-]{0,127}$/;
const CASE_ID = /^[a-z][a-z0-9]{0,7}-[A-Za-z0-9_-]{1,64}$/;
/** These roles oversee the whole service and may read any outbox. */
const OVERSEERS: readonly Role[] = ['iro-unit', 'service-manager', 'strategic-manager'];

/**
 * Whose notifications a user may read: overseers any; others those addressed to them
 * (user:<id>), to a role they hold, or, for team-scoped roles, to that role in their own team.
 */
function mayRead(p: Principal, recipient: string | undefined): boolean {
  if (p.roles.some((r) => OVERSEERS.includes(r))) return true;
  if (recipient === undefined) return false;
  if (recipient === `user:${p.userId}`) return true;
  return p.roles.some((r) => (TEAM_SCOPED.includes(r) ? recipient === `${r}:${p.team}` : recipient === r || recipient.startsWith(`${r}:`)));
}

/** GET /api/notifications?recipient=iro-unit[&caseId=...]: the outbox (delivery comes later). */
export function notificationRoutes(r: SecureRouter, store: EmbeddedStore): void {
  r.get('/', { roles: CASE_ROLES, query: ['recipient', 'caseId'] }, (req, res) => {
    const recipient = queryText(req.query, 'recipient');
    const caseId = queryText(req.query, 'caseId');
    if (recipient !== undefined && !ROLE_ADDRESS.test(recipient)) {
      throw new InputError('recipient', 'recipient: a role address such as iro-unit (lower-case letters, digits, - : / _ @ .)');
    }
    if (caseId !== undefined && !CASE_ID.test(caseId))
      throw new InputError('caseId', 'caseId: a case id such as lac-…, red-…, o2r-… or sbs-…');
    if (recipient === undefined && caseId === undefined) throw new InputError('recipient', 'recipient: required (or caseId)');
    if (!mayRead(principalOf(res), recipient)) {
      throw new InputError('recipient', 'recipient: you may read notifications addressed to you or your own role (and team) only', 403);
    }
    res.json({ notifications: store.notifications({ recipient, caseId }) });
  });
}
