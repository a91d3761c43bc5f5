import { z } from 'zod';
import { InputError } from './input-error';

/** The JSON body as an object (an absent body is an empty one). */
export function objectBody(req: { body?: unknown }): Record<string, unknown> {
  const b = req.body;
  if (b === undefined) return {};
  if (typeof b !== 'object' || b === null || Array.isArray(b)) throw new InputError('body', 'body: a JSON object');
  return b as Record<string, unknown>;
}

/** A query parameter given once, as text (repeating it is a mistake, not a list). */
export function queryText(query: Record<string, unknown>, field: string): string | undefined {
  const v = query[field];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new InputError(field, `${field}: give it once, as text`);
  return v;
}

/**
 * The body parsed by its declaration (workflows/<kind>/requests.ts). The first mistake becomes a 400
 * naming the field (and the rule, where the field carries one); a field the request does not take
 * is a mistake too, reported before any other.
 */
export function parseBody<S extends z.ZodType>(schema: S, req: { body?: unknown }): z.output<S> {
  const r = schema.safeParse(objectBody(req));
  if (r.success) return r.data;
  const issue = r.error.issues.find((i) => i.code === 'unrecognized_keys') ?? r.error.issues[0];
  const at = at_(schema, issue.path);
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0];
    const name = fieldName([...issue.path, key.length > 40 ? `${key.slice(0, 40)}…` : key]);
    const allowed = at instanceof z.ZodObject ? Object.keys(at.shape) : [];
    throw new InputError(name, `${name}: not a field of this request (it takes ${allowed.join(', ')})`);
  }
  const field = fieldName(issue.path) || 'body';
  throw new InputError(field, `${field}: ${issue.message}`, 400, ruleOf(schema, issue.path));
}

/** decisions[0].text, eligibility.stable */
export function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${String(p)}` : String(p)), '');
}

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
};
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The schemas met on the way from the root to `path`, wrappers included (optional, pipe...). */
function trail(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType[] {
  const out: z.ZodType[] = [];
  let s: z.ZodType | undefined = schema;
  let i = 0;
  while (s) {
    out.push(s);
    const d = defOf(s);
    if (d.innerType) s = d.innerType;
    else if (d.type === 'pipe') s = d.in;
    else if (i >= path.length) break;
    else if (d.type === 'object') s = d.shape?.[String(path[i++])];
    else if (d.type === 'array') {
      s = d.element;
      i++;
    } else break;
  }
  return out;
}

/** The object (or other schema) at `path`, wrappers removed. */
function at_(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
  return trail(schema, path).at(-1);
}

/** The innermost rule (`x-rule` metadata) on the way to the field. */
export function ruleOf(schema: z.ZodType, path: readonly PropertyKey[]): string | undefined {
  const rules = trail(schema, path)
    .map((s) => z.globalRegistry.get(s)?.['x-rule'])
    .filter((r): r is string => typeof r === 'string');
  return rules.at(-1);
}
