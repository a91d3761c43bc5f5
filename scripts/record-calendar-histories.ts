/**
 * Records a dispute and an O2R case that a newly proclaimed bank holiday reaches while they run
 * (the holiday inside the stage's and the family's windows), into test/fixtures/replay/ as
 * `calendar-<kind>-<label>-run-N.binpb`, for the replay test. Recorded once on the code from before
 * the deadlines followed the calendar (label `<date>-before`) and once after, so both kinds of
 * history are shown to replay: `node -r tsx/cjs scripts/record-calendar-histories.ts <label>`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { builtInCalendar } from '../data/reference-data';
import { addMonths, addYears } from '../workflows/calendar/iso-date';
import { calendarUpdated } from '../workflows/calendar/calendar-updated';
import { caseTeam, startHarness } from '../test/support/cycle-harness';

async function main(label: string) {
  const h = await startHarness();
  const t = await caseTeam(h, 'calendar-replay');
  const out = join(__dirname, '..', 'test', 'fixtures', 'replay');
  const cal = builtInCalendar();
  const ids: Record<string, string> = {};
  await t.worker.runUntil(async () => {
    const start = await t.today();
    const wd = (n: number) => cal.addWorkingDays(start, n);
    const d = await t.staff.iro
      .post('/api/disputes')
      .send({ childId: 'REPLAY-CAL-1', team: 'north-1', category: 'practice', summary: 'contact not arranged', startStage: 'informal' });
    ids['resolution-and-escalation'] = d.body.disputeId;
    t.disputes.push(d.body.disputeId);
    const o = await t.staff.teamManager.post('/api/open-to-review-cases').send({
      childId: 'REPLAY-CAL-2',
      dateOfBirth: addYears(start, -8),
      team: 'north-1',
      caseholder: 'o2r-sw-1',
      rationale: 'Stable home',
      eligibility: {
        stable: true,
        clearOutcomes: true,
        safeguardingConcerns: false,
        lookedAfter: false,
        continuingCare: false,
        unstableHealth: false,
        lifeLimitingIllness: false,
        significantOvernightShortBreaks: false,
      },
    });
    ids['open-to-review'] = o.body.caseId;
    t.cases.push(o.body.caseId);
    await t.settle();
    // A working day inside both windows is proclaimed a bank holiday; the API's broadcast, by hand
    // (the time-skipping server cannot list workflows).
    await t.staff.operator.post('/api/calendar/changes').send({ date: wd(2), title: 'one-off', reason: 'proclaimed' });
    for (const id of Object.values(ids)) await h.env.client.workflow.getHandle(id).signal(calendarUpdated, t.services.calendar.snapshot());
    await t.settle();
    await t.skipTo(wd(6), 18);
    await t.staff.iro
      .post(`/api/disputes/${ids['resolution-and-escalation']}/resolve`)
      .send({ outcome: 'resolved', summary: 'contact arranged' });
    await t.skipTo(wd(22));
    await t.staff.teamManager
      .post(`/api/open-to-review-cases/${ids['open-to-review']}/decision-note`)
      .send({ decision: 'not-o2r', rationale: 'family objection upheld', firstReviewOn: addMonths(start, 4) });
    await t.settle();
  });
  for (const [kind, id] of Object.entries(ids)) {
    for (
      const until = Date.now() + 30_000;
      Date.now() < until && (await h.env.client.workflow.getHandle(id).describe()).status.name === 'RUNNING';
    )
      await new Promise((r) => setTimeout(r, 50));
    const history = await h.env.client.workflow.getHandle(id).fetchHistory();
    writeFileSync(join(out, `calendar-${kind}-${label}-run-1.binpb`), temporal.api.history.v1.History.encode(history).finish());
    console.log(`recorded ${kind} (${(await h.env.client.workflow.getHandle(id).describe()).status.name}) as ${label}`);
  }
  await t.done();
  await h.env.teardown();
}

main(process.argv[2] ?? new Date().toISOString().slice(0, 10).replace(/-/g, '')).then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
