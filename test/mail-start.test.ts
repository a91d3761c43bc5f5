/**
 * Issue 12's "done when", as `npm start` runs it: CARE_REVIEWS_SMTP_URL and CARE_REVIEWS_DIRECTORY
 * set, an empty data folder, a child who came into care three weeks ago. The IRO unit receives the
 * request for the first review and what is overdue, each exactly once, across a kill -9 of the
 * whole process group (care-reviews and its embedded Temporal server) mid-send and a restart; the
 * team manager named in the directory at the time (changed mid-case) receives the L10 prompt.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mintToken } from '../platform/auth/tokens';
import { Role } from '../platform/auth/roles';
import { addDays } from '../workflows/calendar/iso-date';
import { londonDate } from '../workflows/calendar/office-hours';
import { FROM, testDirectory } from './support/directory';
import { testSecret, tokenSettings } from './support/security';
import { bodyOf, startSmtp, TestSmtp } from './support/smtp';
import { freePort, tempDir } from './support/temporal';

const tmp = tempDir('mail-start');
let smtp: TestSmtp;
let app: { child: ChildProcess; output: () => string; exited: Promise<unknown> } | undefined;
let env: NodeJS.ProcessEnv;
let base: string;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  smtp = await startSmtp();
  const directory = join(tmp.dir, 'directory.json');
  writeFileSync(directory, JSON.stringify(testDirectory()));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  env = {
    ...process.env,
    CARE_REVIEWS_DATA_DIR: join(tmp.dir, 'data'),
    CARE_REVIEWS_DIRECTORY: directory,
    CARE_REVIEWS_SMTP_URL: smtp.url,
    CARE_REVIEWS_MAIL_FROM: FROM,
    CARE_REVIEWS_PUBLIC_URL: 'https://care-reviews.council.example.org/',
    CARE_REVIEWS_JWT_SECRET: testSecret.toString('utf8'),
    CARE_REVIEWS_ID_KEY: Buffer.alloc(32, 9).toString('base64'),
    CARE_REVIEWS_ENCRYPTION_KEYS: `t1:${Buffer.alloc(32, 7).toString('base64')}`,
    PORT: String(port),
    TEMPORAL_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
  };
});
afterAll(async () => {
  if (app) process.kill(-app.child.pid!, 'SIGKILL');
  await smtp?.stop();
  tmp.remove();
});

/** `npm start` in its own process group, resolved once it says it is ready. */
async function start() {
  const child = spawn(process.execPath, ['-r', 'tsx/cjs', 'main.ts'], { cwd: join(__dirname, '..'), env, detached: true });
  let output = '';
  child.stdout!.on('data', (c) => (output += c));
  child.stderr!.on('data', (c) => (output += c));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  app = { child, output: () => output, exited };
  for (let i = 0; i < 240 && !output.includes('ready;'); i++) await pause(500);
  if (!output.includes('ready;')) throw new Error(`npm start did not become ready:\n${output}`);
  return app;
}

async function call<T = Record<string, unknown>>(role: Role, method: 'GET' | 'POST', path: string, body?: object, userId = `e2e-${role}`) {
  const token = await mintToken(testSecret, tokenSettings, { userId, roles: [role] });
  const r = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: r.status, body: (await r.json()) as T };
}

/** Waits until no email has arrived for `quietMs`. */
async function quiet(quietMs = 3000) {
  let last = -1;
  while (smtp.received.length !== last) {
    last = smtp.received.length;
    await pause(quietMs);
  }
}

