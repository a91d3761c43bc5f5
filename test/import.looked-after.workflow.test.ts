/**
 * Issue 14 item 5: children already in care brought in at go-live from CSV, on the time-skipping
 * server through the API and the CLI. Each cycle starts with its history: reviews held judged on time
 * or late against their own due dates (L2-L4), its IRO and social worker, its next booking. A dry
 * run with a mistake creates nothing; the same file twice creates nothing the second time; no
 * notice goes out for a deadline already past, only one catch-up per recipient of each case.
 */
import { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Server } from 'node:http';
import { runCli } from '../api/cli';
import { LOOKED_AFTER_COLUMNS } from '../api/imports/looked-after-rows';
import type { ImportReport } from '../api/services/imports';
import { addDays } from '../workflows/calendar/iso-date';
import { CycleState, cycleStateQuery } from '../workflows/looked-after-cycle/messages';
import { Harness, caseTeam, freshServerPerTest } from './support/cycle-harness';
import { tempDir } from './support/temporal';
import { tokenFor } from './support/security';

let h: Harness;
freshServerPerTest((x) => {
  h = x;
});

type Row = Partial<Record<(typeof LOOKED_AFTER_COLUMNS)[number], string>>;
const base: Row = {
  date_of_birth: '2014-05-01',
  legal_status: 'C2',
  placement_type: 'foster',
  team: 'north-1',
  iro_staff_id: 'iro-1',
  social_worker_staff_id: 'sw-1',
};
const csv = (rows: Row[]) =>
  [LOOKED_AFTER_COLUMNS.join(','), ...rows.map((r) => LOOKED_AFTER_COLUMNS.map((c) => ({ ...base, ...r })[c] ?? '').join(','))].join('\n');

