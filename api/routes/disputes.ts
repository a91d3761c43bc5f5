/**
 * Resolution and Escalation over HTTP (rules.md section C): an IRO opens a dispute, the stages
 * climb by themselves, and the IRO escalates, refers to CAFCASS or records the resolution.
 */
import { randomBytes } from 'node:crypto';
import { Response } from 'express';
import { Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { UpdateDefinition } from '@temporalio/common';
import { EmbeddedStore } from '../../data/embedded-store';
import { CalendarService } from '../../data/calendar-service';
import { daysBetween } from '../../workflows/calendar/iso-date';
import {
  DisputeState,
  disputeStateQuery,
  escalateDispute,
  recordCafcassDecision,
  recordDisputeResponse,
  referToCafcass,
  resolveDispute,
} from '../../workflows/dispute/messages';
import { DISPUTE_CATEGORIES, Stage, disputeTimescales } from '../../workflows/dispute/stages';
import { ProfileRegistry } from '../../data/reference-data';
import { cycleStateQuery } from '../../workflows/looked-after-cycle/messages';
import { resolutionAndEscalation } from '../../workflows/dispute/resolution-and-escalation';
import { CASE_KIND, CaseKind, TEAM } from '../../workflows/search-attributes';
import { CASE_ROLES, Role, seesTeam } from '../../platform/auth/roles';
import { CYCLE_ID } from '../services/case-ids';
import { CHILD_ID, TEAM_ID, bool, oneOf, onlyFields, optionalText, text } from '../fields';
import { InputError } from '../input-error';
import { principalOf } from '../middleware/permit';
import { objectBody, queryText } from '../request-body';
import { SecureRouter } from '../secure-router';
import { refusalOf } from '../update-refusal';

const DISPUTE_ID = /^(red-[0-9a-f]{24}|lac-[0-9a-f]{24}-r\d{1,3}-l1[01])$/;
const IRO_SIDE: readonly Role[] = ['iro-unit', 'iro'];
const STAGE_NAMES = ['informal', '1', '2', '3', '4', '5'] as const;

function stage(b: Record<string, unknown>, field: string, required: boolean): Stage | undefined {
  const v = b[field];
  if (v === undefined && !required) return undefined;
  const s = typeof v === 'number' ? String(v) : v;
  if (typeof s !== 'string' || !(STAGE_NAMES as readonly string[]).includes(s)) {
    throw new InputError(field, `${field}: "informal" or a stage from 1 to 5 (E2-E5)`, 400, 'E5');
  }
  return (s === 'informal' ? 0 : Number(s)) as Stage;
}

function disputeId(raw: string): string {
  if (!DISPUTE_ID.test(raw)) throw new InputError('disputeId', `disputeId: "${raw.slice(0, 40)}" is not a dispute id`, 404);
  return raw;
}

export interface DisputeRouteDeps {
  client: Client;
  calendar: CalendarService;
  taskQueue: string;
  profiles: ProfileRegistry;
  /** The authority's profile, for a dispute not opened on a cycle. */
  defaultProfile: string;
}

export function disputeRoutes(r: SecureRouter, { client, calendar, taskQueue, profiles, defaultProfile }: DisputeRouteDeps): void {
  async function visible(res: Response, id: string): Promise<DisputeState> {
    let s: DisputeState;
    try {
      s = await client.workflow.getHandle(id).query(disputeStateQuery);
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) throw new InputError('disputeId', `disputeId: no dispute ${id}`, 404);
      throw e;
    }
    if (!seesTeam(principalOf(res), s.child.team)) throw new InputError('disputeId', `disputeId: ${id} concerns another team's child`, 403);
    return s;
  }

  async function command<Arg>(res: Response, raw: string, update: UpdateDefinition<DisputeState, [Arg]>, arg: Arg): Promise<DisputeState> {
    const id = disputeId(raw);
    await visible(res, id);
    try {
      return await client.workflow.getHandle(id).executeUpdate(update, { args: [arg] });
    } catch (e) {
      if (e instanceof WorkflowUpdateFailedError) throw refusalOf(e, 'disputeId');
      if (e instanceof WorkflowNotFoundError) throw new InputError('disputeId', `disputeId: ${id} is closed (E6)`, 409, 'E6');
      throw e;
    }
  }
  const by = (res: Response) => principalOf(res).userId;

  /** E1-E6: an IRO opens a dispute about a child's plan. */
  r.post('/', IRO_SIDE, async (req, res) => {
    const b = objectBody(req);
    onlyFields(b, ['cycleId', 'childId', 'team', 'category', 'summary', 'startStage', 'seriousSafeguarding']);
    const category = oneOf(b, 'category', DISPUTE_CATEGORIES, 'E1');
    const summary = text(b, 'summary');
    const startStage = stage(b, 'startStage', false) ?? 0;
    const seriousSafeguarding = bool(b, 'seriousSafeguarding') ?? false;
    let child: { childId: string; team: string };
    let profileId = defaultProfile;
    const cycleId = optionalText(b, 'cycleId', { max: 40, pattern: CYCLE_ID, hint: 'a looked-after cycle id' });
    if (cycleId) {
      if (b.childId !== undefined || b.team !== undefined) throw new InputError('childId', 'childId: give cycleId or childId and team, not both');
      try {
        const s = await client.workflow.getHandle(cycleId).query(cycleStateQuery);
        child = { childId: s.child.childId, team: s.child.team };
        profileId = s.profileId;
      } catch (e) {
        if (e instanceof WorkflowNotFoundError) throw new InputError('cycleId', `cycleId: no cycle ${cycleId}`, 404);
        throw e;
      }
    } else {
      child = {
        childId: text(b, 'childId', { max: 64, pattern: CHILD_ID, hint: "the case system's opaque id, never a name" }),
        team: text(b, 'team', { max: 64, pattern: TEAM_ID, hint: 'a team code' }),
      };
    }
    const id = `red-${randomBytes(12).toString('hex')}`;
    const timescales = disputeTimescales((profiles.get(profileId) ?? profiles.get('statutory'))?.resolutionAndEscalation);
    await client.workflow.start(resolutionAndEscalation, {
      taskQueue,
      workflowId: id,
      args: [{ disputeId: id, child, category, summary, startStage, seriousSafeguarding, iro: by(res), source: 'iro', cycleId, profileId, timescales, calendar: calendar.snapshot() }],
      typedSearchAttributes: [{ key: CASE_KIND, value: CaseKind.resolutionAndEscalation }, { key: TEAM, value: child.team }],
    });
    res.locals.created = id;
    res.status(201).location(`/api/disputes/${id}`).json({ disputeId: id, href: `/api/disputes/${id}` });
  });

  r.get('/:disputeId', CASE_ROLES, async (req, res) => {
    res.json(await visible(res, disputeId(req.params.disputeId as string)));
  });

  r.post('/:disputeId/escalate', IRO_SIDE, async (req, res) => {
    const b = objectBody(req);
    onlyFields(b, ['toStage', 'reason']);
    const toStage = stage(b, 'toStage', false);
    res.json(await command(res, req.params.disputeId as string, escalateDispute, { toStage, reason: text(b, 'reason'), by: by(res) }));
  });

  r.post('/:disputeId/responses', CASE_ROLES, async (req, res) => {
    const b = objectBody(req);
    onlyFields(b, ['note']);
    res.status(201).json(await command(res, req.params.disputeId as string, recordDisputeResponse, { note: text(b, 'note'), by: by(res) }));
  });

  r.post('/:disputeId/cafcass', IRO_SIDE, async (req, res) => {
    const b = objectBody(req);
    onlyFields(b, ['reason']);
    res.status(201).json(await command(res, req.params.disputeId as string, referToCafcass, { reason: text(b, 'reason'), by: by(res) }));
  });

  r.post('/:disputeId/cafcass-decision', IRO_SIDE, async (req, res) => {
    const b = objectBody(req);
    onlyFields(b, ['text']);
    res.json(await command(res, req.params.disputeId as string, recordCafcassDecision, { text: text(b, 'text'), by: by(res) }));
  });

  r.post('/:disputeId/resolve', IRO_SIDE, async (req, res) => {
    const b = objectBody(req);
    onlyFields(b, ['outcome', 'summary']);
    const arg = { outcome: oneOf(b, 'outcome', ['resolved', 'withdrawn'] as const), summary: text(b, 'summary'), by: by(res) };
    res.json(await command(res, req.params.disputeId as string, resolveDispute, arg));
  });
}

