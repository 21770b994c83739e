import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import { WORLD_START, worldPath } from './worlds.js';

/** Issue 16 item 8: the control API's inputs are bounded, and only real operations are operations. */
type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
const scope = (service: string) => `AWS4-HMAC-SHA256 Credential=AKIDTEST/20261126/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=00`;

describe('sandbox control API and operation lookup', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ world: worldPath('multi-az-checkout.yaml'), speed: 1, clockStart: WORLD_START });
  });
  afterAll(() => sandbox.stop());
  const clock = (body: unknown) => fetch(`${sandbox.url}/_sandbox/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('refuses advanceSeconds over one virtual day and speeds over 10000, and changes nothing', async () => {
    const before = (await (await fetch(`${sandbox.url}/_sandbox/state`)).json()) as { now: string; speed: number };
    for (const body of [{ advanceSeconds: 604_800 }, { advanceSeconds: 86_401 }, { speed: 1e9 }, { speed: 10_001 }, { advanceSeconds: -1 }]) {
      const response = await clock(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    const after = (await (await fetch(`${sandbox.url}/_sandbox/state`)).json()) as { now: string; speed: number };
    expect(after.speed).toBe(before.speed);
    expect(Date.parse(after.now) - Date.parse(before.now)).toBeLessThan(60_000);
    expect((await clock({ advanceSeconds: 86_400 })).status).toBe(200);
  });

  it('an operation named after an Object.prototype member is unknown, not a 200', async () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const response = await fetch(`${sandbox.url}/`, {
        method: 'POST',
        headers: { authorization: scope('monitoring'), 'x-amz-target': `GraniteServiceVersion20100801.${name}`, 'content-type': 'application/x-amz-json-1.0' },
        body: '{}',
      });
      expect(response.status, name).toBe(400);
      expect(await response.json()).toMatchObject({ __type: 'UnknownOperationException' });
    }
  });

  it('the embedded (event) clock refuses a speed: it has none', async () => {
    const embedded = await startSandbox({ world: worldPath('multi-az-checkout.yaml'), eventClock: true, clockStart: WORLD_START });
    try {
      const response = await fetch(`${embedded.url}/_sandbox/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ speed: 2 }) });
      expect(response.status).toBe(400);
      const advanced = (await (await fetch(`${embedded.url}/_sandbox/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceSeconds: 60 }) })).json()) as { now: string };
      expect(advanced.now).toBe(new Date(WORLD_START + 60_000).toISOString());
    } finally {
      await embedded.stop();
    }
  });
});