test('L1-L4 L7 L18 twenty children imported with their history; a second import creates nothing; one catch-up per recipient', async () => {
  const t = await caseTeam(h, 'import');
  const tmp = tempDir('import-cli');
  let server: Server | undefined;
  try {
    await t.worker.runUntil(async () => {
      const today = await t.today();
      const next = addDays(today, 14);
      const rows: Row[] = [
        // Review 1 within 20 working days of 1 June 2026 (on time); review 2 over 3 months after it (late); review 3 booked.
        { child_id: 'C-A', became_looked_after: '2026-06-01', reviews: '2026-06-26:PN1;2026-10-05:PN3', next_meeting_on: next },
        // Review 1 two months after coming into care (late); review 2 within 3 months of it (on time); not booked.
        { child_id: 'C-B', became_looked_after: '2026-03-02', reviews: '2026-04-30:PN1;2026-07-20:PN5' },
        // Under 4: PN0. Review 1 on time; review 2 due 3 months later, overdue now and not booked.
        { child_id: 'C-C', date_of_birth: '2024-02-01', became_looked_after: '2026-05-04', reviews: '2026-05-20:PN0' },
        // No IRO yet, no reviews, first review overdue.
        ...Array.from({ length: 17 }, (_, i): Row => ({
          child_id: `C-${i + 1}`,
          became_looked_after: '2026-09-01',
          ...(i % 3 === 0 ? { iro_staff_id: '' } : {}),
          ...(i % 4 === 0 ? { reviews: '2026-09-25:PN2' } : {}),
        })),
      ];
      const file = csv(rows);

      // A dry run with one mistake: every row checked, the mistake named, nothing created.
      const bad = csv([...rows, { child_id: 'C-X', became_looked_after: '2026-06-01', reviews: '2026-06-20:PN0' }]);
      const dry = await t.staff.iroUnit.post('/api/imports/looked-after?dryRun=true').set('content-type', 'text/csv').send(bad);
      expect(dry.status).toBe(422);
      const dryReport = dry.body as ImportReport;
      expect(dryReport.rows.flatMap((r) => r.errors)).toEqual([
        { row: 22, column: 'reviews', message: '2026-06-20: PN0 is only for a child under 4 (SSDA903)', rule: 'L18' },
      ]);
      expect(dryReport.rows.find((r) => r.childId === 'C-A')?.reviews?.map((r) => r.onTime)).toEqual([true, false]);
      expect(dryReport.created).toBe(0);
      // Without a dry run the same file is refused whole.
      const refused = await t.staff.iroUnit.post('/api/imports/looked-after').set('content-type', 'text/csv').send(bad);
      expect([refused.status, refused.body.created, refused.body.note]).toEqual([422, 0, expect.stringMatching(/^nothing was imported/)]);
      expect(t.services.store.cases.list()).toEqual([]);
      for (const r of dryReport.rows) expect([r.childId, await started(r.cycleId!)]).toEqual([r.childId, false]);

      // The CLI beside the running service: a dry run of the file with a mistake names it and exits 1.
      server = await new Promise<Server>((resolve) => {
        const s = t.app.listen(0, '127.0.0.1', () => resolve(s));
      });
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      process.env.CARE_REVIEWS_TOKEN = await tokenFor('operator', { userId: 'ops-1' });
      const badPath = join(tmp.dir, 'bad.csv');
      writeFileSync(badPath, bad);
      const dryOut: string[] = [];
      const dryErr: string[] = [];
      const cli = (args: string[], o: string[], e: string[]) =>
        runCli(
          ['import', 'looked-after', ...args, '--url', url],
          (x) => o.push(x),
          (x) => e.push(x),
        );
      expect(await cli(['--file', badPath, '--dry-run'], dryOut, dryErr)).toBe(1);
      expect(dryErr).toEqual(['row 22, reviews: 2026-06-20: PN0 is only for a child under 4 (SSDA903) (L18)']);
      expect(dryOut[dryOut.length - 1]).toBe('dry run, nothing created: 21 rows; would create 20, already there 0, with mistakes 1');
      expect(t.services.store.cases.list()).toEqual([]);

      // The import itself.
      const res = await t.staff.iroUnit.post('/api/imports/looked-after').set('content-type', 'text/csv').send(file);
      expect([res.status, res.body.created, res.body.alreadyThere, res.body.refused]).toEqual([201, 20, 0, 0]);
      const ids = Object.fromEntries((res.body as ImportReport).rows.map((r) => [r.childId, r.cycleId!]));
      const settled = await settle(Object.values(ids));

      const a = settled[ids['C-A']];
      expect(a.reviewsHeld.map((r) => [r.reviewNumber, r.heldOn, r.onTime, r.participation])).toEqual([
        [1, '2026-06-26', true, 'PN1'],
        [2, '2026-10-05', false, 'PN3'],
      ]);
      expect(a.reviewsHeld[1].due).toBe('2026-09-26');
      expect(a.open).toMatchObject({ number: 3, booking: { meetingOn: next } });
      expect([a.iro?.staffId, a.socialWorker?.staffId, a.iroAppointment, a.iroUnitNotification]).toEqual([
        'iro-1',
        'sw-1',
        undefined,
        undefined,
      ]);
      // The follow-up of imported reviews was the previous system's: nothing owed for them here.
      expect(a.obligations.filter((o) => /^r[12]\//.test(o.key))).toEqual([]);
      // L18: the imported reviews reach the timeliness projection, judged the same way.
      const outcomes = t.services.store.reviewOutcomes('2026-04-01', '2027-03-31').filter((o) => o.cycleId === ids['C-A']);
      expect(outcomes.map((o) => [o.reviewNumber, o.onTime, o.participation])).toEqual([
        [1, true, 'PN1'],
        [2, false, 'PN3'],
      ]);
      expect(settled[ids['C-B']].reviewsHeld.map((r) => r.onTime)).toEqual([false, true]);
      expect(settled[ids['C-B']].open.booking).toBeUndefined();
      expect(settled[ids['C-C']].reviewsHeld.map((r) => [r.onTime, r.participation])).toEqual([[true, 'PN0']]);
      expect(settled[ids['C-1']].obligations.map((o) => o.key)).toContain('appoint-iro');

      // Notifications: nothing for a day gone by; one catch-up per recipient of each case.
      for (const [child, id] of Object.entries(ids)) {
        const sent = t.outbox(id);
        const kinds = sent.map((n) => n.kind);
        expect([child, kinds.filter((k) => !['catch-up', 'request-first-review'].includes(k))]).toEqual([child, []]);
        const to = sent.filter((n) => n.kind === 'catch-up').map((n) => n.to);
        expect([child, new Set(to).size]).toEqual([child, to.length]);
        // A catch-up only where something is overdue (C-A's next review is booked in time: none).
        const overdue = settled[id].obligations.some((o) => o.due < today);
        expect([child, to.length > 0]).toEqual([child, overdue]);
        // L1: the first review is requested only of a child whose reviews have not begun.
        const underWay = settled[id].reviewsHeld.length > 0 || settled[id].open.booking !== undefined;
        expect([child, kinds.includes('request-first-review')]).toEqual([child, !underWay]);
      }
      expect(t.outbox(ids['C-A'])).toEqual([]);
      const catchUp = t.outbox(ids['C-C']).find((n) => n.kind === 'catch-up' && n.to === 'user:iro-1');
      expect(catchUp?.subject).toMatch(/^Catching up: 1 overdue/);
      // Named as go-live's, so the mail gathers each person's catch-ups into one morning digest.
      expect(catchUp?.id).toContain('/catch-up/go-live/');

      // The same file again, through the CLI: nothing new.
      const path = join(tmp.dir, 'children.csv');
      writeFileSync(path, file);
      const out: string[] = [];
      const err: string[] = [];
      expect(await cli(['--file', path], out, err)).toBe(0);
      expect(err).toEqual(['imported 20/20']);
      expect(out[out.length - 1]).toBe('imported 20 rows: created 0, already there 20, refused 0');
      expect(out[0]).toMatch(
        /^row 2 C-A: already-there lac-[0-9a-f]{24}; reviews 1 2026-06-26 on time, 2 2026-10-05 late \(due 2026-09-26\)/,
      );
      expect(t.services.store.cases.list().length).toBe(20);
    });
  } finally {
    delete process.env.CARE_REVIEWS_TOKEN;
    server?.close();
    tmp.remove();
    await t.done();
  }

  async function started(id: string): Promise<boolean> {
    try {
      await h.env.client.workflow.getHandle(id).describe();
      return true;
    } catch {
      return false;
    }
  }

  /** Until each cycle's state stops changing (the ones with reviews continue as new first). */
  async function settle(ids: string[]): Promise<Record<string, CycleState>> {
    const out: Record<string, CycleState> = {};
    for (const id of ids) {
      t.cycles.push(id);
      let previous = '';
      for (let calm = 0, i = 0; calm < 3 && i < 300; i++) {
        const s = await h.env.client.workflow.getHandle(id).query(cycleStateQuery);
        const text = JSON.stringify(s);
        calm = text === previous ? calm + 1 : 0;
        previous = text;
        out[id] = s;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    return out;
  }
}, 240_000);
