/**
 * The looked-after cycle's pages: a child comes into care (the form), the case page, and one page
 * per command, each with the roles of its API route (api/routes/looked-after-cycles.ts).
 */
import { casePagePath } from '../../../platform/case-pages';
import * as q from '../../../workflows/looked-after-cycle/requests';
import { CASE_HOLDERS } from '../../../api/services/looked-after-cycles';
import { Mount, WebContext } from '../../app';
import { commandPage } from '../../forms/command-page';

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
          becameLookedAfter: 'Date the child became looked after',
          dateOfBirth: 'Date of birth',
          legalStatus: 'Legal status (SSDA903)',
          placementType: 'Placement type',
          placementStartedOn: 'Date the placement started',
          team: 'Social work team code',
          iroUnitNotifiedOn: 'Date the IRO unit was told',
          profile: 'Policy profile',
        },
        submitText: 'Start the review cycle',
        run: ({ body, principal }) => cycles.start(body, principal),
        done: ({ result }) => ({ to: casePagePath(result.cycleId), message: 'The review cycle has started' }),
        caseHref: () => '/',
      },
      ctx.sessions,
    );
  });
}
