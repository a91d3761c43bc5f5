import { Router } from 'express';
import { EmbeddedStore } from '../../activities/store/embedded-store';
import { InputError } from '../input-error';

const ROLE_ADDRESS = /^[a-z0-9][a-z0-9:/_-]{0,127}$/;

/** GET /api/notifications?recipient=iro-unit[&caseId=...]: the outbox (delivery comes later). */
export function notificationRoutes(store: EmbeddedStore): Router {
  const r = Router();
  r.get('/', (req, res) => {
    const { recipient, caseId } = req.query;
    if (recipient !== undefined && (typeof recipient !== 'string' || !ROLE_ADDRESS.test(recipient))) {
      throw new InputError('recipient', 'recipient: a role address such as iro-unit (lower-case letters, digits, - : / _)');
    }
    if (caseId !== undefined && (typeof caseId !== 'string' || caseId.length > 200)) throw new InputError('caseId', 'caseId: a case id');
    if (recipient === undefined && caseId === undefined) throw new InputError('recipient', 'recipient: required (or caseId)');
    res.json({ notifications: store.notifications({ recipient: recipient as string | undefined, caseId: caseId as string | undefined }) });
  });
  return r;
}
