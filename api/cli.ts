/**
 * `npx care-reviews ...`: the review calculator, and for the embedded default the local users'
 * tokens and the payload key rotation; the statutory record's retention purge (cli-record.ts).
 */
import { existsSync } from 'node:fs';
import { CalendarService } from '../data/calendar-service';
import { ProfileRegistry, builtInCalendar } from '../data/reference-data';
import { EmbeddedStore } from '../data/embedded-store';
import { WorkingDayCalendar } from '../workflows/calendar/working-day-calendar';
import { loadConfig } from '../platform/config';
import { loadSecrets, rotateEmbeddedKey, SecretsError } from '../platform/secrets';
import { isRole, Role, ROLES } from '../platform/auth/roles';
import { mintToken, TokenRejected } from '../platform/auth/tokens';
import { Calculator, formatNextReview, formatTimeline } from './calculator';
import { UsageError, parseFlags } from './cli-flags';
import { RecordDeps, exportCommand, reportCommand } from './cli-reports';
import { IMPORT_KINDS, ImportKindName, importCases } from './cli-import';
import { InputError } from './input-error';
import { RECORD_USAGE, recordCommand } from './cli-record';

const USAGE = `usage:
  care-reviews calc add-working-days <YYYY-MM-DD> <n>
  care-reviews calc working-days-before <YYYY-MM-DD> <n>
  care-reviews calc next-review --became-looked-after <date> [--held <date>,<date>,...]
                                [--placement-changes <date>,...] [--profile statutory|oxfordshire|stoke-on-trent] [--json]
  care-reviews calc timeline --meeting <date> [--profile ...] [--json]
  care-reviews token --user <staff-id> --role <role>[,<role>...] [--team <team>] [--hours <1-24>]
                     roles: ${ROLES.join(', ')}
  care-reviews keys rotate        (embedded default: a new payload encryption key; restart to use it)
  care-reviews report timeliness --year <YYYY> [--team <team>] [--json]
                     L18 for April <YYYY> to March <YYYY+1>, from the statutory record
  care-reviews export ssda903-reviews --year <YYYY>
                     the SSDA903 REVIEWS table (CSV) for April <YYYY> to March <YYYY+1>
  care-reviews import looked-after|open-to-review|disputes --file <file.csv> [--dry-run] [--url <http://host:port>]
                     go-live import through the running service (CARE_REVIEWS_TOKEN: iro-unit or operator; docs/import.md)
${RECORD_USAGE}`;

/** The operator's calendar changes count too, when this machine has a store (read, never created). */
function liveCalendar(): WorkingDayCalendar {
  const { storePath } = loadConfig();
  if (!existsSync(storePath)) return builtInCalendar();
  const store = new EmbeddedStore(storePath, { readOnly: true });
  try {
    return new CalendarService(store).calendar();
  } finally {
    store.close();
  }
}

/** Embedded default only: production tokens come from the authority's identity provider. */
async function token(args: string[]): Promise<string> {
  const f = parseFlags(args, ['user', 'role', 'team', 'hours']);
  if (typeof f.user !== 'string') throw new UsageError('--user <staff-id> is required');
  if (typeof f.role !== 'string') throw new UsageError('--role <role> is required');
  const roles = f.role.split(',').map((r) => r.trim());
  const bad = roles.find((r) => !isRole(r));
  if (bad !== undefined) throw new InputError('role', `role: "${bad}" is not a role (${ROLES.join(', ')})`);
  const hours = f.hours === undefined ? 9 : Number(f.hours);
  if (!Number.isInteger(hours) || hours < 1 || hours > 24) throw new InputError('hours', 'hours: a whole number from 1 to 24');
  const config = loadConfig();
  const secrets = loadSecrets(process.env, { production: config.production, dataDir: config.dataDir });
  if (secrets.tokens.kind !== 'secret')
    throw new InputError(
      'token',
      'token: this installation verifies tokens from its identity provider (CARE_REVIEWS_JWKS_URL); get one there',
    );
  if (config.production) throw new InputError('token', 'token: production mode; tokens come from the identity provider, not this command');
  try {
    return await mintToken(secrets.tokens.secret, secrets, {
      userId: f.user,
      roles: roles as Role[],
      team: f.team as string | undefined,
      expiresIn: `${hours}h`,
    });
  } catch (e) {
    if (e instanceof TokenRejected) throw new InputError('token', e.message);
    throw e;
  }
}

