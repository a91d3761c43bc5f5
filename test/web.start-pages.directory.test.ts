/**
 * The operator's directory forms on a real stack, with bearer tokens: a team's managers, a role
 * mailbox and taking a person out, through the same functions as the API's routes (so the same
 * cross-checks refuse the same mistakes), and each gap linked to the form that fills it.
 */
import { gapForm } from '../web/routes/start/operator-directory';
import { as } from './support/security';
import { Stack, startStack } from './support/stack';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack('web-start-pages-directory');
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

function section(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  if (start < 0) throw new Error(`no ${id} on the page`);
  const isTable = html.slice(html.lastIndexOf('<', start), start).startsWith('<table');
  return html.slice(start, html.indexOf(isTable ? '</table>' : '</p>', start));
}

test('the directory: teams, mailboxes and removing a person through forms, as the API; gaps link to the form that fills them', async () => {
  expect(gapForm('team-manager:north-2')).toBe('/operator/teams/north-2');
  expect(gapForm('social-worker:south-1')).toBe('/operator/mailboxes/social-worker%3Asouth-1');
  const op = await as(stack.app, 'operator', { userId: 'op-1' });
  const box = await op.post('/operator/mailboxes/iro-unit-manager').type('form').send({ email: 'unit-manager@example.org' });
  expect([box.status, box.headers.location]).toEqual([303, '/operator']);
  const empty = await op.post('/operator/mailboxes/iro-unit-manager').type('form').send({ email: '' });
  expect(empty.status).toBe(422);
  expect(empty.text).toContain('mailbox is required');
  for (const [id, roles] of [
    ['tm-x', 'team-manager'],
    ['sw-x', 'social-worker'],
  ])
    expect(
      (
        await op
          .post('/operator/people')
          .type('form')
          .send({ staffId: id, name: `N ${id}`, email: `${id}@example.org`, roles })
      ).status,
    ).toBe(303);
  const unknown = await op.post('/operator/teams/north-2').type('form').send({ teamManagers: 'nobody-1' });
  expect(unknown.status).toBe(422);
  expect(unknown.text).toContain('There is a problem');
  const team = await op.post('/operator/teams/north-2').type('form').send({ teamManagers: 'tm-x', serviceManager: '' });
  expect(team.status).toBe(303);
  const api = (await op.get('/api/directory')).body.directory;
  expect(api.teams['north-2']).toEqual({ teamManagers: ['tm-x'], serviceManager: null });
  expect(api.mailboxes['iro-unit-manager']).toBe('unit-manager@example.org');
  const page = await op.get('/operator');
  expect(section(page.text, 'teams')).toContain('href="/operator/teams/north-2"');
  expect(section(page.text, 'mailboxes')).toContain('unit-manager@example.org');
  expect(section(page.text, 'directory')).toContain('href="/operator/people/sw-x/remove"');
  expect((await op.get('/operator/teams/north-2')).text).toContain('tm-x</textarea>');
  const manager = await op.post('/operator/people/tm-x/remove').type('form').send({});
  expect(manager.status).toBe(422);
  expect(manager.text).toContain('is a manager of team north-2');
  expect((await op.post('/operator/people/sw-x/remove').type('form').send({})).status).toBe(303);
  expect((await op.get('/api/directory')).body.directory.people.map((p: { staffId: string }) => p.staffId)).not.toContain('sw-x');
  expect((await op.get('/operator/people/sw-x/remove')).status).toBe(404);
  // A path the API would refuse is no page, even before the directory has that team or mailbox.
  expect((await op.get(`/operator/teams/${'x'.repeat(65)}`)).status).toBe(404);
  expect((await op.get('/operator/mailboxes/Not%20A%20Box')).status).toBe(404);
  expect((await (await as(stack.app, 'iro-unit')).post('/operator/teams/north-2').type('form').send({ teamManagers: 'tm-x' })).status).toBe(
    403,
  );
  expect((await (await as(stack.app, 'service-manager')).get('/operator/mailboxes/iro-unit-manager')).status).toBe(200);
});
