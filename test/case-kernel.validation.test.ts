/**
 * Refusals are structured: the API reads {field, rule, message} from the failure's details, never
 * the message text. Pure, no Temporal server.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { refusalOf as apiRefusal } from '../api/update-refusal';
import { REFUSAL, RefusalDetail, bool, date, refuse, refuseAll, refuseEnded, staff, text } from '../workflows/case-kernel/validation';

function refusalOf(f: () => unknown): { failure: ApplicationFailure; details: RefusalDetail[] } {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ApplicationFailure);
    const failure = e as ApplicationFailure;
    return { failure, details: failure.details as RefusalDetail[] };
  }
  throw new Error('expected a refusal');
}

test('a refusal is a non-retryable ApplicationFailure of type Refusal naming the field and the rule', () => {
  const { failure, details } = refusalOf(() => refuse('meetingOn', '2027-03-01 is after the review is due', 'L7'));
  expect(failure.type).toBe(REFUSAL);
  expect(failure.nonRetryable).toBe(true);
  expect(failure.message).toBe('meetingOn: 2027-03-01 is after the review is due (L7)');
  expect(details).toEqual([{ field: 'meetingOn', rule: 'L7', message: '2027-03-01 is after the review is due' }]);
});

test('refuseAll names every unmet requirement; the first leads the message', () => {
  const { failure, details } = refusalOf(() =>
    refuseAll([
      { field: 'criteria', rule: 'D1', message: 'at least one criterion, or outside the criteria with a reason' },
      { field: 'approvedBy', rule: 'D2', message: 'the approving team manager' },
    ]),
  );
  expect(failure.message).toBe('criteria: at least one criterion, or outside the criteria with a reason (D1)');
  expect(details.map((d) => [d.field, d.rule])).toEqual([
    ['criteria', 'D1'],
    ['approvedBy', 'D2'],
  ]);
});

test('a refusal about the case itself says so (the API answers 409)', () => {
  expect(refusalOf(() => refuseEnded('cycleId', 'the cycle has ended', 'L13')).details[0]).toMatchObject({ caseEnded: true, rule: 'L13' });
});

test.each([
  ['date', () => date('on', '2025-02-30'), 'on', 'must be a real date, YYYY-MM-DD'],
  ['date', () => date('on', 20250101), 'on', 'must be a real date, YYYY-MM-DD'],
  ['staff', () => staff('by', 'a name with spaces'), 'by', 'a staff id'],
  ['text', () => text('reason', '   '), 'reason', 'required text'],
  ['text', () => text('reason', 'x'.repeat(2001)), 'reason', 'at most 2000 characters'],
  ['bool', () => bool('objection', 'yes'), 'objection', 'true or false'],
])('%s validator refuses with the field: %#', (_name, f, field, message) => {
  expect(refusalOf(f).details).toEqual([{ field, message, rule: undefined }]);
});

test('validators pass good values through', () => {
  expect(date('on', '2024-02-29')).toBe('2024-02-29');
  expect(staff('by', 'iro-3')).toBe('iro-3');
  expect(text('reason', '  moved  ')).toBe('moved');
  expect(text('note', undefined, false)).toBeUndefined();
  expect(bool('seen', false)).toBe(false);
});

describe('the API maps a refused Update to its 4xx from the details, never from the message', () => {
  const failed = (cause: Error) => new WorkflowUpdateFailedError('Workflow Update failed', cause);
  const refused = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return failed(e as Error);
    }
    throw new Error('expected a refusal');
  };
  test.each([
    ['a business rule: 422 naming the field and rule', () => refuse('meetingOn', 'after the due date', 'L7'), [422, 'meetingOn', 'L7']],
    ['the case has ended: 409', () => refuseEnded('caseId', 'the case has ended', 'O4'), [409, 'caseId', 'O4']],
    ['about the case field: 409', () => refuse('cycleId', 'the cycle has ended', 'L13'), [409, 'cycleId', 'L13']],
  ])('%s', (_name, f, expected) => {
    const e = apiRefusal(refused(f as () => unknown), 'cycleId');
    expect([e.status, e.field, e.rule]).toEqual(expected);
  });
  test('every unmet requirement travels as failures', () => {
    const e = apiRefusal(
      refused(() =>
        refuseAll([
          { field: 'criteria', rule: 'D1', message: 'a criterion' },
          { field: 'agreedBy', rule: 'D2', message: "the IRO unit's agreement" },
        ]),
      ),
      'caseId',
    );
    expect(e.failures?.map((f) => f.field)).toEqual(['criteria', 'agreedBy']);
  });
  test('a plain error from a worker on older code is still a 422 with what it said, not a 500', () => {
    const e = apiRefusal(failed(new Error('meetingOn: after the due date (L7)')), 'cycleId');
    expect([e.status, e.field, e.message]).toEqual([422, 'body', 'meetingOn: after the due date (L7)']);
  });
});
