import { Router } from 'express';
import {
  Client,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { CalendarService } from '../../activities/calendar-service';
import { ProfileRegistry } from '../../activities/reference-data';
import { londonDate } from '../../workflows/calendar/office-hours';
import { lookedAfterReviewCycle } from '../../workflows/looked-after-review-cycle';
import { CycleStart, cycleStateQuery, recordReviewHeld } from '../../workflows/looked-after-review-messages';
import { CASE_KIND, CaseKind, PROFILE, TEAM } from '../../workflows/search-attributes';
import { parseDate, pickProfile } from '../calculator';
import { InputError } from '../input-error';

export interface CycleRouteDeps {
  client: Client;
  calendar: CalendarService;
  taskQueue: string;
  profiles: ProfileRegistry;
  defaultProfile: string;
}

/** Opaque case-system ids only: letters, digits, '-' and '_' (so never a name with a space). */
const CHILD_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const TEAM_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const CYCLE_ID = /^lac-[A-Za-z0-9_-]{1,64}-\d{4}-\d{2}-\d{2}$/;

export function cycleIdFor(childId: string, becameLookedAfter: string): string {
  return `lac-${childId}-${becameLookedAfter}`;
}

function body(req: { body?: unknown }): Record<string, unknown> {
  const b = req.body;
  if (b === undefined) return {};
  if (typeof b !== 'object' || b === null || Array.isArray(b)) throw new InputError('body', 'body: a JSON object');
  return b as Record<string, unknown>;
}

function cycleId(raw: string): string {
  if (!CYCLE_ID.test(raw)) throw new InputError('cycleId', `cycleId: "${raw}" is not a looked-after cycle id (lac-<childId>-<YYYY-MM-DD>)`, 404);
  return raw;
}

/** Validator refusals come back as an update failure whose cause carries our message. */
function refusal(e: WorkflowUpdateFailedError): InputError {
  const message = e.cause?.message ?? e.message;
  const field = /^([A-Za-z][A-Za-z0-9.]*):/.exec(message)?.[1] ?? 'body';
  const rule = /\((L\d+)(?:\/L\d+)?\)/.exec(message)?.[1];
  return new InputError(field, message, 422, rule);
}

export function lookedAfterCycleRoutes({ client, calendar, taskQueue, profiles, defaultProfile }: CycleRouteDeps): Router {
  const r = Router();

  /** A child comes into care: start the cycle for this period of care (L1, L2). */
  r.post('/', async (req, res) => {
    const b = body(req);
    const childId = b.childId;
    if (typeof childId !== 'string' || !CHILD_ID.test(childId)) {
      throw new InputError('childId', "childId: the case system's opaque id (letters, digits, '-' or '_', up to 64), never a name");
    }
    const becameLookedAfter = parseDate('becameLookedAfter', b.becameLookedAfter);
    const today = londonDate(Date.now());
    if (becameLookedAfter > today) throw new InputError('becameLookedAfter', `becameLookedAfter: ${becameLookedAfter} is in the future (today is ${today})`);
    const profile = pickProfile(profiles, b.profile ?? defaultProfile);
    if (b.team !== undefined && (typeof b.team !== 'string' || !TEAM_ID.test(b.team))) {
      throw new InputError('team', "team: a team code (letters, digits, '-' or '_', up to 64)");
    }
    const team = b.team as string | undefined;
    const start: CycleStart = { cycleId: cycleIdFor(childId, becameLookedAfter), childId, becameLookedAfter, profileId: profile.id, team };
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
          ...(team ? [{ key: TEAM, value: team }] : []),
        ],
      });
    } catch (e) {
      if (e instanceof WorkflowExecutionAlreadyStartedError) {
        res.status(409).json({
          error: { status: 409, message: `a cycle for this child and period of care already exists: ${start.cycleId}`, field: 'childId' },
          cycleId: start.cycleId,
          href: `/api/looked-after-cycles/${start.cycleId}`,
        });
        return;
      }
      throw e;
    }
    res.status(201).location(`/api/looked-after-cycles/${start.cycleId}`).json({ cycleId: start.cycleId, href: `/api/looked-after-cycles/${start.cycleId}` });
  });

  r.get('/:cycleId', async (req, res) => {
    const id = cycleId(req.params.cycleId);
    try {
      res.json(await client.workflow.getHandle(id).query(cycleStateQuery));
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) throw new InputError('cycleId', `cycleId: no cycle ${id}`, 404);
      throw e;
    }
  });

  /** A review was held: the next clock runs from its real date (L3, L4). */
  r.post('/:cycleId/reviews', async (req, res) => {
    const id = cycleId(req.params.cycleId);
    const heldOn = parseDate('heldOn', body(req).heldOn);
    try {
      const result = await client.workflow.getHandle(id).executeUpdate(recordReviewHeld, { args: [{ heldOn }] });
      res.status(201).json(result);
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) throw new InputError('cycleId', `cycleId: no cycle ${id}`, 404);
      if (e instanceof WorkflowUpdateFailedError) throw refusal(e);
      throw e;
    }
  });

  return r;
}
