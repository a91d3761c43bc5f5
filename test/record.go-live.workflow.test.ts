/**
 * Issue 14, done when: a few hundred children imported from CSV, a few months simulated, then the
 * Temporal database deleted: the statutory record, the L18 timeliness report and the SSDA903 export
 * are unchanged, on SQLite and on a real PostgreSQL alike, and the DfE's validator finds no error
 * on any rule concerning REVIEWS in the export. Every fact goes to both databases at once (one run
 * of the workflows); the time-skipping server's history is in memory, so tearing it down deletes it.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { LOOKED_AFTER_COLUMNS } from '../api/imports/looked-after-rows';
import { RecordReconciler } from '../api/services/record-reconciler';
import { openRecordStore } from '../data/record/kysely-record-store';
import type { FactQuery, RecordStore } from '../data/record/record-store';
import { timelinessFromRecord } from '../data/record/reports/record-l18';
import { reviewsCsv, ssda903Reviews } from '../data/record/reports/ssda903-reviews';
import { IsoDate, addDays, addMonths } from '../workflows/calendar/iso-date';
import { PLACEMENT_TYPES, ageOn } from '../workflows/looked-after-cycle/model';
import { cycleStateQuery } from '../workflows/looked-after-cycle/messages';
import { Fact, LOOKED_AFTER_ENDED } from '../workflows/record/facts';
import { caseTeam, startHarness } from './support/cycle-harness';
import { startPostgres } from './support/postgres';
import { installValidator, validateReturn } from './support/ssda903-validator';
import { makeApp, makeServices, tempDir } from './support/temporal';
import { as } from './support/security';

jest.setTimeout(1_800_000);
const CHILDREN = 300;
const TEAMS = ['north-1', 'south-1', 'east-1'];
// V3: a series of short breaks, looked after but outside the return (DfE rule 399): the validator checks it is left out.
const LEGAL = ['C2', 'C1', 'E1', 'J2', 'V2', 'L1', 'V3'];
const TOOK_PART = ['PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6', 'PN7'];

/** Every fact to both databases; reads from the first. */
function tee(first: RecordStore, second: RecordStore): RecordStore {
  return {
    async append(facts: Fact[]) {
      const [n] = await Promise.all([first.append(facts), second.append(facts)]);
      return n;
    },
    facts: (q?: FactQuery) => first.facts(q),
    async close() {},
  };
}

/** Children in care today with the reviews already held (deterministic): some late, some under 4, next reviews due over the coming months. */
function children(today: IsoDate): Record<(typeof LOOKED_AFTER_COLUMNS)[number], string>[] {
  let seed = 14;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  return Array.from({ length: CHILDREN }, (_, i) => {
    const inCare = 20 + rand(1100);
    const became = addDays(today, -inCare);
    // Born before coming into care, and under 17 today (no one turns 18 in the months simulated).
    const dob = addDays(today, -(inCare + 30 + rand(17 * 365 - 200 - inCare - 30)));
    const reviews: string[] = [];
    // Review 1 about 20 working days in (sometimes late), then about 3 months, then about 6 (some a little late).
    for (let on = addDays(became, 12 + rand(26)); on < addDays(today, -3);) {
      const code = ageOn(dob, on) < 4 ? 'PN0' : TOOK_PART[rand(TOOK_PART.length)];
      reviews.push(`${on}:${code}`);
      on = addDays(addMonths(on, reviews.length === 1 ? 3 : 6), rand(10) - 7);
    }
    return {
      child_id: `GL${String(i + 1).padStart(4, '0')}`,
      date_of_birth: dob,
      became_looked_after: became,
      legal_status: LEGAL[rand(LEGAL.length)],
      placement_type: PLACEMENT_TYPES[rand(PLACEMENT_TYPES.length)],
      placement_started_on: became,
      team: TEAMS[i % TEAMS.length],
      profile: 'statutory',
      iro_staff_id: 'iro-1',
      social_worker_staff_id: 'sw-1',
      reviews: reviews.join(';'),
      next_meeting_on: '',
    };
  });
}

