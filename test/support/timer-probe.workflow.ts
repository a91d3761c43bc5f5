/**
 * The crash test's timer probe: a workflow whose only step is a durable timer, set before the
 * kill -9 and due after it, so the test can see, in real time, a timer fire after the restart.
 * (The case workflows' own timers fall due at 09:00 or 17:00 England time only.)
 */
import { sleep } from '@temporalio/workflow';

export async function timerProbe(ms: number): Promise<{ setAt: number; firedAt: number }> {
  const setAt = Date.now();
  await sleep(ms);
  return { setAt, firedAt: Date.now() };
}