test('npm start with SMTP and a directory: each email once across kill -9, the prompt to the team manager of the day', async () => {
  const today = londonDate(Date.now());
  // The second email is held by a slow server when the whole process group is killed.
  smtp.options.delayMs = 1000;
  let killed: string | undefined;
  smtp.options.onData = (messageId) => {
    if (smtp.received.length === 1 && !killed && app) {
      killed = messageId;
      process.kill(-app.child.pid!, 'SIGKILL');
    }
  };
  const first = await start();
  const started = await call('iro-unit', 'POST', '/api/looked-after-cycles', {
    childId: 'E2E-1',
    becameLookedAfter: addDays(today, -21),
    dateOfBirth: '2015-06-01',
    legalStatus: 'C2',
    placementType: 'foster',
    team: 'south-1',
  });
  expect(started.status).toBe(201);
  const cycleId = started.body.cycleId as string;
  await first.exited;
  expect(killed).toBeDefined();
  await pause(1500);
  expect(smtp.abandoned).toEqual([killed]);

  smtp.options.delayMs = 0;
  await start();
  await quiet();
  type Outbox = {
    notifications: { recipient: string; kind: string; status: string; deliveries: { messageId: string; interrupted: number }[] }[];
  };
  const { notifications } = (await call<Outbox>('iro-unit', 'GET', `/api/notifications?caseId=${cycleId}`)).body;
  // Every notification emailed, each delivery received exactly once, the interrupted one included.
  expect(notifications.filter((n) => n.status !== 'sent')).toEqual([]);
  const deliveries = notifications.flatMap((n) => n.deliveries);
  expect(deliveries.map((d) => [d.messageId, smtp.count(d.messageId)])).toEqual(deliveries.map((d) => [d.messageId, 1]));
  expect(smtp.received).toHaveLength(deliveries.length);
  expect(deliveries.filter((d) => d.interrupted > 0).map((d) => d.messageId)).toEqual([killed]);
  // The IRO unit: the request for the first review (L1) and what is already overdue.
  const toUnit = smtp.received.filter((r) => r.to.includes('iro.unit@council.example.org')).map((r) => r.subject);
  // Named by the child's case-system id and team (kept when the API started the case), with a link to the case's page.
  const child = 'Child E2E-1, team south-1: ';
  expect(toUnit).toEqual(
    expect.arrayContaining([
      `${child}Request for 20 day LAC review`,
      expect.stringMatching(/^Child E2E-1, team south-1: Catching up: \d+ overdue/),
    ]),
  );
  const request = smtp.received.find((r) => r.subject === `${child}Request for 20 day LAC review`)!;
  expect(bodyOf(request.raw)).toContain(`https://care-reviews.council.example.org/cases/looked-after/${cycleId}`);
  expect(bodyOf(request.raw)).toContain('L1: the IRO unit is asked for the 20 day review');
  expect(notifications.some((n) => n.kind === 'request-first-review' && n.recipient === 'iro-unit')).toBe(true);

  // The team's manager changes mid-case; the review's L10 prompt goes to the new one.
  const sm = (path: string, body: object) => call('service-manager', 'POST', path, body, 'sm-1');
  await sm('/api/directory/people', { staffId: 'tm-5', name: 'Ola Adeyemi', email: 'ola.adeyemi@council.example.org', team: 'south-1' });
  expect((await sm('/api/directory/teams/south-1', { teamManagers: ['tm-5'], serviceManager: 'sm-1' })).status).toBe(200);
  expect((await call('iro-unit', 'POST', `/api/looked-after-cycles/${cycleId}/iro`, { staffId: 'iro-3' })).status).toBe(200);
  // Held and circulated yesterday: the L10 prompt goes at 09:00 on the day the decisions were
  // received, so a run before 09:00 (CI at night) would otherwise wait for the morning.
  const yesterday = addDays(today, -1);
  const held = await call(
    'iro',
    'POST',
    `/api/looked-after-cycles/${cycleId}/reviews`,
    { heldOn: yesterday, participation: 'PN1' },
    'iro-3',
  );
  expect(held.status).toBe(201);
  const circulated = await call(
    'iro',
    'POST',
    `/api/looked-after-cycles/${cycleId}/tasks`,
    { key: 'r1/decisions-circulated', on: yesterday },
    'iro-3',
  );
  expect(circulated.status).toBe(200);
  await quiet();
  const prompts = smtp.received.filter((r) => /r1\/team-manager-response\/.*\/prompt/.test(r.notificationId));
  expect(prompts.map((r) => r.to)).toEqual([['ola.adeyemi@council.example.org']]);
  expect(smtp.received.filter((r) => r.to.includes('tomasz.nowak@council.example.org') && r.notificationId.includes('/r1/'))).toEqual([]);
}, 300_000);
