/**
 * The Open to Review and CIN task pages ask which open task is done as radios, like the looked-after
 * one (looked-after-tasks.ts): each with its deadline, who owes it and the rule. The tasks offered
 * are the ones the workflow would accept (its own filters, below); the page's roles are the API's,
 * and neither API judges who owes a task, so every open task is this user's to record.
 */
import { Principal } from '../../../platform/auth/roles';
import { Choice } from '../../forms/command-page';
import { datesInWords, govukDate } from '../../nunjucks-setup';

interface Task {
  key: string;
  what: string;
  due: string;
  rule: string;
}

/** As workflows/open-to-review/commands/task-done.ts DONE_BY_TASK: the tasks a person marks done (the rest end by an event). */
const OPEN_TO_REVIEW_TASK = /^(r\d+\/plan-shared|assessment|supervision|transition)$/;
/** As workflows/cin-review/commands.ts completeTaskCommand: documents and reports (`r<n>/...`). */
const CIN_TASK = (key: string) => key.includes('/');

const owners = (o: string[]) => o.map((x) => (x.startsWith('user:') ? x.slice(5) : x.replace(/-/g, ' '))).join(' or ');

function choicesOf<T extends Task>(tasks: T[], ownersOf: (t: T) => string[]): Choice[] {
  return [...tasks]
    .sort((a, b) => a.due.localeCompare(b.due))
    .map((t) => ({
      value: t.key,
      text: datesInWords(t.what),
      hint: `Due by ${govukDate(t.due)}; owed by ${owners(ownersOf(t))} (${t.rule})`,
    }));
}

export const NO_TASKS = 'There are no open tasks on this case for you to record.';

export async function openToReviewTasks(
  state: (id: string, p: Principal) => Promise<{ obligations: (Task & { owner: string })[] }>,
  caseId: string,
  p: Principal,
): Promise<Record<string, Choice[]>> {
  const s = await state(caseId, p);
  return {
    key: choicesOf(
      s.obligations.filter((o) => OPEN_TO_REVIEW_TASK.test(o.key)),
      (o) => [o.owner],
    ),
  };
}

export async function cinTasks(
  state: (id: string, p: Principal) => Promise<{ obligations: (Task & { owners: string[] })[] }>,
  caseId: string,
  p: Principal,
): Promise<Record<string, Choice[]>> {
  const s = await state(caseId, p);
  return {
    key: choicesOf(
      s.obligations.filter((o) => CIN_TASK(o.key)),
      (o) => o.owners,
    ),
  };
}
