/**
 * The cases `npm run bench` starts: one request body per kind (as a case system would post it),
 * started either through the HTTP API or "raw": the same API service builds the same workflow input
 * in this process and hands it straight to client.workflow.start, skipping HTTP, authentication,
 * the audit log, the case register and the O2R caseload count (a visibility query).
 */
import { Client } from '@temporalio/client';
import { CalendarService } from '../data/calendar-service';
import { EmbeddedStore } from '../data/embedded-store';
import { ProfileRegistry } from '../data/reference-data';
import type { RecordStore } from '../data/record/record-store';
import { services as apiServices, Services } from '../api/services';
import { Principal } from '../platform/auth/roles';
import { TokenVerifier } from '../platform/auth/tokens';
import { londonDate } from '../workflows/calendar/office-hours';
import { CinStartRequest } from '../workflows/cin-review/requests';
import { DisputeStartRequest } from '../workflows/dispute/requests';
import { CycleStartRequest } from '../workflows/looked-after-cycle/requests';
import { OpenToReviewStartRequest } from '../workflows/open-to-review/requests';
import { Kind } from './bench-args';

/** Where each kind is posted. */
export const ROUTE: Record<Kind, string> = {
  'looked-after': '/api/looked-after-cycles',
  'open-to-review': '/api/open-to-review-cases',
  'child-in-need': '/api/cin-reviews',
  dispute: '/api/disputes',
};

/** The bench's user: the IRO unit (looked-after, CIN, disputes) and a service manager (O2R), as the permission matrix allows. */
export const BENCH_USER: Principal = { userId: 'bench', roles: ['iro-unit', 'iro', 'service-manager'] };

/** 40 teams; O2R caseholders hold about 80 cases each (under the default capacity of 100, so no O5 warnings). */
export function body(kind: Kind, i: number, tag: string): Record<string, unknown> {
  const childId = `${tag}-${i}`;
  const team = `bench-${i % 40}`;
  const today = londonDate(Date.now());
  const born = `${2010 + (i % 10)}-0${1 + (i % 9)}-1${i % 10}`;
  switch (kind) {
    case 'looked-after':
      return { childId, becameLookedAfter: today, dateOfBirth: born, legalStatus: 'C2', placementType: 'foster', team };
    case 'open-to-review':
      return {
        childId,
        dateOfBirth: born,
        team,
        caseholder: `o2r-sw-${Math.floor(i / 80)}`,
        rationale: 'stable short breaks package',
        eligibility: {
          stable: true,
          clearOutcomes: true,
          safeguardingConcerns: false,
          lookedAfter: false,
          continuingCare: false,
          unstableHealth: false,
          lifeLimitingIllness: false,
          significantOvernightShortBreaks: false,
        },
      };
    case 'child-in-need':
      return {
        childId,
        team,
        socialWorker: `sw-${i % 300}`,
        iro: `iro-${i % 60}`,
        criteria: ['second-cin-plan'],
        approvedBy: { staffId: `tm-${i % 40}`, role: 'team-manager' },
        agreedBy: 'unit-1',
      };
    case 'dispute':
      return { childId, team, category: 'practice', summary: 'plan not followed', socialWorker: `sw-${i % 300}` };
  }
}

/** POSTs one case; throws unless 201. Returns the new case's id. */
export async function startByApi(base: string, token: string, kind: Kind, b: Record<string, unknown>): Promise<string> {
  const r = await fetch(`${base}${ROUTE[kind]}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(b),
  });
  const text = await r.text();
  if (r.status !== 201) throw new Error(`POST ${ROUTE[kind]}: ${r.status} ${text.slice(0, 300)}`);
  const j = JSON.parse(text) as Record<string, string>;
  return j.cycleId ?? j.caseId ?? j.disputeId;
}

/**
 * The API's case services over a client that only starts workflows (on the real client): so the
 * input is the one the API builds, and nothing else is done. The O2R caseload (an input, O5) is
 * counted here instead of by a visibility query.
 */
export function rawStarter(real: Client, deps: { taskQueue: string; idKey: Buffer; calendar: CalendarService; profiles: ProfileRegistry }) {
  const startOnly = { workflow: { start: real.workflow.start.bind(real.workflow) } } as unknown as Client;
  const svc: Services = apiServices({
    ...deps,
    client: startOnly,
    // No case register (the raw client does not write one): services() reads store.cases only.
    store: {} as EmbeddedStore,
    record: {} as RecordStore,
    verifier: {} as TokenVerifier,
    codecs: [],
    http: { corsOrigins: [], codecOrigins: [], rateLimitPerMinute: 1, bodyLimit: '1kb', trustProxy: 0 },
  });
  const caseloads = new Map<string, number>();
  svc.openToReviewCases.caseloadCount = async (staffId: string) => caseloads.get(staffId) ?? 0;
  return async (kind: Kind, b: Record<string, unknown>): Promise<void> => {
    switch (kind) {
      case 'looked-after':
        await svc.lookedAfterCycles.start(CycleStartRequest.parse(b), BENCH_USER);
        return;
      case 'open-to-review': {
        const req = OpenToReviewStartRequest.parse(b);
        await svc.openToReviewCases.start(req, BENCH_USER);
        caseloads.set(req.caseholder, (caseloads.get(req.caseholder) ?? 0) + 1);
        return;
      }
      case 'child-in-need':
        await svc.cinReviews.start(CinStartRequest.parse(b), BENCH_USER);
        return;
      case 'dispute':
        await svc.disputes.open(DisputeStartRequest.parse(b), BENCH_USER);
        return;
    }
  };
}
