/**
 * The directory of who is who, read by the IRO unit and managers and kept by an operator or a
 * service manager (every change is in the audit log). A change takes effect for the next email
 * sent: each notification is resolved when it is sent, not when it was written.
 */
import { EmbeddedStore } from '../../data/embedded-store';
import {
  ADDRESS,
  Directory,
  IRO_UNIT_MANAGER,
  MailboxSchema,
  Person,
  PersonSchema,
  Team,
  TeamSchema,
  checkDirectory,
} from '../../data/directory';
import { STAFF_ID, TEAM_ID } from '../../workflows/case-kernel/request-fields';
import { principalOf } from '../middleware/permit';
import { InputError } from '../input-error';
import { parseBody } from '../request-body';
import { SecureRouter } from '../secure-router';

export const DIRECTORY_KEEPERS = ['operator', 'service-manager'] as const;
const READERS = ['iro-unit', 'service-manager', 'strategic-manager', 'operator'] as const;
const EMPTY: Directory = { people: [], teams: {}, mailboxes: {} };

function param(value: unknown, field: string, pattern: RegExp, what: string): string {
  if (typeof value !== 'string' || !pattern.test(value)) throw new InputError(field, `${field}: ${what}`);
  return value;
}

/** Checks the directory as it would be after the change, then keeps it (422 naming the field otherwise). */
function saveDirectory(store: EmbeddedStore, next: Directory, by: string, rename: (field: string) => string = (f) => f) {
  const checked = checkDirectory(next);
  if (!checked.ok) throw new InputError(rename(checked.field), rename(checked.message), 422);
  const saved = store.directory.replace(checked.directory, by);
  return { revision: saved.revision, updatedAt: saved.updatedAt };
}

/** A person added, or changed by staff id (POST /api/directory/people, and the operator's page). */
export function savePerson(store: EmbeddedStore, person: Person, by: string) {
  const d = store.directory.current()?.directory ?? EMPTY;
  const others = d.people.filter((p) => p.staffId !== person.staffId);
  const index = d.people.findIndex((p) => p.staffId === person.staffId);
  const people = index < 0 ? [...others, person] : d.people.map((p, i) => (i === index ? person : p));
  return { created: index < 0, ...saveDirectory(store, { ...d, people }, by) };
}

export const TEAM_HINT = "a team code (letters, digits, '-' or '_', up to 64)";
export const MAILBOX_HINT = 'a mailbox name such as iro-unit (lower-case letters, digits, - : / _ @ .)';

/** A person taken out of the directory (POST /api/directory/people/:staffId/remove, and the operator's page). */
export function removePerson(store: EmbeddedStore, staffId: string, by: string) {
  const d = store.directory.current()?.directory ?? EMPTY;
  if (!d.people.some((p) => p.staffId === staffId)) throw new InputError('staffId', `staffId: nobody in the directory is ${staffId}`, 404);
  for (const [team, t] of Object.entries(d.teams))
    if (t.teamManagers.includes(staffId) || t.serviceManager === staffId)
      throw new InputError('staffId', `staffId: ${staffId} is a manager of team ${team}: change the team first`, 422);
  return { removed: staffId, ...saveDirectory(store, { ...d, people: d.people.filter((p) => p.staffId !== staffId) }, by) };
}

/** A team's managers set (POST /api/directory/teams/:team, and the operator's page). */
export function saveTeam(store: EmbeddedStore, team: string, body: Team, by: string) {
  const d = store.directory.current()?.directory ?? EMPTY;
  // Cross-checks name the body's fields (teamManagers[0]), not the directory's path.
  const prefix = `teams.${team}.`;
  return saveDirectory(store, { ...d, teams: { ...d.teams, [team]: body } }, by, (s) => s.split(prefix).join(''));
}

/** A role mailbox set, or removed by null (POST /api/directory/mailboxes/:name, and the operator's page). */
export function saveMailbox(store: EmbeddedStore, name: string, email: string | null, by: string) {
  const d = store.directory.current()?.directory ?? EMPTY;
  if (email === null && name === IRO_UNIT_MANAGER)
    throw new InputError('email', `email: the ${IRO_UNIT_MANAGER} mailbox is required (gaps and failed deliveries go there)`, 422);
  const { [name]: _old, ...rest } = d.mailboxes;
  const mailboxes = email === null ? rest : { ...d.mailboxes, [name]: email };
  return saveDirectory(store, { ...d, mailboxes }, by, (s) => s.replace(`mailboxes.${name}`, 'email'));
}

export function directoryRoutes(r: SecureRouter, store: EmbeddedStore): void {
  r.get('/', READERS, (_req, res) => {
    const stored = store.directory.current();
    res.json({
      directory: stored?.directory ?? EMPTY,
      revision: stored?.revision ?? 0,
      source: stored?.source ?? null,
      updatedAt: stored?.updatedAt ?? null,
      updatedBy: stored?.updatedBy ?? null,
      gaps: store.directory.gaps(),
    });
  });

  r.post('/people', DIRECTORY_KEEPERS, (req, res) => {
    const person = parseBody(PersonSchema, req);
    res.locals.target = `person-${person.staffId}`.slice(0, 100);
    const { created, ...saved } = savePerson(store, person, principalOf(res).userId);
    res.status(created ? 201 : 200).json({ person, ...saved });
  });

  r.post('/people/:staffId/remove', DIRECTORY_KEEPERS, (req, res) => {
    const staffId = param(req.params.staffId, 'staffId', STAFF_ID, 'a staff id');
    res.json(removePerson(store, staffId, principalOf(res).userId));
  });

  r.post('/teams/:team', DIRECTORY_KEEPERS, (req, res) => {
    const team = param(req.params.team, 'team', TEAM_ID, TEAM_HINT);
    const body = parseBody(TeamSchema, req);
    res.json({ team, ...body, ...saveTeam(store, team, body, principalOf(res).userId) });
  });

  r.post('/mailboxes/:name', DIRECTORY_KEEPERS, (req, res) => {
    const name = param(req.params.name, 'name', ADDRESS, MAILBOX_HINT);
    const { email } = parseBody(MailboxSchema, req);
    res.json({ name, email, ...saveMailbox(store, name, email, principalOf(res).userId) });
  });
}
