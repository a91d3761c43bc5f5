/**
 * Resolution and Escalation (rules.md section C): an IRO opens a dispute, on a cycle or about a
 * child; its commands go through the case gateway.
 */
import { UpdateDefinition, WorkflowIdReusePolicy } from '@temporalio/common';
import { Principal } from '../../platform/auth/roles';
import { londonDate } from '../../workflows/calendar/office-hours';
import { By } from '../../workflows/case-kernel/request-fields';
import { DisputeState, disputeStateQuery } from '../../workflows/dispute/messages';
import { DisputeStartRequest } from '../../workflows/dispute/requests';
import { DisputeInput, resolutionAndEscalation } from '../../workflows/dispute/resolution-and-escalation';
import { Stage, disputeTimescales } from '../../workflows/dispute/stages';
import { cycleStateQuery } from '../../workflows/looked-after-cycle/messages';
import { CASE_KIND, CaseKind, TEAM } from '../../workflows/search-attributes';
import { InputError } from '../input-error';
import { CaseGateway } from './case-gateway';
import { DISPUTE_ID, disputeId, importedDisputeId } from './case-ids';
import { CaseServiceDeps, cycleGateway } from './looked-after-cycles';

/** E6: a dispute recorded after the fact opened no earlier than the Care Planning, Placement and Case Review (England) Regulations 2010 came into force. */
export const EARLIEST_DISPUTE = '2011-04-01';

/** A dispute open in the previous system (go-live import): its reference there, its current stage and since when, who raised it. */
export interface ImportedDispute {
  oldReference: string;
  stageEnteredOn: string;
  iro: string;
}

export class Disputes {
  readonly gateway: CaseGateway;
  private readonly cycles: CaseGateway;

  constructor(private readonly deps: Omit<CaseServiceDeps, 'idKey' | 'clock'> & { clock?: () => number; idKey?: Buffer }) {
    this.gateway = new CaseGateway(deps.client, deps.taskQueue, {
      idField: 'disputeId',
      idPattern: DISPUTE_ID,
      idHint: 'a dispute id',
      noun: 'dispute',
      endingRule: 'E6',
      href: '/api/disputes',
      idReuse: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
      otherTeam: "concerns another team's child",
      alreadyStarted: 'this dispute already exists',
    });
    this.cycles = cycleGateway(deps.client, deps.taskQueue);
  }

  /** E1-E6: an IRO opens a dispute about a child's plan (on their cycle, or naming the child and team). */
  async open(req: DisputeStartRequest, p: Principal): Promise<{ disputeId: string }> {
    const input = await this.prepare(req, p);
    await this.launch(input);
    return { disputeId: input.disputeId };
  }

