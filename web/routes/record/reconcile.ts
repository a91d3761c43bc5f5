/**
 * /operator/reconcile: the operator reconciles the statutory record with the running cases, as
 * POST /api/record/reconcile (api/routes/record.ts) does, with the same service (RecordReconciler).
 * "Check the record" only reports; "Repair" appends what the record lacks (the record keeps what it
 * wrote, so a differing or unknown fact is reported, never changed).
 */
import { Request, Response } from 'express';
import { z } from 'zod';
import { InputError } from '../../../api/input-error';
import type { Reconciliation } from '../../../api/services/record-reconciler';
import { RecordReconciler } from '../../../api/services/record-reconciler';
import { Mount, WebContext } from '../../app';

export const RECONCILE_PATH = '/operator/reconcile';

const ReconcileForm = z.strictObject({ _csrf: z.string().optional(), action: z.enum(['check', 'repair']) });

const STATUS = {
  matches: 'Matches',
  differs: 'Differs',
  'record-only': 'Ended, in the record only',
  lost: 'Lost: open in the record, running nowhere',
  unreadable: 'Could not be read',
};

/** Keys in a cell: the first few, and how many more (a case can lack hundreds after a lost record). */
const keys = (list: string[]) => (list.length > 5 ? `${list.slice(0, 5).join(', ')} and ${list.length - 5} more` : list.join(', '));

function viewOf(report: Reconciliation, repaired: boolean) {
  return {
    summary: [
      { key: { text: 'Cases checked' }, value: { text: String(report.cases) } },
      { key: { text: 'Matching the record' }, value: { text: String(report.matching) } },
      { key: { text: 'Differing from the record' }, value: { text: String(report.differing) } },
      { key: { text: 'Ended, in the record only (no workflow)' }, value: { text: String(report.recordOnly) } },
      { key: { text: 'Lost: open in the record, running nowhere (nobody is chased)' }, value: { text: String(report.lost) } },
      { key: { text: 'Could not be read' }, value: { text: String(report.unreadable) } },
      ...(repaired ? [{ key: { text: 'Facts appended by the repair' }, value: { text: String(report.repaired) } }] : []),
    ],
    differences: report.differences.map((d) => ({
      caseId: d.caseId,
      status: STATUS[d.status],
      recorded: d.recorded,
      missing: keys(d.missing),
      differing: keys(d.differing),
      unknown: keys(d.unknown),
      error: d.error ?? '',
    })),
  };
}

export function reconcilePage(page: Mount, ctx: WebContext): void {
  const { services } = ctx;
  const show = (_req: Request, res: Response, extra: Record<string, unknown>, status = 200) =>
    res.status(status).render('pages/reconcile.njk', {
      title: 'Reconcile the record',
      action: RECONCILE_PATH,
      backLink: '/operator',
      ...extra,
    });
  page(RECONCILE_PATH, (r) => {
    r.get('/', ['operator'], (req, res) => show(req, res, {}));
    r.post('/', ['operator'], async (req, res) => {
      const parsed = ReconcileForm.safeParse(req.body ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = issue.code === 'unrecognized_keys' ? issue.keys[0] : 'action';
        const text = field === 'action' ? 'action: press Check the record or Repair' : `${field}: not a field of this form`;
        return show(req, res, { errors: [{ text, href: '#reconcile-form' }] }, 400);
      }
      // As the API: a 409 when this installation keeps no record.
      if (!services.record) throw new InputError('record', 'record: the statutory record is not configured on this service', 409);
      const repair = parsed.data.action === 'repair';
      const report = await new RecordReconciler({
        client: services.client,
        record: services.record,
        cases: services.store.cases,
      }).reconcile({
        repair,
      });
      show(req, res, { report, repaired: repair, ...viewOf(report, repair) });
    });
  });
}
