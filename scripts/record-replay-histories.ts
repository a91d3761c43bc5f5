/**
 * Records real looked-after cycle histories (time-skipping server, the current workflow code) into
 * test/fixtures/replay/, for the replay test that stops a code change from breaking running cycles.
 * Run after a deliberate, versioned change: `node -r tsx/cjs scripts/record-replay-histories.ts`.
 * Payloads are encrypted with the fixed test key, as in every test.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { addDays } from '../workflows/calendar/iso-date';
import { caseTeam, startHarness } from '../test/support/cycle-harness';

async function main() {
  const h = await startHarness();
  const t = await caseTeam(h, 'replay');
  const out = join(__dirname, '..', 'test', 'fixtures', 'replay');
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
    await t.holdReview(id, { heldOn: addDays(start, 15), participation: 'PN1', decisions: [{ text: 'Contact plan', owner: 'social-worker', dueOn: addDays(start, 40) }], starredRecommendations: ['Advocate'] });
    await t.skipTo(addDays(start, 18));
    await t.staff.iro.post(`${cycle}/tasks`).send({ key: 'r1/decisions-circulated' });
    await t.staff.teamManager.post(`${cycle}/reviews/1/decision-response`).send({ response: 'disagree', reason: 'not resourced' });
    await t.staff.iro.post(`${cycle}/reviews/1/disagreement`).send({ outcome: 'settled' });
    await t.skipTo(addDays(start, 60));
    await t.staff.socialWorker.post(`${cycle}/placement-changes`).send({ on: addDays(start, 59), type: 'kinship-foster' });
    await t.staff.socialWorker.post(`${cycle}/cease`).send({ on: addDays(start, 60), reason: 'special guardianship order' });
  });
  // The time-skipping server cannot list workflows: walk the chain of runs from the first.
  let runId: string | undefined = (await h.env.client.workflow.getHandle(t.cycles[0]).describe()).runId;
  const chain: string[] = [];
  while (runId) {
    chain.unshift(runId);
    const history: temporal.api.history.v1.IHistory = await h.env.client.workflow.getHandle(t.cycles[0], runId).fetchHistory();
    runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
  }
  for (const [i, r] of chain.entries()) {
    const history = await h.env.client.workflow.getHandle(t.cycles[0], r).fetchHistory();
    // Binary protobuf: exactly what the server sent, payloads still encrypted.
    writeFileSync(join(out, `looked-after-cycle-run-${i + 1}.binpb`), temporal.api.history.v1.History.encode(history).finish());
  }
  console.log(`recorded ${chain.length} runs into ${out}`);
  await t.done();
  await h.env.teardown();
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
