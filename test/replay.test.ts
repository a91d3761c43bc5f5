/**
 * Years-long cycles must survive code changes: recorded histories of a real cycle (every kind of
 * event: IRO appointed, bring-forward, booking moved, tasks, a review held and continued as new,
 * the team manager's disagreement, a placement change, cessation) replay against today's workflow
 * code. A change that would break running cycles fails here; guard it with patched() and record
 * new fixtures (scripts/record-replay-histories.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { encryptedDataConverter } from '../worker/encryption/data-converter';
import { bundleWorkflows } from '../worker/worker';
import { testKeyring } from './support/security';
import './support/temporal';

const DIR = join(__dirname, 'fixtures', 'replay');
const files = readdirSync(DIR).filter((f) => f.endsWith('.binpb')).sort();
const load = (f: string) => temporal.api.history.v1.History.decode(readFileSync(join(DIR, f)));
let bundle: WorkflowBundleWithSourceMap;
beforeAll(async () => { bundle = await bundleWorkflows(); });

test('the fixtures cover a whole period of care: continued as new after the review, then ceased', () => {
  expect(files.length).toBeGreaterThanOrEqual(2);
  const EventType = temporal.api.enums.v1.EventType;
  const last = (f: string) => load(f).events!.at(-1)!.eventType;
  expect(last(files[0])).toBe(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
  expect(last(files.at(-1)!)).toBe(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
  const types = new Set(files.flatMap((f) => load(f).events!.map((e) => e.eventType)));
  expect(types).toContain(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED);
  expect(types).toContain(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED);
  expect(types).toContain(EventType.EVENT_TYPE_TIMER_FIRED);
});

test.each(files)('%s replays against the current workflow code without nondeterminism', async (file) => {
  await Worker.runReplayHistory(
    { workflowBundle: bundle, dataConverter: encryptedDataConverter(testKeyring), replayName: file },
    load(file),
  );
});
