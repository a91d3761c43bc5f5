/**
 * Years-long cases must survive code changes: recorded histories replay against today's workflow
 * code. A real cycle (IRO appointed, bring-forward, booking moved, tasks, a review held and
 * continued as new, the team manager's disagreement, a placement change, cessation), a dispute
 * (stages climbed, a response, an escalation, CAFCASS, resolution) and an O2R case (letter,
 * objection, decision note, EHCP date, reviews, a visit, leaving) and a CIN case (first date, moved,
 * documents, a report requested, a review continued as new, a step up). A change that would break running cycles fails here; guard it with patched() and record
 * new fixtures (scripts/record-replay-histories.ts). A dispute and an O2R case that a proclaimed bank
 * holiday reaches, recorded on the code from before their deadlines followed it (`-before`) and after
 * (scripts/record-calendar-histories.ts), show both histories replay.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { encryptedDataConverter } from '../platform/encryption/data-converter';
import { bundleWorkflows } from '../worker/worker';
import { testKeyring } from './support/security';
import './support/temporal';

const DIR = join(__dirname, 'fixtures', 'replay');
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.binpb'))
  .sort();
const load = (f: string) => temporal.api.history.v1.History.decode(readFileSync(join(DIR, f)));
let bundle: WorkflowBundleWithSourceMap;
beforeAll(async () => {
  bundle = await bundleWorkflows();
});

test.each(['looked-after-cycle', 'open-to-review', 'cin-review'])(
  'the %s fixtures cover a whole case: continued as new after a review, then ended',
  (kind) => {
    // The newest recording of this kind (older ones stay, replayed below with the rest).
    const recordings = [...new Set(files.filter((f) => f.startsWith(`${kind}-`)).map((f) => f.replace(/-run-\d+\.binpb$/, '')))].sort();
    const runs = files.filter((f) => f.startsWith(`${recordings.at(-1)}-run-`));
    expect(runs.length).toBeGreaterThanOrEqual(2);
    const EventType = temporal.api.enums.v1.EventType;
    const last = (f: string) => load(f).events!.at(-1)!.eventType;
    expect(last(runs[0])).toBe(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
    expect(last(runs.at(-1)!)).toBe(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
    const types = new Set(runs.flatMap((f) => load(f).events!.map((e) => e.eventType)));
    expect(types).toContain(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED);
    expect(types).toContain(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED);
    expect(types).toContain(EventType.EVENT_TYPE_TIMER_FIRED);
  },
);

test('a dispute fixture covers stages climbed, an escalation, CAFCASS and resolution', () => {
  const runs = files.filter((f) => f.startsWith('resolution-and-escalation-'));
  expect(runs.length).toBeGreaterThanOrEqual(1);
  const EventType = temporal.api.enums.v1.EventType;
  const events = load(runs[0]).events!;
  expect(events.at(-1)!.eventType).toBe(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
  expect(events.filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED).length).toBeGreaterThanOrEqual(5);
  expect(events.some((e) => e.eventType === EventType.EVENT_TYPE_TIMER_FIRED)).toBe(true);
});

test.each(files)('%s replays against the current workflow code without nondeterminism', async (file) => {
  await Worker.runReplayHistory(
    { workflowBundle: bundle, dataConverter: encryptedDataConverter(testKeyring), replayName: file },
    load(file),
  );
});
