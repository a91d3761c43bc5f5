/**
 * The statutory record's own operations (issue 14 item 2). POST /api/record/reconcile: every case
 * the service knows is asked for its facts and compared with the record; `{repair: true}` appends
 * what the record lacks. For the operator: it reads every case, but answers with case ids and fact
 * keys only (no child ids).
 */
import { z } from 'zod';
import type { Client } from '@temporalio/client';
import type { CaseRegister } from '../../data/case-register';
import type { RecordStore } from '../../data/record/record-store';
import { InputError } from '../input-error';
import { parseBody } from '../request-body';
import { SecureRouter } from '../secure-router';
import { RecordReconciler } from '../services/record-reconciler';

export const ReconcileRequest = z.strictObject({
  repair: z.boolean().optional().describe('append the facts the record lacks (default: only report them)'),
});

export interface RecordRouteDeps {
  client: Client;
  record: () => RecordStore | undefined;
  cases: CaseRegister;
}

export function recordRoutes(r: SecureRouter, deps: RecordRouteDeps): void {
  r.post('/reconcile', ['operator'], async (req, res) => {
    // Every field is optional, so a body that is not JSON would otherwise run as an empty one.
    const charset = /charset=([^;\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1];
    if ((req.body === undefined && Number(req.headers['content-length'] ?? 0) > 0) || (charset && !/^utf-?8$/i.test(charset)))
      throw new InputError('body', 'body: a JSON object, sent as application/json in UTF-8', 415);
    const { repair } = parseBody(ReconcileRequest, req);
    const record = deps.record();
    if (!record) throw new InputError('record', 'record: the statutory record is not configured on this service', 409);
    const report = await new RecordReconciler({ client: deps.client, record, cases: deps.cases }).reconcile({ repair });
    res.json(report);
  });
}
