/**
 * Caseloads as pages, with the API's roles: an O2R social worker's caseload against the O5
 * capacity (GET /api/o2r-caseloads/:staffId, the same service method), a form moving the whole
 * caseload to another worker (POST /api/o2r-caseloads/:staffId/transfer), and the child in need
 * reviews one IRO chairs, for the IRO unit (GET /api/cin-caseloads/:iro).
 */
import { Services } from '../../../api/services';
import { InputError } from '../../../api/input-error';
import { principalOf } from '../../../api/middleware/permit';
import { Principal } from '../../../platform/auth/roles';
import { casePagePath } from '../../../platform/case-pages';
import { STAFF_ID } from '../../../workflows/case-kernel/request-fields';
import { TransferRequest } from '../../../workflows/open-to-review/requests';
import { Mount, WebContext } from '../../app';
import { commandPage } from '../../forms/command-page';
import { Cell, Table, dueCell, text } from './tables';

const READERS = ['social-worker', 'team-manager', 'service-manager'] as const;
const MOVERS = ['team-manager', 'service-manager'] as const;

/** A staff id from the path, refused as the API refuses it (it goes into a visibility query). */
function staffIdOf(raw: unknown, field = 'staffId'): string {
  const s = String(raw);
  if (!STAFF_ID.test(s)) throw new InputError(field, `${field}: "${s.slice(0, 40)}" is not a staff id`, 404);
  return s;
}

/** O5 in words: the count against the capacity, and by how many it is over (never colour alone). */
export const capacityCell = (count: number, capacity: number): Cell =>
  count > capacity
    ? { tag: 'Over capacity', tagClass: 'govuk-tag--red', text: `by ${count - capacity}` }
    : { text: `Within capacity (${capacity - count} to spare)` };

/** The O2R caseloads of these workers as the team manager's table (a worker whose caseload cannot be read says so). */
export async function o2rCaseloadsTable(services: Services, p: Principal, workers: string[], today: string): Promise<Table> {
  const rows: Cell[][] = [];
  for (const w of [...new Set(workers)].filter((x) => STAFF_ID.test(x)).sort()) {
    try {
      const c = await services.openToReviewCases.caseload(w, p);
      const next = c.cases.map((x) => x.nextDue).filter((d): d is string => !!d)[0];
      rows.push([
        { text: w, href: `/o2r-caseloads/${w}` },
        text(c.count),
        text(c.capacity),
        capacityCell(c.count, c.capacity),
        dueCell(next, today),
      ]);
    } catch (e) {
      if (!(e instanceof InputError) || e.status !== 503) throw e;
      rows.push([{ text: w, href: `/o2r-caseloads/${w}` }, text('Cannot be read now'), text(''), text(''), dueCell(undefined, today)]);
    }
  }
  return {
    id: 'o2r-caseloads',
    caption: 'O2R caseloads of your team’s workers (O5)',
    heads: ['Worker', 'O2R cases', 'Capacity', 'Against capacity', 'Next review due'],
    rows,
    empty: 'No worker in your team holds open to review cases.',
  };
}

export function caseloadPages(page: Mount, ctx: WebContext): void {
  const { services } = ctx;
  const today = () => services.lookedAfterCycles.today();

  page('/o2r-caseloads', (r) => {
    r.get('/:staffId', READERS, async (req, res) => {
      const p = principalOf(res);
      const staffId = staffIdOf(req.params.staffId);
      const c = await services.openToReviewCases.caseload(staffId, p);
      const table: Table = {
        id: 'caseload',
        caption: `Open to review cases held by ${staffId}`,
        heads: ['Case', 'Child', 'Team', 'Next review due'],
        rows: c.cases.map((x) =>
          x.caseId === 'another team'
            ? [text('Another team’s case'), text(''), text(x.team), dueCell(x.nextDue, today())]
            : [
                { text: x.caseId, href: casePagePath(x.caseId) },
                text(services.store.cases.get(x.caseId).childId ?? ''),
                text(x.team),
                dueCell(x.nextDue, today()),
              ],
        ),
        empty: `${staffId} holds no open to review cases.`,
      };
      const over = c.count > c.capacity;
      res.render('pages/start/lists.njk', {
        title: `O2R caseload of ${staffId}`,
        caption: 'Open to review (O5)',
        summary: [
          `${c.count} ${c.count === 1 ? 'case' : 'cases'}; the capacity is ${c.capacity}`,
          over ? `Over capacity by ${c.count - c.capacity}: the team manager is told (O5)` : 'Within capacity',
        ],
        actions: p.roles.some((x) => (MOVERS as readonly string[]).includes(x))
          ? [{ text: 'Move this caseload to another worker', href: `/o2r-caseloads/${staffId}/transfer` }]
          : [],
        tables: [table],
      });
    });

    commandPage(
      r,
      'staffId',
      {
        path: '/transfer',
        title: 'Move a caseload to another worker',
        caption: (id) => `O2R caseload of ${id}`,
        roles: MOVERS,
        schema: TransferRequest,
        rule: 'O5: every open to review case this worker holds moves to the worker you name; over capacity, the team manager is told.',
        labels: { toStaffId: { label: 'Staff id of the worker who takes the cases', hint: 'An O2R social worker, for example o2r-b' } },
        submitText: 'Move the caseload',
        initial: ({ caseId }) => (staffIdOf(caseId), {}),
        run: ({ caseId, principal, body }) => services.openToReviewCases.transfer(staffIdOf(caseId), body.toStaffId, principal),
        done: ({ result }) => ({
          to: `/o2r-caseloads/${result.to}`,
          message: [
            `${result.moved} ${result.moved === 1 ? 'case' : 'cases'} moved from ${result.from} to ${result.to}`,
            ...result.failed.map((f) => `${f.caseId} did not move: ${f.message}`),
            ...result.warnings,
          ].join('. '),
        }),
        caseHref: (id) => `/o2r-caseloads/${encodeURIComponent(id)}`,
      },
      ctx.sessions,
    );
  });

  page('/cin-caseloads', (r) => {
    r.get('/:iro', ['iro-unit'], async (req, res) => {
      const iro = staffIdOf(req.params.iro, 'iro');
      const c = await services.cinReviews.caseload(iro);
      res.render('pages/start/lists.njk', {
        title: `Child in need reviews chaired by ${iro}`,
        caption: 'Child in need reviews chaired by an IRO',
        summary: [`${c.count} ${c.count === 1 ? 'review' : 'reviews'}`],
        tables: [
          {
            id: 'cin-caseload',
            caption: `Child in need reviews chaired by ${iro}`,
            heads: ['Case', 'Child', 'Team', 'Next review due'],
            rows: c.cases.map((x) => [
              { text: x.caseId, href: casePagePath(x.caseId) },
              text(services.store.cases.get(x.caseId).childId ?? ''),
              text(x.team),
              dueCell(x.nextDue, today()),
            ]),
            empty: `${iro} chairs no child in need reviews.`,
          },
        ],
      });
    });
  });
}
