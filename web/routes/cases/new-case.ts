/**
 * GET /cases/new: the kinds of case this user may start, each linking to its start form. The roles
 * are every role some kind's start (POST) route allows; each kind is listed only to those its own
 * route allows (api/routes/*: looked-after cycles, disputes, open-to-review-cases, cin-reviews).
 */
import { principalOf } from '../../../api/middleware/permit';
import { CASE_HOLDERS } from '../../../api/services/looked-after-cycles';
import { Role } from '../../../platform/auth/roles';
import { Mount, WebContext } from '../../app';
import { mayUse } from './case-view';
import { DCS_TEAM } from './open-to-review';

interface Kind {
  href: string;
  text: string;
  hint: string;
  roles: readonly Role[];
}

export const KINDS: Kind[] = [
  {
    href: '/cases/looked-after/new',
    text: 'A child has come into care',
    hint: 'Starts the looked-after review cycle',
    roles: CASE_HOLDERS,
  },
  {
    href: '/cases/disputes/new',
    text: 'Open a dispute about a child’s plan',
    hint: 'Resolution and Escalation, raised by an IRO',
    roles: ['iro-unit', 'iro'],
  },
  {
    href: '/cases/open-to-review/new',
    text: 'Move a case to Open to Review',
    hint: 'A disabled child’s stable case, reviewed by telephone and face to face',
    roles: DCS_TEAM,
  },
  {
    href: '/cases/open-to-review/new-short-breaks-series',
    text: 'A series of short breaks starts',
    hint: 'Reviewed like a looked-after child’s; at most 120 days in 12 months',
    roles: DCS_TEAM,
  },
  {
    href: '/cases/child-in-need/new',
    text: 'An IRO will chair a Child in Need case’s reviews',
    hint: 'Approved by a team manager and agreed with the IRO service',
    roles: ['team-manager', 'iro-unit'],
  },
];

const STARTERS: Role[] = [...new Set(KINDS.flatMap((k) => k.roles))];

export function newCasePages(page: Mount, ctx: WebContext): void {
  void ctx;
  page('/cases/new', (r) => {
    r.get('/', STARTERS, (_req, res) => {
      const p = principalOf(res);
      res.render('pages/new-case.njk', { title: 'Start a new case', kinds: KINDS.filter((k) => mayUse(p, k.roles)) });
    });
  });
}
