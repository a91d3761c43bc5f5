/**
 * Issue 14 item 2: `npx care-reviews record reconcile [--repair]` beside the running service (its
 * API, an operator's token) compares every case's facts with the statutory record. Facts a case has
 * and the record lacks (here: an IRO's appointment lost while the record was unreachable) are
 * reported by case and key with a non-zero exit; `--repair` appends them, and then all match.
 */
import { AddressInfo } from 'node:net';
import { Server } from 'node:http';
import { runCli } from '../api/cli';
import type { FactQuery } from '../data/record/record-store';
import type { Fact } from '../workflows/record/facts';
import { Harness, caseTeam, freshServerPerTest } from './support/cycle-harness';
import { MemoryRecord } from './support/memory-record';
import { tokenFor } from './support/security';

let h: Harness;
freshServerPerTest((x) => {
  h = x;
});

test('record reconcile reports the facts the record lacks, by case and key; --repair appends them; the operator only', async () => {
  const kept = new MemoryRecord();
  let losing = true;
  // The record as the workflows reach it: while `losing`, IRO appointments never arrive.
  const record = {
    append: (facts: Fact[]) => kept.append(losing ? facts.filter((f) => f.type !== 'looked-after/iro-appointed') : facts),
    facts: (q?: FactQuery) => kept.facts(q),
    close: async () => {},
  };
  const t = await caseTeam(h, 'reconcile', { record });
  let server: Server | undefined;
  try {
    await t.worker.runUntil(async () => {
      const a = await t.comeIntoCare({ childId: 'R-1' });
      const b = await t.comeIntoCare({ childId: 'R-2' });
      expect((await t.staff.iroUnit.post(`/api/looked-after-cycles/${a}/iro`).send({ staffId: 'iro-1' })).status).toBe(200);
      await t.settle();
      server = await new Promise<Server>((resolve) => {
        const s = t.app.listen(0, '127.0.0.1', () => resolve(s));
      });
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const cli = async (...args: string[]) => {
        const out: string[] = [];
        const code = await runCli(
          ['record', 'reconcile', ...args, '--url', url],
          (s) => out.push(s),
          (s) => out.push(s),
        );
        return { code, out };
      };

      // Not for other roles: the service refuses, the CLI says so.
      process.env.CARE_REVIEWS_TOKEN = await tokenFor('iro-unit', { userId: 'unit-1' });
      const refused = await cli();
      expect([refused.code, refused.out.join('\n')]).toEqual([expect.any(Number), expect.stringMatching(/403/)]);
      expect(refused.code).not.toBe(0);

      process.env.CARE_REVIEWS_TOKEN = await tokenFor('operator', { userId: 'ops-1' });
      const found = await cli();
      expect(found.code).toBe(1);
      expect(found.out[0]).toBe(
        '2 cases: 1 match the record, 1 differ, 0 ended and held by the record alone, 0 open in the record with no workflow (lost), 0 could not be read',
      );
      expect(found.out.slice(1, 3)).toEqual([
        `  ${a}: differs (1 missing from the record)`,
        expect.stringMatching(new RegExp(`^    ${a}/iro/iro-1/\\d{4}-\\d{2}-\\d{2}$`)),
      ]);
      expect(found.out.join('\n')).not.toContain(b);
      expect((await kept.facts({ types: ['looked-after/iro-appointed'] })).length).toBe(0);

      losing = false;
      const repaired = await cli('--repair');
      expect([repaired.code, repaired.out[0]]).toEqual([
        0,
        '2 cases: 2 match the record, 0 differ, 0 ended and held by the record alone, 0 open in the record with no workflow (lost), 0 could not be read; 1 facts appended',
      ]);
      expect((await kept.facts({ types: ['looked-after/iro-appointed'] })).map((f) => f.caseId)).toEqual([a]);
      expect((await cli()).code).toBe(0);
    });
  } finally {
    delete process.env.CARE_REVIEWS_TOKEN;
    server?.close();
    await t.done();
  }
});
