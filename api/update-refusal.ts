/**
 * A workflow Update's validator refuses with "field: why (RULE)". This turns that into the 4xx the
 * user sees, naming the field and the rule: 422 for a business rule, 409 when the refusal is about
 * the case itself (it has ended, or the dispute is closed).
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { InputError } from './input-error';

export function refusalOf(e: WorkflowUpdateFailedError, caseField: string): InputError {
  const message = e.cause?.message ?? e.message;
  const field = /^([A-Za-z][A-Za-z0-9.[\]]*):/.exec(message)?.[1] ?? 'body';
  const rule = /\(([A-Z]\d+)(?:\/[A-Z]\d+)?\)$/.exec(message)?.[1];
  return new InputError(field, message, field === caseField ? 409 : 422, rule);
}
