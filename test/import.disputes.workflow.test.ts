/**
 * Issue 14 item 5: disputes open at go-live, brought in from CSV on the time-skipping server through
 * the API and the CLI. Each starts at its current stage from the day it was entered (E2-E5), its 20
 * working days from the opening (E6), on the child's cycle when it has one; its id is derived, so a
 * second import creates nothing. A dry run with a mistake names it and creates nothing; no notice
 * goes for a deadline already past (nor the stage announced again), only one catch-up per
 * recipient, named as go-live's (the morning digest).
 */
import { DISPUTE_COLUMNS } from '../api/imports/dispute-rows';
import type { ImportedDisputeRow } from '../api/services/dispute-import';
import type { ImportReport } from '../api/services/import-runner';
import { builtInCalendar } from '../data/reference-data';
import { IsoDate } from '../workflows/calendar/iso-date';
import { DisputeState } from '../workflows/dispute/messages';
import { Harness, caseTeam, freshServerPerTest } from './support/cycle-harness';
import { goLiveCatchUps, importCli } from './support/import-cli';

let h: Harness;
freshServerPerTest((x) => {
  h = x;
});
const cal = builtInCalendar();
const wd = (d: IsoDate, n: number) => (n < 0 ? cal.workingDaysBefore(d, -n) : cal.addWorkingDays(d, n));

type Row = Partial<Record<(typeof DISPUTE_COLUMNS)[number], string>>;
const base: Row = {
  team: 'north-1',
  category: 'practice',
  summary: 'care plan not updated',
  iro_staff_id: 'iro-1',
  social_worker_staff_id: 'sw-1',
};
const csv = (rows: Row[]) =>
  [DISPUTE_COLUMNS.join(','), ...rows.map((r) => DISPUTE_COLUMNS.map((c) => ({ ...base, ...r })[c] ?? '').join(','))].join('\n');

test('E2-E6 open disputes imported at their stage; a second import creates nothing; no storm, one catch-up per recipient', async () => {
  const t = await caseTeam(h, 'import-disputes');
  let cli: Awaited<ReturnType<typeof importCli>> | undefined;
  try {
    await t.worker.runUntil(async () => {
      const today = await t.today();
      // Imported in office hours (10:00), as a unit would: the go-live catch-ups go at 09:00 on the
      // import day, so a run before 09:00 (CI at night) would otherwise find none yet.
      await t.skipTo(today);
      const cycleId = await t.comeIntoCare({ childId: 'E-C' });
      const rows: Row[] = [
        // At stage 2 since yesterday (its 5 working days ahead), but the 20 working days ran out last week: a breach, caught up.
        {
          old_reference: 'RE-1',
          child_id: 'E-A',
          opened_on: wd(today, -25),
          stage: '2',
          stage_entered_on: wd(today, -1),
          expected_outcome: 'plan updated',
          expected_outcome_by: wd(today, 5),
        },
        // On the child's cycle (found from the day they became looked after), informal since today: nothing owed yet.
        {
          old_reference: 'RE-2',
          child_id: 'E-C',
          became_looked_after: today,
          team: '',
          opened_on: today,
          stage: 'informal',
          stage_entered_on: today,
        },
      ];
      const file = csv(rows);

      // A dry run with a mistake (opened before the child became looked after): named by row, column and rule; nothing created.
      const bad = csv([...rows, { ...rows[1], old_reference: 'RE-3', opened_on: wd(today, -1), stage_entered_on: wd(today, -1) }]);
      const dry = await t.staff.iroUnit.post('/api/imports/disputes?dryRun=true').set('content-type', 'text/csv').send(bad);
      expect(dry.status).toBe(422);
      const dryReport = dry.body as ImportReport<ImportedDisputeRow>;
      expect(dryReport.rows.flatMap((r) => r.errors)).toEqual([
        { row: 4, column: 'opened_on', message: expect.stringMatching(/is before the child became looked after/), rule: 'E6' },
      ]);
      expect(dryReport.rows[0].stage).toEqual({ stage: 2, name: 'stage 2', enteredOn: wd(today, -1), due: wd(today, 4) });
      expect(dryReport.rows[0].overallDue).toBe(wd(today, -5));
      expect([dryReport.created, dryReport.wouldCreate]).toEqual([0, 2]);
      expect(t.services.store.cases.list().filter((c) => c.kind === 'dispute')).toEqual([]);

      const res = await t.staff.iroUnit.post('/api/imports/disputes').set('content-type', 'text/csv').send(file);
      expect([res.status, res.body.created, res.body.alreadyThere]).toEqual([201, 2, 0]);
      const ids = Object.fromEntries((res.body as ImportReport<ImportedDisputeRow>).rows.map((r) => [r.childId, r.disputeId!]));
      for (const id of Object.values(ids)) expect(id).toMatch(/^red-[0-9a-f]{24}$/);
      t.disputes.push(...Object.values(ids));
      await t.settle();

      const a = (await t.staff.iro.get(`/api/disputes/${ids['E-A']}`)).body as DisputeState;
      expect([a.stage, a.stages[0].enteredOn, a.stages[0].due, a.openedOn, a.overallDue, a.iro]).toEqual([
        2,
        wd(today, -1),
        wd(today, 4),
        wd(today, -25),
        wd(today, -5),
        'iro-1',
      ]);
      expect(a.breachedOn).toBeDefined();
      const c = (await t.staff.iro.get(`/api/disputes/${ids['E-C']}`)).body as DisputeState;
      expect([c.cycleId, c.stage, c.child.team]).toEqual([cycleId, 0, 'north-1']);

      // No stage announced again, no warning or breach notice one by one: one catch-up per recipient, as go-live's.
      expect(t.outbox(ids['E-C'])).toEqual([]);
      expect(goLiveCatchUps(t.outbox(ids['E-A']))).toContain('user:iro-1');

      // The same file again, through the CLI: nothing new.
      cli = await importCli(t.app, 'operator', 'ops-1');
      const { code, out, err } = await cli.run('disputes', file);
      expect([code, err]).toEqual([0, ['imported 2/2']]);
      expect(out[0]).toBe(
        `row 2 E-A: already-there ${ids['E-A']}; stage 2 since ${wd(today, -1)}, due ${wd(today, 4)}; the 20 working days end ${wd(today, -5)}`,
      );
      expect(out[out.length - 1]).toBe('imported 2 rows: created 0, already there 2, refused 0');
      expect(t.services.store.cases.list().filter((x) => x.kind === 'dispute').length).toBe(2);
    });
  } finally {
    cli?.close();
    await t.done();
  }
}, 240_000);
