/**
 * Validator helpers shared by the workflows' update validators. A refusal is "field: why (rule)",
 * which the API turns into a 422 naming both.
 */
import { IsoDate, isIsoDate } from '../calendar/iso-date';

export const STAFF_ID = /^[A-Za-z0-9][A-Za-z0-9@._-]{0,127}$/;
export const MAX_TEXT = 2000;

export function refuse(field: string, why: string, rule?: string): never {
  throw new Error(`${field}: ${why}${rule ? ` (${rule})` : ''}`);
}

export function date(field: string, v: unknown): IsoDate {
  if (!isIsoDate(v)) refuse(field, 'must be a real date, YYYY-MM-DD');
  return v;
}

export function staff(field: string, v: unknown): string {
  if (typeof v !== 'string' || !STAFF_ID.test(v)) refuse(field, 'a staff id');
  return v;
}

export function text(field: string, v: unknown, required = true): string | undefined {
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'string' || !v.trim()) refuse(field, 'required text');
  if (v.length > MAX_TEXT) refuse(field, `at most ${MAX_TEXT} characters`);
  return v.trim();
}
