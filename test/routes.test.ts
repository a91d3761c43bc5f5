/**
 * The case routes against stub services and a fake Temporal client (no server): bodies parsed by
 * their declarations (400s naming the field and rule), the service given the parsed input, and
 * the case gateway's 403 (TEAM search attribute), 404 (never existed) and 409 (ended, already started).
 */
import { Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { Connection } from '@temporalio/client';
import { CaseGateway } from '../api/services/case-gateway';
import { CYCLE_ID } from '../api/services/case-ids';
import { LookedAfterCycles } from '../api/services/looked-after-cycles';
import { Disputes } from '../api/services/disputes';
import { InputError } from '../api/input-error';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import * as lac from '../workflows/looked-after-cycle/messages';
import { appointIro, bringForward, cycleStateQuery } from '../workflows/looked-after-cycle/messages';
import { TEAM } from '../workflows/search-attributes';
import { as, cameIntoCare } from './support/security';
import { makeApp, makeServices, tempDir } from './support/temporal';

const tmp = tempDir('routes');
const base = makeServices(tmp.dir);
afterAll(() => {
  base.store.close();
  tmp.remove();
});
const lazy = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
const CYCLE = 'lac-' + 'a'.repeat(24);

function stubs() {
  const cycles = {
    start: jest.fn(async () => ({ cycleId: CYCLE })),
    state: jest.fn(),
    command: jest.fn(async () => ({ ok: true })),
    completeTask: jest.fn(async () => ({ ok: true })),
    today: () => '2026-01-10',
  };
  const disputes = {
    open: jest.fn(async () => ({ disputeId: 'red-' + '0'.repeat(24) })),
    state: jest.fn(),
    command: jest.fn(async () => ({ ok: true })),
  };
  const app = makeApp(lazy, base, 'unused', {
    lookedAfterCycles: cycles as unknown as LookedAfterCycles,
    disputes: disputes as unknown as Disputes,
  });
  return { app, cycles, disputes };
}

describe('routes parse and respond; the service gets the parsed input', () => {
  test('a cycle start is parsed (trimmed) and handed to the service', async () => {
    const { app, cycles } = stubs();
    const r = await (
      await as(app, 'iro-unit', { userId: 'u1' })
    )
      .post('/api/looked-after-cycles')
      .send(cameIntoCare({ childId: 'C-1', becameLookedAfter: '2026-01-01', team: ' north-1 ' }));
    expect([r.status, r.body]).toEqual([201, { cycleId: CYCLE, href: `/api/looked-after-cycles/${CYCLE}` }]);
    expect(cycles.start).toHaveBeenCalledWith(
      {
        childId: 'C-1',
        becameLookedAfter: '2026-01-01',
        dateOfBirth: '2015-06-01',
        legalStatus: 'C2',
        placementType: 'foster',
        team: 'north-1',
      },
      expect.objectContaining({ userId: 'u1' }),
    );
  });

  test('a command goes to the service with its Update and the parsed body', async () => {
    const { app, cycles } = stubs();
    const r = await (
      await as(app, 'iro')
    )
      .post(`/api/looked-after-cycles/${CYCLE}/bring-forward`)
      .send({ reason: 'risk-of-harm', dueBy: '2026-02-01' });
    expect(r.status).toBe(201);
    expect(cycles.command).toHaveBeenCalledWith(
      CYCLE,
      bringForward,
      { reason: 'risk-of-harm', dueBy: '2026-02-01' },
      expect.objectContaining({ roles: ['iro'] }),
    );
    await (await as(app, 'iro-unit')).post(`/api/looked-after-cycles/${CYCLE}/iro`).send({ staffId: 'iro-7' });
    expect(cycles.command).toHaveBeenLastCalledWith(CYCLE, appointIro, { staffId: 'iro-7' }, expect.anything());
  });

  test.each([
    ['/bring-forward', { reason: 'bored', dueBy: '2026-02-01' }, 'reason', 'L6'],
    ['/bring-forward', { reason: 'risk-of-harm', dueBy: '2026-02-30' }, 'dueBy', undefined],
    ['/bring-forward', { reason: 'risk-of-harm', dueBy: '2026-02-01', zz: 1 }, 'zz', undefined],
    ['/reviews', { heldOn: '2026-01-01', participation: 'PN1', chair: { staffId: 's1', as: 'boss' } }, 'chair.as', 'L17'],
    [
      '/reviews',
      { heldOn: '2026-01-01', participation: 'PN1', decisions: [{ text: '', owner: 'sw', dueOn: '2026-02-01' }] },
      'decisions[0].text',
      undefined,
    ],
    ['/iro', { staffId: 'a b' }, 'staffId', undefined],
  ])('POST %s %j is a 400 naming %s', async (path, body, field, rule) => {
    const { app, cycles } = stubs();
    const r = await (await as(app, 'iro-unit')).post(`/api/looked-after-cycles/${CYCLE}${path}`).send(body);
    expect([r.status, r.body.error.field, r.body.error.rule]).toEqual([400, field, rule]);
    expect(r.body.error.message).toMatch(new RegExp(`^${field.replace(/[[\].]/g, '\\$&')}: `));
    expect(cycles.command).not.toHaveBeenCalled();
  });

  // Issue 11: each looked-after command that records a fact takes the fact's own date.
  test.each([
    ['/iro', 'iro-unit', { staffId: 'iro-7', on: '2025-01-08' }, lac.appointIro, {}],
    ['/social-worker', 'team-manager', { staffId: 'sw-7', on: '2025-01-07' }, lac.allocateSocialWorker, {}],
    ['/bring-forward', 'iro', { reason: 'risk-of-harm', dueBy: '2025-03-01', on: '2025-02-10' }, lac.bringForward, {}],
    ['/planned-end', 'iro', { plannedEndOn: '2025-12-19', kind: 'return-home', on: '2025-09-01' }, lac.planEndOfCare, {}],
    ['/booking', 'iro', { meetingOn: '2025-01-30', bookedOn: '2025-01-10' }, lac.bookReview, {}],
    ['/reviews/1/decision-response', 'team-manager', { response: 'agree', on: '2025-02-07' }, lac.answerDecisions, { reviewNumber: 1 }],
    ['/reviews/1/disagreement', 'iro', { outcome: 'settled', on: '2025-02-12' }, lac.resolveDisagreement, { reviewNumber: 1 }],
    ['/reviews/1/starred-response', 'service-manager', { response: 'agree', on: '2025-02-12' }, lac.respondToStarred, { reviewNumber: 1 }],
  ] as const)(
    'POST %s as %s: the date of the fact reaches the Update; a bad one is a 400 naming it',
    async (path, role, body, update, extra) => {
      const { app, cycles } = stubs();
      const staff = await as(app, role, { userId: 'u1', team: 'north-1' });
      const r = await staff.post(`/api/looked-after-cycles/${CYCLE}${path}`).send(body);
      expect(r.status).toBeLessThan(300);
      expect(cycles.command).toHaveBeenLastCalledWith(CYCLE, update, { ...extra, ...body }, expect.anything());
      const field = 'bookedOn' in body ? 'bookedOn' : 'on';
      const bad = await staff.post(`/api/looked-after-cycles/${CYCLE}${path}`).send({ ...body, [field]: '2025-02-30' });
      expect([bad.status, bad.body.error.field]).toEqual([400, field]);
    },
  );

  test('a body that is not an object is a 400 naming the body', async () => {
    const { app } = stubs();
    const r = await (
      await as(app, 'iro-unit')
    )
      .post(`/api/looked-after-cycles/${CYCLE}/iro`)
      .set('Content-Type', 'application/json')
      .send('[1]');
    expect([r.status, r.body.error.field]).toEqual([400, 'body']);
  });

  test.each([403, 404, 409])('a service refusal %i keeps its status and body', async (status) => {
    const { app, disputes } = stubs();
    disputes.command.mockRejectedValueOnce(
      new InputError('disputeId', `disputeId: refused ${status}`, status, status === 409 ? 'E6' : undefined),
    );
    const r = await (await as(app, 'iro')).post('/api/disputes/red-' + '0'.repeat(24) + '/responses').send({ note: 'n' });
    expect(r.body).toEqual({
      error: { status, message: `disputeId: refused ${status}`, field: 'disputeId', ...(status === 409 ? { rule: 'E6' } : {}) },
    });
  });
});

describe('the case gateway over a fake Temporal client', () => {
  const spec = {
    idField: 'cycleId',
    idPattern: CYCLE_ID,
    idHint: 'a cycle id',
    noun: 'cycle',
    endingRule: 'L13',
    href: '/api/looked-after-cycles',
    idReuse: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    otherTeam: "belongs to another team's child",
    alreadyStarted: 'already exists',
  };
  function gateway(cases: Record<string, { team: string; status: string }>) {
    const notFound = (id: string) => new WorkflowNotFoundError('not found', id, undefined);
    const calls: string[] = [];
    const client = {
      workflow: {
        start: async (_w: unknown, o: { workflowId: string }) => {
          if (cases[o.workflowId]) throw new WorkflowExecutionAlreadyStartedError('started', o.workflowId, 'w');
        },
        getHandle: (id: string) => ({
          describe: async () => {
            calls.push('describe');
            if (!cases[id]) throw notFound(id);
            return {
              status: { name: cases[id].status },
              typedSearchAttributes: { get: (k: unknown) => (k === TEAM ? cases[id].team : undefined) },
            };
          },
          query: async () => {
            calls.push('query');
            if (!cases[id]) throw notFound(id);
            return { id };
          },
          executeUpdate: async () => {
            calls.push('update');
            if (!cases[id] || cases[id].status !== 'RUNNING') throw notFound(id);
            return { done: true };
          },
        }),
      },
    } as unknown as Client;
    return { gw: new CaseGateway(client, 'q', spec), calls };
  }
  const running = 'lac-' + '1'.repeat(24);
  const ended = 'lac-' + '2'.repeat(24);
  const never = 'lac-' + '3'.repeat(24);
  const cases = { [running]: { team: 'north-1', status: 'RUNNING' }, [ended]: { team: 'north-1', status: 'COMPLETED' } };
  const sw = (team: string) => ({ userId: 'sw', roles: ['social-worker' as const], team });
  const iro = { userId: 'iro', roles: ['iro' as const] };
  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      (e: InputError) => [e.status, e.field, e.rule],
    );

  test('team scope comes from the TEAM search attribute (describe), before any Query', async () => {
    const { gw, calls } = gateway(cases);
    expect(await refusal(gw.state(running, cycleStateQuery, sw('south-2')))).toEqual([403, 'cycleId', undefined]);
    expect(calls).toEqual(['describe']);
    expect(await gw.state(running, cycleStateQuery, sw('north-1'))).toEqual({ id: running });
  });

  test('roles that are not team-scoped skip the describe', async () => {
    const { gw, calls } = gateway(cases);
    expect(await gw.command(running, appointIro, { staffId: 'x', by: 'iro' }, iro)).toEqual({ done: true });
    expect(calls).toEqual(['update']);
  });

  test('ended is a 409 naming the ending rule; never existed is a 404; a malformed id is a 404', async () => {
    const { gw } = gateway(cases);
    expect(await refusal(gw.command(ended, appointIro, { staffId: 'x', by: 'iro' }, iro))).toEqual([409, 'cycleId', 'L13']);
    expect(await refusal(gw.command(ended, appointIro, { staffId: 'x', by: 'sw' }, sw('north-1')))).toEqual([409, 'cycleId', 'L13']);
    expect(await refusal(gw.command(never, appointIro, { staffId: 'x', by: 'iro' }, iro))).toEqual([404, 'cycleId', undefined]);
    expect(await refusal(gw.state(never, cycleStateQuery, sw('north-1')))).toEqual([404, 'cycleId', undefined]);
    expect(await refusal(gw.state('lac-nope', cycleStateQuery, iro))).toEqual([404, 'cycleId', undefined]);
  });

  test('starting a case already started is a 409 naming it', async () => {
    const { gw } = gateway(cases);
    const e = await gw.start(async () => undefined, { id: running, args: [], searchAttributes: [] }).catch((x: InputError) => x);
    expect(e).toMatchObject({ status: 409, field: 'childId', extra: { cycleId: running, href: `/api/looked-after-cycles/${running}` } });
  });
});
