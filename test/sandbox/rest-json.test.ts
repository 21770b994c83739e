import * as fis from '@aws-sdk/client-fis';
import * as resiliencehub from '@aws-sdk/client-resiliencehub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OperationHandler, type SandboxService, type ServiceBackend, ServiceError } from '../../src/sandbox/contracts.js';
import type { Sandbox } from '../../src/sandbox/host.js';
import type { RestRoute } from '../../src/sandbox/protocol/rest-json.js';
import { FIS_ROUTES } from '../../src/sandbox/protocol/routes/fis.js';
import { RESILIENCEHUB_ROUTES } from '../../src/sandbox/protocol/routes/resiliencehub.js';
import { sandboxClients } from '../helpers/aws-clients.js';
import { startFakeSandbox } from '../helpers/fake-simulation.js';

/**
 * restJson1 against the real SDK serialisers: every FIS and Resilience Hub operation the pinned
 * SDK knows reaches the sandbox as the right operation with its path and query members.
 */
const calls: { service: SandboxService; operation: string; input: Record<string, unknown> }[] = [];
const START = new Date('2026-11-26T04:05:06.789Z');

function recordingBackend(service: SandboxService, routes: readonly RestRoute[]): ServiceBackend {
  const operations: Record<string, OperationHandler> = {};
  for (const r of routes) {
    operations[r.operation] = (input) => {
      calls.push({ service, operation: r.operation, input });
      if (r.operation === 'GetExperiment') {
        if (input.id === 'missing') throw new ServiceError('ResourceNotFoundException', 'Experiment not found.', 404);
        return { experiment: { id: input.id, state: { status: 'running', reason: 'Experiment is running.' }, startTime: START, tags: new Map([['k', 'v']]) } };
      }
      return {};
    };
  }
  return { service, operations };
}

let sandbox: Sandbox;
beforeAll(async () => {
  ({ sandbox } = await startFakeSandbox({ backends: [recordingBackend('fis', FIS_ROUTES), recordingBackend('resiliencehub', RESILIENCEHUB_ROUTES)] }));
});
afterAll(() => sandbox.stop());

/** A value of the route's binding kind, so the SDK serialises every path and query member. */
function sampleInput(route: RestRoute): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const label of route.path.matchAll(/\{(\w+)\}/g)) input[label[1] as string] = `arn:aws:x:us-east-1:111122223333:thing/${label[1]} a`;
  for (const q of route.query) {
    input[q.member] = { string: 'tok/en', number: 7, boolean: true, list: ['a', 'b'], timestamp: new Date('2026-11-26T04:00:00Z') }[q.kind];
  }
  return input;
}

const expectedQuery = { string: 'tok/en', number: 7, boolean: true, list: ['a', 'b'], timestamp: new Date('2026-11-26T04:00:00Z') };

describe.each([
  { service: 'fis' as const, routes: FIS_ROUTES, module: fis as Record<string, unknown>, client: 'fis' as const },
  { service: 'resiliencehub' as const, routes: RESILIENCEHUB_ROUTES, module: resiliencehub as Record<string, unknown>, client: 'resiliencehub' as const },
])('$service routes', ({ service, routes, module, client }) => {
  it('covers every operation the SDK has', () => {
    const commands = Object.keys(module).filter((k) => k.endsWith('Command') && k !== 'Command').map((k) => k.slice(0, -'Command'.length));
    expect(routes.map((r) => r.operation).sort()).toEqual(commands.sort());
  });

  it.each(routes.map((r) => [r.operation, r] as const))('%s arrives as itself with path and query members', async (operation, route) => {
    const clients = sandboxClients(sandbox.url);
    const Command = module[`${operation}Command`] as new (input: unknown) => Parameters<(typeof clients)[typeof client]['send']>[0];
    calls.length = 0;
    const input = sampleInput(route);
    await (clients[client].send as (c: unknown) => Promise<unknown>)(new Command(input));
    expect(calls).toHaveLength(1);
    expect(calls[0]?.service).toBe(service);
    expect(calls[0]?.operation).toBe(operation);
    for (const label of route.path.matchAll(/\{(\w+)\}/g)) expect(calls[0]?.input[label[1] as string]).toBe(input[label[1] as string]);
    for (const q of route.query) expect(calls[0]?.input[q.member]).toEqual(expectedQuery[q.kind]);
  });
});

describe('restJson1 responses', () => {
  it('timestamps are epoch seconds the SDK reads back exactly, maps are objects', async () => {
    const { fis: client } = sandboxClients(sandbox.url);
    const out = await client.send(new fis.GetExperimentCommand({ id: 'EXP1' }));
    expect(out.experiment?.startTime?.toISOString()).toBe(START.toISOString());
    expect(out.experiment?.state?.status).toBe('running');
    expect(out.experiment?.tags).toEqual({ k: 'v' });
  });

  it('errors become the modelled exception with status and message', async () => {
    const { fis: client } = sandboxClients(sandbox.url);
    const error = await client.send(new fis.GetExperimentCommand({ id: 'missing' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(fis.ResourceNotFoundException);
    expect((error as fis.ResourceNotFoundException).message).toBe('Experiment not found.');
    expect((error as fis.ResourceNotFoundException).$metadata.httpStatusCode).toBe(404);
  });

  it('the same path reaches FIS or Resilience Hub by the signing service', async () => {
    const { fis: f, resiliencehub: r } = sandboxClients(sandbox.url);
    calls.length = 0;
    await f.send(new fis.ListTagsForResourceCommand({ resourceArn: 'arn:aws:fis:us-east-1:111122223333:experiment/EXP1' }));
    await r.send(new resiliencehub.ListTagsForResourceCommand({ resourceArn: 'arn:aws:resiliencehub:us-east-1:111122223333:app/a' }));
    expect(calls.map((c) => c.service)).toEqual(['fis', 'resiliencehub']);
  });
});
