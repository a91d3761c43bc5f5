/** The CLI's options: `--name value`, `--name=value`, and flags that take no value. */

/** A command line that cannot be run as given: the usage is printed (exit 64). */
export class UsageError extends Error {}

/** `booleans`: options that take no value (`--json`, `--dry-run`). */
export function parseFlags(args: string[], allowed: string[], booleans: string[] = ['json', 'dry-run']): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) throw new UsageError(`unexpected argument "${a}"`);
    const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
    if (!allowed.includes(name)) throw new UsageError(`unknown option --${name}`);
    if (booleans.includes(name)) {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      out[name] = true;
      continue;
    }
    if (out[name] !== undefined) throw new UsageError(`--${name} given twice`);
    const value = inline ?? args[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
    out[name] = value;
  }
  return out;
}
