/**
 * The directory of the authority's people, teams and role mailboxes, and how a notification's
 * address becomes email recipients. Pure: the store keeps the directory (directory-store.ts) and
 * the mail dispatcher resolves each notification with the directory as it is at send time.
 *
 * Addresses (what workflows write): `user:<staffId>`; `team-manager:<team>`; `social-worker:<team>`
 * (no allocated worker); `service-manager` (the case's team's service manager, else the mailbox);
 * `family:<caseId>` (a letter, not emailed); any other role name is a mailbox (`iro-unit`,
 * `iro-unit-manager`, the dispute stages' roles...). A mailbox may also be keyed by a whole
 * address, e.g. `social-worker:south-1` for a team's duty inbox.
 */
import { z } from 'zod';
import { STAFF_ID, TEAM_ID, staffId, text } from '../workflows/case-kernel/request-fields';

/** How a person receives reminders (worker/delivery-timing.ts): in the morning digest, or each at once. */
export const DELIVERY_CHOICES = ['digest', 'at-once'] as const;

/** A notification address or mailbox name (the outbox's own pattern). */
export const ADDRESS = /^[a-z0-9][a-z0-9:/_@.-]{0,127}$/;
/** The mailbox every unresolvable notification and every failed delivery goes to. */
export const IRO_UNIT_MANAGER = 'iro-unit-manager';

const email = () =>
  z
    .string({ error: 'an email address' })
    .trim()
    .max(254, 'at most 254 characters')
    .pipe(z.email({ error: 'an email address such as a.person@example.gov.uk' }));
const role = z.string({ error: 'a role name' }).regex(/^[a-z][a-z0-9-]{0,39}$/, "a role name (lower-case letters, digits and '-')");
const teamCode = (hint = "a team code (letters, digits, '-' or '_', up to 64)") => z.string({ error: hint }).regex(TEAM_ID, hint);

export const PersonSchema = z
  .strictObject({
    staffId: staffId("the person's", { description: "the staff id tokens carry as `sub` (the workflows' user:<staffId>)" }),
    // A control character (a NUL, a bell) in a name would break the mail headers it is greeted in.
    name: text({
      max: 200,
      pattern: /^[^\p{Cc}]*$/u,
      hint: 'a name without control characters',
      description: 'full name, as greeted in emails',
    }),
    email: email().meta({ description: 'where their notifications go' }),
    roles: z.array(role).max(20, 'at most 20 roles').default([]).meta({ description: 'e.g. iro, team-manager, service-manager' }),
    team: teamCode().nullable().default(null).meta({ description: 'their team code, or null' }),
    delivery: z
      .enum(DELIVERY_CHOICES, { error: `one of ${DELIVERY_CHOICES.join(', ')}` })
      .optional()
      .meta({
        description:
          'digest (the default when absent): reminders gathered into one email each working morning; at-once: every email as it comes',
      }),
  })
  .meta({ description: 'a person in the directory (added, or replaced by staff id)' });

export const TeamSchema = z
  .strictObject({
    teamManagers: z
      .array(z.string({ error: 'a staff id' }).regex(STAFF_ID, 'a staff id'))
      .max(20, 'at most 20 team managers')
      .meta({ description: "staff ids of the team's managers (each receives team-manager:<team>)" }),
    serviceManager: z
      .string({ error: 'a staff id or null' })
      .regex(STAFF_ID, 'a staff id')
      .nullable()
      .default(null)
      .meta({ description: "staff id of the team's service manager (receives service-manager for the team's cases)" }),
  })
  .meta({ description: "a team's managers" });

export const MailboxSchema = z
  .strictObject({ email: email().nullable().meta({ description: 'the mailbox address; null removes the mailbox' }) })
  .meta({ description: 'a role mailbox' });

const DocumentSchema = z.strictObject({
  people: z.array(PersonSchema).max(100_000),
  teams: z.record(teamCode('a team code'), TeamSchema).default({}),
  mailboxes: z.record(z.string().regex(ADDRESS, 'a mailbox name such as iro-unit'), email()).default({}),
});

