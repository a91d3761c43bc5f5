/**
 * The go-live import of children already in care (docs/import.md), shared by the CLI (through the
 * API) and `POST /api/imports/looked-after`. Each row is checked by the API's start request schema,
 * by the same checks a start makes (LookedAfterCycles.prepare), then by applying its history to a
 * fresh cycle with the cycle's own commands (workflows/looked-after-cycle/imported.ts), exactly as
 * the workflow will, so a row that passes here starts. The rest (nothing started while any row has
 * a mistake, batches, created / already there) is every import's: import-runner.ts.
 */
import { Principal } from '../../platform/auth/roles';
import { ImportedRefusal } from '../../workflows/case-kernel/imported';
import { applyImported } from '../../workflows/looked-after-cycle/imported';
import { initialModel } from '../../workflows/looked-after-cycle/model';
import { openReviewDue } from '../../workflows/looked-after-cycle/obligations';
import { InputError } from '../input-error';
import { ParsedRow, columnOf, readLookedAfterCsv } from '../imports/looked-after-rows';
import { ImportKind, ImportOptions, ImportReport, ImportedRowBase, inputErrorOf, refusalOf, runImport } from './import-runner';
import { LookedAfterCycles } from './looked-after-cycles';
import type { RecordStore } from '../../data/record/record-store';
import { LOOKED_AFTER_ENDED } from '../../workflows/record/facts';

export type { ImportOptions } from './import-runner';

const PART_COLUMN = { iro: 'iro_staff_id', socialWorker: 'social_worker_staff_id', reviews: 'reviews', nextMeetingOn: 'next_meeting_on' };

export interface ImportedRow extends ImportedRowBase {
  cycleId?: string;
  /** Each review held, judged against its own due date by the cycle's rules. */
  reviews?: { reviewNumber: number; heldOn: string; due: string; onTime: boolean }[];
  nextReview?: { reviewNumber: number; due: string; bookedFor?: string };
}

export type LookedAfterImportReport = ImportReport<ImportedRow>;
export type { LookedAfterImportReport as ImportReport };

export class LookedAfterImport implements ImportKind<ParsedRow, ImportedRow> {
  constructor(
    private readonly cycles: LookedAfterCycles,
    /** The statutory record: a period of care it shows ended is not started again once Temporal has let its history go. */
    private readonly record?: RecordStore,
  ) {}

  run(csv: string, user: Principal, opts: ImportOptions): Promise<LookedAfterImportReport> {
    return runImport(this, csv, user, opts);
  }

  read(csv: string, opts: ImportOptions) {
    return readLookedAfterCsv(csv, { today: this.cycles.today(), teams: opts.teams, profiles: this.cycles.profileIds() });
  }

  /** Every check a start makes, and the history applied to a fresh cycle; already there if started before. */
  async check(p: ParsedRow, as: Principal): Promise<ImportedRow> {
    const out: ImportedRow = { row: p.row, index: p.index, childId: p.childId, status: 'refused', errors: [...p.errors] };
    if (!p.request || !p.history) return out;
    let prepared: ReturnType<LookedAfterCycles['prepare']>;
    try {
      prepared = this.cycles.prepare(p.request, as, true);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      out.errors.push({ row: p.row, ...inputErrorOf(e, columnOf) });
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
      out.errors.push({
        row: p.row,
        column: PART_COLUMN[e.part as keyof typeof PART_COLUMN],
        message: d.message,
        ...(d.rule ? { rule: d.rule } : {}),
      });
      return out;
    }
    out.reviews = model.reviewsHeld.map((h) => ({ reviewNumber: h.reviewNumber, heldOn: h.heldOn, due: h.due, onTime: h.onTime }));
    out.nextReview = {
      reviewNumber: model.open.number,
      due: openReviewDue(model, input.profile, calendar).due,
      ...(model.open.booking ? { bookedFor: model.open.booking.meetingOn } : {}),
    };
    out.status = (await this.cycles.exists(input.cycleId)) || (await this.endedInRecord(input.cycleId)) ? 'already-there' : 'would-create';
    return out;
  }

  /**
   * Ended, its workflow gone after the namespace's retention: the same file again must not open it
   * anew. (Open in the record with no workflow is a lost case: importing it again brings it back.)
   */
  private async endedInRecord(cycleId: string): Promise<boolean> {
    return !!this.record && (await this.record.facts({ caseId: cycleId, types: [LOOKED_AFTER_ENDED] })).length > 0;
  }

  async start(p: ParsedRow, as: Principal): Promise<void> {
    await this.cycles.start(p.request!, as, p.history);
  }
}
