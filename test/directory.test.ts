/**
 * Issue 12 part 1: the directory. Its file is checked whole at start (a bad one stops the start
 * naming the path and the field), addresses resolve through it, and it is kept through the API by
 * an operator or a service manager, every change audited.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { checkDirectory, resolveAddress } from '../data/directory';
import { readDirectoryFile } from '../data/directory-store';
import { EXAMPLE_DIRECTORY, loadDirectory } from '../worker/mail';
import { as } from './support/security';
import { makeApp, makeServices, tempDir } from './support/temporal';
import { testDirectory } from './support/directory';

const tmp = tempDir('directory');
const services = makeServices(tmp.dir);
const app = makeApp(new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) }), services, 'unused');
afterAll(() => {
  services.store.close();
  tmp.remove();
});

describe('a directory file is checked whole: the first mistake is named by its field', () => {
  const d = testDirectory();
  test.each([
    ['a person without an email', { ...d, people: [{ ...d.people[0], email: undefined }] }, 'people[0].email'],
    ['an email that is not one', { ...d, people: [{ ...d.people[0], email: 'imani at council' }] }, 'people[0].email'],
    ['the same staff id twice', { ...d, people: [...d.people, d.people[0]] }, 'people[3].staffId'],
    [
      'a team manager not in the directory',
      { ...d, teams: { 'south-1': { teamManagers: ['tm-9'], serviceManager: null } } },
      'teams.south-1.teamManagers[0]',
    ],
    [
      'a service manager not in the directory',
      { ...d, teams: { 'south-1': { teamManagers: [], serviceManager: 'sm-9' } } },
      'teams.south-1.serviceManager',
    ],
    ['no IRO unit manager mailbox', { ...d, mailboxes: { 'iro-unit': 'a@council.example.org' } }, 'mailboxes.iro-unit-manager'],
    ['a mailbox name in capitals', { ...d, mailboxes: { ...d.mailboxes, 'IRO Unit': 'a@council.example.org' } }, 'mailboxes.IRO Unit'],
    ['an unknown field', { ...d, managers: [] }, 'directory'],
  ])('%s', (_why, input, field) => {
    const r = checkDirectory(input);
    expect(r.ok ? 'accepted' : r.field).toBe(field);
  });

  test("the issue's own example, and the shipped example, are accepted", () => {
    const example = {
      people: [{ staffId: 'iro-3', name: 'A Person', email: 'a.person@example.gov.uk', roles: ['iro'], team: null }],
      teams: { 'south-1': { teamManagers: [], serviceManager: null } },
      mailboxes: { 'iro-unit': 'iro.unit@example.gov.uk', 'iro-unit-manager': 'iro.manager@example.gov.uk' },
    };
    expect(checkDirectory(example).ok).toBe(true);
    expect(readDirectoryFile(EXAMPLE_DIRECTORY).directory.people.length).toBeGreaterThan(0);
  });

  test('a bad file: the message names the file and the field', () => {
    const path = join(tmp.dir, 'bad.json');
    writeFileSync(path, JSON.stringify({ ...d, people: [{ ...d.people[0], email: 'nope' }] }));
    expect(() => readDirectoryFile(path)).toThrow(`directory file ${path}: people[0].email: `);
    writeFileSync(path, '{"people": [');
    expect(() => readDirectoryFile(path)).toThrow(`directory file ${path}: not JSON`);
    expect(() => readDirectoryFile(join(tmp.dir, 'none.json'))).toThrow(/cannot be read \(ENOENT\)/);
  });

  test('npm start refuses to start on a bad file, naming the path and the field, before starting anything', () => {
    const path = join(tmp.dir, 'bad-start.json');
    writeFileSync(path, JSON.stringify({ ...d, teams: { 'south-1': { teamManagers: ['tm-9'] } } }));
    const r = spawnSync(process.execPath, ['-r', 'tsx/cjs', 'main.ts'], {
      cwd: join(__dirname, '..'),
      env: { ...process.env, CARE_REVIEWS_DATA_DIR: join(tmp.dir, 'start'), CARE_REVIEWS_DIRECTORY: path, PORT: '1' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`could not start: directory file ${path}: teams.south-1.teamManagers[0]: no person with staffId tm-9`);
  });
});

describe('addresses resolve through the directory as it stands', () => {
  const d = testDirectory();
  test.each([
    ['user:iro-3', undefined, ['imani.okafor@council.example.org']],
    ['team-manager:south-1', undefined, ['tomasz.nowak@council.example.org']],
    ['iro-unit', undefined, ['iro.unit@council.example.org']],
    ['service-manager', 'south-1', ['grace.bell@council.example.org']],
    ['service-manager', 'north-2', ['service.managers@council.example.org']],
    ['service-manager', undefined, ['service.managers@council.example.org']],
  ])('%s (case team %s)', (address, team, emails) => {
    const r = resolveAddress(d, address, team);
    expect(r.kind === 'to' ? r.recipients.map((p) => p.email) : r).toEqual(emails);
  });

  test.each(['user:sw-99', 'team-manager:south-9', 'social-worker:south-1', 'deputy-director', 'strategic-manager'])(
    '%s: nobody, a gap',
    (address) => {
      expect(resolveAddress(d, address)).toEqual({ kind: 'gap', reason: `no recipient for ${address}` });
    },
  );

  test('a mailbox keyed by a whole address fills it (a team duty inbox), and a family letter is not emailed', () => {
    const withDuty = { ...d, mailboxes: { ...d.mailboxes, 'social-worker:south-1': 'south-1.duty@council.example.org' } };
    expect(resolveAddress(withDuty, 'social-worker:south-1')).toMatchObject({
      kind: 'to',
      recipients: [{ email: 'south-1.duty@council.example.org' }],
    });
    expect(resolveAddress(d, 'family:o2r-0123').kind).toBe('not-emailed');
  });
});

describe('the file at start, and the API afterwards', () => {
  const store = services.store;
  const file = (name: string, content: object) => {
    const path = join(tmp.dir, name);
    writeFileSync(path, JSON.stringify(content));
    return { path, ...readDirectoryFile(path) };
  };

  test('the file is loaded (audited); loaded again unchanged it leaves changes made through the API in place', async () => {
    const f = file('directory.json', testDirectory());
    expect(loadDirectory(store, f)).toMatch(/revision 1 loaded from .*directory.json: 3 people, 1 teams, 3 mailboxes/);
    expect(store.audit({ target: 'directory' })).toMatchObject([{ userId: 'directory-file', route: 'CARE_REVIEWS_DIRECTORY' }]);

    const sm = await as(app, 'service-manager', { userId: 'sm-1' });
    const added = await sm
      .post('/api/directory/people')
      .send({ staffId: 'tm-5', name: 'Ola Adeyemi', email: 'ola.adeyemi@council.example.org', roles: ['team-manager'], team: 'south-1' });
    expect([added.status, added.body.revision]).toEqual([201, 2]);
    const team = await sm.post('/api/directory/teams/south-1').send({ teamManagers: ['tm-5'], serviceManager: 'sm-1' });
    expect([team.status, team.body.revision]).toEqual([200, 3]);

    expect(loadDirectory(store, f)).toMatch(/revision 3 .*unchanged since it was loaded/);
    expect(resolveAddress(store.directory.current()!.directory, 'team-manager:south-1')).toMatchObject({
      recipients: [{ email: 'ola.adeyemi@council.example.org' }],
    });
    // Each change is in the audit log: who, the route, the fields sent (not their values).
    const audit = store.audit({ userId: 'sm-1' });
    expect(audit.map((a) => [a.route, a.fields.join(','), a.outcome])).toEqual([
      ['POST /api/directory/people', 'staffId,name,email,roles,team', 'done'],
      ['POST /api/directory/teams/:team', 'teamManagers,serviceManager', 'done'],
    ]);

    // An edited file replaces the directory.
    expect(
      loadDirectory(
        store,
        file('directory.json', { ...testDirectory(), mailboxes: { ...testDirectory().mailboxes, cafcass: 'c@cafcass.example.org' } }),
      ),
    ).toMatch(/revision 4 loaded/);
  });

  test('changes that would leave the directory unusable are refused, naming the field', async () => {
    const op = await as(app, 'operator');
    const before = store.directory.revision();
    const cases: [string, object, number, string][] = [
      ['/api/directory/teams/south-1', { teamManagers: ['tm-9'] }, 422, 'teamManagers[0]'],
      ['/api/directory/teams/south-1', { teamManagers: 'tm-4' }, 400, 'teamManagers'],
      ['/api/directory/people/tm-4/remove', {}, 422, 'staffId'],
      ['/api/directory/people/nobody/remove', {}, 404, 'staffId'],
      ['/api/directory/mailboxes/iro-unit-manager', { email: null }, 422, 'email'],
      ['/api/directory/mailboxes/iro-unit', { email: 'not an address' }, 400, 'email'],
      ['/api/directory/people', { staffId: 'x-1', name: 'X', email: 'x@council.example.org', extra: 1 }, 400, 'extra'],
      // A name of control characters only (a NUL) would greet nobody and breaks mail headers.
      ['/api/directory/people', { staffId: 'x-1', name: '\u0000', email: 'x@council.example.org' }, 400, 'name'],
      ['/api/directory/people', { staffId: 'x-1', name: 'A\u0007Person', email: 'x@council.example.org' }, 400, 'name'],
    ];
    for (const [path, body, status, field] of cases) {
      const r = await op.post(path).send(body);
      expect([path, r.status, r.body.error?.field]).toEqual([path, status, field]);
    }
    expect(store.directory.revision()).toBe(before);
    // Only operators and service managers keep it; the IRO unit reads it.
    expect(
      (await (await as(app, 'team-manager', { team: 'south-1' })).post('/api/directory/teams/south-1').send({ teamManagers: [] })).status,
    ).toBe(403);
    const read = await (await as(app, 'iro-unit')).get('/api/directory');
    expect([read.status, read.body.revision, read.body.gaps]).toEqual([200, before, []]);
  });

  test('a mailbox set and removed; a person removed once they manage nothing', async () => {
    const op = await as(app, 'operator');
    expect((await op.post('/api/directory/mailboxes/social-worker:south-1').send({ email: 'duty@council.example.org' })).status).toBe(200);
    expect(store.directory.current()!.directory.mailboxes['social-worker:south-1']).toBe('duty@council.example.org');
    expect((await op.post('/api/directory/mailboxes/social-worker:south-1').send({ email: null })).status).toBe(200);
    expect(store.directory.current()!.directory.mailboxes['social-worker:south-1']).toBeUndefined();
    expect((await op.post('/api/directory/people/iro-3/remove').send()).status).toBe(200);
    expect(store.directory.current()!.directory.people.map((p) => p.staffId)).not.toContain('iro-3');
  });
});
