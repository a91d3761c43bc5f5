/**
 * /social-worker: a social worker's start page: their team's children (as the API scopes them)
 * and what the social worker owes on each case, soonest first (L8, L9, L16, O2R and CIN tasks).
 */
import { principalOf } from '../../../api/middleware/permit';
import { Mount, WebContext } from '../../app';
import { caseloadsOf, CaseRow } from '../../services/caseload';
import { STAGE_DEFS } from '../../../workflows/dispute/stages';
import { Table, childCell, dueCell, ownerText, text } from './tables';

interface Owed {
  c: CaseRow<unknown>;
  what: string;
  due: string;
  rule: string;
}

export function socialWorkerPage(page: Mount, ctx: WebContext): void {
  const { services } = ctx;
  page('/social-worker', (r) => {
    r.get('/', ['social-worker'], async (_req, res) => {
      const p = principalOf(res);
      const today = services.lookedAfterCycles.today();
      const caseloads = caseloadsOf(services);
      const [cycles, o2r, cin, disputes] = await Promise.all([
        caseloads.lookedAfter(p),
        caseloads.openToReview(p),
        caseloads.childInNeed(p),
        caseloads.disputes(p),
      ]);
      // E2, E3: the informal stage and stage 1 are addressed to the child's social worker (the team's, as the API scopes it).
      const toMe = disputes.filter((d) => STAGE_DEFS[d.state.stage].to.includes('social-worker'));
      // The social worker's share: owed by the role, or by them by name (L9 decision owners).
      const mine = (owner: string) => owner === 'social-worker' || owner === 'caseholder' || owner === `user:${p.userId}`;
      const owed: Owed[] = [
        ...cycles.flatMap((c) =>
          c.state.obligations.filter((o) => mine(o.owner)).map((o) => ({ c, what: o.what, due: o.due, rule: o.rule })),
        ),
        ...o2r.flatMap((c) =>
          c.state.obligations.filter((o) => mine(String(o.owner))).map((o) => ({ c, what: o.what, due: o.due, rule: o.rule })),
        ),
        ...cin.flatMap((c) =>
          c.state.obligations
            .filter((o) => o.owners.some((w) => mine(String(w))))
            .map((o) => ({ c, what: o.what, due: o.due, rule: o.rule })),
        ),
      ].sort((a, b) => a.due.localeCompare(b.due));

      const tables: Table[] = [
        {
          id: 'owed',
          caption: 'What the social worker owes, soonest first',
          heads: ['Child', 'What', 'Due', 'Rule'],
          rows: owed.map((o) => [childCell(o.c), text(o.what), dueCell(o.due, today), text(o.rule)]),
          empty: 'The social worker owes nothing on your team’s cases.',
        },
        {
          id: 'disputes',
          caption: 'Disputes addressed to the social worker',
          heads: ['Dispute', 'Child', 'Stage', 'Addressed to', 'Response due', 'Resolve by (E6)'],
          rows: toMe.map((d) => [
            { text: d.caseId, href: d.href },
            text(d.childId ?? d.state.child.childId),
            text(`${STAGE_DEFS[d.state.stage].name} (${STAGE_DEFS[d.state.stage].rule})`),
            text(ownerText(STAGE_DEFS[d.state.stage].to)),
            dueCell(d.state.stages[d.state.stages.length - 1]?.due, today),
            dueCell(d.state.overallDue, today),
          ]),
          empty: 'No dispute is addressed to your team’s social workers.',
        },
        {
          id: 'team-children',
          caption: `Children in care in team ${p.team ?? ''}`,
          heads: ['Child', 'Next review due', 'IRO', 'Social worker'],
          rows: cycles.map((c) => [
            childCell(c),
            dueCell(c.state.status === 'active' ? c.state.nextReview.due : undefined, today),
            text(c.state.iro?.staffId ?? 'None yet'),
            text(c.state.socialWorker?.staffId ?? 'None yet'),
          ]),
          empty: 'Your team has no children in care with a review cycle.',
        },
      ];
      res.render('pages/start/lists.njk', {
        title: 'My team’s children',
        caption: `Team ${p.team ?? '(your sign-in names no team)'}`,
        summary: [`${owed.filter((o) => o.due < today).length} overdue`, `${owed.length} owed in all`],
        findCase: true,
        tables,
      });
    });
  });
}
