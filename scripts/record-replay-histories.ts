/**
 * Records real looked-after cycle histories (time-skipping server, the current workflow code) into
 * test/fixtures/replay/, for the replay test that stops a code change from breaking running cycles.
 * Run after a deliberate, versioned change (`npm run record-replay`); earlier recordings are kept.
 * Payloads are encrypted with the fixed test key, as in every test.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { addDays } from '../workflows/calendar/iso-date';
import { caseTeam, startHarness } from '../test/support/cycle-harness';
import { cycleStateQuery } from '../workflows/looked-after-cycle/messages';

async function main() {
  const h = await startHarness();
  const t = await caseTeam(h, 'replay');
  const out = join(__dirname, '..', 'test', 'fixtures', 'replay');
  // Recordings are kept side by side, named by the day they were made: older ones hold histories
  // from older code, which is exactly what running cases have.
  // REPLAY_TAG names a second recording on one day (e.g. 20261124-record) without replacing the first.
  const recordedOn = process.env.REPLAY_TAG ?? new Date().toISOString().slice(0, 10).replace(/-/g, '');
  let cin = '';
  await t.worker.runUntil(async () => {
    const start = await t.today();
    const id = await t.comeIntoCare({ childId: 'REPLAY-1', profile: 'stoke-on-trent' });
    const cycle = `/api/looked-after-cycles/${id}`;
    await t.staff.iroUnit.post(`${cycle}/iro`).send({ staffId: 'iro-1' });
    await t.staff.teamManager.post(`${cycle}/social-worker`).send({ staffId: 'sw-1' });
    await t.staff.socialWorker.post(`${cycle}/bring-forward`).send({ reason: 'care-plan-change', dueBy: addDays(start, 20) });
    await t.staff.iro.post(`${cycle}/booking`).send({ meetingOn: addDays(start, 14), venue: 'School' });
    await t.skipTo(addDays(start, 3));
    await t.staff.iroUnit.post(`${cycle}/tasks`).send({ key: 'r1/invitations' });
    await t.staff.iro.post(`${cycle}/booking`).send({ meetingOn: addDays(start, 15), reason: 'room double-booked' });
    await t.skipTo(addDays(start, 15));
    await t.holdReview(id, {
      heldOn: addDays(start, 15),
      participation: 'PN1',
      decisions: [{ text: 'Contact plan', owner: 'social-worker', dueOn: addDays(start, 40) }],
      starredRecommendations: ['Advocate'],
    });
    await t.skipTo(addDays(start, 18));
    await t.staff.iro.post(`${cycle}/tasks`).send({ key: 'r1/decisions-circulated' });
    await t.staff.teamManager.post(`${cycle}/reviews/1/decision-response`).send({ response: 'disagree', reason: 'not resourced' });
    await t.staff.iro.post(`${cycle}/reviews/1/disagreement`).send({ outcome: 'settled' });
    await t.skipTo(addDays(start, 60));
    await t.staff.socialWorker.post(`${cycle}/placement-changes`).send({ on: addDays(start, 59), type: 'kinship-foster' });
    await t.staff.socialWorker.post(`${cycle}/cease`).send({ on: addDays(start, 60), reason: 'special guardianship order' });
    // L13: a ceased cycle follows up its review until everything is done; done here, so the run completes.
    const ceased = h.env.client.workflow.getHandle(id);
    for (const o of (await ceased.query(cycleStateQuery)).obligations) {
      const by = o.owner === 'social-worker' ? t.staff.socialWorker : o.owner === 'iro-unit' ? t.staff.iroUnit : t.staff.iro;
      await by.post(`${cycle}/tasks`).send({ key: o.key });
    }
    for (const until = Date.now() + 30_000; Date.now() < until && (await ceased.describe()).status.name === 'RUNNING';)
      await new Promise((res) => setTimeout(res, 50));
    // A dispute nobody answers for two stages, referred to CAFCASS, then resolved.
    {
      const start = await t.today();
      const r = await t.staff.iro
        .post('/api/disputes')
        .send({ childId: 'REPLAY-2', team: 'north-1', category: 'practice', summary: 'contact plan not followed', startStage: 'informal' });
      t.disputes.push(r.body.disputeId);
      await t.settle();
      await t.skipTo(addDays(start, 14));
      await t.staff.socialWorker.post(`/api/disputes/${r.body.disputeId}/responses`).send({ note: 'looking into it' });
      await t.staff.iro.post(`/api/disputes/${r.body.disputeId}/escalate`).send({ toStage: 3, reason: 'no progress' });
      await t.staff.iro.post(`/api/disputes/${r.body.disputeId}/cafcass`).send({ reason: 'plan not addressed' });
      await t.skipTo(addDays(start, 35));
      await t.staff.iro.post(`/api/disputes/${r.body.disputeId}/cafcass-decision`).send({ text: 'no action' });
      await t.staff.iro.post(`/api/disputes/${r.body.disputeId}/resolve`).send({ outcome: 'resolved', summary: 'plan revised' });
      await t.settle();
    }
    // An O2R case: letter, objection, decision note, a review, a visit, the EHCP date, then leaving.
    {
      const eligibility = {
        stable: true,
        clearOutcomes: true,
        safeguardingConcerns: false,
        lookedAfter: false,
        continuingCare: false,
        unstableHealth: false,
        lifeLimitingIllness: false,
        significantOvernightShortBreaks: false,
      };
      const start = await t.today();
      const r = await t.staff.teamManager.post('/api/open-to-review-cases').send({
        childId: 'REPLAY-3',
        dateOfBirth: '2016-02-02',
        team: 'north-1',
        caseholder: 'o2r-sw-1',
        rationale: 'stable',
        eligibility,
      });
      const id = r.body.caseId as string;
      const o = `/api/open-to-review-cases/${id}`;
      t.cases.push(id);
      await t.settle();
      await t.staff.socialWorker.post(`${o}/representations`).send({ objection: true, summary: 'prefers an allocated worker' });
      await t.skipTo(addDays(start, 35));
      await t.staff.teamManager
        .post(`${o}/decision-note`)
        .send({ decision: 'o2r', rationale: 'objection considered', firstReviewOn: addDays(start, 90) });
      await t.staff.socialWorker.post(`${o}/ehcp`).send({ annualReviewOn: addDays(start, 200) });
      await t.skipTo(addDays(start, 90));
      const handle = h.env.client.workflow.getHandle(id);
      const before = (await handle.describe()).runId;
      await t.staff.socialWorker
        .post(`${o}/reviews`)
        .send({ heldOn: addDays(start, 90), type: 'telephone', childSeen: false, parentsSeen: true, outcome: 'continue' });
      // Wait for the new run: a query landing on the closing one is slow on this server.
      for (const until = Date.now() + 30_000; Date.now() < until && (await handle.describe()).runId === before;)
        await new Promise((res) => setTimeout(res, 50));
      await t.skipTo(addDays(start, 120));
      await t.staff.socialWorker.post(`${o}/visits`).send({ on: addDays(start, 120), childSeen: true });
      await t.staff.socialWorker.post(`${o}/tasks`).send({ key: 'r1/plan-shared' });
      await t.staff.socialWorker.post(`${o}/reviews`).send({
        heldOn: addDays(start, 120),
        type: 'face-to-face',
        childSeen: true,
        parentsSeen: true,
        outcome: 'leave',
        leaveReason: 'more-frequent-reviews-needed',
      });
      for (const until = Date.now() + 30_000; Date.now() < until && (await handle.describe()).status.name === 'RUNNING';)
        await new Promise((res) => setTimeout(res, 50));
    }
    // A CIN case: first date agreed, moved, documents, a report requested, a review (continued as new), then a step up.
    {
      const start = await t.today();
      const r = await t.staff.teamManager.post('/api/cin-reviews').send({
        childId: 'REPLAY-4',
        team: 'north-1',
        socialWorker: 'sw-1',
        iro: 'iro-1',
        criteria: ['second-cin-plan'],
        approvedBy: { staffId: 'tm-1', role: 'team-manager' },
        agreedBy: 'unit-1',
      });
      cin = r.body.caseId as string;
      const c = `/api/cin-reviews/${cin}`;
      const handle = h.env.client.workflow.getHandle(cin);
      await t.skipTo(addDays(start, 3));
      await t.staff.socialWorker
        .post(`${c}/first-date`)
        .send({ date: addDays(start, 30), venue: 'Family centre', invited: ['school', 'gp'] });
      await t.staff.iro.post(`${c}/booking`).send({ to: addDays(start, 35), reason: 'chair unwell' });
      await t.staff.socialWorker.post(`${c}/report-requests`).send({ agency: 'school' });
      await t.skipTo(addDays(start, 31));
      await t.staff.socialWorker.post(`${c}/tasks`).send({ key: 'r1/documents/childs-plan' });
      await t.skipTo(addDays(start, 36));
      const before = (await handle.describe()).runId;
      await t.staff.iro.post(`${c}/reviews`).send({
        heldOn: addDays(start, 36),
        socialWorkerPresent: true,
        careTeam: [
          { member: 'school', attendance: 'attended' },
          { member: 'gp', attendance: 'report-awaited' },
        ],
        nextDate: addDays(start, 120),
      });
      for (const until = Date.now() + 30_000; Date.now() < until && (await handle.describe()).runId === before;)
        await new Promise((res) => setTimeout(res, 50));
      await t.skipTo(addDays(start, 45));
      await t.staff.socialWorker.post(`${c}/tasks`).send({ key: 'r1/report/gp' });
      await t.staff.teamManager.post(`${c}/end`).send({ outcome: 'step-up-child-protection', summary: 'section 47 enquiry' });
      for (const until = Date.now() + 30_000; Date.now() < until && (await handle.describe()).status.name === 'RUNNING';)
        await new Promise((res) => setTimeout(res, 50));
    }
  });
  for (const [name, id] of [
    ['looked-after-cycle', t.cycles[0]],
    ['resolution-and-escalation', t.disputes[0]],
    ['open-to-review', t.cases[0]],
    ['cin-review', cin],
  ] as const) {
    // The time-skipping server cannot list workflows: walk the chain of runs from the last.
    let runId: string | undefined = (await h.env.client.workflow.getHandle(id).describe()).runId;
    const chain: string[] = [];
    while (runId) {
      chain.unshift(runId);
      const history: temporal.api.history.v1.IHistory = await h.env.client.workflow.getHandle(id, runId).fetchHistory();
      runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
    }
    for (const [i, r] of chain.entries()) {
      const history = await h.env.client.workflow.getHandle(id, r).fetchHistory();
      // Binary protobuf: exactly what the server sent, payloads still encrypted.
      writeFileSync(join(out, `${name}-${recordedOn}-run-${i + 1}.binpb`), temporal.api.history.v1.History.encode(history).finish());
    }
    console.log(`recorded ${chain.length} runs of ${name} into ${out}`);
  }
  await t.done();
  await h.env.teardown();
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
