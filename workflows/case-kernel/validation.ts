/**
 * Refusals and the validators every case kind's commands share. A refusal is a non-retryable
 * ApplicationFailure of type "Refusal" whose details name the field, the rule and why, so the API
 * maps it to a 4xx without reading the message. The message keeps the "field: why (rule)" form
 * that people read in logs and the Web UI.
 */
import { ApplicationFailure } from '@temporalio/common';
import { IsoDate, isIsoDate } from '../calendar/iso-date';

export const STAFF_ID = /^[A-Za-z0-9][A-Za-z0-9@._-]{0,127}$/;
export const MAX_TEXT = 2000;

/** The ApplicationFailure type of every refusal. */
export const REFUSAL = 'Refusal';

/** What a refusal says, one entry per unmet requirement. */
export interface RefusalDetail {
  field: string;
  rule?: string;
  message: string;
  /** True when the refusal is about the case itself (it has ended), not the request: the API answers 409. */
  caseEnded?: boolean;
}

/** Refuses with every unmet requirement (the first one leads the message). */
export function refuseAll(details: RefusalDetail[]): never {
  const [first] = details;
  throw ApplicationFailure.create({
    type: REFUSAL,
    nonRetryable: true,
    message: `${first.field}: ${first.message}${first.rule ? ` (${first.rule})` : ''}`,
    details,
  });
}

export function refuse(field: string, why: string, rule?: string): never {
  refuseAll([{ field, rule, message: why }]);
}

/** The case has ended: nothing more can be recorded (409). */
export function refuseEnded(field: string, why: string, rule?: string): never {
  refuseAll([{ field, rule, message: why, caseEnded: true }]);
}

export function date(field: string, v: unknown): IsoDate {
  if (!isIsoDate(v)) refuse(field, 'must be a real date, YYYY-MM-DD');
  return v;
}

/**
 * The date a fact happened: `on` when it is recorded after the fact, else today. A real date, not in
 * the future, and not before any of `notBefore` ([date, what it is]: the case's start, the facts it
 * follows), each refusal naming the field and the rule.
 */
export function effectiveDate(
  field: string,
  on: unknown,
  today: IsoDate,
  notBefore: [IsoDate | undefined, string][] = [],
  rule?: string,
): IsoDate {
  const d = on === undefined ? today : date(field, on);
  if (d > today) refuse(field, `${d} is in the future (today is ${today})`, rule);
  for (const [first, what] of notBefore) if (first && d < first) refuse(field, `${d} is before ${what} (${first})`, rule);
  return d;
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

export function bool(field: string, v: unknown): boolean {
  if (typeof v !== 'boolean') refuse(field, 'true or false');
  return v;
}
