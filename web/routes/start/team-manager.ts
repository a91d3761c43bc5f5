/**
 * /team-manager: a team manager's start page, for their own team only (the token's team, as the
 * API scopes them). Review decisions awaiting their answer with the working days left (L10), the
 * team's children and what is overdue, the team's O2R (O1-O6) and CIN (D1-D6) cases, and the
 * disputes at a stage addressed to or copied to the team manager (E2, E3).
 */
import { principalOf } from '../../../api/middleware/permit';
import { STAGE_DEFS } from '../../../workflows/dispute/stages';
import { Mount, WebContext } from '../../app';
import { govukDate } from '../../nunjucks-setup';
import { caseloadsOf } from '../../services/caseload';
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
        tables,
      });
    });
  });
}
