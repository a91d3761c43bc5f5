/**
 * Every deadline around one review meeting (rules.md L8 before it, L9 and L10 after it).
 */
import { IsoDate } from '../calendar/iso-date';
import { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { Counting, Interval, deadlineAfter, deadlineBefore, describeInterval } from './interval';
import { LookedAfterReviewTimescales, PolicyProfile } from './policy-profile';

export type Role = 'iro-unit' | 'iro' | 'social-worker' | 'team-manager' | 'participants-admin';

export interface TimelineItem {
  key: keyof LookedAfterReviewTimescales;
  rule: 'L8' | 'L9' | 'L10';
  what: string;
  owner: Role;
  due: IsoDate;
  relation: 'before' | 'after';
  timescale: string;
  counting: Counting[];
}

interface ItemDef {
  key: keyof LookedAfterReviewTimescales;
  rule: TimelineItem['rule'];
  what: string;
  owner: Role;
  relation: 'before' | 'after';
  /** L10 runs from receipt of the decisions, i.e. at the latest from the day they are due to be circulated. */
  from?: keyof LookedAfterReviewTimescales;
}

const ITEMS: ItemDef[] = [
  {
    key: 'consultChildBefore',
    rule: 'L8',
    what: 'social worker discusses with the child who attends and where',
    owner: 'social-worker',
    relation: 'before',
  },
  { key: 'invitationsBefore', rule: 'L8', what: 'invitations and consultation papers sent', owner: 'iro-unit', relation: 'before' },
  {
    key: 'reportsToIroBefore',
    rule: 'L8',
    what: "social worker's report and care plan to the IRO",
    owner: 'social-worker',
    relation: 'before',
  },
  { key: 'iroSpeaksWithChildBefore', rule: 'L8', what: 'IRO speaks with the child before the meeting', owner: 'iro', relation: 'before' },
  {
    key: 'decisionsCirculated',
    rule: 'L9',
    what: 'review decisions circulated by the IRO, also to the team manager',
    owner: 'iro',
    relation: 'after',
  },
  {
    key: 'teamManagerConsiders',
    rule: 'L10',
    what: 'team manager considers the decisions (no response: deemed agreed)',
    owner: 'team-manager',
    relation: 'after',
    from: 'decisionsCirculated',
  },
  { key: 'carePlanUpdated', rule: 'L9', what: 'care plan updated by the social worker', owner: 'social-worker', relation: 'after' },
  { key: 'fullRecord', rule: 'L9', what: 'full record of the review completed', owner: 'iro', relation: 'after' },
  {
    key: 'copiesToParticipants',
    rule: 'L9',
    what: 'copies of the record sent to participants',
    owner: 'participants-admin',
    relation: 'after',
  },
  { key: 'carePlanEscalation', rule: 'L9', what: 'IRO escalates if there is still no updated care plan', owner: 'iro', relation: 'after' },
];

export function meetingTimeline(meeting: IsoDate, profile: PolicyProfile, calendar: WorkingDayCalendar): TimelineItem[] {
  const t = profile.lookedAfterReview;
  const items: TimelineItem[] = [];
  for (const def of ITEMS) {
    const interval: Interval | undefined = t[def.key];
    if (!interval) continue;
    let base = meeting;
    if (def.from) base = deadlineAfter(calendar, meeting, t[def.from] as Interval).date;
    const d = def.relation === 'before' ? deadlineBefore(calendar, base, interval) : deadlineAfter(calendar, base, interval);
    items.push({
      key: def.key,
      rule: def.rule,
      what: def.what,
      owner: def.owner,
      due: d.date,
      relation: def.relation,
      timescale: `${describeInterval(interval)} ${def.relation} ${def.from ? 'receipt of the decisions' : 'the meeting'}`,
      counting: d.counting,
    });
  }
  return items.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
}
