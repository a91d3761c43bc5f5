/**
 * What every case page of the other kinds shows, in one shape for one template (pages/case.njk):
 * the facts, tables (timeline, deadlines with how they were counted, events) and the commands this
 * user's roles may give. Each kind's route builds it from the state its API returns.
 */
import { RULES, documentsOf } from '../../../data/rule-sources';
import { Principal, Role } from '../../../platform/auth/roles';
import { WorkingDayCalendar } from '../../../workflows/calendar/working-day-calendar';
import { datesInWords, withCount } from './counting';

export interface Table {
  caption: string;
  head: string[];
  rows: string[][];
  /** Shown instead of an empty table. */
  empty: string;
}

export interface CaseView {
  title: string;
  caption: string;
  facts: [string, string][];
  tables: Table[];
  actions: { href: string; text: string }[];
  /** The documents the rules on the page cite. */
  sources: string[];
}

/** A command page this user may use, as a link ("What you can do"). */
export interface ActionLink {
  path: string;
  text: string;
  roles: readonly Role[];
}

export const mayUse = (p: Principal, roles: readonly Role[]) => roles.some((r) => p.roles.includes(r));

export function actionsFor(p: Principal, base: string, links: ActionLink[], open: boolean): { href: string; text: string }[] {
  return open ? links.filter((l) => mayUse(p, l.roles)).map((l) => ({ href: `${base}${l.path}`, text: l.text })) : [];
}

/** "E6: the whole process within 20 working days; referral to CAFCASS (002 §15; 004 §7.19)"; ranges ("E2-E5") as they are. */
export function ruleWords(rule: string | undefined): string {
  if (!rule) return '';
  return rule
    .split(',')
    .map((id) => id.trim())
    .map((id) => (RULES[id] ? `${id}: ${RULES[id].title} (source: ${RULES[id].source})` : id))
    .join('; ');
}

/** 2026-11-24 -> 24 November 2026 (the same words as the govukDate filter). */
export function day(iso: string | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return `${Number(m[3])} ${months[Number(m[2]) - 1]} ${m[1]}`;
}

export const yesNo = (b: boolean | undefined) => (b ? 'Yes' : 'No');

/** A review against its own due date. */
export const timeliness = (onTime: boolean, due: string) => (onTime ? `On time (due by ${day(due)})` : `Late (was due by ${day(due)})`);

/** The events table, newest last as they happened. */
export function eventsTable(events: { on: string; what: string; rule?: string; by?: string }[]): Table {
  return {
    caption: 'What has happened',
    head: ['Date', 'What happened', 'Rule', 'By'],
    rows: events.map((e) => [day(e.on), datesInWords(e.what), e.rule ?? '', e.by ?? '']),
    empty: 'Nothing has been recorded yet.',
  };
}

/**
 * The deadlines table: what is owed, by when, under which rule and source, and how the date was
 * counted (the obligation's own counting text, e.g. O2R's and CIN's `why`), with its dates in words.
 */
export function deadlinesTable(
  rows: { what: string; due: string; rule: string; counted: string; owner?: string }[],
  /** The live calendar: a text that names only its base date gets the count added. */
  cal?: WorkingDayCalendar,
): Table {
  return {
    caption: 'Open deadlines',
    head: ['What is owed', 'Who owes it', 'Due by', 'Rule and source', 'How the date was counted'],
    rows: rows.map((o) => [datesInWords(o.what), o.owner ?? '', day(o.due), ruleWords(o.rule), withCount(cal, o.counted, o.due)]),
    empty: 'Nothing is owed on this case now.',
  };
}

/** The source documents cited by the rules in these deadlines and events. */
export function sourcesOf(rules: (string | undefined)[]): string[] {
  const out = new Set<string>();
  for (const r of rules) if (r) for (const d of documentsOf(r)) out.add(d);
  return [...out].sort();
}

/** A date input's starting value: today's day, month and year (where the API defaults to today). */
export function dateParts(name: string, iso: string): Record<string, string> {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y };
}

/** `onToday('heldOn')`: a form's date input starting at today (where the API defaults to today). */
export const todayParts =
  (today: () => string) =>
  (name = 'on') =>
  () =>
    dateParts(name, today());
