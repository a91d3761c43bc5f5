/**
 * The go-live import of open disputes (docs/import.md), for the CLI (through the API) and
 * `POST /api/imports/disputes`. Each row is checked by the API's opening request schema and by the
 * checks an opening makes (Disputes.prepare: the cycle found from the child and the day they became
 * looked after, E6's dates); the dispute starts at its current stage from the day it was entered
 * (its deadline from then, E2/E6's 20 working days from the opening), with an id derived from the
 * child, the day it opened and the old system's reference. The rest is every import's (import-runner.ts).
 */
import { Principal } from '../../platform/auth/roles';
import { WorkingDayCalendar } from '../../workflows/calendar/working-day-calendar';
import { openDispute } from '../../workflows/dispute/opening';
import type { DisputeInput } from '../../workflows/dispute/resolution-and-escalation';
import { DEFAULT_DISPUTE_TIMESCALES, STAGE_DEFS } from '../../workflows/dispute/stages';
import { ParsedDisputeRow, disputeColumnOf, readDisputeCsv } from '../imports/dispute-rows';
import { InputError } from '../input-error';
import { lookedAfterCycleId } from './case-ids';
import { Disputes } from './disputes';
import { ImportKind, ImportOptions, ImportReport, ImportedRowBase, inputErrorOf, runImport } from './import-runner';
import { LookedAfterCycles } from './looked-after-cycles';

export interface ImportedDisputeRow extends ImportedRowBase {
  disputeId?: string;
  /** The stage it is at, since when, and its deadline counted from then. */
  stage?: { stage: number; name: string; enteredOn: string; due: string };
  /** E6: the 20 working days from the opening. */
  overallDue?: string;
}

type Row = ParsedDisputeRow & { input?: DisputeInput };

export class DisputeImport implements ImportKind<Row, ImportedDisputeRow> {
  constructor(
    private readonly disputes: Disputes,
    private readonly cycles: LookedAfterCycles,
    private readonly idKey: Buffer,
  ) {}

  run(csv: string, user: Principal, opts: ImportOptions): Promise<ImportReport<ImportedDisputeRow>> {
    return runImport(this, csv, user, opts);
  }

  read(csv: string, opts: ImportOptions) {
    return readDisputeCsv(csv, { today: this.cycles.today(), teams: opts.teams, profiles: [] });
  }

  async check(p: Row, as: Principal): Promise<ImportedDisputeRow> {
    const out: ImportedDisputeRow = { row: p.row, index: p.index, childId: p.childId, status: 'refused', errors: [...p.errors] };
    if (!p.request || !p.stageEnteredOn || !p.iro) return out;
    // On a cycle: the one this child's period of care from becameLookedAfter has (imported first), which gives the team.
    const { childId, team, ...rest } = p.request;
    const req = p.becameLookedAfter ? { ...rest, cycleId: lookedAfterCycleId(this.idKey, childId!, p.becameLookedAfter) } : p.request;
    let input: DisputeInput;
    try {
      input = await this.disputes.prepare(req, as, { oldReference: p.oldReference, stageEnteredOn: p.stageEnteredOn, iro: p.iro });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      const noCycle = e.field === 'cycleId' && e.status === 404;
      out.errors.push(
        noCycle
          ? {
              row: p.row,
              column: 'became_looked_after',
              message: `no looked-after cycle of ${childId} from ${p.becameLookedAfter}: import the looked-after children first`,
            }
          : { row: p.row, ...inputErrorOf(e, disputeColumnOf) },
      );
      return out;
    }
    if (team && team !== input.child.team) {
      out.errors.push({ row: p.row, column: 'team', message: `${team} is not the cycle's team (${input.child.team})` });
      return out;
    }
    const today = this.cycles.today();
    const s = openDispute(
      input,
      input.openedOn!,
      new WorkingDayCalendar(input.calendar),
      input.timescales ?? DEFAULT_DISPUTE_TIMESCALES,
      today,
    );
    const stage = s.stages[0];
    p.input = input;
    out.disputeId = input.disputeId;
    out.stage = { stage: stage.stage, name: STAGE_DEFS[stage.stage].name, enteredOn: stage.enteredOn, due: stage.due };
    out.overallDue = s.overallDue;
    out.status = (await this.disputes.exists(input.disputeId)) ? 'already-there' : 'would-create';
    return out;
  }

  start(p: Row): Promise<void> {
    return this.disputes.launch(p.input!);
  }
}
