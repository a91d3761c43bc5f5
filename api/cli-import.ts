/**
 * `npx care-reviews import looked-after|open-to-review|disputes --file <file.csv> [--dry-run]`: the go-live import, run
 * beside the running service through its API (docs/import.md), so it uses the service's Temporal
 * connection, keys, directory and case register, and is allowed and audited like any request. The
 * whole file is checked first (a dry run); if any row has a mistake nothing is imported. Then the
 * rows go in batches, with progress on stderr.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { loadConfig } from '../platform/config';
import { describeError } from './imports/csv-rows';
import { InputError } from './input-error';
import type { ImportReport, ImportedRowBase } from './services/import-runner';
import type { ImportedRow } from './services/imports';
import type { ImportedDisputeRow } from './services/dispute-import';
import type { ImportedOpenToReviewRow } from './services/open-to-review-import';

export interface ImportIo {
  out: (s: string) => void;
  err: (s: string) => void;
  env: NodeJS.ProcessEnv;
}

/** Rows per request: each batch answers within seconds, so progress shows on a long import. */
const BATCH = 40;

async function post(url: string, kind: ImportKindName, token: string, csv: string, dryRun: boolean): Promise<ImportReport> {
  let res: Response;
  try {
    res = await fetch(`${url}/api/imports/${kind}${dryRun ? '?dryRun=true' : ''}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: csv,
    });
  } catch (e) {
    throw new InputError(
      'url',
      `url: cannot reach care-reviews at ${url} (${(e as Error).message}); is it running (npm start)? --url names it`,
    );
  }
  const body = (await res.json().catch(() => ({}))) as ImportReport & { error?: { message: string } };
  if (res.status === 422 || res.ok) return body;
  throw new InputError('import', `import: ${res.status} ${body.error?.message ?? res.statusText}`);
}

const lookedAfterLine = (r: ImportedRow) => {
  const reviews = (r.reviews ?? []).map((v) => `${v.reviewNumber} ${v.heldOn} ${v.onTime ? 'on time' : `late (due ${v.due})`}`);
  const next = r.nextReview
    ? `; review ${r.nextReview.reviewNumber} due ${r.nextReview.due}${r.nextReview.bookedFor ? `, booked for ${r.nextReview.bookedFor}` : ', not booked'}`
    : '';
  return `${r.cycleId ?? ''}${reviews.length ? `; reviews ${reviews.join(', ')}` : ''}${next}`;
};

const openToReviewLine = (r: ImportedOpenToReviewRow) => {
  const reviews = (r.reviews ?? []).map((v) => `${v.number} ${v.heldOn} ${v.type} ${v.onTime ? 'on time' : `late (due ${v.due})`}`);
  return `${r.caseId ?? ''}${reviews.length ? `; reviews ${reviews.join(', ')}` : ''}${r.nextReviewDue ? `; next review due ${r.nextReviewDue}` : ''}`;
};

const disputeLine = (r: ImportedDisputeRow) =>
  `${r.disputeId ?? ''}${r.stage ? `; ${r.stage.name} since ${r.stage.enteredOn}, due ${r.stage.due}; the 20 working days end ${r.overallDue}` : ''}`;

/** Each kind's file, and what a row's line says after its status. */
const KINDS = {
  'looked-after': { file: 'children.csv', line: (r: ImportedRowBase) => lookedAfterLine(r as ImportedRow) },
  'open-to-review': { file: 'cases.csv', line: (r: ImportedRowBase) => openToReviewLine(r as ImportedOpenToReviewRow) },
  disputes: { file: 'disputes.csv', line: (r: ImportedRowBase) => disputeLine(r as ImportedDisputeRow) },
};
export type ImportKindName = keyof typeof KINDS;
export const IMPORT_KINDS = Object.keys(KINDS) as ImportKindName[];

export async function importCases(kind: ImportKindName, flags: Record<string, string | true>, io: ImportIo): Promise<number> {
  const line = (r: ImportedRowBase, dryRun: boolean) =>
    `row ${r.row} ${r.childId}: ${r.status === 'would-create' && !dryRun ? 'to create' : r.status} ${KINDS[kind].line(r)}`;
  if (typeof flags.file !== 'string') throw new InputError('file', `file: --file <${KINDS[kind].file}> is required`);
  const dryRun = flags['dry-run'] === true;
  const token = io.env.CARE_REVIEWS_TOKEN;
  if (!token)
    throw new InputError(
      'token',
      'token: set CARE_REVIEWS_TOKEN to a token with the iro-unit or operator role (npx care-reviews token ..., or from the identity provider)',
    );
  let csv: string;
  try {
    csv = readFileSync(flags.file, 'utf8');
  } catch (e) {
    throw new InputError('file', `file: cannot read ${flags.file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const config = loadConfig(io.env);
  const url = (typeof flags.url === 'string' ? flags.url : `http://${config.host}:${config.port}`).replace(/\/$/, '');

  const check = await post(url, kind, token, csv, true);
  const errors = [...check.fileErrors, ...check.rows.flatMap((r) => r.errors)];
  for (const e of errors) io.err(describeError(e));
  if (dryRun || errors.length) {
    for (const r of check.rows) io.out(line(r, true));
    io.out(
      `${dryRun ? 'dry run, nothing created' : 'nothing imported: the whole file is refused while any row has a mistake'}: ${check.total} rows; would create ${check.wouldCreate}, already there ${check.alreadyThere}, with mistakes ${check.rows.filter((r) => r.errors.length).length}${check.fileErrors.length ? ', and the file itself' : ''}`,
    );
    return errors.length ? 1 : 0;
  }

  // Every row is good: batches of rows under the same header (csv-stringify keeps quoted cells intact).
  const [header, ...records] = parse(csv, { bom: true, skip_empty_lines: true }) as string[][];
  const total = records.length;
  const totals = { created: 0, alreadyThere: 0 };
  for (let from = 0; from < total; from += BATCH) {
    const report = await post(url, kind, token, stringify([header, ...records.slice(from, from + BATCH)]), false);
    if (report.fileErrors?.length || report.rows.some((r) => r.errors.length))
      throw new InputError('import', `import: rows ${from + 2}-${from + BATCH + 1} refused by the service: ${report.note ?? ''}`);
    for (const r of report.rows) io.out(line({ ...r, row: check.rows[from + r.index].row }, false));
    totals.created += report.created;
    totals.alreadyThere += report.alreadyThere;
    io.err(`imported ${Math.min(from + BATCH, total)}/${total}`);
  }
  io.out(`imported ${total} rows: created ${totals.created}, already there ${totals.alreadyThere}, refused 0`);
  return 0;
}
