/**
 * Histories at rest hold no plaintext child data: the codec encrypts every payload (AES-256-GCM,
 * key id in the metadata), old keys still decrypt after a rotation, and the raw history read
 * straight from a real Temporal server holds none of a test child's details. Operators (only) can
 * decrypt through /codec for the Web UI. Workflow ids, search attributes and logs hold none either.
 */
import { Payload } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { AesGcmCodec, ENCODING, KEY_ID_METADATA } from '../platform/encryption/aes-gcm-codec';
import { Keyring } from '../platform/encryption/keyring';
import { addDays } from '../workflows/calendar/iso-date';
import { londonDate } from '../workflows/calendar/office-hours';
import request from 'supertest';
import { as, cameIntoCare, tokenFor } from './support/security';
import { eventually, Stack, startStack } from './support/stack';
import { runtimeLog } from './support/temporal';

const json = (v: unknown): Payload => ({ metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from(JSON.stringify(v)) });
const k1 = { id: 'k1', key: Buffer.alloc(32, 1) };
const k2 = { id: 'k2', key: Buffer.alloc(32, 2) };

describe('AES-256-GCM codec', () => {
  test('round trip; the ciphertext holds neither the plaintext nor the key, and names its key', async () => {
    const codec = new AesGcmCodec(new Keyring([k1]));
    const [enc] = await codec.encode([json({ childId: 'SECRET-CHILD-1' })]);
    expect(Buffer.from(enc.metadata!.encoding!).toString()).toBe(ENCODING);
    expect(Buffer.from(enc.metadata![KEY_ID_METADATA]!).toString()).toBe('k1');
    expect(Buffer.from(enc.data!).includes('SECRET-CHILD-1')).toBe(false);
    const [dec] = await codec.decode([enc]);
    expect(JSON.parse(Buffer.from(dec.data!).toString())).toEqual({ childId: 'SECRET-CHILD-1' });
    // A fresh IV every time: the same value never gives the same ciphertext.
    const [again] = await codec.encode([json({ childId: 'SECRET-CHILD-1' })]);
    expect(Buffer.from(again.data!).equals(Buffer.from(enc.data!))).toBe(false);
  });

  test('rotation: a new key encrypts, the old one still decrypts old payloads; dropping it too early fails loudly', async () => {
    const old = await new AesGcmCodec(new Keyring([k1])).encode([json('written under k1')]);
    const rotated = new AesGcmCodec(new Keyring([k2, k1]));
    expect(JSON.parse(Buffer.from((await rotated.decode(old))[0].data!).toString())).toBe('written under k1');
    const fresh = await rotated.encode([json('written under k2')]);
    expect(Buffer.from(fresh[0].metadata![KEY_ID_METADATA]!).toString()).toBe('k2');
    await expect(new AesGcmCodec(new Keyring([k2])).decode(old)).rejects.toThrow(/key "k1"/);
  });

  test('a tampered or relabelled payload is refused, not decrypted', async () => {
    const codec = new AesGcmCodec(new Keyring([k2, k1]));
    const [enc] = await codec.encode([json('x')]);
    const flipped = Buffer.from(enc.data!);
    flipped[20] ^= 1;
    await expect(codec.decode([{ ...enc, data: flipped }])).rejects.toThrow();
    await expect(codec.decode([{ ...enc, metadata: { ...enc.metadata, [KEY_ID_METADATA]: Buffer.from('k1') } }])).rejects.toThrow();
  });

  test('unencrypted payloads (written before encryption) pass through', async () => {
    const plain = json('old');
    expect(await new AesGcmCodec(new Keyring([k1])).decode([plain])).toEqual([plain]);
  });

  test('keys must be 32 bytes with distinct ids', () => {
    expect(() => new Keyring([{ id: 'k1', key: Buffer.alloc(16) }])).toThrow(/32 bytes/);
    expect(() => new Keyring([k1, { ...k2, id: 'k1' }])).toThrow(/twice/);
    expect(() => Keyring.parse('')).toThrow(/at least one/);
    expect(Keyring.parse(new Keyring([k2, k1]).format()).current.id).toBe('k2');
  });
});

