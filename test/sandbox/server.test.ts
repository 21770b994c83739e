import { DescribeAlarmsCommand, ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { GetExperimentCommand, ListExperimentsCommand } from '@aws-sdk/client-fis';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { Agent, request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceBackend } from '../../src/sandbox/contracts.js';
import type { Sandbox } from '../../src/sandbox/host.js';
import { sandboxClients } from '../helpers/aws-clients.js';
import { startFakeSandbox } from '../helpers/fake-simulation.js';
import { SANDBOX_HEADER } from '../../src/core/sandbox-header.js';
import { advanceClock, clearFaults, control, injectFault } from '../helpers/sandbox-control.js';

/** A minimal FIS backend, enough to see restJson1 faults and errors; the real one is the world's. */
const fisBackend: ServiceBackend = {
  service: 'fis',
  operations: {
    ListExperiments: () => ({ experiments: [] }),
    GetExperiment: (input) => ({ experiment: { id: input.id, state: { status: 'running' } } }),
  },
};

let sandbox: Sandbox;
let clients: ReturnType<typeof sandboxClients>;
beforeAll(async () => {
  ({ sandbox } = await startFakeSandbox({ backends: [fisBackend] }));
  clients = sandboxClients(sandbox.url);
});
afterAll(() => sandbox.stop());
afterEach(() => clearFaults(sandbox.url));

const scope = (service: string) => `AWS4-HMAC-SHA256 Credential=AKIDSANDBOXTEST/20261126/us-east-1/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=00`;
const raw = (path: string, init: { method?: string; headers?: Record<string, string>; body?: string | Buffer }) =>
  fetch(`${sandbox.url}${path}`, { method: init.method ?? 'POST', headers: init.headers ?? {}, ...(init.body === undefined ? {} : { body: init.body }) });
const form = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };

describe('injected faults, retried by the SDK with zero delay', () => {
  it('throttling in awsQuery form (400 Throttling) is retried until the fault is used up', async () => {
    await injectFault(sandbox.url, { service: 'monitoring', operation: 'DescribeAlarms', kind: 'throttle', count: 2 });
    const out = await clients.cloudwatch.send(new DescribeAlarmsCommand({}));
    expect(out.$metadata.attempts).toBe(3);
  });

  it('throttling in restJson1 form (429 ThrottlingException), and 500/503', async () => {
    await injectFault(sandbox.url, { service: 'fis', kind: 'throttle', count: 1 });
    await injectFault(sandbox.url, { service: 'fis', kind: 'error500', count: 1 });
    await injectFault(sandbox.url, { service: 'fis', kind: 'error503', count: 1 });
    const out = await clients.fis.send(new ListExperimentsCommand({}));
    expect(out.$metadata.attempts).toBe(4);
  });

  it('a persistent fault surfaces as the service error after the last attempt', async () => {
    await injectFault(sandbox.url, { service: 'monitoring', kind: 'throttle' });
    const error = await clients.cloudwatch.send(new ListMetricsCommand({})).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'Throttling', $metadata: { httpStatusCode: 400, attempts: 4 } });
    await injectFault(sandbox.url, { service: 'fis', operation: 'GetExperiment', kind: 'throttle' });
    const rest = await clients.fis.send(new GetExperimentCommand({ id: 'EXP1' })).catch((e: unknown) => e);
    expect(rest).toMatchObject({ name: 'ThrottlingException', $metadata: { httpStatusCode: 429, attempts: 4 } });
    await injectFault(sandbox.url, { service: 'sts', kind: 'error500' });
    const sts = await clients.sts.send(new GetCallerIdentityCommand({})).catch((e: unknown) => e);
    expect(sts).toMatchObject({ name: 'InternalFailure', $metadata: { httpStatusCode: 500 } });
  });

  it('faults match by operation and leave other operations alone', async () => {
    await injectFault(sandbox.url, { service: 'monitoring', operation: 'DescribeAlarms', kind: 'error503' });
    const other = await clients.cloudwatch.send(new ListMetricsCommand({}));
    expect(other.$metadata.attempts).toBe(1);
    const sts = await clients.sts.send(new GetCallerIdentityCommand({}));
    expect(sts.$metadata.attempts).toBe(1);
  });

  it('connection resets are retried', async () => {
    await injectFault(sandbox.url, { service: 'sts', kind: 'reset', count: 2 });
    const out = await clients.sts.send(new GetCallerIdentityCommand({}));
    expect(out.$metadata.attempts).toBe(3);
  });

  it('latency delays but does not fail', async () => {
    await injectFault(sandbox.url, { service: 'sts', kind: 'latency', latencyMs: 30, count: 1 });
    const out = await clients.sts.send(new GetCallerIdentityCommand({}));
    expect(out.$metadata.attempts).toBe(1);
  });

  it('forSeconds faults end with sandbox time', async () => {
    await injectFault(sandbox.url, { service: 'sts', kind: 'throttle', forSeconds: 60 });
    const { faults } = await control<{ faults: unknown[] }>(sandbox.url, 'GET', 'faults');
    expect(faults).toHaveLength(1);
    await advanceClock(sandbox.url, 61);
    const out = await clients.sts.send(new GetCallerIdentityCommand({}));
    expect(out.$metadata.attempts).toBe(1);
  });
});

