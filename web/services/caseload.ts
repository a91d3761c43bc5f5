/**
 * Which cases a user may see, and each one's state: what the start pages list. Cases come from the
 * case register (every case started through the API, with its kind, child id and team), filtered
 * by team scope exactly as the API's (teamScoped + seesTeam), then each case's state is read
 * through its service with the user's principal, so a page never shows what the API would refuse.
 *
 * This reads every open case's state on each page view (8 at a time): fine for hundreds of cases;
 * issue 15 will need a projection (a table the workflows write) at 10,000.
 */
import { mapBounded } from '../../api/services/bounded';
import { Services } from '../../api/services';
import { InputError } from '../../api/input-error';
import { teamScoped } from '../../api/services/case-gateway';
import { CaseRef } from '../../data/case-register';
import { casePagePath, CaseKindName } from '../../platform/case-pages';
import { Principal, seesTeam } from '../../platform/auth/roles';
import { CycleState } from '../../workflows/looked-after-cycle/messages';
import { DisputeState } from '../../workflows/dispute/messages';
import { OpenToReviewCaseState } from '../../workflows/open-to-review/messages';
import { CinState } from '../../workflows/cin-review/messages';

/** How many case states are read at once (the Temporal client shares one connection). */
const CONCURRENCY = 8;

export interface CaseRow<S> {
  caseId: string;
  childId?: string;
  team?: string;
  href: string;
  state: S;
}

export class Caseloads {
  /** Cases that have ended: never read again (their state no longer changes). */
  private readonly ended = new Set<string>();

  constructor(private readonly services: Services) {}

  /** The register's cases of this kind that this user may see (team-scoped users: their team's only). */
  visible(kind: CaseKindName, p: Principal): CaseRef[] {
    const scoped = teamScoped(p);
    const refs = this.services.store.cases.list({ kind, ...(scoped ? { team: p.team ?? '\u0000none' } : {}) });
    return refs.filter((r) => !this.ended.has(r.caseId) && (!scoped || seesTeam(p, r.team)));
  }

  private async read<S>(
    kind: CaseKindName,
    p: Principal,
    state: (id: string) => Promise<S>,
    isEnded: (s: S) => boolean,
  ): Promise<CaseRow<S>[]> {
    const rows = await mapBounded(this.visible(kind, p), CONCURRENCY, async (ref): Promise<CaseRow<S> | undefined> => {
      try {
        const s = await state(ref.caseId);
        if (isEnded(s)) {
          this.ended.add(ref.caseId);
          return undefined;
        }
        return { caseId: ref.caseId, childId: ref.childId, team: ref.team, href: casePagePath(ref.caseId), state: s };
      } catch (e) {
        // 409: the case has ended; 404: started and never ran (a failed start). Either way not listed.
        if (e instanceof InputError && (e.status === 409 || e.status === 404)) {
          if (e.status === 409) this.ended.add(ref.caseId);
          return undefined;
        }
        // 403: another team's case the register misfiled; the API refuses it, so the page leaves it out.
        if (e instanceof InputError && e.status === 403) return undefined;
        throw e;
      }
    });
    return rows.filter((r): r is CaseRow<S> => r !== undefined);
  }

  /** Looked-after cycles still running (a ceased cycle following up its reviews counts until nothing is owed). */
  lookedAfter(p: Principal): Promise<CaseRow<CycleState>[]> {
    return this.read(
      'looked-after',
      p,
      (id) => this.services.lookedAfterCycles.state(id, p),
      (s) => s.status !== 'active' && s.obligations.length === 0,
    );
  }

  disputes(p: Principal): Promise<CaseRow<DisputeState>[]> {
    return this.read(
      'dispute',
      p,
      (id) => this.services.disputes.state(id, p),
      (s) => s.status === 'resolved',
    );
  }

  openToReview(p: Principal): Promise<CaseRow<OpenToReviewCaseState>[]> {
    return this.read(
      'open-to-review',
      p,
      (id) => this.services.openToReviewCases.state(id, p),
      (s) => ['left', 'not-o2r', 'closed', 'ended'].includes(s.status) && s.obligations.length === 0,
    );
  }

  childInNeed(p: Principal): Promise<CaseRow<CinState>[]> {
    return this.read(
      'child-in-need',
      p,
      (id) => this.services.cinReviews.state(id, p),
      (s) => s.status === 'ended' && s.obligations.length === 0,
    );
  }
}

/** One per app (the remembered ended cases are shared by every user's page). */
const perServices = new WeakMap<Services, Caseloads>();
export function caseloadsOf(services: Services): Caseloads {
  let c = perServices.get(services);
  if (!c) perServices.set(services, (c = new Caseloads(services)));
  return c;
}
