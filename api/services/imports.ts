/**
 * The go-live import of children already in care (docs/import.md), shared by the CLI (through the
 * API) and `POST /api/imports/looked-after`. Each row is checked by the API's start request schema,
 * by the same checks a start makes (LookedAfterCycles.prepare), then by applying its history to a
 * fresh cycle with the cycle's own commands (workflows/looked-after-cycle/imported.ts), exactly as
 * the workflow will, so a row that passes here starts. If any row has a mistake nothing is started:
 * at go-live, a half-imported file is worse than none.
 */
import { ApplicationFailure } from '@temporalio/common';
import { Principal } from '../../platform/auth/roles';
import { RefusalDetail } from '../../workflows/case-kernel/validation';
import { ImportedRefusal, applyImported } from '../../workflows/looked-after-cycle/imported';
import { initialModel } from '../../workflows/looked-after-cycle/model';
import { openReviewDue } from '../../workflows/looked-after-cycle/obligations';
import { InputError } from '../input-error';
import { ParsedRow, RowChecks, RowError, columnOf, readLookedAfterCsv } from '../imports/looked-after-rows';
import { LookedAfterCycles } from './looked-after-cycles';

const PART_COLUMN = { iro: 'iro_staff_id', socialWorker: 'social_worker_staff_id', reviews: 'reviews', nextMeetingOn: 'next_meeting_on' };

export interface ImportedRow {
  row: number;
  index: number;
  childId: string;
  cycleId?: string;
  /** would-create (dry run), created, already-there, refused (a mistake, or the file refused). */
  status: 'would-create' | 'created' | 'already-there' | 'refused';
  /** Each review held, judged against its own due date by the cycle's rules. */
  reviews?: { reviewNumber: number; heldOn: string; due: string; onTime: boolean }[];
  nextReview?: { reviewNumber: number; due: string; bookedFor?: string };
  errors: RowError[];
}

export interface ImportReport {
  dryRun: boolean;
  total: number;
  created: number;
  alreadyThere: number;
  refused: number;
  wouldCreate: number;
  /** Mistakes in the file itself (not CSV, the wrong columns). */
  fileErrors: RowError[];
  /** Said when nothing was started because some row has a mistake. */
  note?: string;
  rows: ImportedRow[];
}

export interface ImportOptions {
  dryRun: boolean;
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
  teams?: ReadonlySet<string>;
}

export class LookedAfterImport {
  constructor(private readonly cycles: LookedAfterCycles) {}

  async run(csv: string, user: Principal, opts: ImportOptions): Promise<ImportReport> {
    // The route admits the IRO unit and the operator: either brings in any team's children, as the IRO unit starts them.
    const as: Principal = { userId: user.userId, roles: ['iro-unit'] };
    const checks: RowChecks = { today: this.cycles.today(), teams: opts.teams, profiles: this.cycles.profileIds() };
    const { rows: parsed, fileErrors } = readLookedAfterCsv(csv, checks);
    const rows = await pool(parsed, 8, (p) => this.check(p, as));
    const bad = fileErrors.length > 0 || rows.some((r) => r.errors.length);
    // A dry run says what each good row would create; a real run with any mistake creates nothing.
    if (bad && !opts.dryRun) for (const r of rows) if (r.status === 'would-create') r.status = 'refused';
    if (!opts.dryRun && !bad) {
      let done = 0;
      await pool(rows, opts.concurrency ?? 8, async (r) => {
        if (r.status === 'would-create') r.status = await this.start(parsed[r.index], as);
        opts.onProgress?.(++done, rows.length);
        return r;
      });
    }
    const count = (s: ImportedRow['status']) => rows.filter((r) => r.status === s).length;
    return {
      dryRun: opts.dryRun,
      total: rows.length,
      created: count('created'),
      alreadyThere: count('already-there'),
      refused: count('refused'),
      wouldCreate: count('would-create'),
      fileErrors,
      ...(bad
        ? {
            note: opts.dryRun
              ? 'the whole file would be refused while any row has a mistake; correct them and check again'
              : 'nothing was imported: the whole file is refused while any row has a mistake; correct them and import again',
          }
        : {}),
      rows,
    };
  }

  /** Every check a start makes, and the history applied to a fresh cycle; already there if started before. */
  private async check(p: ParsedRow, as: Principal): Promise<ImportedRow> {
    const out: ImportedRow = { row: p.row, index: p.index, childId: p.childId, status: 'refused', errors: [...p.errors] };
    if (!p.request || !p.history) return out;
    const err = (column: string, message: string, rule?: string) =>
      out.errors.push({ row: p.row, column, message, ...(rule ? { rule } : {}) });
    let prepared: ReturnType<LookedAfterCycles['prepare']>;
    try {
      prepared = this.cycles.prepare(p.request, as, true);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      err(columnOf(e.field), e.message.replace(/^[A-Za-z.]+: /, ''), e.rule);
      return out;
    }
    const { input, calendar } = prepared;
    out.cycleId = input.cycleId;
    const model = initialModel(input);
    const ctx = { today: this.cycles.today(), calendar, profile: input.profile };
    try {
      applyImported(model, p.history, as.userId, ctx);
    } catch (e) {
      if (!(e instanceof ImportedRefusal)) throw e;
      const d = refusalOf(e.refusal);
      err(PART_COLUMN[e.part], d.message, d.rule);
      return out;
    }
    out.reviews = model.reviewsHeld.map((h) => ({ reviewNumber: h.reviewNumber, heldOn: h.heldOn, due: h.due, onTime: h.onTime }));
    out.nextReview = {
      reviewNumber: model.open.number,
      due: openReviewDue(model, input.profile, calendar).due,
      ...(model.open.booking ? { bookedFor: model.open.booking.meetingOn } : {}),
    };
    out.status = (await this.cycles.exists(input.cycleId)) ? 'already-there' : 'would-create';
    return out;
  }

  private async start(p: ParsedRow, as: Principal): Promise<ImportedRow['status']> {
    try {
      await this.cycles.start(p.request!, as, p.history);
      return 'created';
    } catch (e) {
      // Started meanwhile (the same file imported twice at once): it is there.
      if (e instanceof InputError && e.status === 409) return 'already-there';
      throw e;
    }
  }
}

function refusalOf(e: unknown): RefusalDetail {
  if (e instanceof ApplicationFailure && Array.isArray(e.details) && e.details[0]) return e.details[0] as RefusalDetail;
  return { field: 'row', message: e instanceof Error ? e.message : String(e) };
}

/** Runs `work` over `items`, at most `n` at a time, keeping their order. */
async function pool<T, R>(items: T[], n: number, work: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const one = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, one));
  return out;
}
