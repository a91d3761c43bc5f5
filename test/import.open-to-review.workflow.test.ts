/**
 * Issue 14 item 5: Open to Review cases already held at go-live, brought in from CSV on the
 * time-skipping server through the API and the CLI. Each case starts in O2R with its decision note
 * and reviews (O2, O3), the family's letter and window long past (neither sent nor chased). A dry
 * run with a mistake names it and creates nothing; a second import creates nothing; no notice goes
 * for a deadline already past, only one catch-up per recipient, named as go-live's (the digest).
 */
import { OPEN_TO_REVIEW_COLUMNS } from '../api/imports/open-to-review-rows';
import type { ImportReport } from '../api/services/import-runner';
import type { ImportedOpenToReviewRow } from '../api/services/open-to-review-import';
import { addDays, addMonths } from '../workflows/calendar/iso-date';
import { openToReviewCaseStateQuery } from '../workflows/open-to-review/messages';
import { Harness, caseTeam, freshServerPerTest } from './support/cycle-harness';
import { goLiveCatchUps, importCli } from './support/import-cli';

let h: Harness;
freshServerPerTest((x) => {
  h = x;
});

type Row = Partial<Record<(typeof OPEN_TO_REVIEW_COLUMNS)[number], string>>;
const base: Row = { date_of_birth: '2012-05-01', team: 'north-1', caseholder_staff_id: 'o2r-1' };
const csv = (rows: Row[]) =>
  [OPEN_TO_REVIEW_COLUMNS.join(','), ...rows.map((r) => OPEN_TO_REVIEW_COLUMNS.map((c) => ({ ...base, ...r })[c] ?? '').join(','))].join(
    '\n',
  );

test('O2 O3 Open to Review cases imported with their history; a second import creates nothing; one catch-up per recipient', async () => {
  const t = await caseTeam(h, 'import-o2r');
  let cli: Awaited<ReturnType<typeof importCli>> | undefined;
  try {
    await t.worker.runUntil(async () => {
      const today = await t.today();
      // Imported in office hours (10:00), as a unit would: the go-live catch-ups go at 09:00 on the
      // import day, so a run before 09:00 (CI at night) would otherwise find none yet.
      await t.skipTo(today);
      const ago = (months: number, days = 0) => addDays(addMonths(today, -months), days);
      const rows: Row[] = [
        // Decided a month ago; the first review two months ahead: nothing owed yet.
        { child_id: 'D-A', opened_on: ago(3), decided_on: ago(1), first_review_on: addMonths(today, 2) },
        // Review 1 on time; review 2 (face to face) nine months ago, late; review 3 overdue by three months.
        {
          child_id: 'D-B',
          opened_on: ago(24),
          decided_on: ago(22),
          first_review_on: ago(18),
          reviews: `${ago(18, -5)}:telephone:child-not-seen:parents-seen;${ago(9)}:face-to-face:child-seen:parents-seen`,
        },
      ];
      const file = csv(rows);

      // A dry run with a mistake: named by row, column and rule; nothing created.
      const bad = csv([...rows, { child_id: 'D-X', opened_on: ago(3), decided_on: ago(3, 5), first_review_on: addMonths(today, 1) }]);
      const dry = await t.staff.iroUnit.post('/api/imports/open-to-review?dryRun=true').set('content-type', 'text/csv').send(bad);
      expect(dry.status).toBe(422);
      const dryReport = dry.body as ImportReport<ImportedOpenToReviewRow>;
      expect(dryReport.rows.flatMap((r) => r.errors)).toEqual([
        { row: 4, column: 'decided_on', message: expect.stringMatching(/^the family may make representations until /), rule: 'O2' },
      ]);
      expect(dryReport.rows.find((r) => r.childId === 'D-B')?.reviews?.map((r) => r.onTime)).toEqual([true, false]);
      expect([dryReport.created, dryReport.wouldCreate]).toEqual([0, 2]);
      expect(t.services.store.cases.list()).toEqual([]);

      const res = await t.staff.iroUnit.post('/api/imports/open-to-review').set('content-type', 'text/csv').send(file);
      expect([res.status, res.body.created, res.body.alreadyThere]).toEqual([201, 2, 0]);
      const ids = Object.fromEntries((res.body as ImportReport<ImportedOpenToReviewRow>).rows.map((r) => [r.childId, r.caseId!]));
      t.cases.push(...Object.values(ids));
      await t.settle();

      const b = await h.env.client.workflow.getHandle(ids['D-B']).query(openToReviewCaseStateQuery);
      expect([b.status, b.openedOn, b.recordedOn, b.entry?.decision?.on]).toEqual(['open', ago(24), today, ago(22)]);
      expect(b.reviews.map((r) => [r.heldOn, r.type, r.onTime])).toEqual([
        [ago(18, -5), 'telephone', true],
        [ago(9), 'face-to-face', false],
      ]);
      expect(b.nextReview?.due).toBe(addMonths(ago(9), 6));
      // The plans after the imported reviews were the previous system's (O4): not owed here.
      expect(b.obligations.map((o) => o.key).filter((k) => k.includes('plan-shared'))).toEqual([]);

      // Nothing for a day gone by, no letter to the family; one catch-up per recipient, as go-live's.
      expect(t.outbox(ids['D-A'])).toEqual([]);
      const sent = t.outbox(ids['D-B']);
      expect(goLiveCatchUps(sent)).toEqual(expect.arrayContaining(['user:o2r-1', 'team-manager:north-1']));
      expect(sent.find((n) => n.to === 'user:o2r-1')?.subject).toMatch(/^Catching up: /);

      // The next days: the overdue review is chased as usual from now on, never the old deadlines one by one.
      await t.skipTo(addDays(today, 1));
      const later = t.outbox(ids['D-B']).filter((n) => !n.id.includes('/catch-up/'));
      for (const n of later) expect(n.id).toMatch(/\/chase\//);

      // The same file again, through the CLI: nothing new.
      cli = await importCli(t.app, 'iro-unit', 'unit-1');
      const { code, out, err } = await cli.run('open-to-review', file);
      expect([code, err]).toEqual([0, ['imported 2/2']]);
      expect(out[out.length - 1]).toBe('imported 2 rows: created 0, already there 2, refused 0');
      expect(out[1]).toMatch(
        /^row 3 D-B: already-there o2r-[0-9a-f]{24}; reviews 1 \S+ telephone on time, 2 \S+ face-to-face late \(due \S+\); next review due /,
      );
      expect(t.services.store.cases.list().length).toBe(2);
    });
  } finally {
    cli?.close();
    await t.done();
  }
}, 240_000);
