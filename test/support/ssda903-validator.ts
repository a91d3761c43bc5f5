/**
 * The DfE's own SSDA903 validator (PyPI csc-validator-be-903, in a cached venv made by
 * scripts/lac-validator-venv.sh) run over a REVIEWS export with HEADER and EPISODES tables built
 * from the same facts (test/support/ssda903-tables.ts), for the tests that check a return.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reviewsCsv, ssda903Reviews } from '../../data/record/reports/ssda903-reviews';
import type { RecordedFact } from '../../workflows/record/facts';
import { headerAndEpisodes } from './ssda903-tables';

const ROOT = join(__dirname, '..', '..');

export interface Validation {
  tables: string[];
  reviewRules: string[];
  ran: string[];
  skipped: string[];
  failed: string[];
  errors: { rule: string; table: string; row: number; child: string }[];
}

/** The venv's python; if pip cannot install the validator, the caller fails with pip's message. */
export function installValidator(): string {
  try {
    return execFileSync('bash', [join(ROOT, 'scripts/lac-validator-venv.sh')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  } catch (e) {
    throw new Error(`the SSDA903 validator could not be installed:\n${String((e as { stderr?: string }).stderr ?? e)}`, { cause: e });
  }
}

/** The April `year` to March return (REVIEWS, HEADER, EPISODES) written under `dir` and validated with that collection's ruleset. */
export function validateReturn(python: string, dir: string, facts: RecordedFact[], year: string, name: string): Validation {
  const { header, episodes } = headerAndEpisodes(facts, year);
  const files = {
    [`${name}-header.csv`]: header,
    [`${name}-episodes.csv`]: episodes,
    [`${name}-reviews.csv`]: reviewsCsv(ssda903Reviews(facts, year)),
  };
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  const out = execFileSync(
    python,
    [join(__dirname, 'ssda903-validate.py'), String(Number(year) + 1), ...Object.keys(files).map((f) => join(dir, f))],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(out) as Validation;
}
