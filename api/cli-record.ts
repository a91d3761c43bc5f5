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
import { postJson, serviceCall } from './cli-service';
import type { Reconciliation } from './services/record-reconciler';
import { InputError } from './input-error';

export const RECORD_USAGE = `  care-reviews record purge --as-of <YYYY-MM-DD> [--dry-run]
                     (deletes the record of children whose 75th birthday is on or before that date; reg. 50)
  care-reviews record reconcile [--repair] [--url <http://host:port>]
                     every case's facts against the record, through the running service (CARE_REVIEWS_TOKEN: operator)`;

export async function recordCommand(
  args: string[],
  out: (s: string) => void,
  now = Date.now(),
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const [command, ...rest] = args;
  if (command === 'reconcile') return reconcile(parseFlags(rest, ['repair', 'url'], ['repair']), out, env);
  if (command !== 'purge')
    throw new UsageError(command ? `unknown command "record ${command}"` : 'record takes a command: purge or reconcile');
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

/** `record reconcile`: what the record lacks (or holds differently) against every case, and with `--repair` appends it. */
async function reconcile(flags: Record<string, string | true>, out: (s: string) => void, env: NodeJS.ProcessEnv): Promise<number> {
  const repair = flags.repair === true;
  const r = await postJson<Reconciliation>(serviceCall(flags, env, 'operator'), '/api/record/reconcile', { repair });
  out(
    `${r.cases} cases: ${r.matching} match the record, ${r.differing} differ, ${r.recordOnly} ended and held by the record alone, ${r.lost} open in the record with no workflow (lost), ${r.unreadable} could not be read${repair ? `; ${r.repaired} facts appended` : ''}`,
  );
  for (const d of r.differences) {
    const parts = [
      d.missing.length ? `${d.missing.length} missing from the record` : '',
      d.differing.length ? `${d.differing.length} recorded differently` : '',
      d.unknown.length ? `${d.unknown.length} recorded but no longer in the case` : '',
      d.error ?? '',
    ].filter(Boolean);
    out(`  ${d.caseId}: ${d.status}${parts.length ? ` (${parts.join('; ')})` : ''}`);
    for (const key of [...d.missing, ...d.differing, ...d.unknown].slice(0, 5)) out(`    ${key}`);
  }
  if (!repair && r.differences.some((d) => d.missing.length)) out('run again with --repair to append what the record lacks');
  if (r.lost)
    out('lost cases are open in the record but run nowhere: nobody is chased about them (docs/record.md, "A lost Temporal database")');
  return r.differing > 0 || r.lost > 0 || r.unreadable > 0 ? 1 : 0;
}
