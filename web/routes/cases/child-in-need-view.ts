/**
 * The Child in Need case page's content: facts, reviews on time or late against their agreed date,
 * moved dates, the open deadlines and how they were counted, events, and what this user can do.
 */
import { Principal, Role } from '../../../platform/auth/roles';
import { WorkingDayCalendar } from '../../../workflows/calendar/working-day-calendar';
import { CinState } from '../../../workflows/cin-review/messages';
import { ActionLink, CaseView, actionsFor, day, deadlinesTable, eventsTable, sourcesOf, timeliness, yesNo } from './case-view';
import { CRITERIA_TEXT } from './child-in-need-words';

export const CHAIR: readonly Role[] = ['iro', 'iro-unit'];
export const CASE_WORKERS: readonly Role[] = ['social-worker', 'team-manager'];
export const BASE = '/cases/child-in-need';

export const LINKS: ActionLink[] = [
  { path: '/first-date', text: 'Record the first review date agreed', roles: CASE_WORKERS },
  { path: '/booking', text: 'Move the next review to another date', roles: [...CHAIR, ...CASE_WORKERS] },
  { path: '/reviews', text: 'Record a review that was held', roles: CHAIR },
  { path: '/tasks', text: 'Mark documents or a report as provided', roles: [...CHAIR, ...CASE_WORKERS] },
  { path: '/report-requests', text: 'Record a report asked for from another agency', roles: CASE_WORKERS },
  { path: '/end', text: 'End the Child in Need case', roles: [...CHAIR, 'team-manager'] },
];

export function cinView(s: CinState, p: Principal, cal: WorkingDayCalendar): CaseView {
  return {
    title: `Child in Need case ${s.caseId}`,
    caption: 'Child in Need reviews chaired by an IRO',
    facts: [
      ['Case id', s.caseId],
      ['Child’s id', s.child.childId],
      ['Team', s.child.team],
      ['Allocated social worker', s.socialWorker],
      ['Chairing IRO', s.iro],
      ['Criteria', s.criteria.length ? s.criteria.map((c) => CRITERIA_TEXT[c] ?? c).join('; ') : 'None (outside the criteria)'],
      ...(s.outsideCriteriaReason ? ([['Why an IRO chair adds value', s.outsideCriteriaReason]] as [string, string][]) : []),
      ['Approved by', `${s.approvedBy.staffId} (${s.approvedBy.role.replace(/-/g, ' ')})`],
      ['Agreed for the IRO service by', s.agreedBy],
      ['Opened on', day(s.openedOn)],
      ['Status', s.status === 'open' ? 'Open' : `Ended on ${day(s.ended?.on)} (${s.ended?.outcome.replace(/-/g, ' ')})`],
      ['Next review', s.nextDate ? day(s.nextDate) : 'No date agreed yet'],
      ...(s.booking ? ([['First review booked', `${s.booking.venue}, agreed on ${day(s.booking.on)}`]] as [string, string][]) : []),
    ],
    tables: [
      {
        caption: 'Reviews held',
        head: ['Review', 'Held on', 'On time?', 'Social worker there?', 'Next date agreed'],
        rows: s.reviews.map((r) => [
          `Review ${r.number}`,
          day(r.heldOn),
          timeliness(r.onTime, r.agreedDate),
          yesNo(r.socialWorkerPresent),
          day(r.nextDate),
        ]),
        empty: 'No review has been held yet.',
      },
      {
        caption: 'Review dates moved',
        head: ['Moved on', 'From', 'To', 'Why'],
        rows: s.moves.map((m) => [day(m.on), day(m.from), day(m.to), m.reason]),
        empty: 'No review date has been moved.',
      },
      deadlinesTable(
        s.obligations.map((o) => ({
          what: o.what,
          due: o.due,
          rule: o.rule,
          owner: o.owners.join(', ').replace(/-/g, ' '),
          counted: o.why,
        })),
        cal,
      ),
      eventsTable(s.events),
    ],
    // The first date once; moving or holding a review only once a date is agreed.
    actions: actionsFor(p, `${BASE}/${s.caseId}`, LINKS, s.status === 'open').filter((a) =>
      a.href.endsWith('/first-date') ? !s.booking : /\/(booking|reviews)$/.test(a.href) ? !!s.nextDate : true,
    ),
    sources: sourcesOf([...s.obligations.map((o) => o.rule), ...s.events.map((e) => e.rule)]),
  };
}
