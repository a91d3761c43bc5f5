/**
 * Loads the data the rules run on: the official bank-holiday list and the policy profiles, both
 * shipped in reference-data/, plus the operator's calendar changes from the embedded store.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { IsoDate, isIsoDate } from '../workflows/calendar/iso-date';
import { CalendarSnapshot, WorkingDayCalendar } from '../workflows/calendar/working-day-calendar';
import { PolicyProfile, ProfileError, validateProfile } from '../workflows/timescales/policy-profile';
import { CalendarChange } from './embedded-store';
import { APP_ROOT } from '../platform/paths';

/** Beside package.json, so that the sources and dist/ name the same files (the stored directory's source). */
export const REFERENCE_DATA_DIR = join(APP_ROOT, 'reference-data');

interface HolidayFeed {
  division: string;
  events: { date: string; title: string; substitute: boolean }[];
}

export interface OfficialHolidays {
  from: number;
  to: number;
  dates: IsoDate[];
}

export function loadOfficialHolidays(file = join(REFERENCE_DATA_DIR, 'bank-holidays-england-and-wales.json')): OfficialHolidays {
  const feed = JSON.parse(readFileSync(file, 'utf8')) as HolidayFeed;
  const dates = feed.events.map((e) => e.date).sort();
  if (!dates.length || !dates.every(isIsoDate)) throw new Error(`${file}: not a bank-holiday list`);
  return { from: Number(dates[0].slice(0, 4)), to: Number(dates[dates.length - 1].slice(0, 4)), dates };
}

/** The snapshot workflows and the calculator count with: official list, then the operator's changes in order. */
export function buildCalendarSnapshot(official: OfficialHolidays, changes: CalendarChange[]): CalendarSnapshot {
  const added = new Set<IsoDate>();
  const removed = new Set<IsoDate>();
  for (const c of changes) {
    if (c.action === 'add') {
      added.add(c.date);
      removed.delete(c.date);
    } else {
      removed.add(c.date);
      added.delete(c.date);
    }
  }
  return {
    revision: changes.length ? changes[changes.length - 1].seq : 0,
    officialFrom: official.from,
    officialTo: official.to,
    official: official.dates,
    added: [...added].sort(),
    removed: [...removed].sort(),
  };
}

export function builtInCalendar(): WorkingDayCalendar {
  return new WorkingDayCalendar(buildCalendarSnapshot(loadOfficialHolidays(), []));
}

export class ProfileRegistry {
  private constructor(private readonly byId: Map<string, PolicyProfile>) {}

  /** Loads every *.json in the folder; each must be valid and only tighten the statutory profile. */
  static load(dir = join(REFERENCE_DATA_DIR, 'profiles')): ProfileRegistry {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
    const raw = new Map<string, unknown>();
    for (const f of files) {
      try {
        raw.set(f, JSON.parse(readFileSync(join(dir, f), 'utf8')));
      } catch (e) {
        throw new ProfileError(`${f}: not valid JSON (${(e as Error).message})`);
      }
    }
    const statutoryRaw = raw.get('statutory.json');
    if (!statutoryRaw) throw new ProfileError(`${dir}: statutory.json is required`);
    const statutory = validateProfile(statutoryRaw);
    const byId = new Map<string, PolicyProfile>();
    for (const [f, r] of raw) {
      let p: PolicyProfile;
      try {
        p = validateProfile(r, statutory);
      } catch (e) {
        throw new ProfileError(`${f}: ${(e as Error).message}`);
      }
      if (`${p.id}.json` !== f) throw new ProfileError(`${f}: profile id "${p.id}" must match its file name`);
      byId.set(p.id, p);
    }
    return new ProfileRegistry(byId);
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }

  get(id: string): PolicyProfile | undefined {
    return this.byId.get(id);
  }
}