describe('bad requests get the service error form and the server keeps serving', () => {
  it('no Authorization: AccessDenied-style per protocol', async () => {
    const query = await raw('/', { headers: form, body: 'Action=DescribeAlarms&Version=2010-08-01' });
    expect(query.status).toBe(403);
    expect(await query.text()).toMatch(/<ErrorResponse[^>]*><Error><Type>Sender<\/Type><Code>MissingAuthenticationToken<\/Code>/);
    const sts = await raw('/', { headers: form, body: 'Action=GetCallerIdentity&Version=2011-06-15' });
    expect(await sts.text()).toContain('xmlns="https://sts.amazonaws.com/doc/2011-06-15/"');
    const json = await raw('/', { headers: { 'x-amz-target': 'GraniteServiceVersion20100801.DescribeAlarms', 'content-type': 'application/x-amz-json-1.0' }, body: '{}' });
    expect(json.status).toBe(403);
    expect(json.headers.get('x-amzn-query-error')).toBe('MissingAuthenticationToken;Sender');
    expect(await json.json()).toMatchObject({ __type: 'MissingAuthenticationToken' });
    const rds = await raw('/', { headers: form, body: 'Action=DescribeDBClusters&Version=2014-10-31' });
    expect(await rds.text()).toContain('xmlns="http://rds.amazonaws.com/doc/2014-10-31/"');
    const ecs = await raw('/', { headers: { 'x-amz-target': 'AmazonEC2ContainerServiceV20141113.DescribeServices', 'content-type': 'application/x-amz-json-1.1' }, body: '{}' });
    expect([ecs.status, ecs.headers.get('content-type'), ecs.headers.get('x-amzn-query-error')]).toEqual([403, 'application/x-amz-json-1.1', null]);
    expect(await ecs.json()).toMatchObject({ __type: 'AccessDeniedException' });
    const rest = await raw('/experiments', { method: 'GET' });
    expect(rest.status).toBe(403);
    expect(rest.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
    expect(await rest.json()).toHaveProperty('message');
  });

  it('malformed bodies and unknown operations', async () => {
    const badJson = await raw('/', { headers: { authorization: scope('monitoring'), 'x-amz-target': 'GraniteServiceVersion20100801.DescribeAlarms', 'x-amzn-query-mode': 'true' }, body: '{"AlarmNames": [' });
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ __type: 'SerializationException' });
    const badRest = await raw('/experimentTemplates', { headers: { authorization: scope('fis'), 'content-type': 'application/json' }, body: '[1,2' });
    expect(badRest.status).toBe(400);
    expect(badRest.headers.get('x-amzn-errortype')).toBe('SerializationException');
    const noAction = await raw('/', { headers: { ...form, authorization: scope('monitoring') }, body: '%%%&&&=' });
    expect(noAction.status).toBe(400);
    expect(await noAction.text()).toContain('<Code>MissingAction</Code>');
    const unknownAction = await raw('/', { headers: { ...form, authorization: scope('sts') }, body: 'Action=AssumeRole&Version=2011-06-15' });
    expect(unknownAction.status).toBe(400);
    expect(await unknownAction.text()).toContain('<Code>InvalidAction</Code>');
    const unknownTarget = await raw('/', { headers: { authorization: scope('monitoring'), 'x-amz-target': 'GraniteServiceVersion20100801.PutDashboard' }, body: '{}' });
    expect(await unknownTarget.json()).toMatchObject({ __type: 'UnknownOperationException' });
    const unknownRoute = await raw('/no/such/route', { method: 'GET', headers: { authorization: scope('fis') } });
    expect(unknownRoute.status).toBe(404);
    expect(unknownRoute.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    const notEmulated = await raw('/experimentTemplates', { headers: { authorization: scope('fis') }, body: '{}' });
    expect(notEmulated.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    const unknownService = await raw('/', { headers: { ...form, authorization: scope('sqs') }, body: 'Action=ListQueues' });
    expect(unknownService.status).toBe(400);
    expect(await unknownService.text()).toContain("does not emulate the service &quot;sqs&quot;");
  });

  it('bodies over 1 MiB get 413, bad gzip gets 400', async () => {
    const huge = await raw('/', { headers: { ...form, authorization: scope('monitoring') }, body: `Action=PutMetricData&Namespace=${'x'.repeat(1024 * 1024 + 10)}` });
    expect(huge.status).toBe(413);
    expect(await huge.text()).toContain('<Code>RequestEntityTooLarge</Code>');
    const hugeRest = await raw('/experimentTemplates', { headers: { authorization: scope('fis') }, body: 'x'.repeat(2 * 1024 * 1024) });
    expect(hugeRest.status).toBe(413);
    const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024, 'a'));
    const zipBomb = await raw('/', { headers: { ...form, authorization: scope('monitoring'), 'content-encoding': 'gzip' }, body: bomb });
    expect(zipBomb.status).toBe(413);
    const notGzip = await raw('/', { headers: { ...form, authorization: scope('monitoring'), 'content-encoding': 'gzip' }, body: 'Action=ListMetrics' });
    expect(notGzip.status).toBe(400);
  });

  it('control API rejects bad input', async () => {
    const badFault = await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'POST', body: '{"service":"s3","kind":"throttle"}' });
    expect(badFault.status).toBe(400);
    expect(await badFault.json()).toEqual({ error: 'service must be one of fis, resiliencehub, monitoring, sts, ec2, rds, elasticache, ecs, iam, arc-zonal-shift' });
    const backwards = await fetch(`${sandbox.url}/_sandbox/clock`, { method: 'POST', body: '{"advanceSeconds":-5}' });
    expect(backwards.status).toBe(400);
    const notJson = await fetch(`${sandbox.url}/_sandbox/clock`, { method: 'POST', body: '{' });
    expect(notJson.status).toBe(400);
    const nowhere = await fetch(`${sandbox.url}/_sandbox/nowhere`);
    expect(nowhere.status).toBe(404);
  });

  it('a presigned GET (credential scope in X-Amz-Credential) is routed like a signed POST', async () => {
    const credential = encodeURIComponent('AKIDSANDBOXTEST/20261126/us-east-1/sts/aws4_request');
    const presigned = await raw(`/?Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${credential}&X-Amz-Signature=00`, { method: 'GET' });
    expect(presigned.status).toBe(200);
    expect(await presigned.text()).toContain('<Account>111122223333</Account>');
  });

  it('still serves after all of that', async () => {
    const out = await clients.sts.send(new GetCallerIdentityCommand({}));
    expect(out.Account).toBe('111122223333');
  });
});

