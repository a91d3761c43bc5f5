import { Client, Connection } from '@temporalio/client';
import { createActivities } from '../activities';
import { as } from './support/security';
import { makeApp, makeServices, tempDir } from './support/temporal';

const tmp = tempDir('outbox');
const services = makeServices(tmp.dir);
afterAll(() => {
  services.store.close();
  tmp.remove();
});

test('the notify activity records a notification once under its deterministic id, however often it is retried', async () => {
  const { notify } = createActivities(services);
  const n = {
    id: 'lac-0123456789abcdef01234567/review-1/review-overdue',
    recipient: 'iro-unit',
    caseId: 'lac-0123456789abcdef01234567',
    rule: 'L2',
    kind: 'review-overdue',
    subject: 's',
    body: 'b',
    dueDate: '2026-02-02',
  };
  expect(await notify(n)).toEqual({ id: n.id, recorded: true });
  expect(await notify(n)).toEqual({ id: n.id, recorded: false });
  expect(await notify({ ...n, body: 'changed on retry' })).toEqual({ id: n.id, recorded: false });
  await notify({ ...n, id: 'other', recipient: 'team-manager' });

  const app = makeApp(new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) }), services, 'unused');
  const iroUnit = await as(app, 'iro-unit');
  const r = await iroUnit.get('/api/notifications').query({ recipient: 'iro-unit' });
  expect(r.status).toBe(200);
  expect(r.body.notifications).toHaveLength(1);
  expect(r.body.notifications[0]).toMatchObject({ id: n.id, body: 'b', rule: 'L2', status: 'pending' });

  const bad = await iroUnit.get('/api/notifications').query({ recipient: 'IRO Unit; drop table' });
  expect([bad.status, bad.body.error.field]).toEqual([400, 'recipient']);
});

test('the store survives a reopen (cases and notifications outlive a restart)', () => {
  services.store.close();
  const reopened = makeServices(tmp.dir);
  expect(reopened.store.notifications({ recipient: 'iro-unit' })).toHaveLength(1);
  reopened.store.close();
});
