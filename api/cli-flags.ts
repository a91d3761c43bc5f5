/** The CLI's option parsing: `--name value`, `--name=value`, and the `--json` and `--dry-run` switches. */
export class UsageError extends Error {}

export function parseFlags(args: string[], allowed: string[]): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) throw new UsageError(`unexpected argument "${a}"`);
    const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
    if (!allowed.includes(name)) throw new UsageError(`unknown option --${name}`);
    if (name === 'json' || name === 'dry-run') {
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
