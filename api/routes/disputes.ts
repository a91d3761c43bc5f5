/**
 * Resolution and Escalation over HTTP (rules.md section C): an IRO opens a dispute, the stages
 * climb by themselves, and the IRO escalates, refers to CAFCASS or records the resolution. Routes
 * parse (workflows/dispute/requests.ts) and respond; the service does the rest.
 */
import { EmbeddedStore } from '../../data/embedded-store';
import { CASE_ROLES, Role } from '../../platform/auth/roles';
import { daysBetween } from '../../workflows/calendar/iso-date';
import {
  escalateDispute,
  recordCafcassDecision,
  recordDisputeResponse,
  referToCafcass,
  resolveDispute,
} from '../../workflows/dispute/messages';
import * as q from '../../workflows/dispute/requests';
import { InputError } from '../input-error';
import { principalOf } from '../middleware/permit';
import { parseBody, queryText } from '../request-body';
import { SecureRouter } from '../secure-router';
import { Disputes } from '../services/disputes';

const IRO_SIDE: readonly Role[] = ['iro-unit', 'iro'];

export function disputeRoutes(r: SecureRouter, disputes: Disputes): void {
  const id = (req: { params: Record<string, unknown> }) => req.params.disputeId as string;

  /** E1-E6: an IRO opens a dispute about a child's plan. */
  r.post('/', IRO_SIDE, async (req, res) => {
    const { disputeId } = await disputes.open(parseBody(q.DisputeStartRequest, req), principalOf(res));
    res.locals.created = disputeId;
    res
      .status(201)
      .location(`/api/disputes/${disputeId}`)
      .json({ disputeId, href: `/api/disputes/${disputeId}` });
  });

  r.get('/:disputeId', CASE_ROLES, async (req, res) => {
    res.json(await disputes.state(id(req), principalOf(res)));
  });

  r.post('/:disputeId/escalate', IRO_SIDE, async (req, res) => {
    res.json(await disputes.command(id(req), escalateDispute, parseBody(q.EscalateRequest, req), principalOf(res)));
  });

  r.post('/:disputeId/responses', CASE_ROLES, async (req, res) => {
    res.status(201).json(await disputes.command(id(req), recordDisputeResponse, parseBody(q.ResponseRequest, req), principalOf(res)));
  });

  r.post('/:disputeId/cafcass', IRO_SIDE, async (req, res) => {
    res.status(201).json(await disputes.command(id(req), referToCafcass, parseBody(q.CafcassRequest, req), principalOf(res)));
  });

  r.post('/:disputeId/cafcass-decision', IRO_SIDE, async (req, res) => {
    res.json(await disputes.command(id(req), recordCafcassDecision, parseBody(q.CafcassDecisionRequest, req), principalOf(res)));
  });

  r.post('/:disputeId/resolve', IRO_SIDE, async (req, res) => {
    res.json(await disputes.command(id(req), resolveDispute, parseBody(q.ResolveRequest, req), principalOf(res)));
  });
}

/**
 * Disputes by stage reached, category and outcome, time to resolution, CAFCASS referrals and breaches:
 * GET /api/dispute-figures for an April-March year (`year` its first year); the managers' page shows the same.
 */
export function disputeFigures(store: EmbeddedStore, year: string) {
  const from = `${year}-04-01`;
  const to = `${Number(year) + 1}-03-31`;
  const ds = store.disputes(from, to);
  const count = (key: (d: (typeof ds)[number]) => string) =>
    ds.reduce<Record<string, number>>((acc, d) => ({ ...acc, [key(d)]: (acc[key(d)] ?? 0) + 1 }), {});
  const closed = ds.filter((d) => d.resolvedOn);
  const days = closed.map((d) => daysBetween(d.openedOn, d.resolvedOn!)).sort((a, b) => a - b);
  return {
    year: `${year}-${String(Number(year) + 1).slice(2)}`,
    from,
    to,
    disputes: ds.length,
    byCategory: count((d) => d.category),
    byHighestStage: count((d) => (d.highestStage === 0 ? 'informal' : `stage ${d.highestStage}`)),
    byOutcome: count((d) => d.outcome ?? 'open'),
    bySource: count((d) => d.source),
    daysToResolution: days.length ? { median: days[Math.floor(days.length / 2)], max: days[days.length - 1] } : null,
    cafcassReferrals: ds.filter((d) => d.cafcassReferredOn).length,
    over20WorkingDays: ds.filter((d) => d.breachedOn).length,
  };
}

export function disputeFigureRoutes(r: SecureRouter, store: EmbeddedStore): void {
  r.get('/', { roles: ['iro-unit', 'service-manager', 'strategic-manager'], query: ['year'] }, (req, res) => {
    const year = queryText(req.query, 'year');
    if (year === undefined || !/^\d{4}$/.test(year) || Number(year) < 2000 || Number(year) > 2100) {
      throw new InputError('year', 'year: the April-March year by its first year, e.g. 2025');
    }
    res.json(disputeFigures(store, year));
  });
}
