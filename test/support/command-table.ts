/**
 * Table-driven tests of pure commands: each row is a model fixture, an input and today, and either
 * the refusal it meets ({field, rule}, read from the ApplicationFailure's details) or the exact
 * change it makes to the model.
 */
import { ApplicationFailure } from '@temporalio/common';
import { IsoDate } from '../../workflows/calendar/iso-date';
import { Command } from '../../workflows/case-kernel/command';
import { REFUSAL, RefusalDetail } from '../../workflows/case-kernel/validation';
import { CycleContext } from '../../workflows/looked-after-cycle/commands/common';
import { ctx, statutory } from './cycle-model';

/** The {field, rule} of the refusal `fn` throws, or undefined if it accepts. */
export function refusalOf(fn: () => void): { field: string; rule?: string } | undefined {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof ApplicationFailure) || e.type !== REFUSAL) throw e;
    const [d] = e.details as RefusalDetail[];
    return { field: d.field, rule: d.rule };
  }
  return undefined;
}

export interface Row<M, I> {
  name: string;
  model: M;
  input: I;
  today?: IsoDate;
  profile?: typeof statutory;
  /** The refusal expected... */
  refused?: { field: string; rule?: string };
  /** ...or the change expected, made to a copy of the model as it was. */
  applied?: (expected: M) => void;
}

export const copy = <T>(x: T): T => JSON.parse(JSON.stringify(x));

export function table<M, I>(command: Command<M, I, CycleContext>, rows: Row<M, I>[]) {
  test.each(rows.map((r) => [r.name, r] as const))('%s', (_name, r) => {
    const c = ctx(r.today, r.profile);
    const before = copy(r.model);
    const refused = refusalOf(() => command.validate(r.model, r.input, c));
    if (r.refused) {
      expect(refused).toEqual(r.refused);
      expect(r.model).toEqual(before); // a refusal leaves no trace
      return;
    }
    expect(refused).toBeUndefined();
    command.apply(r.model, r.input, c);
    const expected = copy(before);
    r.applied!(expected);
    expect(copy(r.model)).toEqual(expected);
  });
}
