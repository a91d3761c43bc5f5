/**
 * The start pages' lists as data for partials/start-table.njk: one shape for every table, so each
 * has a caption, column headers and an empty-state sentence.
 */
import { addDays } from '../../../workflows/calendar/iso-date';
import { WorkingDayCalendar } from '../../../workflows/calendar/working-day-calendar';
import { CaseRow } from '../../services/caseload';

export type Cell =
  | { text: string; href?: string }
  | { date: string | undefined; overdue?: boolean; note?: string }
  | { tag: string; tagClass?: string; text?: string };

export interface Table {
  id: string;
  caption: string;
  heads: string[];
  rows: Cell[][];
  /** Said instead of the table when there is nothing to list. */
  empty: string;
}

/** The child's id, linking to the case page (ids only, never names). */
export const childCell = (c: CaseRow<unknown>): Cell => ({ text: c.childId ?? c.caseId, href: c.href });
export const text = (t: string | number | undefined): Cell => ({ text: t === undefined ? '' : String(t) });
/** A due date; past today it is overdue (shown by a tag and in words). */
export const dueCell = (due: string | undefined, today: string, note?: string): Cell => ({
  date: due,
  overdue: due !== undefined && due < today,
  ...(note ? { note } : {}),
});

/** Within the next `days` calendar days (today included). */
export const within = (date: string, today: string, days: number) => date >= today && date <= addDays(today, days);

/** Working days from today to `due` (0: due today; negative: that many working days late). */
export function workingDaysLeft(cal: WorkingDayCalendar, today: string, due: string): number {
  if (due === today) return 0;
  const [from, to, sign] = due > today ? [today, due, 1] : [due, today, -1];
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (cal.isWorkingDay(d)) n++;
  return sign * n;
}

export const daysLeftText = (n: number) =>
  n > 0 ? `${n} working day${n === 1 ? '' : 's'} left` : n === 0 ? 'Due today' : `${-n} working day${n === -1 ? '' : 's'} late`;

/** Who owes something, in words (the workflows' owner codes are addresses, not what a person reads). */
const OWNER_WORDS: Record<string, string> = {
  'iro-unit': 'the IRO unit',
  'iro-unit-manager': 'the IRO unit manager',
  iro: 'the IRO',
  'social-worker': 'the social worker',
  caseholder: 'the caseholder (O2R social worker)',
  'team-manager': 'the team manager',
  'service-manager': 'the service manager',
  'principal-manager': 'the principal manager',
  'strategic-manager': 'the strategic manager',
};
export function ownerText(owner: string | readonly string[]): string {
  if (typeof owner !== 'string') return owner.map((o) => ownerText(o)).join(' and ');
  if (owner.startsWith('user:')) return `staff member ${owner.slice(5)}`;
  return OWNER_WORDS[owner] ?? `the ${owner.replace(/-/g, ' ')}`;
}