/** Disputes by stage reached, category and outcome, time to resolution, CAFCASS referrals and breaches. */
export function disputeFigureRoutes(r: SecureRouter, store: EmbeddedStore): void {
  r.get('/', { roles: ['iro-unit', 'service-manager', 'strategic-manager'], query: ['year'] }, (req, res) => {
    const year = queryText(req.query, 'year');
    if (year === undefined || !/^\d{4}$/.test(year) || Number(year) < 2000 || Number(year) > 2100) {
      throw new InputError('year', 'year: the April-March year by its first year, e.g. 2025');
    }
    const from = `${year}-04-01`;
    const to = `${Number(year) + 1}-03-31`;
    const ds = store.disputes(from, to);
    const count = (key: (d: (typeof ds)[number]) => string) => ds.reduce<Record<string, number>>((acc, d) => ({ ...acc, [key(d)]: (acc[key(d)] ?? 0) + 1 }), {});
    const closed = ds.filter((d) => d.resolvedOn);
    const days = closed.map((d) => daysBetween(d.openedOn, d.resolvedOn!)).sort((a, b) => a - b);
    res.json({
      year: `${year}-${String(Number(year) + 1).slice(2)}`, from, to,
      disputes: ds.length,
      byCategory: count((d) => d.category),
      byHighestStage: count((d) => (d.highestStage === 0 ? 'informal' : `stage ${d.highestStage}`)),
      byOutcome: count((d) => d.outcome ?? 'open'),
      bySource: count((d) => d.source),
      daysToResolution: days.length ? { median: days[Math.floor(days.length / 2)], max: days[days.length - 1] } : null,
      cafcassReferrals: ds.filter((d) => d.cafcassReferredOn).length,
      over20WorkingDays: ds.filter((d) => d.breachedOn).length,
    });
  });
}
