import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import { CreateExperimentTemplateCommand, StartExperimentCommand } from '@aws-sdk/client-fis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EcsContainerServices } from '../../src/aws/ecs-container-services.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { SANDBOX_CREDENTIALS, SANDBOX_REGION, clientConfig, sandboxClients } from '../helpers/aws-clients.js';
import { ALARM } from '../helpers/az-power-template.js';
import { advanceClock, injectFault } from '../helpers/sandbox-control.js';
import { WORLD_START, worldPath } from './worlds.js';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
let sandbox: Sandbox;
let ecs: ECSClient;
let containers: EcsContainerServices;
beforeAll(async () => {
  sandbox = await startSandbox({ world: worldPath('orders-ecs.yaml'), speed: 1, clockStart: WORLD_START });
  ecs = new ECSClient(clientConfig(sandbox.url));
  containers = new EcsContainerServices({ region: SANDBOX_REGION, endpoint: sandbox.url, credentials: SANDBOX_CREDENTIALS, maxAttempts: 1 });
});
afterAll(() => sandbox.stop());

const ORDERS_API = 'arn:aws:ecs:us-east-1:123456789012:service/orders/orders-api';

describe('ECS awsJson1_1 with the real ECSClient (3.523.0)', () => {
  it('DescribeServices by name or ARN, in a cluster named by name or ARN: desired, running and pending counts', async () => {
    const { services, failures } = await ecs.send(new DescribeServicesCommand({ cluster: 'orders', services: ['orders-api'], include: ['TAGS'] }));
    expect(failures).toEqual([]);
    expect(services).toEqual([
      expect.objectContaining({
        serviceArn: ORDERS_API,
        serviceName: 'orders-api',
        clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/orders',
        status: 'ACTIVE',
        desiredCount: 3,
        runningCount: 3,
        pendingCount: 0,
        tags: [{ key: 'Service', value: 'orders' }],
      }),
    ]);
    const byArn = await ecs.send(new DescribeServicesCommand({ cluster: 'arn:aws:ecs:us-east-1:123456789012:cluster/orders', services: [ORDERS_API] }));
    expect(byArn.services?.map((s) => s.serviceName)).toEqual(['orders-api']);
  });

  it('a missing service comes back in failures (MISSING); an unknown cluster is ClusterNotFoundException', async () => {
    const out = await ecs.send(new DescribeServicesCommand({ cluster: 'orders', services: ['orders-api', 'payments-api'] }));
    expect(out.services?.map((s) => s.serviceName)).toEqual(['orders-api']);
    expect(out.failures).toEqual([{ arn: 'arn:aws:ecs:us-east-1:123456789012:service/orders/payments-api', reason: 'MISSING' }]);
    expect(await containers.services('orders', ['payments-api'])).toEqual({ 'payments-api': { status: 'MISSING', desiredCount: 0, runningCount: 0, pendingCount: 0 } });
    await expect(ecs.send(new DescribeServicesCommand({ cluster: 'payments', services: ['payments-api'] }))).rejects.toMatchObject({
      name: 'ClusterNotFoundException',
      message: 'Cluster not found.',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(ecs.send(new DescribeServicesCommand({ cluster: 'orders', services: Array.from({ length: 11 }, (_, i) => `s${i}`) }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });

  it('throttling is retried by the SDK', async () => {
    await injectFault(sandbox.url, { service: 'ecs', operation: 'DescribeServices', kind: 'throttle', count: 2 });
    const out = await ecs.send(new DescribeServicesCommand({ cluster: 'orders', services: ['orders-api'] }));
    expect(out.$metadata.attempts).toBe(3);
  });

  it('a stopped task drops runningCount until the service has replaced it', async () => {
    const { fis } = sandboxClients(sandbox.url, { maxAttempts: 1 });
    const { experimentTemplate } = await fis.send(
      new CreateExperimentTemplateCommand({
        description: 'orders stop task',
        roleArn: 'arn:aws:iam::123456789012:role/gameday-fis',
        stopConditions: [{ source: 'aws:cloudwatch:alarm', value: ALARM('orders-5xx-critical') }],
        targets: { Tasks: { resourceType: 'aws:ecs:task', parameters: { cluster: 'orders', service: 'orders-api' }, selectionMode: 'COUNT(1)' } },
        actions: { 'Stop-Task': { actionId: 'aws:ecs:stop-task', targets: { Tasks: 'Tasks' } } },
      }),
    );
    await fis.send(new StartExperimentCommand({ experimentTemplateId: experimentTemplate!.id }));
    await advanceClock(sandbox.url, 30);
    expect(await containers.services('orders', ['orders-api'])).toEqual({ 'orders-api': { status: 'ACTIVE', desiredCount: 3, runningCount: 2, pendingCount: 1 } });
    // orders-ecs.yaml: replaceAfter PT80S
    await advanceClock(sandbox.url, 80);
    expect(await containers.services('orders', ['orders-api'])).toEqual({ 'orders-api': { status: 'ACTIVE', desiredCount: 3, runningCount: 3, pendingCount: 0 } });
  });
});
