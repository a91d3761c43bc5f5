/**
 * Open to Review cases and series of short breaks over HTTP (rules.md section B, L19): start one
 * (O1 eligibility checked, every failed criterion listed), record representations, the decision
 * note, reviews, visits and tasks; O2R social workers' caseloads, and moving a whole caseload.
 */
import { createHmac } from 'node:crypto';
import { Response } from 'express';
import { Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { UpdateDefinition, WorkflowIdReusePolicy } from '@temporalio/common';
import { CalendarService } from '../../data/calendar-service';
import { ProfileRegistry } from '../../data/reference-data';
import { londonDate } from '../../workflows/calendar/office-hours';
import { CHAIR_ROLES, ELIGIBILITY_FIELDS, Eligibility, LEAVE_REASONS, REVIEW_TYPES, eligibilityFailures } from '../../workflows/open-to-review/model';
import {
  OpenToReviewCaseStart,
  OpenToReviewCaseState,
  changePackage,
  closeOpenToReviewCase,
  completeOpenToReviewTask,
  openToReviewCaseStateQuery,
  reassignCaseholder,
  recordDecisionNote,
  recordOpenToReviewReview,
  recordRepresentation,
  recordVisit,
  setEhcpAnnualReview,
} from '../../workflows/open-to-review/messages';
import { openToReviewSettings } from '../../workflows/open-to-review/obligations';
import { openToReviewCase } from '../../workflows/open-to-review/open-to-review-case';
import { CASEHOLDER, CASE_KIND, CaseKind, NEXT_DUE, PROFILE, TEAM } from '../../workflows/search-attributes';
import { Role, TEAM_SCOPED, seesTeam } from '../../platform/auth/roles';
import { pickProfile } from '../calculator';
import { CHILD_ID, STAFF_ID, TEAM_ID, bool, date, object, oneOf, onlyFields, optionalDate, optionalText, text } from '../fields';
import { InputError } from '../input-error';
import { principalOf } from '../middleware/permit';
import { objectBody } from '../request-body';
import { SecureRouter } from '../secure-router';
import { refusalOf } from '../update-refusal';

export const LOW_LEVEL_CASE_ID = /^(o2r|sbs)-[0-9a-f]{24}$/;
/** The disabled children's team: social workers, team managers, and the service manager who oversees O2R. */
const DCS_TEAM: readonly Role[] = ['social-worker', 'team-manager', 'service-manager'];
const MANAGERS: readonly Role[] = ['team-manager', 'service-manager'];
const READERS: readonly Role[] = ['social-worker', 'team-manager', 'service-manager', 'strategic-manager'];

export interface OpenToReviewRouteDeps {
  client: Client;
  calendar: CalendarService;
  taskQueue: string;
  profiles: ProfileRegistry;
  defaultProfile: string;
  idKey: Buffer;
  clock: () => number;
}

/** Opaque ids (HMAC of the child and the kind, as for cycles): one running O2R case per child. */
function openToReviewCaseId(idKey: Buffer, kind: 'open-to-review' | 'short-breaks-series', childId: string, firstBreakOn?: string): string {
  const mac = createHmac('sha256', idKey).update(`${kind}\n${childId}\n${firstBreakOn ?? ''}`).digest('hex');
  return `${kind === 'open-to-review' ? 'o2r' : 'sbs'}-${mac.slice(0, 24)}`;
}

function caseId(raw: string): string {
  if (!LOW_LEVEL_CASE_ID.test(raw)) throw new InputError('caseId', `caseId: "${raw.slice(0, 40)}" is not a case id (o2r- or sbs- and 24 hex digits)`, 404);
  return raw;
}

const caseloadQuery = (staffId: string) =>
  `${CASE_KIND.name} = '${CaseKind.openToReview}' AND ${CASEHOLDER.name} = '${staffId}' AND ExecutionStatus = 'Running'`;

/** O5: the worker's running O2R cases, through visibility (undefined if the server cannot list). */
async function caseloadOf(client: Client, staffId: string): Promise<number | undefined> {
  try {
    return (await client.workflow.count(caseloadQuery(staffId))).count;
  } catch {
    return undefined;
  }
}

export function openToReviewRoutes(r: SecureRouter, { client, calendar, taskQueue, profiles, defaultProfile, idKey, clock }: OpenToReviewRouteDeps): void {
  async function visible(res: Response, id: string): Promise<OpenToReviewCaseState> {
    let s: OpenToReviewCaseState;
    try {
      s = await client.workflow.getHandle(id).query(openToReviewCaseStateQuery);
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) throw new InputError('caseId', `caseId: no case ${id}`, 404);
      throw e;
    }
    if (!seesTeam(principalOf(res), s.child.team)) throw new InputError('caseId', `caseId: ${id} belongs to another team's child`, 403);
    return s;
  }
  async function command<Arg>(res: Response, raw: string, update: UpdateDefinition<OpenToReviewCaseState, [Arg]>, arg: Arg): Promise<OpenToReviewCaseState> {
    const id = caseId(raw);
    await visible(res, id);
    try {
      return await client.workflow.getHandle(id).executeUpdate(update, { args: [arg] });
    } catch (e) {
      if (e instanceof WorkflowUpdateFailedError) throw refusalOf(e, 'caseId');
      if (e instanceof WorkflowNotFoundError) throw new InputError('caseId', `caseId: ${id} has ended; nothing more can be recorded (O4)`, 409, 'O4');
      throw e;
    }
  }
  const by = (res: Response) => principalOf(res).userId;
  const today = () => londonDate(clock());

  /** O1-O2: a case moves to O2R (eligibility checked), or a series of short breaks starts (L19). */
  r.post('/', DCS_TEAM, async (req, res) => {
    const b = objectBody(req);
    const kind = b.kind === undefined ? 'open-to-review' : oneOf(b, 'kind', ['open-to-review', 'short-breaks-series'] as const);
    onlyFields(b, kind === 'open-to-review'
      ? ['kind', 'childId', 'dateOfBirth', 'team', 'caseholder', 'rationale', 'eligibility', 'ehcpAnnualReviewOn', 'package', 'profile']
      : ['kind', 'childId', 'dateOfBirth', 'team', 'caseholder', 'firstBreakOn', 'profile']);
    const user = principalOf(res);
    const childId = text(b, 'childId', { max: 64, pattern: CHILD_ID, hint: "the case system's opaque id (letters, digits, '-' or '_'), never a name" });
    const dateOfBirth = date(b, 'dateOfBirth');
    if (dateOfBirth > today()) throw new InputError('dateOfBirth', `dateOfBirth: ${dateOfBirth} is in the future`);
    const team = text(b, 'team', { max: 64, pattern: TEAM_ID, hint: 'a team code' });
    if (user.roles.every((role) => TEAM_SCOPED.includes(role)) && team !== user.team) {
      throw new InputError('team', `team: social workers and team managers open cases for their own team (${user.team ?? 'your token names no team'})`, 403);
    }
    const caseholder = text(b, 'caseholder', { max: 128, pattern: STAFF_ID, hint: 'the O2R social worker\'s staff id' });
    const profile = pickProfile(profiles, b.profile === undefined ? defaultProfile : b.profile);
    const settings = openToReviewSettings(profile.openToReview);
    const start: OpenToReviewCaseStart = {
      caseId: '', kind, variant: settings.variant, child: { childId, dateOfBirth, team }, caseholder, profileId: profile.id, settings, by: user.userId,
    };
    if (kind === 'open-to-review') {
      const age = Number(today().slice(0, 4)) - Number(dateOfBirth.slice(0, 4)) - (today().slice(5) < dateOfBirth.slice(5) ? 1 : 0);
      if (age >= 25) throw new InputError('dateOfBirth', 'dateOfBirth: the 0-25 service ends at 25', 422, 'O1');
      start.rationale = text(b, 'rationale');
      const e = object(b, 'eligibility');
      if (!e) throw new InputError('eligibility', `eligibility: required: ${ELIGIBILITY_FIELDS.join(', ')} (O1)`, 400, 'O1');
      onlyFields(e, ELIGIBILITY_FIELDS);
      const facts: Record<string, boolean | undefined> = {};
      for (const f of ELIGIBILITY_FIELDS) {
        const v = bool(e, f);
        const optional = f === 'parentsAgree' || f === 'overnightBreaksStableAndWorking';
        if (v === undefined && !optional) throw new InputError(`eligibility.${f}`, `eligibility.${f}: true or false is required (O1)`, 400, 'O1');
        facts[f] = v;
      }
      const failures = eligibilityFailures(facts as unknown as Eligibility);
      if (failures.length) {
        throw new InputError(failures[0].field, `not eligible for Open to Review (O1): ${failures.map((f) => f.message).join('; ')}`, 422, 'O1', failures);
      }
      start.ehcpAnnualReviewOn = optionalDate(b, 'ehcpAnnualReviewOn');
      const p = object(b, 'package');
      if (p) {
        onlyFields(p, ['overnightShortBreaks', 'hoursPerWeek']);
        const overnight = bool(p, 'overnightShortBreaks');
        const hours = p.hoursPerWeek;
        if (overnight === undefined) throw new InputError('package.overnightShortBreaks', 'package.overnightShortBreaks: true or false', 400, 'O6');
        if (typeof hours !== 'number' || !(hours >= 0 && hours <= 168)) throw new InputError('package.hoursPerWeek', 'package.hoursPerWeek: hours a week, 0 to 168', 400, 'O6');
        start.package = { overnightShortBreaks: overnight, hoursPerWeek: hours };
      }
      start.caseloadBefore = await caseloadOf(client, caseholder);
    } else {
      const firstBreakOn = date(b, 'firstBreakOn');
      if (firstBreakOn < dateOfBirth || firstBreakOn > today()) throw new InputError('firstBreakOn', `firstBreakOn: ${firstBreakOn} must be from the date of birth to today`, 400, 'L19');
      start.firstBreakOn = firstBreakOn;
    }
    start.caseId = openToReviewCaseId(idKey, kind, childId, start.firstBreakOn);
    try {
      await client.workflow.start(openToReviewCase, {
        taskQueue,
        workflowId: start.caseId,
        args: [{ ...start, calendar: calendar.snapshot() }],
        // One running case per child (and series); a child may come back to O2R after leaving it.
        workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
        typedSearchAttributes: [
          { key: CASE_KIND, value: kind === 'open-to-review' ? CaseKind.openToReview : CaseKind.shortBreaksSeries },
          { key: PROFILE, value: profile.id },
          { key: TEAM, value: team },
          { key: CASEHOLDER, value: caseholder },
        ],
      });
    } catch (e) {
      if (e instanceof WorkflowExecutionAlreadyStartedError) {
        res.status(409).json({ error: { status: 409, message: `this child already has a running case: ${start.caseId}`, field: 'childId' }, caseId: start.caseId, href: `/api/open-to-review-cases/${start.caseId}` });
        return;
      }
      throw e;
    }
    res.locals.created = start.caseId;
    const caseload = start.caseloadBefore === undefined ? undefined : start.caseloadBefore + 1;
    const warnings = caseload !== undefined && caseload > settings.caseloadCapacity ? [`O5: ${caseholder} now holds ${caseload} O2R cases, over the capacity of ${settings.caseloadCapacity}; the team manager is told`] : [];
    res.status(201).location(`/api/open-to-review-cases/${start.caseId}`).json({ caseId: start.caseId, href: `/api/open-to-review-cases/${start.caseId}`, caseload, warnings });
  });

  r.get('/:caseId', READERS, async (req, res) => {
    res.json(await visible(res, caseId(req.params.caseId as string)));
  });

  r.post('/:caseId/representations', ['social-worker', 'team-manager'], async (req, res) => {
    const b = objectBody(req);
    onlyFields(b, ['on', 'objection', 'summary']);
    const objection = bool(b, 'objection');
    if (objection === undefined) throw new InputError('objection', 'objection: true or false (does the family object?)', 400, 'O2');
    res.status(201).json(await command(res, req.params.caseId as string, recordRepresentation, { on: optionalDate(b, 'on') ?? today(), objection, summary: text(b, 'summary'), by: by(res) }));
  });

  r.post('/:caseId/decision-note', ['team-manager'], async (req, res) => {
    const b = objectBody(req);
    onlyFields(b, ['decision', 'rationale', 'firstReviewOn']);
    const decision = oneOf(b, 'decision', ['o2r', 'not-o2r'] as const, 'O2');
    res.status(201).json(await command(res, req.params.caseId as string, recordDecisionNote, { decision, rationale: text(b, 'rationale'), firstReviewOn: optionalDate(b, 'firstReviewOn'), by: by(res) }));
  });

  r.post('/:caseId/reviews', ['social-worker', 'team-manager'], async (req, res) => {
    const b = objectBody(req);
    onlyFields(b, ['heldOn', 'type', 'childSeen', 'parentsSeen', 'chair', 'outcome', 'leaveReason', 'moreFrequentReviewsNeeded', 'note']);
    const chair = object(b, 'chair') ?? { role: 'caseholder' };
    onlyFields(chair, ['role', 'staffId']);
    const seen = (f: string) => { const v = bool(b, f); if (v === undefined) throw new InputError(f, `${f}: true or false`, 400, 'O3'); return v; };
    res.status(201).json(await command(res, req.params.caseId as string, recordOpenToReviewReview, {
      heldOn: date(b, 'heldOn'),
      type: oneOf(b, 'type', REVIEW_TYPES, 'O3'),
      childSeen: seen('childSeen'),
      parentsSeen: seen('parentsSeen'),
      chair: { role: oneOf(chair, 'role', CHAIR_ROLES), staffId: optionalText(chair, 'staffId', { max: 128, pattern: STAFF_ID, hint: 'a staff id' }) },
      outcome: oneOf(b, 'outcome', ['continue', 'leave'] as const, 'O4'),
      leaveReason: b.leaveReason === undefined ? undefined : oneOf(b, 'leaveReason', LEAVE_REASONS, 'O4'),
      moreFrequentReviewsNeeded: bool(b, 'moreFrequentReviewsNeeded'),
      note: optionalText(b, 'note'),
      by: by(res),
    }));
  });

  r.post('/:caseId/visits', ['social-worker', 'team-manager'], async (req, res) => {
    const b = objectBody(req);
    onlyFields(b, ['on', 'childSeen', 'parentsSeen', 'where']);
    res.status(201).json(await command(res, req.params.caseId as string, recordVisit, {
      on: date(b, 'on'), childSeen: bool(b, 'childSeen') ?? false, parentsSeen: bool(b, 'parentsSeen') ?? false, where: optionalText(b, 'where', { max: 200 }), by: by(res),
    }));
  });

  r.post('/:caseId/ehcp', ['social-worker', 'team-manager'], async (req, res) => {
    const b = objectBody(req);
    onlyFields(b, ['annualReviewOn']);
    res.json(await command(res, req.params.caseId as string, setEhcpAnnualReview, { on: date(b, 'annualReviewOn'), by: by(res) }));
  });

  r.post('/:caseId/package', ['social-worker', 'team-manager'], async (req, res) => {
    const b = objectBody(req);
    onlyFields(b, ['overnightShortBreaks', 'hoursPerWeek']);
    const overnight = bool(b, 'overnightShortBreaks');
    if (overnight === undefined) throw new InputError('overnightShortBreaks', 'overnightShortBreaks: true or false', 400, 'O6');
    const hours = b.hoursPerWeek;
    if (typeof hours !== 'number' || !(hours >= 0 && hours <= 168)) throw new InputError('hoursPerWeek', 'hoursPerWeek: hours a week, 0 to 168', 400, 'O6');
    res.json(await command(res, req.params.caseId as string, changePackage, { overnightShortBreaks: overnight, hoursPerWeek: hours, by: by(res) }));
  });

  r.post('/:caseId/tasks', ['social-worker', 'team-manager'], async (req, res) => {
    const b = objectBody(req);
    onlyFields(b, ['key', 'on']);
    res.json(await command(res, req.params.caseId as string, completeOpenToReviewTask, { key: text(b, 'key', { max: 64 }), on: optionalDate(b, 'on') ?? today(), by: by(res) }));
  });

  r.post('/:caseId/caseholder', MANAGERS, async (req, res) => {
    const b = objectBody(req);
    onlyFields(b, ['staffId']);
    const to = text(b, 'staffId', { max: 128, pattern: STAFF_ID, hint: "the O2R social worker's staff id" });
    const s = await visible(res, caseId(req.params.caseId as string));
    const before = s.kind === 'open-to-review' ? await caseloadOf(client, to) : undefined;
    const capacity = openToReviewSettings(profiles.get(s.profileId)?.openToReview).caseloadCapacity;
    const after = before === undefined ? undefined : before + 1;
    res.json(await command(res, s.caseId, reassignCaseholder, { to, caseloadAfter: after, capacityWarning: after !== undefined && after > capacity, by: by(res) }));
  });

  r.post('/:caseId/close', MANAGERS, async (req, res) => {
    const b = objectBody(req);
    onlyFields(b, ['on', 'reason']);
    res.json(await command(res, req.params.caseId as string, closeOpenToReviewCase, { on: optionalDate(b, 'on') ?? today(), reason: text(b, 'reason'), by: by(res) }));
  });
}

