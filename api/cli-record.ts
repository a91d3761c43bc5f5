/**
 * `care-reviews record purge --as-of <date> [--dry-run]`: the statutory record's retention purge
 * (docs/retention.md). The product never deletes on its own: an operator runs this, a dry run
 * first. It removes the facts of children whose 75th birthday is on or before the date (CPPCR
 * (England) Regulations 2010, reg. 50); the date may not be after today, except in a dry run.
 */
import { existsSync } from 'node:fs';
import { openRecordStore } from '../data/record/kysely-record-store';
import { PurgeResult } from '../data/record/retention';
import { loadConfig } from '../platform/config';
import { isIsoDate } from '../workflows/calendar/iso-date';
import { londonDate } from '../workflows/calendar/office-hours';
import { parseFlags, UsageError } from './cli-flags';
import { InputError } from './input-error';

export const RECORD_USAGE = `  care-reviews record purge --as-of <YYYY-MM-DD> [--dry-run]
                     (deletes the record of children whose 75th birthday is on or before that date; reg. 50)`;

export async function recordCommand(args: string[], out: (s: string) => void, now = Date.now()): Promise<number> {
  const [command, ...rest] = args;
  if (command !== 'purge') throw new UsageError(command ? `unknown command "record ${command}"` : 'record takes one command: purge');
  const f = parseFlags(rest, ['as-of', 'dry-run'], ['dry-run']);
  if (typeof f['as-of'] !== 'string') throw new UsageError('--as-of <YYYY-MM-DD> is required');
  const asOf = f['as-of'];
  const dryRun = f['dry-run'] === true;
  if (!isIsoDate(asOf)) throw new InputError('as-of', `as-of: "${asOf}" is not a date (YYYY-MM-DD)`);
  const today = londonDate(now);
  if (!dryRun && asOf > today)
    throw new InputError('as-of', `as-of: ${asOf} is after today (${today}); a record is kept until the 75th birthday (reg. 50)`);
  const { record } = loadConfig();
  if (!record.databaseUrl && !existsSync(record.path)) {
    out(`no record at ${record.path}: nothing to purge`);
    return 0;
  }
  try {
    const store = await openRecordStore(record);
    try {
      out(formatPurge(await store.purgeExpired(asOf, dryRun), store.describe));
      return 0;
    } finally {
      await store.close();
    }
  } catch (e) {
    // The embedded SQLite file is locked while care-reviews uses it (docs/retention.md).
    if (/database is locked/.test((e as Error).message))
      throw new InputError('record', `record: ${record.path} is in use by a running care-reviews; stop it and run this again`, 409);
    throw e;
  }
}

/** Child ids and counts only (never a name or a date of birth). */
export function formatPurge(r: PurgeResult, where: string): string {
  const lines = [
    r.dryRun
      ? `dry run (${where}): ${r.children.length} children past their 75th birthday on ${r.asOf}; ${r.facts} facts would be deleted`
      : `purged (${where}): ${r.children.length} children past their 75th birthday on ${r.asOf}; ${r.facts} facts deleted`,
  ];
  for (const c of r.children) lines.push(`  child ${c.childId}: kept until ${c.keptUntil}, ${c.facts} facts`);
  if (r.dryRun && r.children.length) lines.push(`run again without --dry-run to delete them`);
  return lines.join('\n');
}
