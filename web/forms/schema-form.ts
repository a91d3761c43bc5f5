/**
 * A command's form, made from the same zod declaration the API parses (workflows/<kind>/requests.ts),
 * so every command the API takes has a form with the same rules. The form posts flat fields:
 * dates as GOV.UK date inputs (`heldOn-day`, `-month`, `-year`), lists one item per line, rows of
 * objects as `decisions[0].text`, nested objects as `chair.staffId`. `toRequest` turns them back
 * into the request body, checked by the same declaration; unlike the API (which names the first
 * mistake), a refused form lists every field that failed, each with its rule.
 */
import { z } from 'zod';
import { InputError } from '../../api/input-error';
import { fieldName, ruleOf } from '../../api/request-body';

export type FieldKind =
  'text' | 'textarea' | 'date' | 'select' | 'radios' | 'checkboxes' | 'boolean' | 'number' | 'lines' | 'rows' | 'group';

export interface FormField {
  /** The request's field path: `heldOn`, `chair.staffId`, `decisions` (rows). */
  name: string;
  /** The html id of its (first) input; error summary links go here. */
  id: string;
  kind: FieldKind;
  label: string;
  hint?: string;
  optional: boolean;
  options?: readonly string[];
  /** The words the user reads for each option (the value posted stays the API's). */
  optionText?: Record<string, string>;
  /** For rows and groups: the fields of each row or of the group. */
  fields?: FormField[];
  /** For rows: how many blank rows the form offers. */
  rows?: number;
}

/** Labels for the form's fields by path (`chair.staffId`, `decisions.text`); a field without one shows its name in words. */
export type Labels = Record<
  string,
  string | { label: string; hint?: string; rows?: number; kind?: FieldKind; optionText?: Record<string, string> }
>;

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  entries?: Record<string, string>;
};
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The schema under optional/default/pipe wrappers, and whether it was optional. */
function unwrap(s: z.ZodType): { inner: z.ZodType; optional: boolean; meta: Record<string, unknown> } {
  let optional = false;
  const meta: Record<string, unknown> = {};
  let cur: z.ZodType = s;
  for (;;) {
    Object.assign(meta, z.globalRegistry.get(cur) ?? {});
    const d = defOf(cur);
    if (d.type === 'optional' || d.type === 'default') optional = true;
    if (d.innerType) cur = d.innerType;
    else if (d.type === 'pipe' && d.in) cur = d.in;
    else break;
  }
  return { inner: cur, optional, meta };
}

/** heldOn -> "Held on"; staffId -> "Staff id". */
export function words(name: string): string {
  const s = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export const fieldId = (path: string) => path.replace(/\[(\d+)\]/g, '-$1').replace(/\./g, '-');

function kindOf(inner: z.ZodType, meta: Record<string, unknown>): { kind: FieldKind; options?: readonly string[] } {
  const d = defOf(inner);
  if (d.type === 'string') return { kind: meta.format === 'date' ? 'date' : 'text' };
  if (d.type === 'enum') {
    const options = Object.values(d.entries ?? {});
    return { kind: options.length <= 4 ? 'radios' : 'select', options };
  }
  if (d.type === 'boolean') return { kind: 'boolean' };
  if (d.type === 'number') return { kind: 'number' };
  if (d.type === 'object') return { kind: 'group' };
  if (d.type === 'array') {
    const el = defOf(unwrap(d.element!).inner);
    // A list of fixed values (CIN criteria, who did not attend) is ticked, not typed.
    if (el.type === 'enum') return { kind: 'checkboxes', options: Object.values(el.entries ?? {}) };
    return { kind: el.type === 'object' ? 'rows' : 'lines' };
  }
  return { kind: 'text' };
}

/** The form's fields, in the request's order. `omit`: fields the page fills itself (a review number from the path). */
export function formFields(
  schema: z.ZodType,
  labels: Labels = {},
  omit: readonly string[] = [],
  prefix = '',
  labelPrefix = '',
): FormField[] {
  const shape = defOf(unwrap(schema).inner).shape ?? {};
  const out: FormField[] = [];
  for (const [key, s] of Object.entries(shape)) {
    if (omit.includes(key)) continue;
    const name = prefix ? `${prefix}.${key}` : key;
    const labelKey = labelPrefix ? `${labelPrefix}.${key}` : key;
    const { inner, optional, meta } = unwrap(s);
    const given = labels[labelKey];
    const l = typeof given === 'string' ? { label: given } : given;
    const { kind, options } = kindOf(inner, meta);
    const description = typeof meta.description === 'string' ? meta.description : undefined;
    const field: FormField = {
      name,
      id: fieldId(name),
      kind: l?.kind ?? kind,
      label: l?.label ?? words(key),
      // A hint from the declaration's description reads as a sentence.
      hint: l?.hint ?? (description ? description.charAt(0).toUpperCase() + description.slice(1) : undefined),
      optional,
      options,
      ...(l?.optionText ? { optionText: l.optionText } : {}),
    };
    if (kind === 'group') field.fields = formFields(inner, labels, [], name, labelKey);
    if (kind === 'rows') {
      field.rows = l?.rows ?? 5;
      field.fields = formFields(defOf(inner).element!, labels, [], '', labelKey);
    }
    if (kind === 'date') field.id = `${field.id}-day`;
    out.push(field);
  }
  return out;
}

type Flat = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : Array.isArray(v) ? String(v[0] ?? '').trim() : '');

