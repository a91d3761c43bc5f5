/**
 * Open to Review cases and series of short breaks over HTTP (rules.md section B, L19): start one
 * (O1 eligibility checked, every failed criterion listed), record representations, the decision
 * note, reviews, visits and tasks; O2R social workers' caseloads, and moving a whole caseload.
 * Routes parse (workflows/open-to-review/requests.ts) and respond; the service does the rest.
 */
import { Role } from '../../platform/auth/roles';
import {
  changePackage,
  closeOpenToReviewCase,
  completeOpenToReviewTask,
  recordDecisionNote,
  recordOpenToReviewReview,
  recordRepresentation,
  recordShortBreak,
  recordVisit,
  setEhcpAnnualReview,
} from '../../workflows/open-to-review/messages';
import * as q from '../../workflows/open-to-review/requests';
import { STAFF_ID } from '../fields';
import { InputError } from '../input-error';
import { principalOf } from '../middleware/permit';
import { objectBody, parseBody } from '../request-body';
import { SecureRouter } from '../secure-router';
import { OpenToReviewCases } from '../services/open-to-review-cases';

/** The disabled children's team: social workers, team managers, and the service manager who oversees O2R. */
const DCS_TEAM: readonly Role[] = ['social-worker', 'team-manager', 'service-manager'];
const MANAGERS: readonly Role[] = ['team-manager', 'service-manager'];
const READERS: readonly Role[] = ['social-worker', 'team-manager', 'service-manager', 'strategic-manager'];
const CASE_WORKERS: readonly Role[] = ['social-worker', 'team-manager'];

export function openToReviewRoutes(r: SecureRouter, cases: OpenToReviewCases): void {
  const id = (req: { params: Record<string, unknown> }) => req.params.caseId as string;
  const today = () => cases.today();

  /** O1-O2: a case moves to O2R (eligibility checked), or a series of short breaks starts (L19). */
  r.post('/', DCS_TEAM, async (req, res) => {
    const kind = objectBody(req).kind;
    if (kind !== undefined && !(q.START_KINDS as readonly unknown[]).includes(kind))
      throw new InputError('kind', `kind: one of ${q.START_KINDS.join(', ')}`);
    const body =
      kind === 'short-breaks-series' ? parseBody(q.ShortBreaksSeriesStartRequest, req) : parseBody(q.OpenToReviewStartRequest, req);
    const started = await cases.start(body, principalOf(res));
    res.locals.created = started.caseId;
    res
      .status(201)
      .location(`/api/open-to-review-cases/${started.caseId}`)
      .json({ ...started, href: `/api/open-to-review-cases/${started.caseId}` });
  });

  r.get('/:caseId', READERS, async (req, res) => {
    res.json(await cases.state(id(req), principalOf(res)));
  });

  r.post('/:caseId/representations', CASE_WORKERS, async (req, res) => {
    const b = parseBody(q.RepresentationRequest, req);
    res.status(201).json(await cases.command(id(req), recordRepresentation, { ...b, on: b.on ?? today() }, principalOf(res)));
  });

  r.post('/:caseId/decision-note', ['team-manager'], async (req, res) => {
    res.status(201).json(await cases.command(id(req), recordDecisionNote, parseBody(q.DecisionNoteRequest, req), principalOf(res)));
  });

  r.post('/:caseId/reviews', CASE_WORKERS, async (req, res) => {
    const b = parseBody(q.ReviewRequest, req);
    res
      .status(201)
      .json(await cases.command(id(req), recordOpenToReviewReview, { ...b, chair: b.chair ?? { role: 'caseholder' } }, principalOf(res)));
  });

  r.post('/:caseId/visits', CASE_WORKERS, async (req, res) => {
    const b = parseBody(q.VisitRequest, req);
    res
      .status(201)
      .json(
        await cases.command(
          id(req),
          recordVisit,
          { ...b, childSeen: b.childSeen ?? false, parentsSeen: b.parentsSeen ?? false },
          principalOf(res),
        ),
      );
  });

  /** L19: a short break of a series (the team manager is warned approaching and past 120 days in 12 months). */
  r.post('/:caseId/breaks', CASE_WORKERS, async (req, res) => {
    res.status(201).json(await cases.command(id(req), recordShortBreak, parseBody(q.ShortBreakRequest, req), principalOf(res)));
  });

  r.post('/:caseId/ehcp', CASE_WORKERS, async (req, res) => {
    const b = parseBody(q.EhcpRequest, req);
    res.json(await cases.command(id(req), setEhcpAnnualReview, { on: b.annualReviewOn, asOf: b.on }, principalOf(res)));
  });

  r.post('/:caseId/package', CASE_WORKERS, async (req, res) => {
    res.json(await cases.command(id(req), changePackage, parseBody(q.PackageChangeRequest, req), principalOf(res)));
  });

  r.post('/:caseId/tasks', CASE_WORKERS, async (req, res) => {
    const b = parseBody(q.TaskRequest, req);
    res.json(await cases.command(id(req), completeOpenToReviewTask, { ...b, on: b.on ?? today() }, principalOf(res)));
  });

  r.post('/:caseId/caseholder', MANAGERS, async (req, res) => {
    const b = parseBody(q.CaseholderRequest, req);
    res.json(await cases.reassign(id(req), b.staffId, principalOf(res), b.on));
  });

  r.post('/:caseId/close', MANAGERS, async (req, res) => {
    const b = parseBody(q.CloseRequest, req);
    res.json(await cases.command(id(req), closeOpenToReviewCase, { ...b, on: b.on ?? today() }, principalOf(res)));
  });
}

/** O5: an O2R social worker's caseload, and moving all of it to another worker in one call. */
export function caseloadRoutes(r: SecureRouter, cases: OpenToReviewCases): void {
  const staffId = (raw: string) => {
    if (!STAFF_ID.test(raw)) throw new InputError('staffId', `staffId: "${raw.slice(0, 40)}" is not a staff id`, 404);
    return raw;
  };

  r.get('/:staffId', ['social-worker', 'team-manager', 'service-manager'], async (req, res) => {
    res.json(await cases.caseload(staffId(req.params.staffId as string), principalOf(res)));
  });

  r.post('/:staffId/transfer', ['team-manager', 'service-manager'], async (req, res) => {
    const from = staffId(req.params.staffId as string);
    const { toStaffId } = parseBody(q.TransferRequest, req);
    const moved = await cases.transfer(from, toStaffId, principalOf(res));
    res.locals.created = `${from}->${toStaffId}`;
    res.json(moved);
  });
}
