/**
 * Open to Review cases and series of short breaks (rules.md section B, L19): starting one (O1
 * eligibility, every failed criterion listed), reading it, its commands, and O2R social workers'
 * caseloads (O5) read from the CASEHOLDER search attribute.
 */
import type { ProfileRegistry } from '../../data/reference-data';
import { Client, WorkflowUpdateFailedError } from '@temporalio/client';
import { UpdateDefinition, WorkflowIdReusePolicy } from '@temporalio/common';
import { Principal, TEAM_SCOPED, seesTeam } from '../../platform/auth/roles';
import { londonDate } from '../../workflows/calendar/office-hours';
import { By } from '../../workflows/case-kernel/request-fields';
import {
  OpenToReviewCaseStart,
  OpenToReviewCaseState,
  openToReviewCaseStateQuery,
  reassignCaseholder,
} from '../../workflows/open-to-review/messages';
import { Eligibility, ageRefusal, eligibilityFailures } from '../../workflows/open-to-review/model';
import { openToReviewSettings } from '../../workflows/open-to-review/obligations';
import { openToReviewCase } from '../../workflows/open-to-review/open-to-review-case';
import { OpenToReviewCaseStartRequest } from '../../workflows/open-to-review/requests';
import { CASEHOLDER, CASE_KIND, CaseKind, NEXT_DUE, PROFILE, TEAM } from '../../workflows/search-attributes';
import { pickProfile } from '../calculator';
import { InputError } from '../input-error';
import { CaseGateway } from './case-gateway';
import { OPEN_TO_REVIEW_CASE_ID, openToReviewCaseId } from './case-ids';
import { CaseServiceDeps } from './looked-after-cycles';

const caseloadQuery = (staffId: string) =>
  `${CASE_KIND.name} = '${CaseKind.openToReview}' AND ${CASEHOLDER.name} = '${staffId}' AND ExecutionStatus = 'Running'`;

export interface Started {
  caseId: string;
  caseload?: number;
  warnings: string[];
}
export interface Caseload {
  staffId: string;
  count: number;
  capacity: number;
  overCapacity: boolean;
  cases: { caseId: string; team?: string; nextDue?: string }[];
  rule: 'O5';
}

export class OpenToReviewCases {
  readonly gateway: CaseGateway;

  constructor(private readonly deps: CaseServiceDeps) {
    this.gateway = new CaseGateway(deps.client, deps.taskQueue, {
      idField: 'caseId',
      idPattern: OPEN_TO_REVIEW_CASE_ID,
      idHint: 'a case id (o2r- or sbs- and 24 hex digits)',
      noun: 'case',
      endingRule: 'O4',
      href: '/api/open-to-review-cases',
      // One running case per child (and series); a child may come back to O2R after leaving it.
      idReuse: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
      otherTeam: "belongs to another team's child",
      alreadyStarted: 'this child already has a running case',
    });
  }

  private get client(): Client {
    return this.deps.client;
  }

  today(): string {
    return londonDate(this.deps.clock());
  }