/** The day, month and year typed into a date input, as YYYY-MM-DD (a wrong one stays wrong for the check). */
function dateOf(form: Flat, name: string): string | undefined {
  const [d, m, y] = ['day', 'month', 'year'].map((p) => str(form[`${name}-${p}`]));
  if (!d && !m && !y) return undefined;
  const pad = (s: string, n: number) => (/^\d+$/.test(s) ? s.padStart(n, '0') : s || '?');
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

function valueOf(f: FormField, form: Flat, name: string): unknown {
  switch (f.kind) {
    case 'date':
      return dateOf(form, name);
    case 'boolean': {
      const v = str(form[name]);
      return v === 'true' || v === 'yes' || v === 'on' ? true : v === 'false' || v === 'no' ? false : undefined;
    }
    case 'number': {
      const v = str(form[name]);
      return v === '' ? undefined : Number.isFinite(Number(v)) ? Number(v) : v;
    }
    case 'checkboxes': {
      // Ticked boxes post the field once per box: a string for one, an array for several.
      const v = form[name];
      const ticked = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string' && x.trim() !== '');
      return ticked.length ? ticked.map((x) => x.trim()) : undefined;
    }
    case 'lines': {
      const lines = str(form[name])
        .split(/\r?\n|,/)
        .map((s) => s.trim())
        .filter(Boolean);
      return lines.length ? lines : undefined;
    }
    case 'group': {
      const o = objectOf(f.fields!, form, `${name}.`);
      return o;
    }
    case 'rows': {
      const { rows } = rowsOf(f, form, name);
      return rows.length ? rows : undefined;
    }
    default: {
      const v = str(form[name]);
      return v === '' ? undefined : v;
    }
  }
}

/** The rows filled in (blank ones left out), and for each the row of the form it came from. */
function rowsOf(f: FormField, form: Flat, name: string): { rows: Flat[]; at: number[] } {
  const rows: Flat[] = [];
  const at: number[] = [];
  for (let i = 0; i < 100; i++) {
    const row = objectOf(f.fields!, form, `${name}[${i}].`);
    if (row) {
      rows.push(row);
      at.push(i);
    } else if (!Object.keys(form).some((k) => k.startsWith(`${name}[${i}].`))) break;
  }
  return { rows, at };
}

function objectOf(fields: FormField[], form: Flat, prefix: string): Flat | undefined {
  const o: Flat = {};
  for (const f of fields) {
    const key = f.name.slice(f.name.lastIndexOf('.') + 1);
    const v = valueOf(f, form, `${prefix}${key}`);
    if (v !== undefined) o[key] = v;
  }
  return Object.keys(o).length ? o : undefined;
}

/** Every field the declaration refused (the first message of each), as one 400 with `failures`. */
function parseAll<S extends z.ZodType>(schema: S, body: Flat, rowAt: Record<string, number[]>): z.output<S> {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const failures: { field: string; rule?: string; message: string }[] = [];
  for (const issue of r.error.issues) {
    // Blank rows were left out: a mistake in the request's row 0 is named at the form's row it came from.
    const path = issue.path.map((p, i) =>
      i === 1 && typeof p === 'number' && rowAt[String(issue.path[0])] ? (rowAt[String(issue.path[0])][p] ?? p) : p,
    );
    const field = fieldName(path) || 'body';
    if (failures.some((f) => f.field === field)) continue;
    failures.push({ field, rule: ruleOf(schema, issue.path), message: `${field}: ${issue.message}` });
  }
  const [first] = failures;
  throw new InputError(first.field, first.message, 400, first.rule, failures);
}

/** The posted form as the request body, checked by the request's own declaration (a 400 naming each field and rule). */
export function toRequest<S extends z.ZodType>(schema: S, fields: FormField[], form: unknown): z.output<S> {
  const flat = (form && typeof form === 'object' ? form : {}) as Flat;
  const body: Flat = {};
  const rowAt: Record<string, number[]> = {};
  for (const f of fields) {
    if (f.kind === 'rows') rowAt[f.name] = rowsOf(f, flat, f.name).at;
    const v = valueOf(f, flat, f.name);
    if (v !== undefined) body[f.name] = v;
    // A required group left blank: each of its questions is refused at the question, not the group as one.
    else if (f.kind === 'group' && !f.optional) body[f.name] = {};
  }
  return parseAll(schema, body, rowAt);
}