describe('control API', () => {
  it('reports state and moves the clock forward or changes its speed', async () => {
    const before = await control<{ now: string; speed: number; simulation: { steps: number }; faults: unknown[] }>(sandbox.url, 'GET', 'state');
    expect(before.speed).toBe(1);
    expect(before.simulation.steps).toBeGreaterThan(0);
    const moved = await advanceClock(sandbox.url, 3600);
    expect(Date.parse(moved.now) - Date.parse(before.now)).toBeGreaterThanOrEqual(3600_000);
    const faster = await control<{ speed: number; now: string }>(sandbox.url, 'POST', 'clock', { speed: 100 });
    expect(faster.speed).toBe(100);
    expect(Date.parse(faster.now)).toBeGreaterThanOrEqual(Date.parse(moved.now));
    await control(sandbox.url, 'POST', 'clock', { speed: 1 });
  });
});

describe('load', () => {
  it('serves a few thousand parallel requests on loopback without an error', async () => {
    const { sandbox: loaded } = await startFakeSandbox();
    try {
      // Mostly bare HTTP (cheap to send, so the server is what is loaded), plus real SDK calls in the mix.
      const agent = new Agent({ keepAlive: true, maxSockets: 128 });
      const bare = Array.from({ length: 2000 }, (_, i) => {
        const body = i % 2 === 0 ? 'Action=GetCallerIdentity&Version=2011-06-15' : `Action=PutMetricData&Version=2010-08-01&Namespace=Load&MetricData.member.1.MetricName=n&MetricData.member.1.Value=${i}`;
        return post(loaded.url, agent, { ...form, authorization: scope(i % 2 === 0 ? 'sts' : 'monitoring') }, body).then(({ status, text }) => {
          if (status !== 200 || !text.includes('<RequestId>')) throw new Error(`${status} ${text}`);
        });
      });
      const c = sandboxClients(loaded.url, { maxAttempts: 1 });
      const sdk = Array.from({ length: 200 }, (_, i) =>
        i % 2 === 0 ? c.sts.send(new GetCallerIdentityCommand({})) : c.cloudwatch.send(new DescribeAlarmsCommand({})),
      );
      const results = await Promise.allSettled([...bare, ...sdk]);
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      const metrics = await c.cloudwatch.send(new ListMetricsCommand({ Namespace: 'Load' }));
      expect(metrics.Metrics).toHaveLength(1);
      agent.destroy();
    } finally {
      await loaded.stop();
    }
  });
});

function post(url: string, agent: Agent, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the sandbox names itself on every response (x-gameday-sandbox: the world), as AWS never does', () => {
  it('on an answer, an error, an unknown service, and the control API', async () => {
    const answered = await raw('/', { headers: { ...form, authorization: scope('sts') }, body: 'Action=GetCallerIdentity&Version=2011-06-15' });
    const failed = await raw('/', { headers: { ...form, authorization: scope('sts') }, body: 'Action=NoSuchAction&Version=2011-06-15' });
    const unknown = await raw('/', { headers: { ...form, authorization: scope('sqs') }, body: 'Action=ListQueues' });
    const controlled = await fetch(`${sandbox.url}/_sandbox/state`);
    expect([answered.status, failed.status >= 400, unknown.status >= 400, controlled.status]).toEqual([200, true, true, 200]);
    for (const r of [answered, failed, unknown, controlled]) expect(r.headers.get(SANDBOX_HEADER)).toBe('fake-simulation');
  });
});