const csv = (rows: ReturnType<typeof children>) =>
  [LOOKED_AFTER_COLUMNS.join(','), ...rows.map((r) => LOOKED_AFTER_COLUMNS.map((c) => r[c]).join(','))].join('\n');

/** What the record says, without where each database put it (seq, recordedAt). */
async function snapshot(record: RecordStore, today: IsoDate) {
  const facts = (await record.facts()).map(({ seq: _s, recordedAt: _r, ...f }) => f).sort((a, b) => (a.key < b.key ? -1 : 1));
  const years = ['2024', '2025', '2026'];
  const l18: Record<string, unknown> = {};
  const ssda903: Record<string, string> = {};
  const all = await record.facts();
  for (const y of years) {
    l18[y] = await timelinessFromRecord(record, y, undefined, today);
    ssda903[y] = reviewsCsv(ssda903Reviews(all, y));
  }
  return { facts, l18, ssda903 };
}

/** The record has stopped growing (every workflow has appended what its last pass found). */
async function quiet(record: RecordStore): Promise<number> {
  let last = -1;
  for (let calm = 0; calm < 4;) {
    const n = (await record.facts()).length;
    calm = n === last ? calm + 1 : 0;
    last = n;
    await new Promise((r) => setTimeout(r, 500));
  }
  return last;
}