/** O5: an O2R social worker's caseload, and moving all of it to another worker in one call. */
export function caseloadRoutes(r: SecureRouter, { client, profiles, defaultProfile }: Pick<OpenToReviewRouteDeps, 'client' | 'profiles' | 'defaultProfile'>): void {
  const capacity = () => openToReviewSettings(profiles.get(defaultProfile)?.openToReview).caseloadCapacity;
  const staffId = (raw: string) => {
    if (!STAFF_ID.test(raw)) throw new InputError('staffId', `staffId: "${raw.slice(0, 40)}" is not a staff id`, 404);
    return raw;
  };
  async function list(id: string) {
    const cases: { caseId: string; team?: string; nextDue?: string }[] = [];
    try {
      for await (const w of client.workflow.list({ query: caseloadQuery(id) })) {
        const team = w.typedSearchAttributes.get(TEAM);
        const due = w.typedSearchAttributes.get(NEXT_DUE);
        cases.push({ caseId: w.workflowId, team, nextDue: due ? due.toISOString().slice(0, 10) : undefined });
      }
    } catch (e) {
      throw new InputError('staffId', `caseloads are read from Temporal's visibility, which is not answering: ${(e as Error).message}`, 503);
    }
    return cases.sort((a, b) => (a.nextDue ?? '9999').localeCompare(b.nextDue ?? '9999'));
  }

  r.get('/:staffId', ['social-worker', 'team-manager', 'service-manager'], async (req, res) => {
    const id = staffId(req.params.staffId as string);
    const p = principalOf(res);
    if (p.roles.every((role) => role === 'social-worker') && p.userId !== id) throw new InputError('staffId', 'staffId: a social worker sees their own caseload', 403);
    const cases = await list(id);
    const cap = capacity();
    // Team-scoped readers see every case counted, but only their own team's case ids.
    const shown = cases.map((c) => (seesTeam(p, c.team) ? c : { caseId: 'another team', team: c.team, nextDue: c.nextDue }));
    res.json({ staffId: id, count: cases.length, capacity: cap, overCapacity: cases.length > cap, cases: shown, rule: 'O5' });
  });

  r.post('/:staffId/transfer', ['team-manager', 'service-manager'], async (req, res) => {
    const from = staffId(req.params.staffId as string);
    const b = objectBody(req);
    onlyFields(b, ['toStaffId']);
    const to = text(b, 'toStaffId', { max: 128, pattern: STAFF_ID, hint: "the receiving O2R social worker's staff id" });
    if (to === from) throw new InputError('toStaffId', 'toStaffId: the same worker', 422, 'O5');
    const p = principalOf(res);
    const cases = await list(from);
    const mine = cases.filter((c) => seesTeam(p, c.team));
    if (mine.length < cases.length) throw new InputError('staffId', `staffId: ${cases.length - mine.length} of ${from}'s cases belong to other teams; a service manager moves a caseload across teams`, 403);
    const already = (await caseloadOf(client, to)) ?? 0;
    const cap = capacity();
    const total = already + cases.length;
    const moved: string[] = [];
    const failed: { caseId: string; message: string }[] = [];
    for (const [i, c] of cases.entries()) {
      try {
        await client.workflow.getHandle(c.caseId).executeUpdate(reassignCaseholder, {
          // The capacity warning goes once, with the last case moved.
          args: [{ to, caseloadAfter: total, capacityWarning: i === cases.length - 1 && total > cap, by: p.userId }],
        });
        moved.push(c.caseId);
      } catch (e) {
        failed.push({ caseId: c.caseId, message: e instanceof WorkflowUpdateFailedError ? (e.cause?.message ?? e.message) : (e as Error).message });
      }
    }
    res.locals.created = `${from}->${to}`;
    res.json({
      from, to, moved: moved.length, failed, caseload: total, capacity: cap,
      warnings: total > cap ? [`O5: ${to} now holds ${total} O2R cases, over the capacity of ${cap}; the team manager is told`] : [],
      rule: 'O5',
    });
  });
}
