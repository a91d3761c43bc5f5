/**
 * /operator: the operator's start page. The working-day calendar (bank holidays, and a form to add
 * one newly proclaimed: stored and broadcast to running cases as POST /api/calendar/changes does)
 * and the directory of who is who (a form to add or change a person, as POST /api/directory/people,
 * for the same roles: operator and service manager), its teams and mailboxes with forms to set them,
 * and each gap linked to the form that fills it (web/routes/start/operator-directory.ts).
 */
import { z } from 'zod';
import { broadcastCalendar } from '../../../api/calendar-broadcast';
import { principalOf } from '../../../api/middleware/permit';
import { changeCalendar } from '../../../api/routes/calendar';
import { DIRECTORY_KEEPERS, savePerson } from '../../../api/routes/directory';
import { PersonSchema } from '../../../data/directory';
import { date, text } from '../../../workflows/case-kernel/request-fields';
import { Mount, WebContext } from '../../app';
import { commandPage } from '../../forms/command-page';
import { govukDate } from '../../nunjucks-setup';
import { gapForm, operatorDirectoryPages } from './operator-directory';
import { Table, text as cell } from './tables';

/** The form's fields; the API's POST /api/calendar/changes checks the same (a date, a title, a reason). */
const BankHolidayForm = z.strictObject({
  date: date({ description: 'the newly proclaimed bank holiday' }),
  title: text({ max: 200 }),
  reason: text({ max: 1000 }),
});

