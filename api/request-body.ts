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
