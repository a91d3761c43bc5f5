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

/** What became of a notification: statuses as the outbox keeps them (data/mail-outbox.ts). */
export const NOTIFICATION_STATUSES = ['pending', 'sending', 'sent', 'failed', 'not-emailed', 'not-sent'] as const;

/**
 * GET /api/notifications?recipient=iro-unit[&caseId=...][&status=failed]: the outbox, each
 * notification with its email deliveries (to whom, attempts, the last error, when sent).
 */
export function notificationRoutes(r: SecureRouter, store: EmbeddedStore): void {
  r.get('/', { roles: CASE_ROLES, query: ['recipient', 'caseId', 'status'] }, (req, res) => {
    const recipient = queryText(req.query, 'recipient');
    const caseId = queryText(req.query, 'caseId');
    const status = queryText(req.query, 'status');
    if (recipient !== undefined && !ROLE_ADDRESS.test(recipient)) {
      throw new InputError('recipient', 'recipient: a role address such as iro-unit (lower-case letters, digits, - : / _ @ .)');
    }
    if (caseId !== undefined && !CASE_ID.test(caseId))
      throw new InputError('caseId', 'caseId: a case id such as lac-…, red-…, o2r-… or sbs-…');
    if (status !== undefined && !(NOTIFICATION_STATUSES as readonly string[]).includes(status))
      throw new InputError('status', `status: one of ${NOTIFICATION_STATUSES.join(', ')}`);
    if (recipient === undefined && caseId === undefined && status === undefined)
      throw new InputError('recipient', 'recipient: required (or caseId, or status)');
    if (!mayRead(principalOf(res), recipient)) {
      throw new InputError('recipient', 'recipient: you may read notifications addressed to you or your own role (and team) only', 403);
    }
    const notifications = store.notifications({ recipient, caseId, status });
    const deliveries = store.mail.deliveriesOf(notifications.map((n) => n.id));
    res.json({
      notifications: notifications.map((n) => ({
        ...n,
        deliveries: (deliveries.get(n.id) ?? []).map((d) => ({
          email: d.email,
          note: d.note,
          status: d.status,
          attempts: d.attempts,
          interrupted: d.interrupted,
          lastAttemptAt: d.lastAttemptAt,
          lastError: d.lastError,
          nextAttemptAt: d.status === 'queued' ? d.nextAttemptAt : null,
          sentAt: d.sentAt,
          messageId: d.messageId,
          via: d.transport,
          // The morning digest it waits for (nextAttemptAt) or went in: its id; null when sent on its own.
          digest: d.digestAt ? (d.digestId ?? 'waiting') : null,
        })),
      })),
    });
  });
}
