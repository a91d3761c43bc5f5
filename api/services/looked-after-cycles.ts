/**
 * The looked-after review cycle (rules.md L1-L18): starting one for a child who has come into
 * care, reading it, and its commands, through the case gateway.
 */
import { Client } from '@temporalio/client';
import { SearchAttributePair, UpdateDefinition, WorkflowIdReusePolicy } from '@temporalio/common';
import { CalendarService } from '../../data/calendar-service';
import { CaseRegister } from '../../data/case-register';
import { ProfileRegistry } from '../../data/reference-data';
import { Principal, Role, TEAM_SCOPED } from '../../platform/auth/roles';
import { londonDate } from '../../workflows/calendar/office-hours';
import { By } from '../../workflows/case-kernel/request-fields';
import { CycleInput, lookedAfterReviewCycle } from '../../workflows/looked-after-cycle/looked-after-review-cycle';
import { CycleState, ImportedHistory, completeTask, cycleStateQuery } from '../../workflows/looked-after-cycle/messages';
import { ageOn } from '../../workflows/looked-after-cycle/model';
import { Recipient } from '../../workflows/looked-after-cycle/obligations';
import { CycleStartRequest, TaskDoneRequest } from '../../workflows/looked-after-cycle/requests';
import { CASE_KIND, CaseKind, IRO, PROFILE, TEAM } from '../../workflows/search-attributes';
import { pickProfile } from '../calculator';
import { InputError } from '../input-error';
import { CaseGateway } from './case-gateway';
import { CYCLE_ID, lookedAfterCycleId } from './case-ids';

/** Who records that a child has come into care (or has stopped being looked after). */
export const CASE_HOLDERS: readonly Role[] = ['iro-unit', 'social-worker', 'team-manager'];

/** Which roles may mark an obligation done, by who owes it. */
const DONE_BY: Record<Exclude<Recipient, `user:${string}`>, readonly Role[]> = {
  'iro-unit': ['iro-unit'],
  'iro-unit-manager': ['iro-unit'],
  iro: ['iro', 'iro-unit'],
  'social-worker': ['social-worker', 'team-manager'],
  'team-manager': ['team-manager'],
  'service-manager': ['service-manager'],
  'principal-manager': ['service-manager'],
  'strategic-manager': ['strategic-manager'],
};

/** L9: a decision owned by a named person is theirs to mark done; otherwise by the owner's role. */
export function mayMarkDone(owner: Recipient, p: Principal): boolean {
  if (owner.startsWith('user:')) return owner.slice(5) === p.userId;
  return p.roles.some((role) => DONE_BY[owner as keyof typeof DONE_BY].includes(role));
}

export interface CaseServiceDeps {
  client: Client;
  taskQueue: string;
  calendar: CalendarService;
  profiles: ProfileRegistry;
  defaultProfile: string;
  idKey: Buffer;
  clock: () => number;
  /** Which child each case is about, for the emails (written before the case starts, so its first email finds it). */
  cases?: CaseRegister;
}

export function cycleGateway(client: Client, taskQueue: string): CaseGateway {
  return new CaseGateway(client, taskQueue, {
    idField: 'cycleId',
    idPattern: CYCLE_ID,
    idHint: 'a looked-after cycle id (lac- and 24 hex digits, as returned when the cycle was started)',
    noun: 'cycle',
    endingRule: 'L13',
    href: '/api/looked-after-cycles',
    // The same child and period of care never makes two cycles, even after one has ended.
    idReuse: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    otherTeam: "belongs to another team's child; social workers and team managers see their own team's children only",
    alreadyStarted: 'a cycle for this child and period of care already exists',
  });
}

export class LookedAfterCycles {
  readonly gateway: CaseGateway;

  constructor(private readonly deps: CaseServiceDeps) {
    this.gateway = cycleGateway(deps.client, deps.taskQueue);
  }

  today(): string {
    return londonDate(this.deps.clock());
  }

  profileIds(): string[] {
    return this.deps.profiles.ids();
  }

  /** L1, L2: a child comes into care; the cycle for this period of care starts. */
  async start(req: CycleStartRequest, user: Principal, imported?: ImportedHistory): Promise<{ cycleId: string }> {
    const { input, searchAttributes } = this.prepare(req, user, imported !== undefined);
    const cycleId = input.cycleId;
    this.deps.cases?.note({ caseId: cycleId, childId: req.childId, team: input.child.team, kind: 'looked-after' });
    await this.gateway.start(lookedAfterReviewCycle, {
      id: cycleId,
      args: [imported ? { ...input, imported } : input],
      searchAttributes: imported?.iro ? [...searchAttributes, { key: IRO, value: imported.iro }] : searchAttributes,
    });
    return { cycleId };
  }

