/**
 * The looked-after review cycle over HTTP: a child comes into care, and every event of their
 * reviews after that (rules.md L1-L18). Routes parse (workflows/looked-after-cycle/requests.ts)
 * and respond; the service runs the command, and a workflow's refusal comes back as a 422 naming
 * the field and the rule.
 */
import { CASE_ROLES, Role } from '../../platform/auth/roles';
import {
  adjournReview,
  allocateSocialWorker,
  answerDecisions,
  appointIro,
  bookReview,
  bringForward,
  ceaseLookedAfter,
  changePlacement,
  planEndOfCare,
  recordReviewHeld,
  resolveDisagreement,
  respondToStarred,
} from '../../workflows/looked-after-cycle/messages';
import * as q from '../../workflows/looked-after-cycle/requests';
import { InputError } from '../input-error';
import { principalOf } from '../middleware/permit';
import { parseBody } from '../request-body';
import { SecureRouter } from '../secure-router';
import { CASE_HOLDERS, LookedAfterCycles } from '../services/looked-after-cycles';

const REVIEW_NUMBER = /^[1-9]\d{0,2}$/;
/** Only the IRO side books and records reviews. */
const IRO_SIDE: readonly Role[] = ['iro-unit', 'iro'];
const SOCIAL_WORK: readonly Role[] = ['social-worker', 'team-manager'];

function reviewNumber(raw: string): number {
  if (!REVIEW_NUMBER.test(raw))
    throw new InputError('reviewNumber', `reviewNumber: "${raw.slice(0, 20)}" is not a review number (1, 2, 3...)`, 404);
  return Number(raw);
}

export function lookedAfterCycleRoutes(r: SecureRouter, cycles: LookedAfterCycles): void {
  const id = (req: { params: Record<string, unknown> }) => req.params.cycleId as string;

  /** A child comes into care: start the cycle for this period of care (L1, L2). */
  r.post('/', CASE_HOLDERS, async (req, res) => {
    const { cycleId } = await cycles.start(parseBody(q.CycleStartRequest, req), principalOf(res));
    res.locals.created = cycleId;
    res
      .status(201)
      .location(`/api/looked-after-cycles/${cycleId}`)
      .json({ cycleId, href: `/api/looked-after-cycles/${cycleId}` });
  });

  r.get('/:cycleId', CASE_ROLES, async (req, res) => {
    res.json(await cycles.state(id(req), principalOf(res)));
  });

  /** L18: the whole story of this period of care, each review on time or late against its own due date. */
  r.get('/:cycleId/history', CASE_ROLES, async (req, res) => {
    const s = await cycles.state(id(req), principalOf(res));
    res.json({
      cycleId: s.cycleId,
      status: s.status,
      ended: s.ended,
      reviews: s.reviewsHeld.map((h) => ({
        reviewNumber: h.reviewNumber,
        due: h.due,
        heldOn: h.heldOn,
        rule: h.rule,
        onTime: h.onTime,
        participation: h.participation,
        chair: h.chair,
        withMeeting: h.withMeeting,
      })),
      events: s.events,
    });
  });

  // L1: the IRO unit appoints the child's IRO.
  r.post('/:cycleId/iro', ['iro-unit'], async (req, res) => {
    res.json(await cycles.command(id(req), appointIro, parseBody(q.IroRequest, req), principalOf(res)));
  });

  r.post('/:cycleId/social-worker', ['team-manager', 'iro-unit'], async (req, res) => {
    res.json(await cycles.command(id(req), allocateSocialWorker, parseBody(q.SocialWorkerRequest, req), principalOf(res)));
  });

  // L5: a change of placement.
  r.post('/:cycleId/placement-changes', SOCIAL_WORK, async (req, res) => {
    res.status(201).json(await cycles.command(id(req), changePlacement, parseBody(q.PlacementChangeRequest, req), principalOf(res)));
  });

  // L6: bring the next review forward, with the reason.
  r.post('/:cycleId/bring-forward', ['iro-unit', 'iro', 'social-worker', 'team-manager'], async (req, res) => {
    res.status(201).json(await cycles.command(id(req), bringForward, parseBody(q.BringForwardRequest, req), principalOf(res)));
  });

  // L20: care is planned to end (or the planned end moves): a review is due before it.
  r.post('/:cycleId/planned-end', ['iro-unit', 'iro', 'social-worker', 'team-manager'], async (req, res) => {
    res.json(await cycles.command(id(req), planEndOfCare, parseBody(q.PlannedEndRequest, req), principalOf(res)));
  });

  // L7: book (or move) the next review.
  r.post('/:cycleId/booking', IRO_SIDE, async (req, res) => {
    res.json(await cycles.command(id(req), bookReview, parseBody(q.BookingRequest, req), principalOf(res)));
  });

  // L12: adjourn the meeting (once, for at most 20 working days).
  r.post('/:cycleId/adjournment', IRO_SIDE, async (req, res) => {
    res.status(201).json(await cycles.command(id(req), adjournReview, parseBody(q.AdjournmentRequest, req), principalOf(res)));
  });

  // L8, L9, decisions, L16 pathway plan: an obligation done, by whoever owes it (a manager named as a decision's owner too).
  r.post(
    '/:cycleId/tasks',
    ['iro-unit', 'iro', 'social-worker', 'team-manager', 'service-manager', 'strategic-manager'],
    async (req, res) => {
      res.json(await cycles.completeTask(id(req), parseBody(q.TaskDoneRequest, req), principalOf(res)));
    },
  );

  /** A review was held (L3-L5 run from its real date; L14 without a meeting; L17 substitute chair). */
  r.post('/:cycleId/reviews', IRO_SIDE, async (req, res) => {
    res.status(201).json(await cycles.command(id(req), recordReviewHeld, parseBody(q.ReviewHeldRequest, req), principalOf(res)));
  });

  // L10: only the team manager answers a review's decisions.
  r.post('/:cycleId/reviews/:reviewNumber/decision-response', ['team-manager'], async (req, res) => {
    const n = reviewNumber(req.params.reviewNumber as string);
    res.json(
      await cycles.command(id(req), answerDecisions, { reviewNumber: n, ...parseBody(q.DecisionResponseRequest, req) }, principalOf(res)),
    );
  });

  r.post('/:cycleId/reviews/:reviewNumber/disagreement', IRO_SIDE, async (req, res) => {
    const n = reviewNumber(req.params.reviewNumber as string);
    res.json(
      await cycles.command(id(req), resolveDisagreement, { reviewNumber: n, ...parseBody(q.DisagreementRequest, req) }, principalOf(res)),
    );
  });

  // L11: a principal (service) or strategic manager raises a concern about starred recommendations, or agrees them.
  r.post('/:cycleId/reviews/:reviewNumber/starred-response', ['service-manager', 'strategic-manager'], async (req, res) => {
    const n = reviewNumber(req.params.reviewNumber as string);
    res.json(
      await cycles.command(id(req), respondToStarred, { reviewNumber: n, ...parseBody(q.StarredResponseRequest, req) }, principalOf(res)),
    );
  });

  // L13: the child stops being looked after; the cycle ends with a summary.
  r.post('/:cycleId/cease', CASE_HOLDERS, async (req, res) => {
    res.json(await cycles.command(id(req), ceaseLookedAfter, parseBody(q.CeaseRequest, req), principalOf(res)));
  });
}