  /** O1-O2: a case moves to O2R (eligibility checked), or a series of short breaks starts (L19). */
  async start(req: OpenToReviewCaseStartRequest, user: Principal): Promise<Started> {
    const today = this.today();
    const { childId, dateOfBirth, team, caseholder } = req;
    if (dateOfBirth > today) throw new InputError('dateOfBirth', `dateOfBirth: ${dateOfBirth} is in the future`);
    // Recorded after the fact: the day it opened, from the date of birth to today (the case is judged from it).
    const rule = req.kind === 'short-breaks-series' ? 'L19' : 'O2';
    if (req.kind === 'short-breaks-series' && (req.firstBreakOn < dateOfBirth || req.firstBreakOn > today))
      throw new InputError('firstBreakOn', `firstBreakOn: ${req.firstBreakOn} must be from the date of birth to today`, 422, 'L19');
    // L19: a series whose first break has gone by opened then (recorded after the fact) unless openedOn says otherwise.
    const openedOn = req.openedOn ?? (req.kind === 'short-breaks-series' && req.firstBreakOn < today ? req.firstBreakOn : undefined);
    if (openedOn !== undefined && openedOn > today)
      throw new InputError('openedOn', `openedOn: ${openedOn} is in the future (today is ${today})`, 422, rule);
    if (openedOn !== undefined && openedOn < dateOfBirth)
      throw new InputError('openedOn', `openedOn: ${openedOn} is before the date of birth (${dateOfBirth})`, 422, rule);
    if (user.roles.every((role) => TEAM_SCOPED.includes(role)) && team !== user.team) {
      throw new InputError(
        'team',
        `team: social workers and team managers open cases for their own team (${user.team ?? 'your token names no team'})`,
        403,
      );
    }
    const profile = pickProfile(this.deps.profiles, req.profile === undefined ? this.deps.defaultProfile : req.profile);
    const settings = openToReviewSettings(profile.openToReview);
    const kind = req.kind ?? 'open-to-review';
    const tooOld = ageRefusal(kind, dateOfBirth, openedOn ?? today);
    if (tooOld) throw new InputError('dateOfBirth', tooOld.message, 422, tooOld.rule);
    const start: OpenToReviewCaseStart = {
      caseId: '',
      kind,
      variant: settings.variant,
      child: { childId, dateOfBirth, team },
      caseholder,
      profileId: profile.id,
      settings,
      by: user.userId,
      ...(openedOn !== undefined ? { openedOn } : {}),
    };
    if (req.kind !== 'short-breaks-series') {
      start.rationale = req.rationale;
      const failures = eligibilityFailures(req.eligibility as Eligibility);
      if (failures.length) {
        throw new InputError(
          failures[0].field,
          `not eligible for Open to Review (O1): ${failures.map((f) => f.message).join('; ')}`,
          422,
          'O1',
          failures,
        );
      }
      start.ehcpAnnualReviewOn = req.ehcpAnnualReviewOn;
      start.package = req.package;
      start.caseloadBefore = await this.caseloadCount(caseholder);
    } else {
      start.firstBreakOn = req.firstBreakOn;
    }
    start.caseId = openToReviewCaseId(this.deps.idKey, kind, childId, start.firstBreakOn);
    await this.launch(start);
    const caseload = start.caseloadBefore === undefined ? undefined : start.caseloadBefore + 1;
    const warnings =
      caseload !== undefined && caseload > settings.caseloadCapacity
        ? [`O5: ${caseholder} now holds ${caseload} O2R cases, over the capacity of ${settings.caseloadCapacity}; the team manager is told`]
        : [];
    return { caseId: start.caseId, caseload, warnings };
  }

  /** Starts the workflow (the case noted in the register first, so a lookup by child finds it). */
  private async launch(start: OpenToReviewCaseStart): Promise<void> {
    const { childId, team } = start.child;
    this.deps.cases?.note({ caseId: start.caseId, childId, team, kind: 'open-to-review' });
    await this.gateway.start(openToReviewCase, {
      id: start.caseId,
      args: [{ ...start, calendar: this.deps.calendar.snapshot() }],
      searchAttributes: [
        { key: CASE_KIND, value: start.kind === 'open-to-review' ? CaseKind.openToReview : CaseKind.shortBreaksSeries },
        { key: PROFILE, value: start.profileId },
        { key: TEAM, value: team },
        { key: CASEHOLDER, value: start.caseholder },
      ],
    });
  }

  /** Go-live import (open-to-review-import.ts): starts a case it prepared (409 if it is already there). */
  startImported(start: OpenToReviewCaseStart): Promise<void> {
    return this.launch(start);
  }

  /** Whether a case with this id was ever started (the go-live import's "already there"). */
  exists(caseId: string): Promise<boolean> {
    return this.gateway.exists(caseId);
  }

  state(id: string, p: Principal): Promise<OpenToReviewCaseState> {
    return this.gateway.state(id, openToReviewCaseStateQuery, p);
  }

  command<R, I>(id: string, update: UpdateDefinition<R, [I & By]>, input: I, p: Principal): Promise<R> {
    return this.gateway.command(id, update, { ...input, by: p.userId }, p);
  }

  /** O5: the case moves to another O2R social worker (a capacity warning if it takes them over). */
  async reassign(id: string, to: string, p: Principal, on?: string): Promise<OpenToReviewCaseState> {
    const s = await this.state(id, p);
    const before = s.kind === 'open-to-review' ? await this.caseloadCount(to) : undefined;
    const capacity = openToReviewSettings(this.deps.profiles.get(s.profileId)?.openToReview).caseloadCapacity;
    const after = before === undefined ? undefined : before + 1;
    return this.command(
      s.caseId,
      reassignCaseholder,
      { to, caseloadAfter: after, capacityWarning: after !== undefined && after > capacity, ...(on !== undefined ? { on } : {}) },
      p,
    );
  }

