/**
 * The go-live import's tests: the CLI run beside the test's app (listening on a free port, a token
 * in CARE_REVIEWS_TOKEN, the file written to a temporary folder), and what every imported case's
 * notifications must show on the import day: one catch-up per recipient, named as go-live's.
 */
import type { Express } from 'express';
import { writeFileSync } from 'node:fs';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { runCli } from '../../api/cli';
import type { Role } from '../../platform/auth/roles';
import { tokenFor } from './security';
import { tempDir } from './temporal';

export async function importCli(app: Express, role: Role, userId: string) {
  const tmp = tempDir('import-cli');
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.CARE_REVIEWS_TOKEN = await tokenFor(role, { userId });
  return {
    async run(kind: string, csv: string, ...flags: string[]) {
      const path = join(tmp.dir, `${kind}.csv`);
      writeFileSync(path, csv);
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(
        ['import', kind, '--file', path, ...flags, '--url', url],
        (x) => out.push(x),
        (x) => err.push(x),
      );
      return { code, out, err };
    },
    close() {
      delete process.env.CARE_REVIEWS_TOKEN;
      server.close();
      tmp.remove();
    },
  };
}

/** Nothing but catch-ups, at most one per recipient, each named as go-live's (the morning digest); their recipients. */
export function goLiveCatchUps(sent: { kind: string; to: string; id: string }[]): string[] {
  expect(sent.map((n) => n.kind).filter((k) => k !== 'catch-up')).toEqual([]);
  const to = sent.map((n) => n.to);
  expect(new Set(to).size).toBe(to.length);
  for (const n of sent) expect(n.id).toContain('/catch-up/go-live/');
  return to;
}
