import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArcZonalShiftResources } from '../../src/aws/arc-zonal-shift-resources.js';
import { GamedayError } from '../../src/core/errors.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { SANDBOX_CREDENTIALS, SANDBOX_REGION } from '../helpers/aws-clients.js';
import { recordingProxy } from '../helpers/recording-proxy.js';
import { injectFault } from '../helpers/sandbox-control.js';
import { WORLD_START } from './worlds.js';

/**
 * The sandbox's ARC zonal shift backend through gameday's port: real SigV4-signed restJson1 requests over
 * 127.0.0.1 (the sandbox routes on the signing name, so an answer at all means the scope said
 * arc-zonal-shift), bound as the ARC model binds them (test/fixtures/arc-zonal-shift/README.md).
 */
const WORLD = fileURLToPath(new URL('../fixtures/arc-zonal-shift/world.yaml', import.meta.url));
const ALB = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/checkout-alb/50dc6c495c0c9188';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
let sandbox: Sandbox;
let proxy: Awaited<ReturnType<typeof recordingProxy>>;
let arc: ArcZonalShiftResources;

beforeAll(async () => {
  sandbox = await startSandbox({ world: WORLD, speed: 1, clockStart: WORLD_START });
  proxy = await recordingProxy(sandbox.url);
  arc = new ArcZonalShiftResources({ region: SANDBOX_REGION, endpoint: proxy.url, credentials: SANDBOX_CREDENTIALS, maxAttempts: 3, retryDelayMs: () => 0 });
});
afterAll(async () => {
  await proxy?.close();
  await sandbox?.stop();
});

describe('ARC zonal shift in the sandbox, read through the signed-request port', () => {
  it('ListManagedResources: the world’s zonal shift managed resources, their autoshift and practice-run status', async () => {
    const resources = await arc.list();
    expect(resources).toEqual([
      { arn: ALB, name: 'app/checkout-alb/50dc6c495c0c9188', availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'], zonalAutoshiftStatus: 'ENABLED', practiceRunStatus: 'ENABLED' },
      {
        arn: expect.stringMatching(/^arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:[0-9a-f-]+:autoScalingGroupName\/checkout-web-asg$/),
        name: 'checkout-web-asg',
        availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
        zonalAutoshiftStatus: 'ENABLED',
        practiceRunStatus: 'DISABLED',
      },
    ]);
    const list = proxy.exchanges.find((e) => e.path === '/managedresources')!;
    expect([list.method, list.query.get('maxResults'), list.status]).toEqual(['GET', '100', 200]);
  });

  it('pages with nextToken when there are more than maxResults', async () => {
    const first = await fetchJson('/managedresources?maxResults=1');
    expect(first.items).toHaveLength(1);
    expect(typeof first.nextToken).toBe('string');
    const second = await fetchJson(`/managedresources?maxResults=1&nextToken=${first.nextToken}`);
    expect(second.items).toHaveLength(1);
    expect(second.nextToken).toBeUndefined();
  });

  it('GetManagedResource: the practice-run configuration in ARC’s form, alarms as CloudWatch ARNs; none for a resource without one', async () => {
    const alb = await arc.get(ALB);
    expect(alb).toEqual({
      arn: ALB,
      name: 'app/checkout-alb/50dc6c495c0c9188',
      zonalAutoshiftStatus: 'ENABLED',
      practiceRunConfiguration: {
        outcomeAlarms: ['arn:aws:cloudwatch:us-east-1:123456789012:alarm:checkout-5xx-high'],
        blockingAlarms: [],
        blockedWindows: ['Wed:02:00-Wed:03:00'],
        blockedDates: [],
        allowedWindows: [],
      },
      activeShifts: [],
    });
    // The label is the whole ARN, '/' and ':' percent-encoded in the path as the model's httpLabel requires.
    expect(proxy.exchanges.some((e) => e.path === `/managedresources/${encodeURIComponent(ALB)}`)).toBe(true);
    const asg = (await arc.list()).find((r) => r.name === 'checkout-web-asg')!;
    expect((await arc.get(asg.arn)).practiceRunConfiguration).toBeUndefined();
  });

  it('an unknown resource is ResourceNotFoundException (404); an operation the backend does not implement is UnknownOperationException', async () => {
    const error = await arc.get('arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/nope/1').catch((e: unknown) => e);
    expect(GamedayError.is(error)).toBe(true);
    expect((error as GamedayError).message).toMatch(/arc-zonal-shift:GetManagedResource \(HTTP 404\).*ResourceNotFoundException/);
    const start = await fetch(`${sandbox.url}/practiceruns`, { method: 'POST', headers: signedScope(), body: '{}' });
    expect([start.status, start.headers.get('x-amzn-errortype')]).toEqual([404, 'UnknownOperationException']);
  });

  it('retries throttling as the SDK clients do', async () => {
    await injectFault(sandbox.url, { service: 'arc-zonal-shift', operation: 'ListManagedResources', kind: 'throttle', count: 2 });
    expect(await arc.list()).toHaveLength(2);
  });
});

/** Enough of an Authorization header for the sandbox to route: it reads the scope and verifies no signature. */
function signedScope(): Record<string, string> {
  return { authorization: `AWS4-HMAC-SHA256 Credential=${SANDBOX_CREDENTIALS.accessKeyId}/20261126/us-east-1/arc-zonal-shift/aws4_request, SignedHeaders=host, Signature=0` };
}

async function fetchJson(path: string): Promise<{ items: unknown[]; nextToken?: string }> {
  const response = await fetch(`${sandbox.url}${path}`, { headers: signedScope() });
  return (await response.json()) as { items: unknown[]; nextToken?: string };
}