/** The whole directory, checked for what keeps every notification deliverable. */
export const DirectorySchema = DocumentSchema.superRefine((d, ctx) => {
  const ids = new Set<string>();
  d.people.forEach((p, i) => {
    if (ids.has(p.staffId)) ctx.addIssue({ code: 'custom', path: ['people', i, 'staffId'], message: `${p.staffId} appears twice` });
    ids.add(p.staffId);
  });
  for (const [team, t] of Object.entries(d.teams)) {
    t.teamManagers.forEach((id, i) => {
      if (!ids.has(id)) ctx.addIssue({ code: 'custom', path: ['teams', team, 'teamManagers', i], message: `no person with staffId ${id}` });
    });
    if (t.serviceManager !== null && !ids.has(t.serviceManager))
      ctx.addIssue({ code: 'custom', path: ['teams', team, 'serviceManager'], message: `no person with staffId ${t.serviceManager}` });
  }
  if (!d.mailboxes[IRO_UNIT_MANAGER])
    ctx.addIssue({
      code: 'custom',
      path: ['mailboxes', IRO_UNIT_MANAGER],
      message: 'required: unresolvable notifications and failed deliveries go there',
    });
});

export type Directory = z.output<typeof DocumentSchema>;
export type Person = Directory['people'][number];
export type Team = Directory['teams'][string];

/** teams.south-1.teamManagers[0] */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${String(p)}` : String(p)), '');
}

/** The directory, or the first thing wrong with it as "field: message". */
export function checkDirectory(input: unknown): { ok: true; directory: Directory } | { ok: false; field: string; message: string } {
  const r = DirectorySchema.safeParse(input);
  if (r.success) return { ok: true, directory: r.data };
  const issue = r.error.issues[0];
  const field = fieldPath(issue.path) || 'directory';
  return { ok: false, field, message: `${field}: ${issue.message}` };
}

export interface MailRecipient {
  email: string;
  name: string;
  /** A person who asked for every email at once (no morning digest). */
  atOnce?: boolean;
}

export type Resolution =
  | { kind: 'to'; recipients: MailRecipient[] }
  /** Nobody in the directory fills it: sent to the IRO unit manager, marked, and listed as a gap. */
  | { kind: 'gap'; reason: string }
  /** Not sent by email (a letter to the family: the caseholder receives their own copy to send). */
  | { kind: 'not-emailed'; reason: string };

/** Who receives a notification addressed to `address` (`caseTeam`: the team of the notification's case, if known). */
export function resolveAddress(d: Directory, address: string, caseTeam?: string | null): Resolution {
  const person = (id: string | null | undefined): MailRecipient[] => {
    const p = id ? d.people.find((x) => x.staffId === id) : undefined;
    return p ? [{ email: p.email, name: p.name, ...(p.delivery === 'at-once' ? { atOnce: true } : {}) }] : [];
  };
  const mailbox = (name: string): MailRecipient[] => (d.mailboxes[name] ? [{ email: d.mailboxes[name], name }] : []);
  const found = (recipients: MailRecipient[]): Resolution =>
    recipients.length ? { kind: 'to', recipients: dedupe(recipients) } : { kind: 'gap', reason: `no recipient for ${address}` };

  if (address.startsWith('family:'))
    return { kind: 'not-emailed', reason: 'a letter to the family: not emailed; the caseholder receives a copy to send' };
  if (address === 'service-manager') {
    const own = caseTeam ? person(d.teams[caseTeam]?.serviceManager) : [];
    return found(own.length ? own : mailbox(address));
  }
  if (d.mailboxes[address]) return found(mailbox(address));
  if (address.startsWith('user:')) return found(person(address.slice('user:'.length)));
  if (address.startsWith('team-manager:'))
    return found((d.teams[address.slice('team-manager:'.length)]?.teamManagers ?? []).flatMap(person));
  return found([]);
}

function dedupe(rs: MailRecipient[]): MailRecipient[] {
  const seen = new Set<string>();
  return rs.filter((r) => {
    const key = r.email.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The IRO unit manager's mailbox: where gaps and failures are told. */
export function iroUnitManager(d: Directory): MailRecipient | undefined {
  const email = d.mailboxes[IRO_UNIT_MANAGER];
  return email ? { email, name: IRO_UNIT_MANAGER } : undefined;
}