/** `deps`: how the record is opened and what today is (tests pass their own). */
export async function runCli(argv: string[], out: (s: string) => void, err: (s: string) => void, deps: RecordDeps = {}): Promise<number> {
  try {
    const [group, command, ...rest] = argv;
    if (group === 'report') {
      out(await reportCommand(command, rest, deps));
      return 0;
    }
    if (group === 'export') {
      out(await exportCommand(command, rest, deps));
      return 0;
    }
    if (group === 'token') {
      out(await token(argv.slice(1)));
      return 0;
    }
    if (group === 'import') {
      if (!(IMPORT_KINDS as string[]).includes(command)) throw new UsageError(`import takes one kind: ${IMPORT_KINDS.join(', ')}`);
      return await importCases(command as ImportKindName, parseFlags(rest, ['file', 'dry-run', 'url']), { out, err, env: process.env });
    }
    if (group === 'record') return await recordCommand(argv.slice(1), out);
    if (group === 'keys') {
      if (command !== 'rotate' || rest.length) throw new UsageError('keys takes one command: rotate');
      const config = loadConfig();
      if (config.production || process.env.CARE_REVIEWS_ENCRYPTION_KEYS) {
        throw new InputError(
          'keys',
          'keys: the keys come from CARE_REVIEWS_ENCRYPTION_KEYS here; put a new key first in that list and restart (README "Keys and users")',
        );
      }
      const r = rotateEmbeddedKey(config.dataDir);
      out(
        `new payload key ${r.newKeyId} is current; kept for old histories: ${r.keyIds.slice(1).join(', ')}. Restart care-reviews to use it.`,
      );
      return 0;
    }
    if (group !== 'calc' || !command) throw new UsageError(group ? `unknown command "${argv.slice(0, 2).join(' ')}"` : 'no command');
    let calendar: WorkingDayCalendar | undefined;
    const calc = new Calculator(() => (calendar ??= liveCalendar()), ProfileRegistry.load());
    switch (command) {
      case 'add-working-days':
      case 'working-days-before': {
        if (rest.length !== 2) throw new UsageError(`${command} takes <YYYY-MM-DD> <n>`);
        const r = command === 'add-working-days' ? calc.addWorkingDays(rest[0], rest[1]) : calc.workingDaysBefore(rest[0], rest[1]);
        out(r.date);
        return 0;
      }
      case 'next-review': {
        const f = parseFlags(rest, ['became-looked-after', 'held', 'placement-changes', 'profile', 'json']);
        if (!f['became-looked-after']) throw new UsageError('--became-looked-after <date> is required');
        const r = calc.nextReview({
          becameLookedAfter: f['became-looked-after'],
          held: f.held,
          placementChanges: f['placement-changes'],
          profile: f.profile,
        });
        out(f.json ? JSON.stringify(r) : formatNextReview(r));
        return 0;
      }
      case 'timeline': {
        const f = parseFlags(rest, ['meeting', 'profile', 'json']);
        if (!f.meeting) throw new UsageError('--meeting <date> is required');
        const r = calc.timeline({ meeting: f.meeting, profile: f.profile });
        out(f.json ? JSON.stringify(r) : formatTimeline(r));
        return 0;
      }
      default:
        throw new UsageError(`unknown command "calc ${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      err(`care-reviews: ${e.message}\n${USAGE}`);
      return 64;
    }
    if (e instanceof InputError || e instanceof SecretsError) {
      err(`care-reviews: ${e.message}`);
      return 2;
    }
    err(`care-reviews: ${(e as Error).message}`);
    return 1;
  }
}

if (require.main === module) {
  void runCli(
    process.argv.slice(2),
    (s) => console.log(s),
    (s) => console.error(s),
  ).then((code) => {
    process.exitCode = code;
  });
}
