/**
 * `npx care-reviews calc ...`: the review calculator on the command line.
 */
import { existsSync } from 'node:fs';
import { CalendarService } from '../activities/calendar-service';
import { ProfileRegistry, builtInCalendar } from '../activities/reference-data';
import { EmbeddedStore } from '../activities/store/embedded-store';
import { WorkingDayCalendar } from '../workflows/calendar/working-day-calendar';
import { loadConfig } from '../worker/config';
import { Calculator, formatNextReview, formatTimeline } from './calculator';
import { InputError } from './input-error';

const USAGE = `usage:
  care-reviews calc add-working-days <YYYY-MM-DD> <n>
  care-reviews calc working-days-before <YYYY-MM-DD> <n>
  care-reviews calc next-review --became-looked-after <date> [--held <date>,<date>,...]
                                [--placement-changes <date>,...] [--profile statutory|oxfordshire|stoke-on-trent] [--json]
  care-reviews calc timeline --meeting <date> [--profile ...] [--json]`;

class UsageError extends Error {}

function parseFlags(args: string[], allowed: string[]): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) throw new UsageError(`unexpected argument "${a}"`);
    const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
    if (!allowed.includes(name)) throw new UsageError(`unknown option --${name}`);
    if (name === 'json') { out.json = true; continue; }
    const value = inline ?? args[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
    out[name] = value;
  }
  return out;
}

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

export function runCli(argv: string[], out: (s: string) => void, err: (s: string) => void): number {
  try {
    const [group, command, ...rest] = argv;
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
        const r = calc.nextReview({ becameLookedAfter: f['became-looked-after'], held: f.held, placementChanges: f['placement-changes'], profile: f.profile });
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
    if (e instanceof UsageError) { err(`care-reviews: ${e.message}\n${USAGE}`); return 64; }
    if (e instanceof InputError) { err(`care-reviews: ${e.message}`); return 2; }
    err(`care-reviews: ${(e as Error).message}`);
    return 1;
  }
}

if (require.main === module) {
  process.exitCode = runCli(process.argv.slice(2), (s) => console.log(s), (s) => console.error(s));
}
