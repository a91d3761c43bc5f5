/**
 * /managers: service and strategic managers' start page. L18 timeliness and participation for an
 * April-March year (the figures of GET /api/timeliness, from the same function) drawn as a chart
 * with a table of the same figures, and the Resolution and Escalation figures (GET /api/dispute-figures).
 * Above them, what the managers must answer: starred recommendations and other work owed by a
 * service, principal or strategic manager (L11), and disputes at stage 2 or above (E4, E5).
 */
import { InputError } from '../../../api/input-error';
import { queryText } from '../../../api/request-body';
import { disputeFigures } from '../../../api/routes/disputes';
import { timelinessReport } from '../../../api/routes/timeliness';
import { principalOf } from '../../../api/middleware/permit';
import { STAGE_DEFS } from '../../../workflows/dispute/stages';
import { Mount, WebContext } from '../../app';
import { govukDate } from '../../nunjucks-setup';
import { caseloadsOf } from '../../services/caseload';
import { returnsSection } from '../record/returns';
import { Table, childCell, dueCell, ownerText, text } from './tables';

const MANAGERS = ['service-manager', 'principal-manager', 'strategic-manager'];

/** The April-March year a date falls in, by its first year (2026-03-31 is in 2025). */
export const yearOf = (date: string) => String(Number(date.slice(0, 4)) - (date.slice(5) < '04-01' ? 1 : 0));

interface Bar {
  label: string;
  /** Percent, or null when there is nothing to count. */
  percent: number | null;
  counts: string;
}

/** Bar geometry for the SVG: widths out of 100 units of a 400-unit plot. */
function chartOf(bars: Bar[]) {
  const rowHeight = 56;
  return {
    height: bars.length * rowHeight + 20,
    bars: bars.map((b, i) => ({
      ...b,
      y: 10 + i * rowHeight,
      width: b.percent === null ? 0 : Math.round(4 * b.percent),
      valueText: b.percent === null ? 'no reviews yet' : `${b.percent}%`,
      // Each bar its own pattern (stripes, dots, cross-hatch, solid), so no bar is told apart by colour alone.
      pattern: ['stripes', 'dots', 'hatch', 'solid'][i % 4],
    })),
  };
}