describe('on a real Temporal server', () => {
  const CHILD = 'RAWHIST-CHILD-4821';
  let stack: Stack;
  let cycleId: string;
  let becameLookedAfter: string;
  const consoleLines: string[] = [];

  beforeAll(async () => {
    for (const m of ['log', 'info', 'warn', 'error'] as const) {
      const original = console[m];
      jest.spyOn(console, m).mockImplementation((...args: unknown[]) => {
        consoleLines.push(args.map(String).join(' '));
        original(...args);
      });
    }
    stack = await startStack('encryption');
    const unit = await as(stack.app, 'iro-unit');
    becameLookedAfter = addDays(londonDate(Date.now()), -9);
    const r = await unit
      .post('/api/looked-after-cycles')
      .send(cameIntoCare({ childId: CHILD, becameLookedAfter, team: 'east-4', dateOfBirth: '2011-02-03' }));
    expect(r.status).toBe(201);
    cycleId = r.body.cycleId;
    // A review held (an update and its result), a refused one (a failure message quoting dates),
    // and the L1 notification (an activity's input): every kind of payload the cycle writes.
    const held = await unit
      .post(`/api/looked-after-cycles/${cycleId}/reviews`)
      .send({ heldOn: addDays(becameLookedAfter, 5), participation: 'PN1' });
    expect(held.status).toBe(201);
    const refused = await unit
      .post(`/api/looked-after-cycles/${cycleId}/reviews`)
      .send({ heldOn: addDays(becameLookedAfter, 1), participation: 'PN1' });
    expect(refused.status).toBe(422);
    await eventually(
      async () => stack.services.store.notifications({ caseId: cycleId }).length,
      (n) => n > 0,
    );
  }, 180_000);
  afterAll(async () => {
    jest.restoreAllMocks();
    await stack?.stop();
  });

  async function rawHistories() {
    // A plain connection, no codec: exactly what the server holds.
    const out = [];
    for (const runId of await runIds()) {
      const h = await stack.connection.workflowService.getWorkflowExecutionHistory({
        namespace: 'default',
        execution: { workflowId: cycleId, runId },
      });
      out.push(h.history!);
    }
    return out;
  }

  async function runIds(): Promise<string[]> {
    const ids: string[] = [];
    for await (const wf of stack.client.workflow.list({ query: `WorkflowId = '${cycleId}'` })) ids.push(wf.runId);
    return ids;
  }

  test("the raw history holds none of the child's details, and every payload in it is encrypted", async () => {
    const histories = await eventually(rawHistories, (hs) => hs.length >= 2);
    expect(histories.length).toBeGreaterThanOrEqual(2); // continued as new after the review
    for (const history of histories) {
      const bytes = Buffer.from(temporal.api.history.v1.History.encode(history).finish());
      expect(bytes.length).toBeGreaterThan(500);
      for (const secret of [CHILD, becameLookedAfter, addDays(becameLookedAfter, 5), '2011-02-03'])
        expect(bytes.includes(secret)).toBe(false);
      // Every payload the history carries names the encrypted encoding, apart from search attributes.
      const encodings = new Set<string>();
      const visit = (v: unknown, inSearchAttributes: boolean): void => {
        if (!v || typeof v !== 'object') return;
        const o = v as Record<string, unknown>;
        // A patched() marker (Temporal core writes it, uncoded) names only the code's patch id, never case data.
        if (o.markerName === 'core_patch') return;
        if (o.metadata && typeof o.metadata === 'object' && 'data' in o && !inSearchAttributes) {
          encodings.add(Buffer.from((o.metadata as Record<string, Uint8Array>).encoding ?? []).toString());
        }
        for (const [k, child] of Object.entries(o)) visit(child, inSearchAttributes || k === 'searchAttributes' || k === 'indexedFields');
      };
      visit(history, false);
      expect([...encodings]).toEqual([ENCODING]);
    }
  });

  test('the workflow id and search attributes are opaque', async () => {
    expect(cycleId).toMatch(/^lac-[0-9a-f]{24}$/);
    const desc = await stack.client.workflow.getHandle(cycleId).describe();
    const attrs = JSON.stringify(desc.searchAttributes);
    expect(attrs).not.toContain(CHILD);
    expect(attrs).not.toContain(becameLookedAfter);
  });

  test('through the API the case is readable as usual (the client decrypts)', async () => {
    const r = await (await as(stack.app, 'iro')).get(`/api/looked-after-cycles/${cycleId}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ child: { childId: CHILD, team: 'east-4', dateOfBirth: '2011-02-03' }, becameLookedAfter });
  });

  test('/codec/decode decrypts a raw history payload for an operator, and for nobody else', async () => {
    const [first] = await rawHistories();
    const input = first.events![0].workflowExecutionStartedEventAttributes!.input!.payloads![0];
    const body = {
      payloads: [
        {
          metadata: Object.fromEntries(Object.entries(input.metadata!).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
          data: Buffer.from(input.data!).toString('base64'),
        },
      ],
    };
    const operator = await as(stack.app, 'operator');
    const r = await operator.post('/codec/decode').set('X-Namespace', 'default').send(body);
    expect(r.status).toBe(200);
    expect(Buffer.from(r.body.payloads[0].data, 'base64').toString()).toContain(CHILD);
    for (const role of ['iro-unit', 'iro', 'service-manager'] as const) {
      expect((await (await as(stack.app, role)).post('/codec/decode').send(body)).status).toBe(403);
    }
    // The Web UI's browser call: the sign-in cookie instead of a header, and CORS for the UI's origin only.
    const signIn = await request(stack.app)
      .post('/codec/sign-in')
      .type('form')
      .send({ token: await tokenFor('operator') });
    expect(signIn.status).toBe(200);
    const cookie = String(signIn.headers['set-cookie']).split(';')[0];
    expect(String(signIn.headers['set-cookie'])).toMatch(/HttpOnly/i);
    const fromUi = await request(stack.app).post('/codec/decode').set('Origin', 'http://localhost:8233').set('Cookie', cookie).send(body);
    expect(fromUi.status).toBe(200);
    expect(fromUi.headers['access-control-allow-origin']).toBe('http://localhost:8233');
    expect(fromUi.headers['access-control-allow-credentials']).toBe('true');
    const elsewhere = await request(stack.app).post('/codec/decode').set('Origin', 'https://evil.example').set('Cookie', cookie).send(body);
    expect(elsewhere.headers['access-control-allow-origin']).toBeUndefined();
    // A non-operator's token cannot sign in.
    const iroSignIn = await request(stack.app)
      .post('/codec/sign-in')
      .type('form')
      .send({ token: await tokenFor('iro') });
    expect(iroSignIn.status).toBe(403);
    expect(iroSignIn.headers['set-cookie']).toBeUndefined();
  });

  test("no log line (API, SDK, Temporal core) carries the child's id or dates", async () => {
    const all = [...consoleLines, ...runtimeLog].join('\n');
    expect(runtimeLog.length).toBeGreaterThan(0);
    expect(all).not.toContain(CHILD);
    expect(all).not.toContain(becameLookedAfter);
  });
});