  private capacity(cases: { profile?: string }[] = []): number {
    return caseloadCapacity(this.deps.profiles, this.deps.defaultProfile, cases);
  }

  /** O5: the worker's running O2R cases, through visibility (undefined if the server cannot list). */
  async caseloadCount(staffId: string): Promise<number | undefined> {
    try {
      return (await this.client.workflow.count(caseloadQuery(staffId))).count;
    } catch {
      return undefined;
    }
  }

  private async cases(staffId: string) {
    const cases: { caseId: string; team?: string; nextDue?: string; profile?: string }[] = [];
    try {
      for await (const w of this.client.workflow.list({ query: caseloadQuery(staffId) })) {
        const due = w.typedSearchAttributes.get(NEXT_DUE);
        cases.push({
          caseId: w.workflowId,
          team: w.typedSearchAttributes.get(TEAM),
          nextDue: due ? due.toISOString().slice(0, 10) : undefined,
          profile: w.typedSearchAttributes.get(PROFILE),
        });
      }
    } catch (e) {
      throw new InputError(
        'staffId',
        `caseloads are read from Temporal's visibility, which is not answering: ${(e as Error).message}`,
        503,
      );
    }
    return cases.sort((a, b) => (a.nextDue ?? '9999').localeCompare(b.nextDue ?? '9999'));
  }

  /** O5: a worker's caseload; team-scoped readers see every case counted, but only their own team's case ids. */
  async caseload(staffId: string, p: Principal): Promise<Caseload> {
    if (p.roles.every((role) => role === 'social-worker') && p.userId !== staffId)
      throw new InputError('staffId', 'staffId: a social worker sees their own caseload', 403);
    const cases = await this.cases(staffId);
    const cap = this.capacity(cases);
    const shown = cases.map(({ profile: _p, ...c }) =>
      seesTeam(p, c.team) ? c : { caseId: 'another team', team: c.team, nextDue: c.nextDue },
    );
    return { staffId, count: cases.length, capacity: cap, overCapacity: cases.length > cap, cases: shown, rule: 'O5' };
  }

  /** O5: move a worker's whole caseload to another in one call. */
  async transfer(from: string, to: string, p: Principal) {
    if (to === from) throw new InputError('toStaffId', 'toStaffId: the same worker', 422, 'O5');
    const cases = await this.cases(from);
    const mine = cases.filter((c) => seesTeam(p, c.team));
    if (mine.length < cases.length)
      throw new InputError(
        'staffId',
        `staffId: ${cases.length - mine.length} of ${from}'s cases belong to other teams; a service manager moves a caseload across teams`,
        403,
      );
    const already = (await this.caseloadCount(to)) ?? 0;
    const cap = this.capacity(cases);
    const total = already + cases.length;
    const moved: string[] = [];
    const failed: { caseId: string; message: string }[] = [];
    for (const [i, c] of cases.entries()) {
      try {
        // The capacity warning goes once, with the last case moved.
        await this.client.workflow.getHandle(c.caseId).executeUpdate(reassignCaseholder, {
          args: [{ to, caseloadAfter: total, capacityWarning: i === cases.length - 1 && total > cap, by: p.userId }],
        });
        moved.push(c.caseId);
      } catch (e) {
        failed.push({
          caseId: c.caseId,
          message: e instanceof WorkflowUpdateFailedError ? (e.cause?.message ?? e.message) : (e as Error).message,
        });
      }
    }
    const warnings = total > cap ? [`O5: ${to} now holds ${total} O2R cases, over the capacity of ${cap}; the team manager is told`] : [];
    return { from, to, moved: moved.length, failed, caseload: total, capacity: cap, warnings, rule: 'O5' as const };
  }
}

/** O5: the capacity of the authority whose cases these are (Kent 30); the strictest if they differ, else the default profile's. */
export function caseloadCapacity(profiles: Pick<ProfileRegistry, 'get'>, defaultProfile: string, cases: { profile?: string }[]): number {
  const ids = [...new Set(cases.map((c) => c.profile ?? defaultProfile))];
  if (!ids.length) ids.push(defaultProfile);
  return Math.min(...ids.map((id) => openToReviewSettings(profiles.get(id)?.openToReview).caseloadCapacity));
}
