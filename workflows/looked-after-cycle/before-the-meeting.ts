/**
 * What is owed before the open review's meeting (L8: counted back from the meeting date, judged
 * against the day it was booked) and, once it is adjourned, its resumption (L12). Pure, part of
 * obligations.ts.
 */
import { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { Interval, deadlineBefore } from '../timescales/interval';
import { LookedAfterReviewTimescales, PolicyProfile } from '../timescales/policy-profile';
import { CycleModel, PRE_MEETING_TASKS, PreMeetingTask } from './model';
import type { TaskShape } from './after-the-meeting';
import type { Obligation, Recipient } from './obligations';

const PRE: Record<PreMeetingTask, { key: keyof LookedAfterReviewTimescales; what: string; owner: Recipient }> = {
  'consult-child': { key: 'consultChildBefore', what: 'discuss with the child who attends the review and where', owner: 'social-worker' },
  invitations: { key: 'invitationsBefore', what: 'send invitations and consultation papers', owner: 'iro-unit' },
  'reports-to-iro': {
    key: 'reportsToIroBefore',
    what: "send the social worker's report and the care plan to the IRO",
    owner: 'social-worker',
  },
  'iro-speaks-with-child': { key: 'iroSpeaksWithChildBefore', what: 'IRO speaks with the child before the meeting', owner: 'iro' },
};

export function beforeTheMeeting(model: CycleModel, profile: PolicyProfile, calendar: WorkingDayCalendar, task: TaskShape): Obligation[] {
  const t = profile.lookedAfterReview;
  const open = model.open;
  const r = `r${open.number}`;
  const out: Obligation[] = [];

  // L8: before the meeting. A meeting booked too late for a task says so at once.
  if (open.booking && !open.adjournment) {
    const { meetingOn, bookedOn } = open.booking;
    for (const name of PRE_MEETING_TASKS) {
      if (open.preMeeting[name]) continue;
      const def = PRE[name];
      const taskDue = deadlineBefore(calendar, meetingOn, t[def.key] as Interval).date;
      const key = `${r}/${name}`;
      // Go-live import: a task due before the import was the previous system's to chase (it was not booked too late).
      if (taskDue < bookedOn && open.booking.imported) continue;
      if (taskDue < bookedOn) {
        out.push({
          key,
          rule: 'L8',
          what: def.what,
          owner: def.owner,
          due: taskDue,
          actions: [{ id: `${key}/${meetingOn}/booked-too-late`, on: bookedOn, kind: 'booked-too-late', to: [def.owner, 'iro'] }],
        });
      } else {
        const o = task(key, 'L8', def.what, def.owner, taskDue, bookedOn);
        // Nothing is chased after the meeting date: the review record shows what was missed.
        o.actions = o.actions.filter((a) => a.on <= meetingOn).map((a) => ({ ...a, id: `${key}/${meetingOn}/${a.kind}` }));
        out.push(o);
      }
    }
  }

  // L12: an adjourned meeting resumes by its date. Until the review is completed it is chased against
  // that date like an overdue review: the IRO side, then the IRO unit manager and the service manager
  // (the review's own overdue actions stand down while an adjournment in time runs: obligations.ts).
  if (open.adjournment) {
    const a = open.adjournment;
    const o = task(`${r}/resume`, 'L12', `resume the adjourned review ${open.number}`, 'iro', a.resumeBy, a.on);
    if (!model.legacy?.dates) {
      const iroSide: Recipient[] = model.iro ? ['iro-unit', 'iro'] : ['iro-unit'];
      o.actions = o.actions.map((x) =>
        x.kind === 'overdue'
          ? { ...x, to: iroSide }
          : x.kind === 'escalation'
            ? { ...x, to: ['iro-unit-manager', 'service-manager'] as Recipient[] }
            : x,
      );
    }
    out.push(o);
  }
  return out;
}
