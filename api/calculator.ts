/**
 * The review calculator (Oxfordshire's procedure asks staff to use one): the same pure rules the
 * workflows run, behind the CLI (`npx care-reviews calc ...`) and GET /api/calc/*.
 */
import { IsoDate, isIsoDate, weekdayName } from '../workflows/calendar/iso-date';
import { MAX_WORKING_DAYS, WorkingDayCalendar } from '../workflows/calendar/working-day-calendar';
import { describeCounting } from '../workflows/timescales/interval';
import { meetingTimeline, TimelineItem } from '../workflows/timescales/meeting-timeline';
import { PolicyProfile } from '../workflows/timescales/policy-profile';
import { NextReview, ReviewHistoryError, nextReviewDue } from '../workflows/timescales/review-due-dates';
import { ProfileRegistry } from '../data/reference-data';
import { InputError } from './input-error';

export function parseDate(field: string, value: unknown): IsoDate {
  if (typeof value !== 'string' || value === '') throw new InputError(field, `${field}: a date is required (YYYY-MM-DD)`);
  if (!isIsoDate(value)) throw new InputError(field, `${field}: "${value}" is not a real date in the form YYYY-MM-DD`);
  return value;
}

export function parseDateList(field: string, value: unknown): IsoDate[] {
  if (value === undefined || value === '') return [];
  const parts = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : undefined;
  if (!parts) throw new InputError(field, `${field}: a comma-separated list of dates (YYYY-MM-DD)`);
  return parts.map((p, i) => parseDate(`${field}[${i}]`, typeof p === 'string' ? p.trim() : p));
}

export function parseCount(field: string, value: unknown): number {
  const s = typeof value === 'number' ? String(value) : value;
  if (typeof s !== 'string' || !/^\d+$/.test(s) || Number(s) > MAX_WORKING_DAYS) {
    throw new InputError(field, `${field}: a whole number of working days from 0 to ${MAX_WORKING_DAYS}, got "${String(value)}"`);
  }
  return Number(s);
}

export function pickProfile(profiles: ProfileRegistry, value: unknown, field = 'profile'): PolicyProfile {
  // Absent means the statutory one; an empty or non-text value is a mistake, not a default.
  const id = value === undefined ? 'statutory' : value;
  const p = typeof id === 'string' ? profiles.get(id) : undefined;
  if (!p) throw new InputError(field, `${field}: unknown profile "${String(id)}" (known: ${profiles.ids().join(', ')})`);
  return p;
}

export class Calculator {
  constructor(
    private readonly calendar: () => WorkingDayCalendar,
    private readonly profiles: ProfileRegistry,
  ) {}

  addWorkingDays(date: unknown, n: unknown): { date: IsoDate; from: IsoDate; workingDays: number; calendarRevision: number } {
    const from = parseDate('date', date);
    const count = parseCount('n', n);
    const cal = this.calendar();
    return { date: cal.addWorkingDays(from, count), from, workingDays: count, calendarRevision: cal.revision };
  }

  workingDaysBefore(date: unknown, n: unknown): { date: IsoDate; from: IsoDate; workingDays: number; calendarRevision: number } {
    const from = parseDate('date', date);
    const count = parseCount('n', n);
    const cal = this.calendar();
    return { date: cal.workingDaysBefore(from, count), from, workingDays: count, calendarRevision: cal.revision };
  }

  nextReview(args: { becameLookedAfter: unknown; held?: unknown; placementChanges?: unknown; profile?: unknown }): NextReview {
    const becameLookedAfter = parseDate('becameLookedAfter', args.becameLookedAfter);
    const held = parseDateList('held', args.held);
    const placementChanges = parseDateList('placementChanges', args.placementChanges);
    const profile = pickProfile(this.profiles, args.profile);
    try {
      return nextReviewDue({ becameLookedAfter, held, placementChanges }, profile, this.calendar());
    } catch (e) {
      if (e instanceof ReviewHistoryError) throw new InputError(e.field, e.message);
      throw e;
    }
  }

  timeline(args: { meeting: unknown; profile?: unknown }): { meeting: IsoDate; profile: string; items: TimelineItem[] } {
    const meeting = parseDate('meeting', args.meeting);
    const profile = pickProfile(this.profiles, args.profile);
    return { meeting, profile: profile.id, items: meetingTimeline(meeting, profile, this.calendar()) };
  }
}

export function formatNextReview(n: NextReview): string {
  const lines = [
    `due ${n.due} (${weekdayName(n.due)}): review ${n.reviewNumber}`,
    `rule ${n.rule}: ${n.ruleText}`,
    `base ${n.base} (${n.baseEvent}), counted as day 0`,
    ...n.counting.map((c) => `counting: ${describeCounting(c)}`),
  ];
  if (n.counting.length > 1) lines.push('the earliest of these applies');
  if (n.bookBy) lines.push(`book for about ${n.bookBy} (profile ${n.profile})`);
  lines.push(`profile ${n.profile}`);
  return lines.join('\n');
}

export function formatTimeline(t: { meeting: IsoDate; profile: string; items: TimelineItem[] }): string {
  const rows = t.items.map((i) => `${i.due} ${weekdayName(i.due)}  ${i.rule.padEnd(3)}  ${i.what} [${i.owner}; ${i.timescale}]`);
  const meetingRow = `${t.meeting} ${weekdayName(t.meeting)}  ---  review meeting`;
  const before = rows.filter((_, k) => t.items[k].due < t.meeting);
  const after = rows.filter((_, k) => t.items[k].due >= t.meeting);
  return [`timeline for a review meeting on ${t.meeting} (profile ${t.profile})`, ...before, meetingRow, ...after].join('\n');
}
