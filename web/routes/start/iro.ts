/**
 * /iro: an IRO's start page. The children whose IRO they are (L1), each with the next review, its
 * booking (L7) and the preparation still owed for it (L8); what the IRO owes, soonest first (the
 * follow-up after a review too, also on a cycle that has ended); the child in need reviews they
 * chair (D1-D6); and the disputes they opened (E1-E6).
 */
import { principalOf } from '../../../api/middleware/permit';
import { Mount, WebContext } from '../../app';
import { govukDate } from '../../nunjucks-setup';
import { caseloadsOf } from '../../services/caseload';
import { STAGE_DEFS } from '../../../workflows/dispute/stages';
import { Table, childCell, dueCell, ownerText, text } from './tables';

export function iroPage(page: Mount, ctx: WebContext): void {
  const { services } = ctx;
  page('/iro', (r) => {
    r.get('/', ['iro'], async (_req, res) => {
      const p = principalOf(res);
      const today = services.lookedAfterCycles.today();
      const caseloads = caseloadsOf(services);
      const [cycles, disputes, cin] = await Promise.all([caseloads.lookedAfter(p), caseloads.disputes(p), caseloads.childInNeed(p)]);
      const isMe = (owner: string) => owner === 'iro' || owner === `user:${p.userId}`;
      const chaired = cin
        .filter((c) => c.state.iro === p.userId)
        .sort((a, b) => (a.state.nextDate ?? '9999').localeCompare(b.state.nextDate ?? '9999'));
      // A ceased cycle stays listed while its follow-up (decisions, disagreements) is still owed.
      const owed = [
        ...cycles
          .filter((c) => c.state.iro?.staffId === p.userId)
          .flatMap((c) => c.state.obligations.filter((o) => isMe(o.owner)).map((o) => ({ c, o, ended: c.state.status !== 'active' }))),
        ...chaired.flatMap((c) =>
          c.state.obligations.filter((o) => o.owners.some((w) => isMe(w))).map((o) => ({ c, o, ended: c.state.status === 'ended' })),
        ),
      ].sort((a, b) => a.o.due.localeCompare(b.o.due));
      const mine = cycles
        .filter((c) => c.state.iro?.staffId === p.userId && c.state.status === 'active')
        .sort((a, b) => a.state.nextReview.due.localeCompare(b.state.nextReview.due));
      const opened = disputes.filter((d) => d.state.iro === p.userId);
      const owedFor = (c: (typeof mine)[number]) =>
        c.state.obligations.filter(
          (o) => o.key.startsWith(`r${c.state.nextReview.reviewNumber}/`) && o.key !== `r${c.state.nextReview.reviewNumber}/review`,
        );

      const tables: Table[] = [
        {
          id: 'my-children',
          caption: 'My children',
          heads: ['Child', 'Next review', 'Due', 'Booked for', 'Preparation still owed'],
          rows: mine.map((c) => {
            const b = c.state.open.booking;
            const owed = owedFor(c);
            return [
              childCell(c),
              text(`Review ${c.state.nextReview.reviewNumber}`),
              dueCell(c.state.nextReview.due, today, c.state.nextReview.rule),
              b
                ? { date: b.meetingOn, note: [b.time, b.venue].filter(Boolean).join(', ') || undefined }
                : { tag: 'Not booked', tagClass: 'govuk-tag--yellow', text: 'no date set yet' },
              text(
                owed.length
                  ? owed
                      .map((o) => `${o.what} (${ownerText(o.owner)}, ${o.due < today ? 'overdue, was due' : 'by'} ${govukDate(o.due)})`)
                      .join('; ')
                  : 'Nothing owed',
              ),
            ];
          }),
          empty: 'You are not the IRO of any child at the moment.',
        },
        {
          id: 'owed',
          caption: 'What I owe, soonest first',
          heads: ['Child', 'What', 'Due', 'Rule', 'Case'],
          rows: owed.map(({ c, o, ended }) => [
            childCell(c),
            text(o.what),
            dueCell(o.due, today),
            text(o.rule),
            text(ended ? 'Ended, follow-up still owed' : 'Open'),
          ]),
          empty: 'You owe nothing at the moment.',
        },
        {
          id: 'my-cin',
          caption: 'Child in need reviews I chair',
          heads: ['Child', 'Team', 'Social worker', 'Next review'],
          rows: chaired.map((c) => [childCell(c), text(c.team), text(c.state.socialWorker), dueCell(c.state.nextDate, today)]),
          empty: 'You chair no child in need reviews at the moment.',
        },
        {
          id: 'my-disputes',
          caption: 'Disputes I opened',
          heads: ['Dispute', 'Child', 'Stage', 'Stage response due', 'Resolve by (E6)'],
          rows: opened.map((d) => {
            const stage = d.state.stages[d.state.stages.length - 1];
            return [
              { text: d.caseId, href: d.href },
              text(d.childId ?? d.state.child.childId),
              text(STAGE_DEFS[d.state.stage].name),
              dueCell(stage?.due, today),
              dueCell(d.state.overallDue, today),
            ];
          }),
          empty: 'You have no open disputes.',
        },
      ];
      res.render('pages/start/lists.njk', {
        title: 'My children',
        caption: `IRO ${p.userId}`,
        summary: [
          `${mine.length} ${mine.length === 1 ? 'child' : 'children'}`,
          `${owed.filter((o) => o.o.due < today).length} overdue of ${owed.length} owed by you`,
          `${chaired.length} child in need ${chaired.length === 1 ? 'review' : 'reviews'}`,
          `${opened.length} open ${opened.length === 1 ? 'dispute' : 'disputes'}`,
        ],
        findCase: true,
        tables,
      });
    });
  });
}
