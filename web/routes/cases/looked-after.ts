/**
 * The looked-after cycle's pages: a child comes into care (the form), the case page, and one page
 * per command (looked-after-commands.ts, looked-after-review-commands.ts, looked-after-tasks.ts),
 * each with the roles of its API route (api/routes/looked-after-cycles.ts).
 */
import { casePagePath } from '../../../platform/case-pages';
import { CASE_ROLES, Principal } from '../../../platform/auth/roles';
import { govukDate } from '../../nunjucks-setup';
import * as q from '../../../workflows/looked-after-cycle/requests';
import { CASE_HOLDERS } from '../../../api/services/looked-after-cycles';
import { principalOf } from '../../../api/middleware/permit';
import { Mount, WebContext } from '../../app';
import { commandPage } from '../../forms/command-page';
import { dateParts } from './looked-after-actions';
import { CycleDispute, casePageModel } from './looked-after-case';
import { lookedAfterCommandPages } from './looked-after-commands';
import { lookedAfterReviewPages } from './looked-after-review-commands';
import { lookedAfterTaskPage } from './looked-after-tasks';

const STATUS: Record<string, string> = {
  active: 'Looked after',
  ceased: 'No longer looked after',
  'ended-at-18': 'Turned 18 (looked-after status ended)',
};

export function lookedAfterPages(page: Mount, ctx: WebContext): void {
  const cycles = ctx.services.lookedAfterCycles;
  page('/cases/looked-after/new', (r) => {
    commandPage(
      r,
      '',
      {
        path: '',
        title: 'A child has come into care',
        caption: () => 'Looked-after review cycle',
        roles: CASE_HOLDERS,
        schema: q.CycleStartRequest,
        rule: 'L1, L2: the IRO unit is told within the profile’s time; the first review is due within 20 working days.',
        labels: {
          childId: { label: 'Child’s case-system id', hint: 'The id in the case system, never a name' },
          becameLookedAfter: { label: 'Date the child became looked after', hint: 'The first review is counted from this date' },
          dateOfBirth: { label: 'Date of birth', hint: 'Used for the agenda from 16 and the end of care at 18' },
          legalStatus: { label: 'Legal status', hint: 'The SSDA903 code, for example C2 for a full care order or V2 for section 20' },
          placementType: 'Placement type',
          placementStartedOn: {
            label: 'Date the placement started',
            hint: 'Leave blank if it started the day the child became looked after',
          },
          team: { label: 'Social work team code', hint: 'Leave blank for your own team' },
          iroUnitNotifiedOn: {
            label: 'Date the IRO unit was told',
            hint: 'The day the social worker told the IRO unit the child came into care. Leave blank for today',
          },
          profile: { label: 'Policy profile', hint: 'Leave blank for this authority’s usual procedures' },
        },
        submitText: 'Start the review cycle',
        run: ({ body, principal }) => cycles.start(body, principal),
        done: ({ result }) => ({ to: casePagePath(result.cycleId), message: 'The review cycle has started' }),
        caseHref: () => '/',
        initial: () => dateParts('iroUnitNotifiedOn', cycles.today()),
      },
      ctx.sessions,
    );
  });

  /** Disputes opened naming this cycle: the register's disputes about the child, whose state carries the cycle id. */
  const disputesAbout = async (cycleId: string, childId: string, team: string, p: Principal): Promise<CycleDispute[]> => {
    const refs = ctx.services.store.cases.list({ kind: 'dispute', team }).filter((c) => c.childId === childId);
    const found = await Promise.all(
      refs.map((c) =>
        ctx.services.disputes.state(c.caseId, p).then(
          (d) =>
            d.cycleId === cycleId
              ? [
                  {
                    disputeId: d.disputeId,
                    text: `${d.status === 'open' ? 'open' : 'closed'}, opened ${govukDate(d.openedOn)}: ${d.summary}`,
                  },
                ]
              : [],
          // One this user may not see, or gone, is left out (the page is not refused for it).
          () => [],
        ),
      ),
    );
    return found.flat();
  };

  page('/cases/looked-after', (r) => {
    // The case page: the API's GET /api/looked-after-cycles/:cycleId, so the same roles and team scope.
    r.get('/:cycleId', CASE_ROLES, async (req, res) => {
      const p = principalOf(res);
      const s = await cycles.state(String(req.params.cycleId), p);
      const profile = ctx.services.profiles.get(s.profileId);
      const disputes = await disputesAbout(s.cycleId, s.child.childId, s.child.team, p);
      const model = casePageModel(s, p, cycles.today(), ctx.services.calendar.calendar(), profile, disputes);
      res.render('pages/looked-after-case.njk', {
        title: `Looked-after child ${s.child.childId}`,
        statusText: STATUS[s.status] ?? s.status,
        ...model,
      });
    });
    lookedAfterCommandPages(r, ctx);
    lookedAfterReviewPages(r, ctx);
    lookedAfterTaskPage(r, ctx);
  });
}