test('go-live: 300 children imported, three months simulated, Temporal deleted: the record, L18 and SSDA903 unchanged on SQLite and PostgreSQL; the DfE validator finds no review error', async () => {
  const pg = await startPostgres('go_live');
  const tmp = tempDir('go-live');
  const path = join(tmp.dir, 'record', 'record.sqlite');
  mkdirSync(join(tmp.dir, 'record'));
  let sqlite = await openRecordStore({ path, owner: true });
  let postgres = await openRecordStore({ databaseUrl: pg.databaseUrl, path });
  let h = await startHarness();
  try {
    const t = await caseTeam(h, 'go-live', { record: tee(sqlite, postgres) });
    let ids: string[] = [];
    let end = '';
    let api: { timeliness: unknown; csv: string } | undefined;
    let heldHere = 0;
    let file = '';
    await t.worker.runUntil(async () => {
      const today = await t.today();
      file = csv(children(today));
      const res = await t.staff.iroUnit.post('/api/imports/looked-after').set('content-type', 'text/csv').send(file);
      expect([res.status, res.body.created, res.body.refused, res.body.error?.message]).toEqual([201, CHILDREN, 0, undefined]);
      ids = (res.body.rows as { cycleId: string }[]).map((r) => r.cycleId);
      await quiet(sqlite);

      // Three months: every fortnight the reviews fall due; three children in four have theirs, the fourth's is missed.
      for (let step = 1; step <= 6; step++) {
        const day = addDays(today, 15 * step);
        await t.skipTo(day);
        for (const [i, id] of ids.entries()) {
          if (i % 4 === 3) continue;
          const s = await h.env.client.workflow.getHandle(id).query(cycleStateQuery);
          if (s.status !== 'active' || s.nextReview.due > addDays(day, 10)) continue;
          const code = ageOn(s.child.dateOfBirth, day) < 4 ? 'PN0' : TOOK_PART[i % TOOK_PART.length];
          const held = await t.holdReview(id, { heldOn: day, participation: code });
          expect([id, held.status]).toEqual([id, 201]);
          heldHere++;
        }
      }
      end = await t.today();
      // Reviews held in the months simulated (on time and late), beside the ones missed.
      expect(heldHere).toBeGreaterThan(50);
      await quiet(sqlite);

      // Before the loss: the record holds every fact every workflow has, in both databases.
      const before = await new RecordReconciler({
        client: h.env.client as unknown as Client,
        record: sqlite,
        cases: t.services.store.cases,
      }).reconcile();
      expect([before.cases, before.differing, before.recordOnly, before.lost, before.unreadable]).toEqual([CHILDREN, 0, 0, 0, 0]);
      const timeliness = await t.staff.serviceManager.get('/api/timeliness?year=2026');
      const returned = await t.staff.serviceManager.get('/api/returns/ssda903/reviews.csv?year=2025');
      expect([timeliness.status, returned.status]).toEqual([200, 200]);
      api = { timeliness: timeliness.body, csv: returned.text };
    });
    const beforeSqlite = await snapshot(sqlite, end);
    expect(await snapshot(postgres, end)).toEqual(beforeSqlite);
    // A realistic record: hundreds of reviews in the years reported, late and missed ones among them.
    const year = beforeSqlite.l18['2026'] as { reviews: number; lateReviews: unknown[]; reviewsNotHeldInYear: unknown[] };
    expect(year.reviews).toBeGreaterThan(100);
    expect(year.lateReviews.length).toBeGreaterThan(0);
    expect(year.reviewsNotHeldInYear.length).toBeGreaterThan(0);
    expect(beforeSqlite.ssda903['2025'].split('\n').length).toBeGreaterThan(200);

    // The Temporal database is deleted (the time-skipping server keeps it in memory), and the databases reopened.
    await h.env.teardown();
    await Promise.all([sqlite.close(), postgres.close()]);
    sqlite = await openRecordStore({ path, owner: true });
    postgres = await openRecordStore({ databaseUrl: pg.databaseUrl, path });
    expect(await snapshot(sqlite, end)).toEqual(beforeSqlite);
    expect(await snapshot(postgres, end)).toEqual(beforeSqlite);

    // The API of a service with nothing but the record (PostgreSQL) answers as before.
    const bare = makeServices(join(tmp.dir, 'bare'));
    const app = makeApp(new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) }), { ...bare, record: postgres }, 'bare', {
      clock: () => Date.parse(`${end}T12:00:00Z`),
    });
    const manager = await as(app, 'service-manager', { userId: 'sm-1' });
    expect((await manager.get('/api/timeliness?year=2026')).body).toEqual(api!.timeliness);
    expect((await manager.get('/api/returns/ssda903/reviews.csv?year=2025')).text).toBe(api!.csv);
    bare.store.close();
    await bare.record.close();

    // A new, empty Temporal: reconciling finds every case open in the record and run nowhere (lost), and changes nothing.
    h = await startHarness();
    const after = await new RecordReconciler({
      client: h.env.client as unknown as Client,
      record: postgres,
      cases: t.services.store.cases,
    }).reconcile({ repair: true });
    expect([after.lost, after.recordOnly, after.repaired]).toEqual([CHILDREN, 0, 0]);
    expect(await snapshot(postgres, end)).toEqual(beforeSqlite);
    // Bringing them back: the same file again would start every lost (open) child anew, but not one the record shows ended.
    await postgres.append([
      {
        key: `${ids[0]}/ended`,
        caseId: ids[0],
        caseKind: 'looked-after',
        type: LOOKED_AFTER_ENDED,
        on: end,
        data: { status: 'ceased', reason: 'test' },
      },
    ]);
    const again = makeServices(join(tmp.dir, 'again'));
    const unit = await as(makeApp(h.env.client as unknown as Client, { ...again, record: postgres }, 'again'), 'iro-unit');
    const dry = await unit.post('/api/imports/looked-after?dryRun=true').set('content-type', 'text/csv').send(file);
    const statuses = (dry.body.rows as { status: string }[]).map((r) => r.status);
    expect([dry.status, statuses[0], statuses.slice(1).every((x) => x === 'would-create')]).toEqual([200, 'already-there', true]);
    again.store.close();
    await again.record.close();
    await t.done();

    // The DfE's validator: no error on any rule concerning REVIEWS in the returns made from this record (2026-27 holds the reviews held in the simulated months).
    const python = installValidator();
    const facts = await sqlite.facts();
    for (const y of ['2024', '2025', '2026']) {
      const v = validateReturn(python, tmp.dir, facts, y, `go-live-${y}`);
      expect({ year: y, skipped: v.skipped, failed: v.failed, errors: v.errors }).toEqual({ year: y, skipped: [], failed: [], errors: [] });
      expect(v.ran.length).toBeGreaterThanOrEqual(7);
    }
  } finally {
    await h.env.teardown().catch(() => undefined);
    await Promise.all([sqlite.close(), postgres.close()]);
    await pg.stop();
    tmp.remove();
  }
});
