/** A user's mistake: names the field and, for a business rule, the rule id. Mapped to a 4xx. */
export class InputError extends Error {
  /** More of the answer beside `error` (a 409 for a case already started names it: cycleId, href). */
  extra?: Record<string, unknown>;
  /** The case the request was aimed at, for the audit log. */
  target?: string;

  constructor(
    readonly field: string,
    message: string,
    readonly status = 400,
    readonly rule?: string,
    /** Every failed criterion, when a refusal has several (O1). */
    readonly failures?: { field: string; rule?: string; message: string }[],
  ) {
    super(message);
  }
}