  /**
   * Every check an opening makes, and the workflow's input. Imported at go-live (docs/import.md):
   * the id is derived (child, opened on, the old system's reference), so a second import finds it;
   * the stage it is at was entered on its own day and announced there, so E3/E4's alert contents
   * are not asked for again; the IRO is the one who raised it.
   */
  async prepare(req: DisputeStartRequest, p: Principal, imported?: ImportedDispute): Promise<DisputeInput> {
    let child: { childId: string; team: string };
    let profileId = this.deps.defaultProfile;
    let socialWorker = req.socialWorker;
    const { cycleId, openedOn } = req;
    // Recorded after the fact: the day it opened, never in the future (E6 counts from it).
    const today = londonDate((this.deps.clock ?? Date.now)());
    if (openedOn !== undefined && openedOn > today)
      throw new InputError('openedOn', `openedOn: ${openedOn} is in the future (today is ${today})`, 422, 'E6');
    if (openedOn !== undefined && openedOn < EARLIEST_DISPUTE)
      throw new InputError(
        'openedOn',
        `openedOn: ${openedOn} is before ${EARLIEST_DISPUTE}, when the review regulations this process serves came into force`,
        422,
        'E6',
      );
    if (cycleId) {
      if (req.childId !== undefined || req.team !== undefined)
        throw new InputError('childId', 'childId: give cycleId or childId and team, not both');
      const s = await this.cycles.state(cycleId, cycleStateQuery, p);
      child = { childId: s.child.childId, team: s.child.team };
      profileId = s.profileId;
      socialWorker ??= s.socialWorker?.staffId;
      if (openedOn !== undefined && openedOn < s.becameLookedAfter)
        throw new InputError(
          'openedOn',
          `openedOn: ${openedOn} is before the child became looked after (${s.becameLookedAfter})`,
          422,
          'E6',
        );
    } else {
      if (req.childId === undefined) throw new InputError('childId', "childId: required (the case system's opaque id, never a name)");
      if (req.team === undefined) throw new InputError('team', 'team: required (a team code)');
      child = { childId: req.childId, team: req.team };
    }
    // E3: stage 1's alert carries the agreed actions; E4: from stage 2 the expected outcome and timeframe.
    const startStage: Stage = req.startStage ?? 0;
    const formalStage = req.seriousSafeguarding && startStage < 2 ? 2 : startStage;
    // E3: the stage 1 alert goes to the child's allocated social worker, never a team address: opening at
    // stage 1 needs one. (Opened informally, a worker allocated later is alerted; until then the team's
    // social worker address, which the directory shows as a gap if nobody fills it.)
    if (socialWorker === undefined && formalStage === 1 && !imported)
      throw new InputError(
        'socialWorker',
        cycleId
          ? 'socialWorker: the cycle has no allocated social worker; name the one the stage 1 alert goes to'
          : "socialWorker: required to open at stage 1 without a cycle (the child's allocated social worker, to whom the alert goes)",
        422,
        'E3',
      );
    if (formalStage === 1 && !req.agreedActions && !imported)
      throw new InputError('agreedActions', 'agreedActions: stage 1 needs the agreed actions and timescales', 422, 'E3');
    if (formalStage >= 2 && !req.expectedOutcome && !imported)
      throw new InputError('expectedOutcome', `expectedOutcome: stage ${formalStage} needs the expected outcome and timeframe`, 422, 'E4');
    const timescales = disputeTimescales(
      (this.deps.profiles.get(profileId) ?? this.deps.profiles.get('statutory'))?.resolutionAndEscalation,
    );
    return {
      disputeId: imported ? importedDisputeId(this.deps.idKey!, child.childId, openedOn!, imported.oldReference) : disputeId(),
      child,
      category: req.category,
      summary: req.summary,
      startStage,
      seriousSafeguarding: req.seriousSafeguarding ?? false,
      socialWorker,
      agreedActions: req.agreedActions,
      expectedOutcome: req.expectedOutcome,
      iro: imported?.iro ?? p.userId,
      source: 'iro',
      cycleId,
      profileId,
      timescales,
      calendar: this.deps.calendar.snapshot(),
      ...(openedOn !== undefined ? { openedOn } : {}),
      ...(imported ? { imported: { stageEnteredOn: imported.stageEnteredOn } } : {}),
    };
  }

  /** Starts the workflow (noted in the case register first); 409 if it is already there. */
  async launch(input: DisputeInput): Promise<void> {
    this.deps.cases?.note({ caseId: input.disputeId, childId: input.child.childId, team: input.child.team, kind: 'dispute' });
    await this.gateway.start(resolutionAndEscalation, {
      id: input.disputeId,
      args: [input],
      searchAttributes: [
        { key: CASE_KIND, value: CaseKind.resolutionAndEscalation },
        { key: TEAM, value: input.child.team },
      ],
    });
  }

  /** Whether a dispute with this id was ever opened (the go-live import's "already there"). */
  exists(disputeId: string): Promise<boolean> {
    return this.gateway.exists(disputeId);
  }

  state(id: string, p: Principal): Promise<DisputeState> {
    return this.gateway.state(id, disputeStateQuery, p);
  }

  command<R, I>(id: string, update: UpdateDefinition<R, [I & By]>, input: I, p: Principal): Promise<R> {
    return this.gateway.command(id, update, { ...input, by: p.userId }, p);
  }
}
