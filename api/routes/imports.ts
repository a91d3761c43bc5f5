/**
 * The go-live imports (docs/import.md): `POST /api/imports/looked-after`, `/open-to-review` and
 * `/disputes`, each with its CSV as the body (text/csv). `?dryRun=true` checks every row and says
 * what would be created, starting nothing. The same services as `npx care-reviews import <kind>`.
 * Any row with a mistake: 422 and nothing started.
 */
import express from 'express';
import { Principal } from '../../platform/auth/roles';
import { describeError } from '../imports/csv-rows';
import { InputError } from '../input-error';
import { principalOf } from '../middleware/permit';
import { queryText } from '../request-body';
import { SecureRouter } from '../secure-router';
import type { ImportOptions, ImportReport } from '../services/import-runner';

/** A few thousand rows at most: 10 MB of CSV is far more. */
const csvBody = express.text({ type: ['text/csv', 'text/plain'], limit: '10mb' });

export interface Importer {
  run(csv: string, user: Principal, opts: ImportOptions): Promise<ImportReport>;
}

/** path -> the import, and what each row of its file is ("one row per child"). */
export type Importers = Record<string, { importer: Importer; perRow: string }>;

export function importRoutes(r: SecureRouter, importers: Importers, teams: () => ReadonlySet<string> | undefined): void {
  for (const [path, { importer, perRow }] of Object.entries(importers))
    r.post(`/${path}`, { roles: ['iro-unit', 'operator'], query: ['dryRun'] }, csvBody, async (req, res) => {
      const raw = queryText(req.query, 'dryRun');
      if (raw !== undefined && raw !== 'true' && raw !== 'false') throw new InputError('dryRun', 'dryRun: true or false');
      if (typeof req.body !== 'string' || !req.body.trim())
        throw new InputError('body', `body: the CSV file, sent as text/csv (a header row and ${perRow})`, 415);
      const report = await importer.run(req.body, principalOf(res), { dryRun: raw === 'true', teams: teams() });
      const first = [...report.fileErrors, ...report.rows.flatMap((x) => x.errors)][0];
      if (!first) return void res.status(report.dryRun ? 200 : 201).json(report);
      // Refused: the API's error shape (the first mistake) beside the whole report.
      res.status(422).json({
        error: {
          status: 422,
          message: `${describeError(first)}${report.note ? `; ${report.note}` : ''}`,
          field: first.column,
          rule: first.rule,
        },
        ...report,
      });
    });
}
