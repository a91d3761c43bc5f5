/**
 * Go-live import (docs/import.md): a case the previous system already knew is brought in through
 * its kind's own commands (validated, then applied), so its history is judged by the same rules as
 * a live case's. A refusal is tagged with the part of the history (the CSV column) it came from.
 */
import { CaseContext, Command } from './command';

/** A command's refusal, tagged with the part of the imported history it came from. */
export class ImportedRefusal<P extends string = string> extends Error {
  constructor(
    readonly part: P,
    readonly refusal: unknown,
  ) {
    super(refusal instanceof Error ? refusal.message : String(refusal));
  }
}

/** Validates then applies one command of an imported history; a refusal names its part. */
export function runImported<M, I, C extends CaseContext, P extends string>(part: P, c: Command<M, I, C>, model: M, input: I, ctx: C): void {
  try {
    c.validate(model, input, ctx);
  } catch (e) {
    throw new ImportedRefusal(part, e);
  }
  c.apply(model, input, ctx);
}
