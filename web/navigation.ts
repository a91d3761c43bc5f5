/**
 * Each role's start page and the service navigation: a user sees the pages their roles may use.
 */
import { Principal, Role } from '../platform/auth/roles';

export interface NavItem {
  href: string;
  text: string;
  roles: readonly Role[];
}

/** In the order a user holding several roles sees them; the first is their start page. */
export const START_PAGES: NavItem[] = [
  { href: '/iro-unit', text: 'IRO unit', roles: ['iro-unit'] },
  { href: '/iro', text: 'My children', roles: ['iro'] },
  { href: '/team-manager', text: 'My team', roles: ['team-manager'] },
  { href: '/social-worker', text: "My team's children", roles: ['social-worker'] },
  { href: '/managers', text: 'Timeliness', roles: ['service-manager', 'strategic-manager'] },
  { href: '/operator', text: 'Operations', roles: ['operator'] },
];

const MORE: NavItem[] = [
  // Anyone who may start some kind of case (a service manager may start an Open to Review case).
  { href: '/cases/new', text: 'New case', roles: ['iro-unit', 'iro', 'social-worker', 'team-manager', 'service-manager'] },
  {
    href: '/calculator',
    text: 'Review calculator',
    roles: ['iro-unit', 'iro', 'social-worker', 'team-manager', 'service-manager', 'strategic-manager', 'operator'],
  },
];

export function startPageOf(p: Principal): string | undefined {
  return START_PAGES.find((s) => s.roles.some((r) => p.roles.includes(r)))?.href;
}

export function navFor(p: Principal | undefined, path: string): { href: string; text: string; active: boolean }[] {
  if (!p) return [];
  return [...START_PAGES, ...MORE]
    .filter((i) => i.roles.some((r) => p.roles.includes(r)))
    .map((i) => ({ href: i.href, text: i.text, active: path === i.href || path.startsWith(`${i.href}/`) }));
}
