/**
 * /cases/find?childId=<id>: every case of one child, from the case register (each case the API
 * started, with its kind, child id and team), so a child whose review is months away can still be
 * reached. Team-scoped users see only their team's cases, as the API would show them; each case's
 * state is read through its service with the user's principal to say whether it is open or ended.
 */
import { InputError } from '../../api/input-error';
import { principalOf } from '../../api/middleware/permit';
import { queryText } from '../../api/request-body';
import { teamScoped } from '../../api/services/case-gateway';
import { CASE_ROLES, Principal, seesTeam } from '../../platform/auth/roles';
import { CaseKindName, casePagePath } from '../../platform/case-pages';
import { CHILD_ID } from '../../workflows/case-kernel/request-fields';
import { Mount, WebContext } from '../app';
import { Cell, Table, text } from './start/tables';

const KIND_WORDS: Record<CaseKindName, string> = {
  'looked-after': 'Child in care (review cycle)',
  'open-to-review': 'Open to review (O2R)',
  dispute: 'Dispute (resolution and escalation)',
  'child-in-need': 'Child in need review',
};

type Status = { status: string; obligations?: unknown[] };
/** Whether a case's state says it has ended (the same tests as the start pages' caseloads). */
const ENDED: Record<CaseKindName, (s: Status) => boolean> = {
  'looked-after': (s) => s.status !== 'active',
  'open-to-review': (s) => ['left', 'not-o2r', 'closed', 'ended'].includes(s.status),
  dispute: (s) => s.status === 'resolved',
  'child-in-need': (s) => s.status === 'ended',
};

export function findPage(page: Mount, ctx: WebContext): void {
  const { services } = ctx;
  const stateOf = (kind: CaseKindName, id: string, p: Principal): Promise<Status> => {
    if (kind === 'looked-after') return services.lookedAfterCycles.state(id, p);
    if (kind === 'open-to-review') return services.openToReviewCases.state(id, p);
    if (kind === 'dispute') return services.disputes.state(id, p);
    return services.cinReviews.state(id, p);
  };
  /** Open or ended, in words; undefined when the API would not show this user the case. */
  const statusOf = async (kind: CaseKindName, id: string, p: Principal): Promise<Cell | undefined> => {
    try {
      const s = await stateOf(kind, id, p);
      if (!ENDED[kind](s)) return { tag: 'Open', tagClass: 'govuk-tag--green' };
      return { tag: 'Ended', tagClass: 'govuk-tag--grey', text: s.obligations?.length ? 'follow-up still owed' : undefined };
    } catch (e) {
      if (e instanceof InputError && e.status === 409) return { tag: 'Ended', tagClass: 'govuk-tag--grey' };
      if (e instanceof InputError && e.status === 404) return { tag: 'Not started', tagClass: 'govuk-tag--grey' };
      if (e instanceof InputError && e.status === 403) return undefined;
      throw e;
    }
  };

  page('/cases/find', (r) => {
    r.get('/', { roles: CASE_ROLES, query: ['childId'] }, async (req, res) => {
      const p = principalOf(res);
      const childId = (queryText(req.query, 'childId') ?? '').trim();
      const view = { title: 'Find a child’s cases', caption: 'Cases', findCase: true, childIdValue: childId };
      if (!childId) return res.render('pages/start/lists.njk', { ...view, tables: [] });
      if (!CHILD_ID.test(childId)) {
        const message = "Child id: the case system's id (letters, digits, '-' or '_', up to 64), not a name";
        return res
          .status(400)
          .render('pages/start/lists.njk', { ...view, errors: [{ text: message, href: '#find-childId' }], findError: message, tables: [] });
      }
      const scoped = teamScoped(p);
      const refs = services.store.cases.byChild(childId).filter((c) => !scoped || seesTeam(p, c.team));
      const rows: Cell[][] = [];
      for (const ref of refs) {
        const kind = ref.kind;
        if (!kind) continue;
        const status = await statusOf(kind, ref.caseId, p);
        if (status) rows.push([{ text: ref.caseId, href: casePagePath(ref.caseId) }, text(KIND_WORDS[kind]), text(ref.team), status]);
      }
      const table: Table = {
        id: 'cases',
        caption: `Cases of child ${childId}`,
        heads: ['Case', 'Kind', 'Team', 'Open or ended'],
        rows,
        empty: scoped ? `Your team has no case of child ${childId}.` : `No case of child ${childId} has been started here.`,
      };
      res.render('pages/start/lists.njk', {
        ...view,
        summary: [`${rows.length} ${rows.length === 1 ? 'case' : 'cases'}`],
        tables: [table],
      });
    });
  });
}
