/**
 * The directory's other forms, for the roles that keep it (operator and service manager, as the
 * API): a team's managers (POST /api/directory/teams/:team), a role mailbox (POST
 * /api/directory/mailboxes/:name) and taking a person out (POST /api/directory/people/:staffId/remove),
 * each through the same function as the API route, so the same cross-checks refuse the same mistakes.
 * /operator links each gap the directory does not fill to the form that fills it.
 */
import { Request } from 'express';
import { z } from 'zod';
import { InputError } from '../../../api/input-error';
import { principalOf } from '../../../api/middleware/permit';
import { DIRECTORY_KEEPERS, MAILBOX_HINT, TEAM_HINT, removePerson, saveMailbox, saveTeam } from '../../../api/routes/directory';
import { ADDRESS, MailboxSchema, TeamSchema } from '../../../data/directory';
import { STAFF_ID, TEAM_ID } from '../../../workflows/case-kernel/request-fields';
import { Mount, WebContext } from '../../app';
import { commandPage } from '../../forms/command-page';

/** An empty address removes the mailbox (the API's null). */
const MailboxForm = z.strictObject({ email: MailboxSchema.shape.email.default(null) });
const Confirm = z.strictObject({});

/** A path parameter the API would refuse is a page that does not exist. */
function checked(value: string, field: string, pattern: RegExp, what: string): string {
  if (!pattern.test(value)) throw new InputError(field, `${field}: ${what}`, 404);
  return value;
}

/** Back to /operator for an operator; a service manager has no /operator page. */
const home = (req: Request) => (principalOf(req.res!).roles.includes('operator') ? '/operator' : '/');

/** Which form fills a gap: a team's managers, a named person, or else a mailbox of that name. */
export function gapForm(address: string): string {
  if (address.startsWith('team-manager:')) return `/operator/teams/${encodeURIComponent(address.slice('team-manager:'.length))}`;
  if (address.startsWith('user:')) return '/operator/people';
  return `/operator/mailboxes/${encodeURIComponent(address)}`;
}

export function operatorDirectoryPages(page: Mount, ctx: WebContext): void {
  const { services } = ctx;
  const current = () => services.store.directory.current()?.directory;

  page('/operator/teams', (r) =>
    commandPage(
      r,
      'team',
      {
        path: '',
        title: 'Set a team’s managers',
        caption: (team) => `Team ${team}`,
        roles: DIRECTORY_KEEPERS,
        schema: TeamSchema,
        intro: 'Notifications to the team manager of this team go to each person listed; the next email sent uses this.',
        labels: {
          teamManagers: { label: 'Staff ids of the team managers', hint: 'One a line; each must be in the directory' },
          serviceManager: { label: 'Staff id of the service manager', hint: 'Leave empty if the team has none' },
        },
        submitText: 'Save the team',
        initial: ({ caseId }): Record<string, string> => {
          const team = checked(caseId, 'team', TEAM_ID, TEAM_HINT);
          const t = current()?.teams[team];
          return t ? { teamManagers: t.teamManagers.join('\n'), serviceManager: t.serviceManager ?? '' } : {};
        },
        run: ({ caseId, principal, body }) =>
          Promise.resolve(saveTeam(services.store, checked(caseId, 'team', TEAM_ID, TEAM_HINT), body, principal.userId)),
        done: ({ caseId, req }) => ({ to: home(req), message: `Team ${caseId}’s managers are saved in the directory` }),
        caseHref: (_id, req) => home(req),
      },
      ctx.sessions,
    ),
  );

  page('/operator/mailboxes', (r) =>
    commandPage(
      r,
      'name',
      {
        path: '',
        title: 'Set a mailbox',
        caption: (name) => `Mailbox ${name}`,
        roles: DIRECTORY_KEEPERS,
        schema: MailboxForm,
        intro: 'Notifications to this address go to the mailbox. Leave the address empty to remove the mailbox.',
        labels: { email: { label: 'Email address of the mailbox', hint: 'For example, iro-unit@example.gov.uk' } },
        submitText: 'Save the mailbox',
        initial: ({ caseId }): Record<string, string> => {
          const name = checked(caseId, 'name', ADDRESS, MAILBOX_HINT);
          const email = current()?.mailboxes[name];
          return email ? { email } : {};
        },
        run: ({ caseId, principal, body }) =>
          Promise.resolve(saveMailbox(services.store, checked(caseId, 'name', ADDRESS, MAILBOX_HINT), body.email, principal.userId)),
        done: ({ caseId, req }) => ({ to: home(req), message: `The ${caseId} mailbox is saved in the directory` }),
        caseHref: (_id, req) => home(req),
      },
      ctx.sessions,
    ),
  );

  page('/operator/people', (r) =>
    commandPage(
      r,
      'staffId',
      {
        path: '/remove',
        title: 'Take a person out of the directory',
        caption: (id) => `Directory: ${id}`,
        roles: DIRECTORY_KEEPERS,
        schema: Confirm,
        rule: 'A team’s manager cannot be taken out until the team names someone else.',
        submitText: 'Take them out of the directory',
        initial: ({ caseId }) => {
          const id = checked(caseId, 'staffId', STAFF_ID, 'a staff id');
          const person = current()?.people.find((x) => x.staffId === id);
          if (!person) throw new InputError('staffId', `staffId: nobody in the directory is ${id}`, 404);
          return {
            values: {},
            now: `${id} (${person.roles.join(', ') || 'no roles'}${person.team ? `, team ${person.team}` : ''}) will no longer receive emails.`,
          };
        },
        run: ({ caseId, principal }) =>
          Promise.resolve(removePerson(services.store, checked(caseId, 'staffId', STAFF_ID, 'a staff id'), principal.userId)),
        done: ({ caseId, req }) => ({ to: home(req), message: `${caseId} is no longer in the directory` }),
        caseHref: (_id, req) => home(req),
      },
      ctx.sessions,
    ),
  );
}