export function managersPage(page: Mount, ctx: WebContext): void {
  const { services } = ctx;
  page('/managers', (r) => {
    r.get('/', { roles: ['service-manager', 'strategic-manager'], query: ['year'] }, async (req, res) => {
      const today = services.lookedAfterCycles.today();
      const asked = queryText(req.query, 'year');
      const year = asked ?? yearOf(today);
      if (!/^\d{4}$/.test(year) || Number(year) < 2000 || Number(year) > 2100) {
        throw new InputError('year', 'year: the April-March year by its first year, e.g. 2025 for April 2025 to March 2026', 400, 'L18');
      }
      const t = await timelinessReport(services, year, undefined, today);
      const p = principalOf(res);
      const caseloads = caseloadsOf(services);
      const [cycles, disputes] = await Promise.all([caseloads.lookedAfter(p), caseloads.disputes(p)]);
      const owed = cycles
        .flatMap((c) => c.state.obligations.filter((o) => MANAGERS.includes(o.owner)).map((o) => ({ c, o })))
        .sort((a, b) => a.o.due.localeCompare(b.o.due));
      const escalated = disputes.filter((x) => x.state.stage >= 2).sort((a, b) => b.state.stage - a.state.stage);
      // L11: starred recommendations neither agreed nor taken to a dispute yet (the response page is the managers').
      const starred = cycles.flatMap((c) =>
        c.state.reviewsHeld
          .filter((h) => h.starredRecommendations.length && !h.starred?.agreedOn && !h.starred?.disputeId && !h.starred?.disputeToOpen)
          .map((h) => ({ c, h, owed: c.state.obligations.find((o) => o.key === `r${h.reviewNumber}/starred-agreement`) })),
      );
      const answerTables: Table[] = [
        {
          id: 'starred',
          caption: 'Starred recommendations awaiting your response (L11)',
          heads: ['Child', 'Review', 'Recommendations', 'Where it stands', 'Respond'],
          rows: starred.map(({ c, h, owed: o }) => [
            childCell(c),
            text(`Review ${h.reviewNumber}, held ${govukDate(h.heldOn)}`),
            text(h.starredRecommendations.join('; ')),
            o && h.starred?.concern
              ? dueCell(o.due, today, `a concern was raised on ${govukDate(h.starred.concern.on)}: agree by this date or a dispute opens`)
              : text(`${h.starred ? `Notified on ${govukDate(h.starred.notifiedOn)}` : 'Being notified'}; no concern raised`),
            h.starred
              ? { text: `Respond for ${c.childId ?? c.caseId}`, href: `${c.href}/reviews/${h.reviewNumber}/starred-response` }
              : text('Once they are sent'),
          ]),
          empty: 'No starred recommendations are awaiting a response.',
        },
        {
          id: 'owed-by-managers',
          caption: 'Starred recommendations and other work awaiting a manager (L11)',
          heads: ['Child', 'What', 'Owed by', 'Due', 'Rule'],
          rows: owed.map(({ c, o }) => [childCell(c), text(o.what), text(ownerText(o.owner)), dueCell(o.due, today), text(o.rule)]),
          empty: 'Nothing is awaiting a service, principal or strategic manager.',
        },
        {
          id: 'escalated-disputes',
          caption: 'Disputes at stage 2 or above',
          heads: ['Dispute', 'Child', 'Stage', 'Addressed to', 'Response due', 'Resolve by (E6)'],
          rows: escalated.map((x) => [
            { text: x.caseId, href: x.href },
            text(x.childId ?? x.state.child.childId),
            text(`${STAGE_DEFS[x.state.stage].name} (${STAGE_DEFS[x.state.stage].rule})`),
            text(ownerText(STAGE_DEFS[x.state.stage].to)),
            dueCell(x.state.stages[x.state.stages.length - 1]?.due, today),
            dueCell(x.state.overallDue, today),
          ]),
          empty: 'No dispute is at stage 2 or above.',
        },
      ];
      const childOf = (cycleId: string) => services.store.cases.get(cycleId).childId;
      const d = disputeFigures(services.store, year);
      const bars: Bar[] = [
        {
          label: 'Children with every review on time',
          percent: t.percentChildrenOnTime,
          counts: `${t.childrenWithEveryReviewOnTime} of ${t.children} children`,
        },
        {
          label: 'Reviews on time',
          percent: t.reviews === 0 ? null : Math.round((1000 * t.reviewsOnTime) / t.reviews) / 10,
          counts: `${t.reviewsOnTime} of ${t.reviews} reviews`,
        },
        {
          label: 'Reviews where the child took part (aged 4 or over)',
          percent: t.participation.percent,
          counts: `${t.participation.tookPart} of ${t.participation.reviewsOfChildrenAged4Plus} reviews`,
        },
        {
          label: 'Children who took part in every review (aged 4 or over)',
          percent: t.participationByChild.percent,
          counts: `${t.participationByChild.participating} of ${t.participationByChild.childrenAged4Plus} children`,
        },
      ];
      const current = Number(yearOf(today));
      const years = Array.from({ length: 6 }, (_, i) => String(current - i));
      if (!years.includes(year)) years.push(year);
      const count = (o: Record<string, number>) => Object.entries(o).map(([k, v]) => ({ k, v }));
      res.render('pages/start/managers.njk', {
        title: 'Timeliness and participation',
        t,
        d,
        answerTables,
        late: t.lateReviews.map((l) => ({ ...l, childId: l.childId ?? childOf(l.cycleId) })),
        notHeld: t.reviewsNotHeldInYear.map((l) => ({ ...l, childId: l.childId ?? childOf(l.cycleId) })),
        year,
        years: years.map((y) => ({ value: y, text: `April ${y} to March ${Number(y) + 1}`, selected: y === year })),
        chart: chartOf(bars),
        returns: returnsSection(today),
        disputeRows: [
          ...count(d.byHighestStage).map(({ k, v }) => ({ group: 'Highest stage reached', k, v })),
          ...count(d.byCategory).map(({ k, v }) => ({ group: 'Category', k, v })),
          ...count(d.byOutcome).map(({ k, v }) => ({ group: 'Outcome', k, v })),
          ...count(d.bySource).map(({ k, v }) => ({ group: 'Raised by', k, v })),
        ],
      });
    });
  });
}
