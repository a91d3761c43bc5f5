/**
 * What can be done on a looked-after cycle from its page: each command page's path under the case
 * and the roles of the API route it mirrors (api/routes/looked-after-cycles.ts), in one place, so the
 * case page links only to pages this user may use and each page declares the same roles.
 */
import { CASE_ROLES, Principal, Role } from '../../../platform/auth/roles';
import { CASE_HOLDERS } from '../../../api/services/looked-after-cycles';
import { InputError } from '../../../api/input-error';

const IRO_SIDE: readonly Role[] = ['iro-unit', 'iro'];
const SOCIAL_WORK: readonly Role[] = ['social-worker', 'team-manager'];
const CASE_WORK: readonly Role[] = ['iro-unit', 'iro', 'social-worker', 'team-manager'];

export interface LacAction {
  path: string;
  text: string;
  roles: readonly Role[];
}

/** The cycle's own commands, in the order the case page offers them. */
export const LAC_ACTIONS = {
  booking: { path: '/booking', text: 'Book or move the next review', roles: IRO_SIDE },
  review: { path: '/reviews', text: 'Record a review that has been held', roles: IRO_SIDE },
  tasks: { path: '/tasks', text: 'Mark a task done', roles: CASE_ROLES },
  adjournment: { path: '/adjournment', text: 'Adjourn the review meeting', roles: IRO_SIDE },
  bringForward: { path: '/bring-forward', text: 'Bring the next review forward', roles: CASE_WORK },
  placement: { path: '/placement-changes', text: 'Record a change of placement', roles: SOCIAL_WORK },
  plannedEnd: { path: '/planned-end', text: 'Record that care is planned to end', roles: CASE_WORK },
  iro: { path: '/iro', text: 'Appoint or change the IRO', roles: ['iro-unit'] },
  socialWorker: { path: '/social-worker', text: 'Allocate a social worker', roles: ['team-manager', 'iro-unit'] },
  cease: { path: '/cease', text: 'Record that the child has stopped being looked after', roles: CASE_HOLDERS },
} satisfies Record<string, LacAction>;

/** A held review's commands, at /reviews/<n>/<path>. */
export const REVIEW_ACTIONS = {
  decisionResponse: { path: '/decision-response', text: 'Answer the decisions (team manager)', roles: ['team-manager'] },
  disagreement: { path: '/disagreement', text: 'Settle the disagreement or open a dispute', roles: IRO_SIDE },
  starred: { path: '/starred-response', text: 'Respond to the starred recommendations', roles: ['service-manager', 'strategic-manager'] },
} satisfies Record<string, LacAction>;

/** E1: an IRO opens a dispute about the child's plan; the form starts with this cycle's id. */
export const OPEN_DISPUTE: LacAction = { path: '/cases/disputes/new', text: 'Open a dispute about the child’s plan', roles: IRO_SIDE };

export const mayUse = (a: LacAction, p: Principal) => p.roles.some((r) => a.roles.includes(r));

export const lacPath = (cycleId: string) => `/cases/looked-after/${cycleId}`;

const REVIEW_NUMBER = /^[1-9]\d{0,2}$/;

/** The review number from the path, as the API reads it (a 404 otherwise). */
export function reviewNumberOf(raw: unknown): number {
  const s = String(raw);
  if (!REVIEW_NUMBER.test(s))
    throw new InputError('reviewNumber', `reviewNumber: "${s.slice(0, 20)}" is not a review number (1, 2, 3...)`, 404);
  return Number(s);
}

/** Today's date as a date input's initial values. */
export function dateParts(name: string, iso: string): Record<string, string> {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y };
}

const OWNERS: Record<string, string> = {
  iro: 'the IRO',
  'iro-unit': 'the IRO unit',
  'iro-unit-manager': 'the IRO unit manager',
  'social-worker': 'the social worker',
  'team-manager': 'the team manager',
  'service-manager': 'the service manager',
  'principal-manager': 'the principal manager',
  'strategic-manager': 'the strategic manager',
};

/** Who owes a task, in words: a role, or the named person's staff id (L9). */
export const ownerText = (owner: string) => (owner.startsWith('user:') ? owner.slice(5) : (OWNERS[owner] ?? owner));
