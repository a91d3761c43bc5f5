/**
 * /iro-unit: the IRO unit's start page. Children awaiting an IRO (L1), reviews coming up and not
 * booked (L2-L7), what is overdue, escalations, and what stops emails reaching people (directory
 * gaps, failed deliveries), every child in care with their next review and IRO, and the child in
 * need reviews by IRO (as GET /api/cin-caseloads/:iro). The IRO unit sees every team's children, as in the API.
 */
import { principalOf } from '../../../api/middleware/permit';
import { casePagePath } from '../../../platform/case-pages';
import { Mount, WebContext } from '../../app';
import { govukDate } from '../../nunjucks-setup';
import { caseloadsOf } from '../../services/caseload';
import { IMPORT_PATH } from '../record/imports';
import { returnsSection } from '../record/returns';
import { Table, childCell, dueCell, ownerText, text, within } from './tables';

const ROLES = ['iro-unit'] as const;
/** How many escalations and failed deliveries are listed (most recent first). */
const RECENT = 50;

export function iroUnitPage(page: Mount, ctx: WebContext): void {
  const { services } = ctx;
  page('/iro-unit', (r) => {
    r.get('/', ROLES, async (_req, res) => {
      const p = principalOf(res);
      const today = services.lookedAfterCycles.today();
      const [cycles, cin] = await Promise.all([caseloadsOf(services).lookedAfter(p), caseloadsOf(services).childInNeed(p)]);
      const byIro = new Map<string, typeof cin>();
      for (const c of cin) if (c.state.status !== 'ended') byIro.set(c.state.iro, [...(byIro.get(c.state.iro) ?? []), c]);
      const cinByIro = [...byIro].sort(([a], [b]) => a.localeCompare(b));
      const active = cycles.filter((c) => c.state.status === 'active');
      const awaiting = active.filter((c) => !c.state.iro);
      const dueSoon = active.filter((c) => within(c.state.nextReview.due, today, 28));
      const unbooked = active.filter((c) => !c.state.open.booking);
      const overdueReviews = active.filter((c) => c.state.nextReview.due < today);
      const overdueTasks = cycles
        .flatMap((c) => c.state.obligations.filter((o) => o.due < today).map((o) => ({ c, o })))
        .sort((a, b) => a.o.due.localeCompare(b.o.due));
      const inCare = [...active].sort((a, b) => a.state.nextReview.due.localeCompare(b.state.nextReview.due));
      const notes = services.store.notifications({ limit: 5000 });
      const escalations = notes
        .filter((n) => n.kind === 'escalation')
        .reverse()
        .slice(0, RECENT);
      const failed = services.store.notifications({ status: 'failed', limit: 5000 }).reverse().slice(0, RECENT);
      const gaps = services.store.directory.gaps().filter((g) => !g.filled);

      const tables: Table[] = [
        {
          id: 'awaiting-iro',
          caption: 'Children awaiting an IRO',
          heads: ['Child', 'Came into care', 'IRO to be appointed by (L1)', 'Action'],
          rows: awaiting.map((c) => {
            const l1 = c.state.obligations.find((o) => o.key === 'appoint-iro');
            return [
              childCell(c),
              { date: c.state.becameLookedAfter },
              dueCell(l1?.due, today),
              { text: `Allocate an IRO for ${c.childId ?? c.caseId}`, href: `${c.href}/iro` },
            ];
          }),
          empty: 'Every child in care has an IRO.',
        },
        {
          id: 'due-soon',
          caption: 'Reviews due in the next 4 weeks',
          heads: ['Child', 'Review', 'Due', 'Booked for'],
          rows: dueSoon.map((c) => [
            childCell(c),
            text(`Review ${c.state.nextReview.reviewNumber}`),
            dueCell(c.state.nextReview.due, today, c.state.nextReview.rule),
            { date: c.state.open.booking?.meetingOn },
          ]),
          empty: 'No reviews are due in the next 4 weeks.',
        },
        {
          id: 'unbooked',
          caption: 'Reviews not yet booked',
          heads: ['Child', 'Review', 'Due', 'IRO'],
          rows: unbooked.map((c) => [
            childCell(c),
            text(`Review ${c.state.nextReview.reviewNumber}`),
            dueCell(c.state.nextReview.due, today),
            text(c.state.iro?.staffId ?? 'None yet'),
          ]),
          empty: 'Every open review is booked.',
        },
        {
          id: 'overdue-reviews',
          caption: 'Overdue reviews',
          heads: ['Child', 'Review', 'Due', 'IRO'],
          rows: overdueReviews.map((c) => [
            childCell(c),
            text(`Review ${c.state.nextReview.reviewNumber}`),
            dueCell(c.state.nextReview.due, today),
            text(c.state.iro?.staffId ?? 'None yet'),
          ]),
          empty: 'No review is overdue.',
        },
        {
          id: 'overdue-obligations',
          caption: 'Overdue work',
          heads: ['Child', 'What', 'Owed by', 'Due', 'Rule'],
          rows: overdueTasks.map(({ c, o }) => [childCell(c), text(o.what), text(ownerText(o.owner)), dueCell(o.due, today), text(o.rule)]),
          empty: 'Nothing is overdue.',
        },
        {
          id: 'children-in-care',
          caption: 'Children in care, by next review',
          heads: ['Child', 'Team', 'Next review due', 'IRO'],
          rows: inCare.map((c) => [
            childCell(c),
            text(c.team),
            dueCell(c.state.nextReview.due, today, `Review ${c.state.nextReview.reviewNumber}`),
            text(c.state.iro?.staffId ?? 'None yet'),
          ]),
          empty: 'No child is in care with a review cycle.',
        },
        {
          id: 'cin-by-iro',
          caption: 'Child in need reviews by IRO',
          heads: ['IRO', 'Reviews chaired', 'Next review'],
          rows: cinByIro.map(([iro, cs]) => [
            { text: iro, href: `/cin-caseloads/${iro}` },
            text(cs.length),
            dueCell(cs.map((c) => c.state.nextDate).sort()[0], today),
          ]),
          empty: 'No IRO chairs a child in need review.',
        },
        {
          id: 'escalations',
          caption: 'Escalations (most recent first)',
          heads: ['Case', 'Sent', 'To', 'Subject', 'Rule'],
          rows: escalations.map((n) => [
            { text: services.store.cases.get(n.caseId).childId ?? n.caseId, href: casePagePath(n.caseId) },
            { date: n.createdAt.slice(0, 10) },
            text(n.recipient),
            text(n.subject),
            text(n.rule),
          ]),
          empty: 'No escalations have been sent.',
        },
        {
          id: 'directory-gaps',
          caption: 'Addresses the directory does not fill',
          heads: ['Address', 'First seen', 'Last seen', 'Notifications sent to the IRO unit manager instead'],
          rows: gaps.map((g) => [
            text(g.address),
            { date: g.firstSeen.slice(0, 10) },
            { date: g.lastSeen.slice(0, 10) },
            text(g.notifications),
          ]),
          empty: 'Every address notifications were sent to is in the directory.',
        },
        {
          id: 'failed-deliveries',
          caption: 'Failed deliveries (most recent first)',
          heads: ['Case', 'Written', 'To', 'Subject', 'Why'],
          rows: failed.map((n) => [
            { text: services.store.cases.get(n.caseId).childId ?? n.caseId, href: casePagePath(n.caseId) },
            { date: n.createdAt.slice(0, 10) },
            text(n.recipient),
            text(n.subject),
            text(n.note ?? ''),
          ]),
          empty: 'No email has failed to send.',
        },
      ];
      res.render('pages/start/lists.njk', {
        title: 'IRO unit',
        caption: `Today is ${govukDate(today)}`,
        summary: [
          `${awaiting.length} ${awaiting.length === 1 ? 'child is' : 'children are'} awaiting an IRO`,
          `${overdueReviews.length} overdue ${overdueReviews.length === 1 ? 'review' : 'reviews'}`,
          `${unbooked.length} ${unbooked.length === 1 ? 'review' : 'reviews'} not yet booked`,
        ],
        findCase: true,
        actions: [{ text: 'Import children already in care', href: IMPORT_PATH }],
        tables,
        returns: returnsSection(today),
      });
    });
  });
}
