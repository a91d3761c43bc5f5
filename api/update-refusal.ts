/**
 * A workflow Update's validator refuses with an ApplicationFailure of type "Refusal" whose details
 * name the field, the rule and why (workflows/case-kernel/validation.ts). This turns it into the
 * 4xx the user sees: 422 for a business rule, 409 when the refusal is about the case itself
 * (it has ended, or is not at that step).
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { REFUSAL, RefusalDetail } from '../workflows/case-kernel/validation';
import { InputError } from './input-error';

/** `caseField` (cycleId, caseId...): a refusal about the case itself rather than the request is a 409 too. */
export function refusalOf(e: WorkflowUpdateFailedError, caseField: string): InputError {
  const cause = e.cause;
  if (!(cause instanceof ApplicationFailure) || cause.type !== REFUSAL || !Array.isArray(cause.details) || cause.details.length === 0) {
    // Not a structured refusal (a worker still on older code during a deploy refuses with a plain
    // error): still the case refusing the request, so a 422 with what it said, never a 500.
    return new InputError('body', cause?.message ?? e.message, 422);
  }
  const details = cause.details as RefusalDetail[];
  const [first] = details;
  return new InputError(
    first.field,
    cause.message,
    first.caseEnded || first.field === caseField ? 409 : 422,
    first.rule,
    details.length > 1 ? details : undefined,
  );
}
