import { EmbeddedStore } from '../../data/embedded-store';
import { InputError } from '../input-error';
import { queryText } from '../request-body';
import { SecureRouter } from '../secure-router';

const USER = /^[A-Za-z0-9@._-]{1,128}$/;
const TARGET = /^[A-Za-z0-9_.-]{1,100}$/;

/** GET /api/audit: who changed what, for the operator and service managers (quality assurance). */
export function auditRoutes(r: SecureRouter, store: EmbeddedStore): void {
  r.get('/', { roles: ['operator', 'service-manager'], query: ['userId', 'target', 'after', 'limit'] }, (req, res) => {
    const userId = queryText(req.query, 'userId');
    const target = queryText(req.query, 'target');
    const after = queryText(req.query, 'after');
    const limit = queryText(req.query, 'limit');
    if (userId !== undefined && !USER.test(userId)) throw new InputError('userId', 'userId: a staff id');
    if (target !== undefined && !TARGET.test(target)) throw new InputError('target', 'target: a case or change id');
    if (after !== undefined && !/^\d{1,15}$/.test(after))
      throw new InputError('after', 'after: the seq of the last entry already read (a whole number)');
    if (limit !== undefined && (!/^\d{1,4}$/.test(limit) || Number(limit) < 1 || Number(limit) > 5000))
      throw new InputError('limit', 'limit: 1 to 5000');
    res.json({ entries: store.audit({ userId, target, afterSeq: after ? Number(after) : 0, limit: limit ? Number(limit) : 500 }) });
  });
}
