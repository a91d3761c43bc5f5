/**
 * Reading a request body's fields: each mistake names the field. Business rules (which need the
 * case) are checked by the workflow's update validators, which name the rule.
 */
import { IsoDate, isIsoDate } from '../workflows/calendar/iso-date';
import { InputError } from './input-error';

type Body = Record<string, unknown>;

/** The case system's opaque child id: never a name. */
export const CHILD_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/** A social work team code. */
export const TEAM_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/** A staff id, as in tokens and as the workflows check it. */
export { STAFF_ID } from '../workflows/case-kernel/validation';

export function text(b: Body, field: string, opts: { max?: number; pattern?: RegExp; hint?: string } = {}): string {
  const v = b[field];
  if (typeof v !== 'string' || !v.trim()) throw new InputError(field, `${field}: required${opts.hint ? ` (${opts.hint})` : ' text'}`);
  const max = opts.max ?? 2000;
  if (v.length > max) throw new InputError(field, `${field}: at most ${max} characters`);
  if (opts.pattern && !opts.pattern.test(v)) throw new InputError(field, `${field}: ${opts.hint ?? 'not in the expected form'}`);
  return v.trim();
}

export function optionalText(b: Body, field: string, opts: { max?: number; pattern?: RegExp; hint?: string } = {}): string | undefined {
  return b[field] === undefined ? undefined : text(b, field, opts);
}

export function date(b: Body, field: string): IsoDate {
  const v = b[field];
  if (typeof v !== 'string' || v === '') throw new InputError(field, `${field}: a date is required (YYYY-MM-DD)`);
  if (!isIsoDate(v)) throw new InputError(field, `${field}: "${String(v).slice(0, 40)}" is not a real date in the form YYYY-MM-DD`);
  return v;
}

export function optionalDate(b: Body, field: string): IsoDate | undefined {
  return b[field] === undefined ? undefined : date(b, field);
}

export function oneOf<T extends string>(b: Body, field: string, values: readonly T[], rule?: string): T {
  const v = b[field];
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) {
    throw new InputError(field, `${field}: one of ${values.join(', ')}${rule ? ` (${rule})` : ''}`, 400, rule);
  }
  return v as T;
}

export function bool(b: Body, field: string): boolean | undefined {
  const v = b[field];
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') throw new InputError(field, `${field}: true or false`);
  return v;
}

export function object(b: Body, field: string): Body | undefined {
  const v = b[field];
  if (v === undefined) return undefined;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new InputError(field, `${field}: an object`);
  return v as Body;
}

export function list(b: Body, field: string, max: number): unknown[] | undefined {
  const v = b[field];
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) throw new InputError(field, `${field}: a list`);
  if (v.length > max) throw new InputError(field, `${field}: at most ${max} items`);
  return v;
}

/** Only these fields: a mistyped field name is a mistake, not something to ignore. */
export function onlyFields(b: Body, allowed: readonly string[]): void {
  const unknown = Object.keys(b).find((k) => !allowed.includes(k));
  if (unknown !== undefined) {
    const name = unknown.length > 40 ? `${unknown.slice(0, 40)}…` : unknown;
    throw new InputError(name, `${name}: not a field of this request (it takes ${allowed.join(', ')})`);
  }
}
