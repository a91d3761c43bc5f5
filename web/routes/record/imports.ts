/**
 * The go-live import from the screens (docs/import.md): /imports/looked-after, for the IRO unit and
 * the operator as POST /api/imports/looked-after. The CSV is pasted into the form; "Check" is the
 * API's dry run (every row, what it would create, every mistake by row, column and rule) and
 * "Import" imports, the whole file refused while any row has a mistake. The same service
 * (LookedAfterImport), with the signed-in principal, so what it allows and refuses is the API's.
 */
import { Request, Response } from 'express';
import { z } from 'zod';
import { InputError } from '../../../api/input-error';
import { principalOf } from '../../../api/middleware/permit';
import { describeError } from '../../../api/imports/looked-after-rows';
import type { ImportReport, ImportedRow } from '../../../api/services/imports';
import { Mount, WebContext } from '../../app';
import { govukDate } from '../../nunjucks-setup';

export const IMPORT_PATH = '/imports/looked-after';
const ROLES = ['iro-unit', 'operator'] as const;

/** The form: the pasted CSV and which button was pressed. Anything else is refused, naming it. */
const ImportForm = z.strictObject({
  _csrf: z.string().optional(),
  csv: z.string().trim().min(1),
  action: z.enum(['check', 'import']),
});

const MESSAGES: Record<string, string> = {
  csv: 'csv: paste the CSV file: a header row and one row per child',
  action: 'action: press Check or Import',
};

function formOf(body: unknown): z.output<typeof ImportForm> {
  const r = ImportForm.safeParse(body ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = issue.code === 'unrecognized_keys' ? issue.keys[0] : String(issue.path[0] ?? 'csv');
  throw new InputError(field, MESSAGES[field] ?? `${field}: not a field of this form`);
}

const STATUS: Record<ImportedRow['status'], string> = {
  'would-create': 'Would create',
  created: 'Created',
  'already-there': 'Already there',
  refused: 'Refused',
};

/** One row of the table: what the import made (or would make) of it, in words. */
function rowOf(r: ImportedRow) {
  return {
    id: `row-${r.row}`,
    row: r.row,
    childId: r.childId || 'None',
    status: STATUS[r.status],
    refused: r.status === 'refused',
    reviews: (r.reviews ?? []).map(
      (h) => `Review ${h.reviewNumber} held ${govukDate(h.heldOn)}: ${h.onTime ? 'on time' : `late (due ${govukDate(h.due)})`}`,
    ),
    next: r.nextReview
      ? `Review ${r.nextReview.reviewNumber} due ${govukDate(r.nextReview.due)}${r.nextReview.bookedFor ? `, booked for ${govukDate(r.nextReview.bookedFor)}` : ', not booked'}`
      : '',
    mistakes: r.errors.map(describeError),
  };
}

function summaryOf(report: ImportReport): string[] {
  const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
  return report.dryRun
    ? [
        n(report.total, 'row checked', 'rows checked'),
        n(report.wouldCreate, 'child would be brought in', 'children would be brought in'),
        n(report.alreadyThere, 'child is already there', 'children are already there'),
      ]
    : [
        n(report.created, 'child was brought in', 'children were brought in'),
        n(report.alreadyThere, 'child was already there', 'children were already there'),
      ];
}

export function importPages(page: Mount, ctx: WebContext): void {
  const { services } = ctx;
  // As api/app.ts: a row's team must be one the directory knows, once the directory has teams.
  const teams = () => {
    const known = Object.keys(services.store.directory.current()?.directory.teams ?? {});
    return known.length ? new Set(known) : undefined;
  };
  const show = (req: Request, res: Response, extra: Record<string, unknown>, status = 200) =>
    res.status(status).render('pages/import.njk', {
      title: 'Import children already in care',
      action: IMPORT_PATH,
      backLink: principalOf(res).roles.includes('iro-unit') ? '/iro-unit' : '/operator',
      ...extra,
    });

  page(IMPORT_PATH, (r) => {
    r.get('/', [...ROLES], (req, res) => show(req, res, {}));
    r.post('/', [...ROLES], async (req, res) => {
      const posted = (req.body ?? {}) as Record<string, unknown>;
      const values = { csv: typeof posted.csv === 'string' ? posted.csv : '' };
      let form: z.output<typeof ImportForm>;
      try {
        form = formOf(posted);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        const href = e.field === 'csv' ? '#csv' : '#import-form';
        return show(req, res, { values, errors: [{ text: e.message, href }], errorsByField: { [e.field]: e.message } }, 400);
      }
      const report = await services.lookedAfterImport.run(form.csv, principalOf(res), { dryRun: form.action === 'check', teams: teams() });
      const mistakes = [
        ...report.fileErrors.map((m) => ({ text: describeError(m), href: '#csv' })),
        ...report.rows.flatMap((x) => x.errors.map((m) => ({ text: describeError(m), href: `#row-${x.row}` }))),
      ];
      show(
        req,
        res,
        {
          // After an import the box is emptied (importing again would find every child already there).
          values: report.dryRun || mistakes.length ? values : { csv: '' },
          errors: mistakes,
          report,
          done: !report.dryRun && !mistakes.length,
          summary: summaryOf(report),
          rows: report.rows.map(rowOf),
        },
        mistakes.length ? 422 : 200,
      );
    });
  });
}