export function operatorPage(page: Mount, ctx: WebContext): void {
  const { services } = ctx;
  page('/operator', (r) => {
    r.get('/', ['operator'], (_req, res) => {
      const today = services.lookedAfterCycles.today();
      const year = Number(today.slice(0, 4));
      const cal = services.calendar.calendar();
      const stored = services.store.directory.current();
      const holidays = [year, year + 1].flatMap((y) => cal.bankHolidaysIn(y));
      const tables: Table[] = [
        {
          id: 'bank-holidays',
          caption: `Bank holidays in ${year} and ${year + 1}`,
          heads: ['Date', 'Day'],
          rows: holidays.map((d) => [{ date: d }, cell(new Date(`${d}T12:00:00Z`).toLocaleDateString('en-GB', { weekday: 'long' }))]),
          empty: 'No bank holidays are known for these years.',
        },
        {
          id: 'calendar-changes',
          caption: 'Changes made to the calendar',
          heads: ['Date', 'Change', 'Title', 'Reason', 'Made'],
          rows: services.calendar
            .changes()
            .slice()
            .reverse()
            .map((c) => [
              { date: c.date },
              cell(c.action === 'add' ? 'Added' : 'Removed'),
              cell(c.title),
              cell(c.reason),
              { date: c.createdAt.slice(0, 10) },
            ]),
          empty: 'No changes have been made to the published bank holidays.',
        },
        {
          id: 'directory',
          caption: `Directory${stored ? ` (revision ${stored.revision}, updated ${govukDate(stored.updatedAt.slice(0, 10))})` : ''}`,
          heads: ['Staff id', 'Name', 'Email', 'Roles', 'Team', 'Action'],
          rows: (stored?.directory.people ?? []).map((p) => [
            cell(p.staffId),
            cell(p.name),
            cell(p.email),
            cell(p.roles.join(', ') || 'None'),
            cell(p.team ?? 'None'),
            { text: `Take ${p.staffId} out`, href: `/operator/people/${encodeURIComponent(p.staffId)}/remove` },
          ]),
          empty: 'Nobody is in the directory yet.',
        },
        {
          id: 'teams',
          caption: 'Teams',
          heads: ['Team', 'Team managers', 'Service manager', 'Action'],
          rows: Object.entries(stored?.directory.teams ?? {}).map(([team, t]) => [
            cell(team),
            cell(t.teamManagers.join(', ') || 'None'),
            cell(t.serviceManager ?? 'None'),
            { text: `Change team ${team}`, href: `/operator/teams/${encodeURIComponent(team)}` },
          ]),
          empty: 'No team is in the directory yet.',
        },
        {
          id: 'mailboxes',
          caption: 'Mailboxes',
          heads: ['Address', 'Email', 'Action'],
          rows: Object.entries(stored?.directory.mailboxes ?? {}).map(([name, email]) => [
            cell(name),
            cell(email),
            { text: `Change ${name}`, href: `/operator/mailboxes/${encodeURIComponent(name)}` },
          ]),
          empty: 'No mailbox is in the directory yet.',
        },
        {
          id: 'directory-gaps',
          caption: 'Addresses the directory does not fill',
          heads: ['Address', 'Last seen', 'Notifications sent to the IRO unit manager instead', 'Action'],
          rows: services.store.directory
            .gaps()
            .filter((g) => !g.filled)
            .map((g) => [
              cell(g.address),
              { date: g.lastSeen.slice(0, 10) },
              cell(g.notifications),
              { text: `Fill ${g.address}`, href: gapForm(g.address) },
            ]),
          empty: 'Every address notifications were sent to is in the directory.',
        },
      ];
      res.render('pages/start/operator.njk', { title: 'Operations', caption: `Calendar revision ${cal.revision}`, tables });
    });

    commandPage(
      r,
      '',
      {
        path: '/bank-holidays',
        title: 'Add a bank holiday',
        caption: () => 'Working-day calendar',
        roles: ['operator'],
        schema: BankHolidayForm,
        rule: 'Every deadline counted in working days moves with the calendar; running cases are told at once.',
        labels: {
          date: { label: 'Date of the bank holiday', hint: 'For example, 27 4 2027' },
          title: { label: 'Name of the bank holiday', hint: 'As proclaimed, for example Coronation bank holiday' },
          reason: { label: 'Why it is being added', hint: 'For example, the proclamation and its date' },
        },
        submitText: 'Add the bank holiday',
        run: ({ body }) => {
          // changeCalendar refuses a date outside the years the calendar covers (1990 to 2100).
          return changeCalendar(
            { calendar: services.calendar, broadcast: (s) => broadcastCalendar(services.client, s) },
            { date: body.date, action: 'add', title: body.title, reason: body.reason },
          );
        },
        done: ({ result }) => ({
          to: '/operator',
          message: `${govukDate(result.change.date)} is now a bank holiday; ${String(result.delivery.runningCasesSignalled ?? 0)} running cases were told`,
        }),
        caseHref: () => '/operator',
      },
      ctx.sessions,
    );

    commandPage(
      r,
      '',
      {
        path: '/people',
        title: 'Add or change a person in the directory',
        caption: () => 'Directory',
        roles: DIRECTORY_KEEPERS,
        schema: PersonSchema,
        intro: 'A person with the same staff id is replaced. The change applies to the next email sent.',
        labels: {
          staffId: { label: 'Staff id', hint: 'The id they sign in with' },
          name: { label: 'Full name', hint: 'As greeted in emails' },
          email: { label: 'Email address' },
          roles: {
            label: 'Roles',
            hint: 'One a line: iro-unit, iro, social-worker, team-manager, service-manager, strategic-manager, operator',
          },
          team: { label: 'Team code', hint: 'Leave empty if they belong to no team' },
          delivery: { label: 'How reminders reach them', hint: 'digest: one email each working morning; at-once: every email as it comes' },
        },
        submitText: 'Save the person',
        run: ({ body, principal }) => Promise.resolve(savePerson(services.store, body, principal.userId)),
        done: ({ req }) => ({
          to: principalOf(req.res!).roles.includes('operator') ? '/operator' : '/operator/people',
          message: `${String((req.body as Record<string, unknown>).staffId)} is saved in the directory`,
        }),
        caseHref: (_id, req) => (principalOf(req.res!).roles.includes('operator') ? '/operator' : '/'),
      },
      ctx.sessions,
    );
  });
  operatorDirectoryPages(page, ctx);
}
