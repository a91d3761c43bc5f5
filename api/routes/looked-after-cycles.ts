/**
 * The looked-after review cycle over HTTP: a child comes into care, and every event of their
 * reviews after that (rules.md L1-L18). Each command is a workflow Update; its validator's refusal
 * comes back as a 422 naming the field and the rule.
 */
import { Response } from 'express';
import {
  Client,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { UpdateDefinition, WorkflowIdReusePolicy } from '@temporalio/common';
import { CalendarService } from '../../data/calendar-service';
import { ProfileRegistry } from '../../data/reference-data';
import { londonDate } from '../../workflows/calendar/office-hours';
import { lookedAfterReviewCycle } from '../../workflows/looked-after-cycle/looked-after-review-cycle';
import {
  CycleStart,
  CycleState,
  adjournReview,
  allocateSocialWorker,
  answerDecisions,
  appointIro,
  bookReview,
  bringForward,
  ceaseLookedAfter,
  changePlacement,
  completeTask,
  cycleStateQuery,
  recordReviewHeld,
  resolveDisagreement,
  respondToStarred,
} from '../../workflows/looked-after-cycle/messages';
import { BRING_FORWARD_REASONS, LEGAL_STATUSES, PARTICIPATION_CODES, PLACEMENT_TYPES, ageOn } from '../../workflows/looked-after-cycle/model';
import { Recipient } from '../../workflows/looked-after-cycle/obligations';
import { CASE_KIND, CaseKind, PROFILE, TEAM } from '../../workflows/search-attributes';
import { CASE_ROLES, Principal, Role, TEAM_SCOPED, seesTeam } from '../../platform/auth/roles';
import { pickProfile } from '../calculator';
import { CYCLE_ID, lookedAfterCycleId } from '../services/case-ids';
import { CHILD_ID, STAFF_ID, TEAM_ID, bool, date, list, object, oneOf, onlyFields, optionalDate, optionalText, text } from '../fields';
import { InputError } from '../input-error';
import { principalOf } from '../middleware/permit';
import { objectBody } from '../request-body';
import { SecureRouter } from '../secure-router';
import { refusalOf } from '../update-refusal';

export interface CycleRouteDeps {
  client: Client;
  calendar: CalendarService;
  taskQueue: string;
  profiles: ProfileRegistry;
  defaultProfile: string;
  idKey: Buffer;
  clock: () => number;
}

/** Opaque case-system ids only: letters, digits, '-' and '_' (so never a name with a space). */
const REVIEW_NUMBER = /^[1-9]\d{0,2}$/;

/** Who records that a child has come into care (or has stopped being looked after). */
const CASE_HOLDERS: readonly Role[] = ['iro-unit', 'social-worker', 'team-manager'];
/** Only the IRO side books and records reviews. */
const IRO_SIDE: readonly Role[] = ['iro-unit', 'iro'];
const SOCIAL_WORK: readonly Role[] = ['social-worker', 'team-manager'];

/** Which roles may mark an obligation done, by who owes it. */
const DONE_BY: Record<Recipient, readonly Role[]> = {
  'iro-unit': ['iro-unit'],
  'iro-unit-manager': ['iro-unit'],
  iro: ['iro', 'iro-unit'],
  'social-worker': ['social-worker', 'team-manager'],
  'team-manager': ['team-manager'],
  'service-manager': ['service-manager'],
  'principal-manager': ['service-manager'],
  'strategic-manager': ['strategic-manager'],
};

function cycleId(raw: string): string {
  if (!CYCLE_ID.test(raw)) throw new InputError('cycleId', `cycleId: "${raw.slice(0, 40)}" is not a looked-after cycle id (lac- and 24 hex digits, as returned when the cycle was started)`, 404);
  return raw;
}

/** A command on a cycle that has ended is a 409 (L13); on one that never existed, a 404. */
async function notFoundOrEnded(client: Client, e: unknown, id: string): Promise<never> {
  if (e instanceof WorkflowNotFoundError) {
    const status = await client.workflow.getHandle(id).describe().then((d) => d.status.name, () => undefined);
    if (status && status !== 'RUNNING') throw new InputError('cycleId', `cycleId: ${id} has ended (${status.toLowerCase()}); nothing more can be recorded (L13)`, 409, 'L13');
    throw new InputError('cycleId', `cycleId: no cycle ${id}`, 404);
  }
  throw e;
}

export function lookedAfterCycleRoutes(r: SecureRouter, { client, calendar, taskQueue, profiles, defaultProfile, idKey, clock }: CycleRouteDeps): void {
  /** The cycle's state, if this user may see this child (team-scoped roles: their own team only). */
  async function visibleState(res: Response, id: string): Promise<CycleState> {
    let state: CycleState;
    try {
      state = await client.workflow.getHandle(id).query(cycleStateQuery);
    } catch (e) {
      return notFoundOrEnded(client, e, id);
    }
    if (!seesTeam(principalOf(res), state.child.team)) {
      throw new InputError('cycleId', `cycleId: ${id} belongs to another team's child; social workers and team managers see their own team's children only`, 403);
    }
    return state;
  }

  /** Runs a command on a cycle the user may see; refusals become 422s naming the rule. */
  async function command<Ret, Arg>(res: Response, rawId: string, update: UpdateDefinition<Ret, [Arg]>, arg: Arg, check?: (s: CycleState, p: Principal) => void): Promise<Ret> {
    const id = cycleId(rawId);
    const p = principalOf(res);
    const scoped = p.roles.every((role) => TEAM_SCOPED.includes(role) || !CASE_ROLES.includes(role));
    if (scoped || check) {
      const s = await visibleState(res, id);
      check?.(s, p);
    }
    try {
      return await client.workflow.getHandle(id).executeUpdate(update, { args: [arg] });
    } catch (e) {
      if (e instanceof WorkflowUpdateFailedError) throw refusalOf(e, 'cycleId');
      return notFoundOrEnded(client, e, id);
    }
  }

  const by = (res: Response) => principalOf(res).userId;
  const reviewNumber = (raw: string) => {
    if (!REVIEW_NUMBER.test(raw)) throw new InputError('reviewNumber', `reviewNumber: "${raw.slice(0, 20)}" is not a review number (1, 2, 3...)`, 404);
    return Number(raw);
  };

  /** A child comes into care: start the cycle for this period of care (L1, L2). */
  r.post('/', CASE_HOLDERS, async (req, res) => {
    const b = objectBody(req);
    onlyFields(b, ['childId', 'becameLookedAfter', 'dateOfBirth', 'legalStatus', 'placementType', 'placementStartedOn', 'team', 'profile']);
    const user = principalOf(res);
    const childId = b.childId;
    if (typeof childId !== 'string' || !CHILD_ID.test(childId)) {
      throw new InputError('childId', "childId: the case system's opaque id (letters, digits, '-' or '_', up to 64), never a name");
    }
    const becameLookedAfter = date(b, 'becameLookedAfter');
    const today = londonDate(clock());
    if (becameLookedAfter > today) throw new InputError('becameLookedAfter', `becameLookedAfter: ${becameLookedAfter} is in the future (today is ${today})`);
    const dateOfBirth = date(b, 'dateOfBirth');
    if (dateOfBirth > becameLookedAfter) throw new InputError('dateOfBirth', `dateOfBirth: ${dateOfBirth} is after the child became looked after (${becameLookedAfter})`);
    if (ageOn(dateOfBirth, becameLookedAfter) >= 18) throw new InputError('dateOfBirth', 'dateOfBirth: the child was 18 or over when they became looked after; looked-after status ends at 18', 422, 'L16');
    const legalStatus = oneOf(b, 'legalStatus', LEGAL_STATUSES);
    const placementType = oneOf(b, 'placementType', PLACEMENT_TYPES);
    const placementStartedOn = optionalDate(b, 'placementStartedOn') ?? becameLookedAfter;
    if (placementStartedOn < becameLookedAfter || placementStartedOn > today) {
      throw new InputError('placementStartedOn', `placementStartedOn: ${placementStartedOn} must be from the day the child became looked after (${becameLookedAfter}) to today`);
    }
    const profile = pickProfile(profiles, b.profile === undefined ? defaultProfile : b.profile);
    const teamScoped = !user.roles.some((role) => CASE_HOLDERS.includes(role) && !TEAM_SCOPED.includes(role));
    const team = b.team === undefined && teamScoped ? user.team : optionalText(b, 'team', { max: 64, pattern: TEAM_ID, hint: "a team code (letters, digits, '-' or '_', up to 64)" });
    if (team === undefined) throw new InputError('team', "team: required (the child's social work team code)");
    if (teamScoped && team !== user.team) {
      throw new InputError('team', `team: social workers and team managers start cycles for their own team (${user.team ?? 'your token names no team'})`, 403);
    }
    const start: CycleStart = {
      cycleId: lookedAfterCycleId(idKey, childId, becameLookedAfter),
      child: { childId, dateOfBirth, legalStatus, team },
      becameLookedAfter,
      placement: { type: placementType, startedOn: placementStartedOn },
      profileId: profile.id,
      by: user.userId,
    };
    try {
      await client.workflow.start(lookedAfterReviewCycle, {
        taskQueue,
        workflowId: start.cycleId,
        args: [{ ...start, profile, calendar: calendar.snapshot() }],
        // The same child and period of care never makes two cycles, even after one has ended.
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        typedSearchAttributes: [
          { key: CASE_KIND, value: CaseKind.lookedAfterReviewCycle },
          { key: PROFILE, value: profile.id },
          { key: TEAM, value: team },
        ],
      });
    } catch (e) {
      if (e instanceof WorkflowExecutionAlreadyStartedError) {
        res.locals.target = start.cycleId;
        res.status(409).json({
          error: { status: 409, message: `a cycle for this child and period of care already exists: ${start.cycleId}`, field: 'childId' },
          cycleId: start.cycleId,
          href: `/api/looked-after-cycles/${start.cycleId}`,
        });
        return;
      }
      throw e;
    }
    res.locals.created = start.cycleId;
    res.status(201).location(`/api/looked-after-cycles/${start.cycleId}`).json({ cycleId: start.cycleId, href: `/api/looked-after-cycles/${start.cycleId}` });
  });

  r.get('/:cycleId', CASE_ROLES, async (req, res) => {
    res.json(await visibleState(res, cycleId(req.params.cycleId as string)));
  });

  /** L18: the whole story of this period of care, each review on time or late against its own due date. */
  r.get('/:cycleId/history', CASE_ROLES, async (req, res) => {
    const s = await visibleState(res, cycleId(req.params.cycleId as string));
    res.json({
      cycleId: s.cycleId,
      status: s.status,
      ended: s.ended,
      reviews: s.reviewsHeld.map((h) => ({ reviewNumber: h.reviewNumber, due: h.due, heldOn: h.heldOn, rule: h.rule, onTime: h.onTime, participation: h.participation, chair: h.chair, withMeeting: h.withMeeting })),
      events: s.events,
    });
  });

  // L1: the IRO unit appoints the child's IRO.
  r.post('/:cycleId/iro', ['iro-unit'], async (req, res) => {
    const b = objectBody(req);
    onlyFields(b, ['staffId']);
    const staffId = text(b, 'staffId', { max: 128, pattern: STAFF_ID, hint: "the IRO's staff id" });
    res.json(await command(res, req.params.cycleId as string, appointIro, { staffId, by: by(res) }));
  });

  r.post('/:cycleId/social-worker', ['team-manager', 'iro-unit'], async (req, res) => {
    const b = objectBody(req);
    onlyFields(b, ['staffId']);
    const staffId = text(b, 'staffId', { max: 128, pattern: STAFF_ID, hint: "the social worker's staff id" });
    res.json(await command(res, req.params.cycleId as string, allocateSocialWorker, { staffId, by: by(res) }));
  });

  // L5: a change of placement.
  r.post('/:cycleId/placement-changes', SOCIAL_WORK, async (req, res) => {
    const b = objectBody(req);
    onlyFields(b, ['on', 'type']);
    const arg = { on: date(b, 'on'), type: oneOf(b, 'type', PLACEMENT_TYPES), by: by(res) };
    res.status(201).json(await command(res, req.params.cycleId as string, changePlacement, arg));
  });

  // L6: bring the next review forward, with the reason.
  r.post('/:cycleId/bring-forward', ['iro-unit', 'iro', 'social-worker', 'team-manager'], async (req, res) => {
    const b = objectBody(req);
    onlyFields(b, ['reason', 'detail', 'dueBy']);
    const arg = { reason: oneOf(b, 'reason', BRING_FORWARD_REASONS, 'L6'), detail: optionalText(b, 'detail'), dueBy: date(b, 'dueBy'), by: by(res) };
    res.status(201).json(await command(res, req.params.cycleId as string, bringForward, arg));
  });

  // L7: book (or move) the next review.
  r.post('/:cycleId/booking', IRO_SIDE, async (req, res) => {
    const b = objectBody(req);
    onlyFields(b, ['meetingOn', 'venue', 'reason', 'strategicManagerPermission']);
    const perm = object(b, 'strategicManagerPermission');
    const arg = {
      meetingOn: date(b, 'meetingOn'),
      venue: optionalText(b, 'venue', { max: 200 }),
      reason: optionalText(b, 'reason'),
      strategicManagerPermission: perm && {
        by: text(perm, 'by', { max: 128, pattern: STAFF_ID, hint: "the strategic manager's staff id" }),
        reason: text(perm, 'reason'),
      },
      by: by(res),
    };
    res.json(await command(res, req.params.cycleId as string, bookReview, arg));
  });

  // L12: adjourn the meeting (once, for at most 20 working days).
  r.post('/:cycleId/adjournment', IRO_SIDE, async (req, res) => {
    const b = objectBody(req);
    onlyFields(b, ['on', 'resumeOn', 'reason']);
    const arg = { on: date(b, 'on'), resumeOn: date(b, 'resumeOn'), reason: text(b, 'reason'), by: by(res) };
    res.status(201).json(await command(res, req.params.cycleId as string, adjournReview, arg));
  });

  // L8, L9, decisions, L16 pathway plan: an obligation done, by whoever owes it.
  r.post('/:cycleId/tasks', ['iro-unit', 'iro', 'social-worker', 'team-manager'], async (req, res) => {
    const b = objectBody(req);
    onlyFields(b, ['key', 'on']);
    const key = text(b, 'key', { max: 60, pattern: /^[a-z0-9/-]+$/, hint: 'an open task key from the cycle\'s obligations, e.g. r2/invitations' });
    const on = optionalDate(b, 'on') ?? londonDate(clock());
    const result = await command(res, req.params.cycleId as string, completeTask, { key, on, by: by(res) }, (s, p) => {
      const o = s.obligations.find((x) => x.key === key);
      if (o && !p.roles.some((role) => DONE_BY[o.owner].includes(role))) {
        throw new InputError('key', `key: ${key} is owed by the ${o.owner}; it is for ${DONE_BY[o.owner].join(' or ')} to record`, 403);
      }
    });
    res.json(result);
  });

  /** A review was held (L3-L5 run from its real date; L14 without a meeting; L17 substitute chair). */
  r.post('/:cycleId/reviews', IRO_SIDE, async (req, res) => {
    const b = objectBody(req);
    onlyFields(b, ['heldOn', 'participation', 'decisions', 'starredRecommendations', 'withoutMeeting', 'chair', 'nextMeetingOn', 'nextMeetingVenue']);
    const chair = object(b, 'chair');
    const arg = {
      heldOn: date(b, 'heldOn'),
      participation: oneOf(b, 'participation', PARTICIPATION_CODES, 'L18'),
      decisions: list(b, 'decisions', 100)?.map((d, i) => {
        if (typeof d !== 'object' || d === null || Array.isArray(d)) throw new InputError(`decisions[${i}]`, `decisions[${i}]: {text, owner, dueOn}`);
        const o = d as Record<string, unknown>;
        return { text: text(o, 'text'), owner: text(o, 'owner', { max: 128 }), dueOn: date(o, 'dueOn') };
      }),
      starredRecommendations: list(b, 'starredRecommendations', 50)?.map((s, i) => {
        if (typeof s !== 'string' || !s.trim() || s.length > 2000) throw new InputError(`starredRecommendations[${i}]`, `starredRecommendations[${i}]: text`);
        return s;
      }),
      withoutMeeting: bool(b, 'withoutMeeting'),
      chair: chair && {
        staffId: text(chair, 'staffId', { max: 128, pattern: STAFF_ID, hint: "the chair's staff id" }),
        as: oneOf(chair, 'as', ['allocated-iro', 'substitute-iro', 'team-manager'] as const, 'L17'),
      },
      nextMeetingOn: optionalDate(b, 'nextMeetingOn'),
      nextMeetingVenue: optionalText(b, 'nextMeetingVenue', { max: 200 }),
      by: by(res),
    };
    res.status(201).json(await command(res, req.params.cycleId as string, recordReviewHeld, arg));
  });

  // L10: only the team manager answers a review's decisions.
  r.post('/:cycleId/reviews/:reviewNumber/decision-response', ['team-manager'], async (req, res) => {
    const b = objectBody(req);
    onlyFields(b, ['response', 'reason']);
    const arg = {
      reviewNumber: reviewNumber(req.params.reviewNumber as string),
      response: oneOf(b, 'response', ['agree', 'disagree'] as const, 'L10'),
      reason: optionalText(b, 'reason'),
      by: by(res),
    };
    res.json(await command(res, req.params.cycleId as string, answerDecisions, arg));
  });

  r.post('/:cycleId/reviews/:reviewNumber/disagreement', IRO_SIDE, async (req, res) => {
    const b = objectBody(req);
    onlyFields(b, ['outcome', 'note']);
    const arg = {
      reviewNumber: reviewNumber(req.params.reviewNumber as string),
      outcome: oneOf(b, 'outcome', ['settled', 'dispute'] as const, 'L10'),
      note: optionalText(b, 'note'),
      by: by(res),
    };
    res.json(await command(res, req.params.cycleId as string, resolveDisagreement, arg));
  });

  // L11: a principal (service) or strategic manager raises a concern about starred recommendations, or agrees them.
  r.post('/:cycleId/reviews/:reviewNumber/starred-response', ['service-manager', 'strategic-manager'], async (req, res) => {
    const b = objectBody(req);
    onlyFields(b, ['response', 'note']);
    const arg = {
      reviewNumber: reviewNumber(req.params.reviewNumber as string),
      response: oneOf(b, 'response', ['concern', 'agree'] as const, 'L11'),
      note: optionalText(b, 'note'),
      by: by(res),
    };
    res.json(await command(res, req.params.cycleId as string, respondToStarred, arg));
  });

  // L13: the child stops being looked after; the cycle ends with a summary.
  r.post('/:cycleId/cease', CASE_HOLDERS, async (req, res) => {
    const b = objectBody(req);
    onlyFields(b, ['on', 'reason']);
    const arg = { on: date(b, 'on'), reason: text(b, 'reason'), by: by(res) };
    res.json(await command(res, req.params.cycleId as string, ceaseLookedAfter, arg));
  });
}
