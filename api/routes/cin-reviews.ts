/**
 * Child in Need reviews chaired by an IRO over HTTP (rules.md section D). Routes parse
 * (workflows/cin-review/requests.ts) and respond; the service does the rest.
 */
import { Role } from '../../platform/auth/roles';
import { agreeFirstDate, completeCinTask, endCin, moveReview, recordCinReview, requestReport } from '../../workflows/cin-review/messages';
import * as q from '../../workflows/cin-review/requests';
import { STAFF_ID } from '../fields';
import { InputError } from '../input-error';
import { principalOf } from '../middleware/permit';
import { parseBody } from '../request-body';
import { SecureRouter } from '../secure-router';
import { CinReviews } from '../services/cin-reviews';

const READERS: readonly Role[] = ['iro-unit', 'iro', 'social-worker', 'team-manager', 'service-manager', 'strategic-manager'];
const CHAIR: readonly Role[] = ['iro', 'iro-unit'];
const CASE_WORKERS: readonly Role[] = ['social-worker', 'team-manager'];

export function cinReviewRoutes(r: SecureRouter, cases: CinReviews): void {
  const id = (req: { params: Record<string, unknown> }) => req.params.caseId as string;

  r.post('/', ['team-manager', 'iro-unit'], async (req, res) => {
    const started = await cases.start(parseBody(q.CinStartRequest, req), principalOf(res));
    res.locals.created = started.caseId;
    res
      .status(201)
      .location(`/api/cin-reviews/${started.caseId}`)
      .json({ ...started, href: `/api/cin-reviews/${started.caseId}` });
  });
  r.get('/:caseId', READERS, async (req, res) => {
    res.json(await cases.state(id(req), principalOf(res)));
  });
  r.post('/:caseId/first-date', CASE_WORKERS, async (req, res) => {
    res.status(201).json(await cases.command(id(req), agreeFirstDate, parseBody(q.FirstDateRequest, req), principalOf(res)));
  });
  // D3-D4: the social worker arranges dates with the chair and family; either side records a move.
  r.post('/:caseId/booking', [...CHAIR, ...CASE_WORKERS], async (req, res) => {
    res.json(await cases.command(id(req), moveReview, parseBody(q.MoveRequest, req), principalOf(res)));
  });
  r.post('/:caseId/reviews', CHAIR, async (req, res) => {
    const b = parseBody(q.CinReviewRequest, req);
    res
      .status(201)
      .json(await cases.command(id(req), recordCinReview, { ...b, chair: b.chair ?? principalOf(res).userId }, principalOf(res)));
  });
  // D5-D6: the social worker's documents; a written report may reach the chair instead.
  r.post('/:caseId/tasks', [...CHAIR, ...CASE_WORKERS], async (req, res) => {
    const b = parseBody(q.CinTaskRequest, req);
    res.json(await cases.command(id(req), completeCinTask, { ...b, on: b.on ?? cases.today() }, principalOf(res)));
  });
  r.post('/:caseId/report-requests', CASE_WORKERS, async (req, res) => {
    res.status(201).json(await cases.command(id(req), requestReport, parseBody(q.ReportRequestRequest, req), principalOf(res)));
  });
  r.post('/:caseId/end', [...CHAIR, 'team-manager'], async (req, res) => {
    const b = parseBody(q.EndRequest, req);
    res.json(await cases.command(id(req), endCin, { ...b, on: b.on ?? cases.today() }, principalOf(res)));
  });
}

/** The IRO unit sees each IRO's CIN caseload. */
export function cinCaseloadRoutes(r: SecureRouter, cases: CinReviews): void {
  r.get('/:iro', ['iro-unit'], async (req, res) => {
    const iro = req.params.iro as string;
    if (!STAFF_ID.test(iro)) throw new InputError('iro', `iro: "${iro.slice(0, 40)}" is not a staff id`, 404);
    res.json(await cases.caseload(iro));
  });
}