  /** Whether a cycle with this id was ever started (the go-live import's "already there"). */
  exists(cycleId: string): Promise<boolean> {
    return this.gateway.exists(cycleId);
  }

  /** The profile and calendar a new cycle starts with, and its input, after every check the start makes (InputError naming the field). */
  prepare(req: CycleStartRequest, user: Principal, imported = false) {
    const { childId, becameLookedAfter, dateOfBirth } = req;
    const today = this.today();
    if (becameLookedAfter > today)
      throw new InputError('becameLookedAfter', `becameLookedAfter: ${becameLookedAfter} is in the future (today is ${today})`);
    if (dateOfBirth > becameLookedAfter)
      throw new InputError('dateOfBirth', `dateOfBirth: ${dateOfBirth} is after the child became looked after (${becameLookedAfter})`);
    if (ageOn(dateOfBirth, becameLookedAfter) >= 18)
      throw new InputError(
        'dateOfBirth',
        'dateOfBirth: the child was 18 or over when they became looked after; looked-after status ends at 18',
        422,
        'L16',
      );
    const iroUnitNotifiedOn = req.iroUnitNotifiedOn ?? today;
    if (iroUnitNotifiedOn < becameLookedAfter || iroUnitNotifiedOn > today) {
      throw new InputError(
        'iroUnitNotifiedOn',
        `iroUnitNotifiedOn: ${iroUnitNotifiedOn} must be from the day the child became looked after (${becameLookedAfter}) to today`,
        422,
        'L1',
      );
    }
    const placementStartedOn = req.placementStartedOn ?? becameLookedAfter;
    if (placementStartedOn < becameLookedAfter || placementStartedOn > today) {
      throw new InputError(
        'placementStartedOn',
        `placementStartedOn: ${placementStartedOn} must be from the day the child became looked after (${becameLookedAfter}) to today`,
      );
    }
    const profile = pickProfile(this.deps.profiles, req.profile === undefined ? this.deps.defaultProfile : req.profile);
    const teamScoped = !user.roles.some((role) => CASE_HOLDERS.includes(role) && !TEAM_SCOPED.includes(role));
    const team = req.team === undefined && teamScoped ? user.team : req.team;
    if (team === undefined) throw new InputError('team', "team: required (the child's social work team code)");
    if (teamScoped && team !== user.team) {
      throw new InputError(
        'team',
        `team: social workers and team managers start cycles for their own team (${user.team ?? 'your token names no team'})`,
        403,
      );
    }
    const cycleId = lookedAfterCycleId(this.deps.idKey, childId, becameLookedAfter);
    const input: CycleInput = {
      cycleId,
      child: { childId, dateOfBirth, legalStatus: req.legalStatus, team },
      becameLookedAfter,
      placement: { type: req.placementType, startedOn: placementStartedOn },
      profileId: profile.id,
      by: user.userId,
      // Imported at go-live: the day the IRO unit was told is not known, so L1's notification is not judged.
      ...(imported ? {} : { iroUnitNotifiedOn }),
      profile,
      calendar: this.deps.calendar.snapshot(),
      // A new cycle runs under the corrected rules from the start (issue 11).
      correctedRules: true,
    };
    const searchAttributes: SearchAttributePair[] = [
      { key: CASE_KIND, value: CaseKind.lookedAfterReviewCycle },
      { key: PROFILE, value: profile.id },
      { key: TEAM, value: team },
    ];
    return { input, searchAttributes, calendar: this.deps.calendar.calendar() };
  }

  state(id: string, p: Principal): Promise<CycleState> {
    return this.gateway.state(id, cycleStateQuery, p);
  }

  /** Any command on the cycle; who sent it is added here. */
  command<R, I>(id: string, update: UpdateDefinition<R, [I & By]>, input: I, p: Principal): Promise<R> {
    return this.gateway.command(id, update, { ...input, by: p.userId }, p);
  }

  /** L8, L9, decisions, L16: an obligation done, by whoever owes it. */
  async completeTask(id: string, req: TaskDoneRequest, p: Principal): Promise<CycleState> {
    const s = await this.state(id, p);
    const o = s.obligations.find((x) => x.key === req.key);
    if (o && !mayMarkDone(o.owner, p)) {
      const who = o.owner.startsWith('user:') ? o.owner.slice(5) : DONE_BY[o.owner as keyof typeof DONE_BY].join(' or ');
      throw new InputError('key', `key: ${req.key} is owed by the ${o.owner}; it is for ${who} to record`, 403);
    }
    return this.command(id, completeTask, { key: req.key, on: req.on ?? this.today() }, p);
  }
}
