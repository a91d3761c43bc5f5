/**
 * The building blocks of request bodies (zod), shared by every case kind's requests.ts. Each says
 * what is wrong in the words the API has always used; the API prefixes the field's name. A rule a
 * field enforces is kept as `x-rule` metadata: the API names it in a 400 and the OpenAPI document shows it.
 * Workflows import requests as types only, so zod never enters workflow code.
 */
import { z } from 'zod';
import { isIsoDate } from '../calendar/iso-date';
import { STAFF_ID } from './validation';

export { STAFF_ID };
/** The case system's opaque child id: never a name. */
export const CHILD_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/** A social work team code. */
export const TEAM_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** Only for checks at compile time: the request (plus who sent it) is what the Update takes. */
export type By = { by: string };
export type Assignable<From, To> = [From] extends [To] ? true : false;

interface Described {
  description?: string;
  rule?: string;
}
const meta = ({ description, rule }: Described) => ({ ...(description ? { description } : {}), ...(rule ? { 'x-rule': rule } : {}) });

/** Non-blank text (trimmed), at most `max` characters, in a pattern if given. */
export function text(opts: Described & { max?: number; pattern?: RegExp; hint?: string } = {}) {
  const max = opts.max ?? 2000;
  const required = `required${opts.hint ? ` (${opts.hint})` : ' text'}`;
  const s = z.string({ error: required }).trim().min(1, required).max(max, `at most ${max} characters`);
  return (opts.pattern ? s.regex(opts.pattern, opts.hint ?? 'not in the expected form') : s).meta(meta(opts));
}

export const staffId = (whose: string, opts: Described = {}) => text({ max: 128, pattern: STAFF_ID, hint: `${whose} staff id`, ...opts });

/** A real calendar date, YYYY-MM-DD. */
export function date(opts: Described = {}) {
  const required = 'a date is required (YYYY-MM-DD)';
  return z
    .string({ error: required })
    .min(1, required)
    .refine(isIsoDate, { error: (iss) => `"${String(iss.input).slice(0, 40)}" is not a real date in the form YYYY-MM-DD`, abort: true })
    .meta({ format: 'date', ...meta(opts) });
}

export function oneOf<const T extends readonly [string, ...string[]]>(values: T, opts: Described = {}) {
  return z.enum(values, { error: `one of ${values.join(', ')}${opts.rule ? ` (${opts.rule})` : ''}` }).meta(meta(opts));
}

export const bool = (opts: Described & { hint?: string } = {}) => z.boolean({ error: `true or false${opts.hint ? ` ${opts.hint}` : ''}` }).meta(meta(opts));

/** Hours a week (O6). */
export const hoursPerWeek = (opts: Described = {}) => {
  const say = 'hours a week, 0 to 168';
  return z.number({ error: say }).min(0, say).max(168, say).meta(meta(opts));
};
