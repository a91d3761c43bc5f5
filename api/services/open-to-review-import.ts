/**
 * The go-live import of Open to Review cases (docs/import.md), for the CLI (through the API) and
 * `POST /api/imports/open-to-review`. Each row is checked by the API's field rules, by the checks a
 * start makes (OpenToReviewCases.prepareImported), then by applying its decision note and reviews
 * to a fresh case with the case's own commands (workflows/open-to-review/imported.ts), exactly as
 * the workflow will. The rest is every import's (import-runner.ts).
 */
import { Principal } from '../../platform/auth/roles';
import { WorkingDayCalendar } from '../../workflows/calendar/working-day-calendar';
import { ImportedRefusal } from '../../workflows/case-kernel/imported';
import { nextReviewDue } from '../../workflows/open-to-review/due-dates';
import { applyImportedOpenToReview } from '../../workflows/open-to-review/imported';
import { ImportedOpenToReview, OpenToReviewCaseStart } from '../../workflows/open-to-review/messages';
import { ageRefusal } from '../../workflows/open-to-review/model';
import { openToReviewSettings } from '../../workflows/open-to-review/obligations';
import { ImportedOpenToReviewRequest } from '../../workflows/open-to-review/requests';
import { pickProfile } from '../calculator';
import { openToReviewCaseId } from './case-ids';
import { CaseServiceDeps } from './looked-after-cycles';
import { initialModel } from '../../workflows/open-to-review/opening';
import { ParsedOpenToReviewRow, openToReviewColumnOf, readOpenToReviewCsv } from '../imports/open-to-review-rows';
import { InputError } from '../input-error';
import { ImportKind, ImportOptions, ImportReport, ImportedRowBase, inputErrorOf, refusalOf, runImport } from './import-runner';
import { OpenToReviewCases } from './open-to-review-cases';

export interface ImportedOpenToReviewRow extends ImportedRowBase {
  caseId?: string;
  /** Each review held, judged against its own due date (O2 the decision note's first review date, then O3/O6). */
  reviews?: { number: number; heldOn: string; type: string; due: string; onTime: boolean }[];
  nextReviewDue?: string;
}

export class OpenToReviewImport implements ImportKind<ParsedOpenToReviewRow & { start?: OpenToReviewCaseStart }, ImportedOpenToReviewRow> {
  constructor(
    private readonly cases: OpenToReviewCases,
    private readonly deps: Pick<CaseServiceDeps, 'idKey' | 'profiles' | 'defaultProfile' | 'calendar'>,
  ) {}

  /**
   * The case as a start would make it, with its id derived as a live start's (the same child: the
   * same case). O1 eligibility was judged in the previous system and is not judged again; the
   * caseload warning (O5) is not sent for each case brought in.
   */
  prepare(req: ImportedOpenToReviewRequest, imported: ImportedOpenToReview, user: Principal): OpenToReviewCaseStart {
    const today = this.cases.today();
    if (req.dateOfBirth > today) throw new InputError('dateOfBirth', `dateOfBirth: ${req.dateOfBirth} is in the future`);
    if (req.openedOn > today) throw new InputError('openedOn', `openedOn: ${req.openedOn} is in the future (today is ${today})`, 422, 'O2');
    if (req.openedOn < req.dateOfBirth)
      throw new InputError('openedOn', `openedOn: ${req.openedOn} is before the date of birth (${req.dateOfBirth})`, 422, 'O2');
    const tooOld = ageRefusal('open-to-review', req.dateOfBirth, today);
    if (tooOld) throw new InputError('dateOfBirth', tooOld.message, 422, tooOld.rule);
    const profile = pickProfile(this.deps.profiles, req.profile === undefined ? this.deps.defaultProfile : req.profile);
    const settings = openToReviewSettings(profile.openToReview);
    return {
      caseId: openToReviewCaseId(this.deps.idKey, 'open-to-review', req.childId),
      kind: 'open-to-review',
      variant: settings.variant,
      child: { childId: req.childId, dateOfBirth: req.dateOfBirth, team: req.team },
      caseholder: req.caseholder,
      profileId: profile.id,
      settings,
      by: user.userId,
      openedOn: req.openedOn,
      ...(req.ehcpAnnualReviewOn ? { ehcpAnnualReviewOn: req.ehcpAnnualReviewOn } : {}),
      ...(req.package ? { package: req.package } : {}),
      imported,
    };
  }

  run(csv: string, user: Principal, opts: ImportOptions): Promise<ImportReport<ImportedOpenToReviewRow>> {
    return runImport(this, csv, user, opts);
  }

  read(csv: string, opts: ImportOptions) {
    return readOpenToReviewCsv(csv, { today: this.cases.today(), teams: opts.teams, profiles: this.deps.profiles.ids() });
  }

  async check(p: ParsedOpenToReviewRow & { start?: OpenToReviewCaseStart }, as: Principal): Promise<ImportedOpenToReviewRow> {
    const out: ImportedOpenToReviewRow = { row: p.row, index: p.index, childId: p.childId, status: 'refused', errors: [...p.errors] };
    if (!p.request || !p.history) return out;
    let start: OpenToReviewCaseStart;
    try {
      start = this.prepare(p.request, p.history, as);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      out.errors.push({ row: p.row, ...inputErrorOf(e, openToReviewColumnOf) });
      return out;
    }
    out.caseId = start.caseId;
    const today = this.cases.today();
    const calendar = new WorkingDayCalendar(this.deps.calendar.snapshot());
    const model = initialModel(start, today, calendar);
    try {
      applyImportedOpenToReview(model, p.history, as.userId, { today, calendar, settings: start.settings, notice: () => undefined });
    } catch (e) {
      if (!(e instanceof ImportedRefusal)) throw e;
      const d = refusalOf(e.refusal);
      // The decision note's own checks name its first review date: that column.
      const column = e.part === 'reviews' ? 'reviews' : d.field === 'firstReviewOn' ? 'first_review_on' : 'decided_on';
      out.errors.push({ row: p.row, column, message: d.message, ...(d.rule ? { rule: d.rule } : {}) });
      return out;
    }
    p.start = start;
    out.reviews = model.reviews.map((r) => ({ number: r.number, heldOn: r.heldOn, type: r.type, due: r.due, onTime: r.onTime }));
    out.nextReviewDue = nextReviewDue(model)?.due;
    out.status = (await this.cases.exists(start.caseId)) ? 'already-there' : 'would-create';
    return out;
  }

  start(p: ParsedOpenToReviewRow & { start?: OpenToReviewCaseStart }): Promise<void> {
    return this.cases.startImported(p.start!);
  }
}
