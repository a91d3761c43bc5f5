/**
 * /team-manager: a team manager's start page, for their own team only (the token's team, as the
 * API scopes them). Review decisions awaiting their answer with the working days left (L10), the
 * team's children and what is overdue, the team's O2R (O1-O6) and CIN (D1-D6) cases, and the
 * disputes at a stage addressed to or copied to the team manager (E2, E3), the O2R caseload of each
 * worker against the O5 capacity (with a page to move it) and the CIN reviews by IRO.
 */
import { principalOf } from '../../../api/middleware/permit';
import { STAGE_DEFS } from '../../../workflows/dispute/stages';
import { Mount, WebContext } from '../../app';
import { govukDate } from '../../nunjucks-setup';
import { caseloadsOf } from '../../services/caseload';
import { o2rCaseloadsTable } from './caseloads';
import { Table, childCell, daysLeftText, dueCell, text, workingDaysLeft } from './tables';

const overdueText = (owed: { what: string; due: string }[], today: string) => {
  const late = owed.filter((o) => o.due < today);
  return late.length ? late.map((o) => `${o.what} (was due ${govukDate(o.due)})`).join('; ') : 'Nothing overdue';
};

export function teamManagerPage(page: Mount, ctx: WebContext): void {
  const { services } = ctx;
  page('/team-manager', (r) => {
    r.get('/', ['team-manager'], async (_req, res) => {
      const p = principalOf(res);
      const today = services.lookedAfterCycles.today();
      const cal = services.calendar.calendar();
      const caseloads = caseloadsOf(services);
      const [cycles, o2r, cin, disputes] = await Promise.all([
        caseloads.lookedAfter(p),
        caseloads.openToReview(p),
        caseloads.childInNeed(p),
        caseloads.disputes(p),
      ]);
      const decisions = cycles
        .flatMap((c) => c.state.obligations.filter((o) => o.rule === 'L10' && o.owner === 'team-manager').map((o) => ({ c, o })))
        .sort((a, b) => a.o.due.localeCompare(b.o.due));
      const atMyStage = disputes.filter((d) => {
        const def = STAGE_DEFS[d.state.stage];
        return def.to.includes('team-manager') || def.alert.includes('team-manager');
      });

      // The team's O2R workers: those holding its cases, and its social workers in the directory.
      const workers = [
        ...o2r.map((c) => c.state.caseholder),
        ...(services.store.directory.current()?.directory.people ?? [])
          .filter((x) => x.team === p.team && x.roles.includes('social-worker'))
          .map((x) => x.staffId),
      ];
      const caseloadTable = await o2rCaseloadsTable(services, p, workers, today);
      const cinByIro = new Map<string, number>();
      for (const c of cin) cinByIro.set(c.state.iro, (cinByIro.get(c.state.iro) ?? 0) + 1);

      const tables: Table[] = [
        {
          id: 'decisions',
          caption: 'Review decisions awaiting your answer (L10)',
          heads: ['Child', 'What', 'Answer by', 'Working days left'],
          rows: decisions.map(({ c, o }) => [
            childCell(c),
            text(o.what),
            dueCell(o.due, today),
            text(daysLeftText(workingDaysLeft(cal, today, o.due))),
          ]),
          empty: 'No review decisions are waiting for your answer.',
        },
        {
          id: 'team-children',
          caption: `Children in care in team ${p.team ?? ''}`,
          heads: ['Child', 'Next review due', 'IRO', 'Overdue'],
          rows: cycles.map((c) => [
            childCell(c),
            dueCell(c.state.status === 'active' ? c.state.nextReview.due : undefined, today),
            text(c.state.iro?.staffId ?? 'None yet'),
            text(overdueText(c.state.obligations, today)),
          ]),
          empty: 'Your team has no children in care with a review cycle.',
        },
        {
          id: 'o2r',
          caption: 'Open to review (O2R) cases',
          heads: ['Child', 'Caseholder', 'Next review due', 'Overdue'],
          rows: o2r.map((c) => [
            childCell(c),
            text(c.state.caseholder),
            dueCell(c.state.nextReview?.due, today),
            text(overdueText(c.state.obligations, today)),
          ]),
          empty: 'Your team has no open to review cases.',
        },
        caseloadTable,
        {
          id: 'cin-by-iro',
          caption: 'Child in need reviews by IRO',
          heads: ['IRO', 'Your team’s reviews they chair'],
          rows: [...cinByIro].sort(([a], [b]) => a.localeCompare(b)).map(([iro, n]) => [text(iro), text(n)]),
          empty: 'No IRO chairs a child in need review of your team.',
        },
        {
          id: 'cin',
          caption: 'Child in need reviews chaired by an IRO',
          heads: ['Child', 'IRO', 'Social worker', 'Next review', 'Overdue'],
          rows: cin.map((c) => [
            childCell(c),
            text(c.state.iro),
            text(c.state.socialWorker),
            dueCell(c.state.nextDate, today),
            text(overdueText(c.state.obligations, today)),
          ]),
          empty: 'Your team has no child in need reviews chaired by an IRO.',
        },
        {
          id: 'disputes',
          caption: 'Disputes at your stage',
          heads: ['Dispute', 'Child', 'Stage', 'Response due', 'Resolve by (E6)'],
          rows: atMyStage.map((d) => [
            { text: d.caseId, href: d.href },
            text(d.childId ?? d.state.child.childId),
            text(STAGE_DEFS[d.state.stage].name),
            dueCell(d.state.stages[d.state.stages.length - 1]?.due, today),
            dueCell(d.state.overallDue, today),
          ]),
          empty: 'No dispute is at a stage addressed to you.',
        },
      ];
      res.render('pages/start/lists.njk', {
        title: 'My team',
        caption: `Team ${p.team ?? '(your sign-in names no team)'}`,
        summary: [`${decisions.length} review ${decisions.length === 1 ? 'decision' : 'decisions'} awaiting your answer`],
        findCase: true,
        tables,
      });
    });
  });
}
