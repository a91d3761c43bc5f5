/**
 * Child in Need reviews chaired by an IRO (rules.md section D): starting one (D1-D2, every unmet
 * requirement named), reading it, its commands, and the IRO unit's CIN caseload by IRO, read from
 * the IRO search attribute.
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import { UpdateDefinition, WorkflowIdReusePolicy } from '@temporalio/common';
import { Principal, TEAM_SCOPED } from '../../platform/auth/roles';
import { londonDate } from '../../workflows/calendar/office-hours';
import { By } from '../../workflows/case-kernel/request-fields';
import { cinReview } from '../../workflows/cin-review/cin-review';
import { startFailures } from '../../workflows/cin-review/opening';
import { CinStart, CinState, cinStateQuery } from '../../workflows/cin-review/messages';
import { cycleStateQuery } from '../../workflows/looked-after-cycle/messages';
import { STEP_DOWN_CRITERION, cinSettings } from '../../workflows/cin-review/model';
import { CinStartRequest } from '../../workflows/cin-review/requests';
import { CASE_KIND, CaseKind, IRO, NEXT_DUE, PROFILE, TEAM } from '../../workflows/search-attributes';
import { pickProfile } from '../calculator';
import { InputError } from '../input-error';
import { CaseGateway } from './case-gateway';
import { CHILD_IN_NEED_CASE_ID, childInNeedCaseId } from './case-ids';
import { CaseServiceDeps } from './looked-after-cycles';

export class CinReviews {
  readonly gateway: CaseGateway;

  constructor(private readonly deps: CaseServiceDeps) {
    this.gateway = new CaseGateway(deps.client, deps.taskQueue, {
      idField: 'caseId',
      idPattern: CHILD_IN_NEED_CASE_ID,
      idHint: 'a CIN case id (cin- and 24 hex digits)',
      noun: 'CIN case',
      endingRule: 'D4',
      href: '/api/cin-reviews',
      idReuse: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
      otherTeam: "belongs to another team's child",
      alreadyStarted: 'this child already has a running CIN review case',
    });
  }

  today(): string {
    return londonDate(this.deps.clock());
  }

  /** D1-D2: an IRO chairs the child's CIN reviews, refused with every unmet requirement named. */
  async start(req: CinStartRequest, user: Principal): Promise<{ caseId: string }> {
    const scoped = user.roles.every((role) => TEAM_SCOPED.includes(role));
    const team = req.team ?? (scoped ? user.team : undefined);
    if (!team) throw new InputError('team', "team: the child's team code");
    if (scoped && team !== user.team)
      throw new InputError('team', `team: team managers refer their own team's children (${user.team ?? 'your token names no team'})`, 403);
    const agreedBy = req.agreedBy ?? (user.roles.includes('iro-unit') ? user.userId : '');
    // A step down from a looked-after plan brings its criterion with it (D1).
    const criteria = [...new Set([...(req.criteria ?? []), ...(req.steppedDownFrom ? [STEP_DOWN_CRITERION] : [])])];
    const failures = startFailures({ ...req, criteria, agreedBy, approvedBy: req.approvedBy! });
    if (failures.length)
      throw new InputError(
        failures[0].field,
        `an IRO cannot chair yet: ${failures.map((f) => `${f.message} (${f.rule})`).join('; ')}`,
        422,
        failures[0].rule,
        failures,
      );
    // Recorded after the fact: the day the chair was agreed, never in the future (D2).
    const today = this.today();
    if (req.openedOn !== undefined && req.openedOn > today)
      throw new InputError('openedOn', `openedOn: ${req.openedOn} is in the future (today is ${today})`, 422, 'D2');
    if (req.steppedDownFrom) await this.checkStepDown(req.steppedDownFrom, req.childId, team, req.openedOn);
    const profile = pickProfile(this.deps.profiles, req.profile === undefined ? this.deps.defaultProfile : req.profile);
    const start: CinStart = {
      caseId: childInNeedCaseId(this.deps.idKey, req.childId),
      child: { childId: req.childId, team },
      socialWorker: req.socialWorker,
      iro: req.iro,
      criteria,
      outsideCriteriaReason: req.outsideCriteriaReason,
      approvedBy: req.approvedBy!,
      agreedBy,
      steppedDownFrom: req.steppedDownFrom,
      profileId: profile.id,
      settings: cinSettings(profile.childInNeedReview),
      by: user.userId,
      ...(req.openedOn !== undefined ? { openedOn: req.openedOn } : {}),
    };
    this.deps.cases?.note({ caseId: start.caseId, childId: req.childId, team, kind: 'child-in-need' });
    await this.gateway.start(cinReview, {
      id: start.caseId,
      args: [{ ...start, calendar: this.deps.calendar.snapshot() }],
      searchAttributes: [
        { key: CASE_KIND, value: CaseKind.cinReview },
        { key: PROFILE, value: profile.id },
        { key: TEAM, value: team },
        { key: IRO, value: req.iro },
      ],
    });
    return { caseId: start.caseId };
  }

  /** D1: the looked-after cycle named is this team's child's, and ended offering the step down (supervision order and CIN plan). */
  private async checkStepDown(cycleId: string, childId: string, team: string, openedOn?: string): Promise<void> {
    const refuse = (why: string): never => {
      throw new InputError('steppedDownFrom', `steppedDownFrom: ${cycleId} ${why} (D1)`, 422, 'D1');
    };
    const handle = this.deps.client.workflow.getHandle(cycleId);
    const described = await handle.describe().catch((e: unknown) => {
      if (e instanceof WorkflowNotFoundError) refuse('is not a looked-after cycle this installation knows');
      throw e;
    });
    // Another team's period of care is not this team's to link (nor to learn anything about).
    if (described.typedSearchAttributes.get(TEAM) !== team) refuse('is not a period of care of this team');
    const cycle = await handle.query(cycleStateQuery);
    if (cycle.child.childId !== childId) refuse("is another child's period of care");
    if (!cycle.ended?.stepDown) {
      refuse(
        cycle.status === 'active'
          ? 'is still running: cease it first (with supervisionOrder and childInNeedPlan)'
          : 'did not end under a supervision order with a Child in Need plan',
      );
    }
    if (openedOn !== undefined && cycle.ended && openedOn < cycle.ended.on)
      throw new InputError(
        'openedOn',
        `openedOn: ${openedOn} is before the looked-after cycle ${cycleId} ended (${cycle.ended.on})`,
        422,
        'D1',
      );
  }

  state(id: string, p: Principal): Promise<CinState> {
    return this.gateway.state(id, cinStateQuery, p);
  }

  command<I>(id: string, update: UpdateDefinition<CinState, [I & By]>, input: I, p: Principal): Promise<CinState> {
    return this.gateway.command(id, update, { ...input, by: p.userId }, p);
  }

  /** The IRO unit's view: an IRO's running CIN cases, soonest due first (visibility). */
  async caseload(iro: string) {
    const cases: { caseId: string; team?: string; nextDue?: string }[] = [];
    try {
      for await (const w of this.deps.client.workflow.list({
        query: `${CASE_KIND.name} = '${CaseKind.cinReview}' AND ${IRO.name} = '${iro}' AND ExecutionStatus = 'Running'`,
      })) {
        const due = w.typedSearchAttributes.get(NEXT_DUE);
        cases.push({ caseId: w.workflowId, team: w.typedSearchAttributes.get(TEAM), nextDue: due?.toISOString().slice(0, 10) });
      }
    } catch (e) {
      throw new InputError('iro', `caseloads are read from Temporal's visibility, which is not answering: ${(e as Error).message}`, 503);
    }
    return { iro, count: cases.length, cases: cases.sort((a, b) => (a.nextDue ?? '9999').localeCompare(b.nextDue ?? '9999')) };
  }
}
