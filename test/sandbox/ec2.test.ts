import { DescribeInstancesCommand, DescribeNetworkAclsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateExperimentTemplateCommand, StartExperimentCommand, type CreateExperimentTemplateCommandInput } from '@aws-sdk/client-fis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Ec2Compute } from '../../src/aws/ec2-compute.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { SANDBOX_CREDENTIALS, SANDBOX_REGION, clientConfig, sandboxClients } from '../helpers/aws-clients.js';
import { azPowerTemplate } from '../helpers/az-power-template.js';
import { advanceClock, clearFaults, injectFault } from '../helpers/sandbox-control.js';
import { WORLD_START, worldPath } from './worlds.js';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
let sandbox: Sandbox;
let ec2: EC2Client;
beforeAll(async () => {
  sandbox = await startSandbox({ world: worldPath('multi-az-checkout.yaml'), speed: 1, clockStart: WORLD_START });
  ec2 = new EC2Client(clientConfig(sandbox.url));
});
afterAll(() => sandbox.stop());
afterEach(() => clearFaults(sandbox.url));

const WORKER_B = 'i-0c0ffee00000000b1';
const SUBNET_B = 'subnet-0a1b2c3d4e5f60002';
const fisAclFilters = (subnets: string[]) => [
  { Name: 'association.subnet-id', Values: subnets },
  { Name: 'tag:managedByFIS', Values: ['true'] },
];

describe('EC2 query protocol with the real EC2Client (3.523.0)', () => {
  it('DescribeInstances by id: reservations with the instance state as EC2 reports it', async () => {
    const out = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [WORKER_B] }));
    const instances = (out.Reservations ?? []).flatMap((r) => r.Instances ?? []);
    expect(instances).toHaveLength(1);
    expect(instances[0]).toMatchObject({ InstanceId: WORKER_B, State: { Code: 16, Name: 'running' }, SubnetId: SUBNET_B, Placement: { AvailabilityZone: 'us-east-1b' } });
    expect(out.Reservations![0]!.ReservationId).toMatch(/^r-/);
  });

  it('DescribeInstances with an instance-state-name filter, paged by MaxResults/NextToken', async () => {
    const ids: string[] = [];
    let NextToken: string | undefined;
    let pages = 0;
    do {
      const out = await ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'instance-state-name', Values: ['running'] }], MaxResults: 5, NextToken }));
      ids.push(...(out.Reservations ?? []).flatMap((r) => (r.Instances ?? []).map((i) => i.InstanceId!)));
      NextToken = out.NextToken;
      pages++;
    } while (NextToken);
    expect(pages).toBeGreaterThan(1);
    expect(ids).toContain(WORKER_B);
    expect(new Set(ids).size).toBe(ids.length);
    const stopped = await ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'instance-state-name', Values: ['stopped'] }] }));
    expect(stopped.Reservations).toEqual([]);
  });

  it('errors come back in EC2 form: unknown and malformed ids, an unknown filter', async () => {
    await expect(ec2.send(new DescribeInstancesCommand({ InstanceIds: [WORKER_B, 'i-0000000000000dead'] }))).rejects.toMatchObject({
      name: 'InvalidInstanceID.NotFound',
      message: "The instance ID 'i-0000000000000dead' does not exist",
      $metadata: { httpStatusCode: 400 },
    });
    await expect(ec2.send(new DescribeInstancesCommand({ InstanceIds: ['not-an-id'] }))).rejects.toMatchObject({ name: 'InvalidInstanceID.Malformed' });
    await expect(ec2.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'colour', Values: ['red'] }] }))).rejects.toMatchObject({ name: 'InvalidParameterValue' });
  });

  it('throttling (RequestLimitExceeded) is retried by the SDK', async () => {
    await injectFault(sandbox.url, { service: 'ec2', operation: 'DescribeNetworkAcls', kind: 'throttle', count: 2 });
    const out = await ec2.send(new DescribeNetworkAclsCommand({}));
    expect(out.$metadata.attempts).toBe(3);
    expect(out.NetworkAcls!.some((a) => a.IsDefault)).toBe(true);
  });

  it('during the AZ power interruption: stopped instances and the FIS ACL on the AZ subnet; after it, neither', async () => {
    const compute = new Ec2Compute({ region: SANDBOX_REGION, endpoint: sandbox.url, credentials: SANDBOX_CREDENTIALS, maxAttempts: 1 });
    const { fis } = sandboxClients(sandbox.url, { maxAttempts: 1 });
    const { experimentTemplate } = await fis.send(new CreateExperimentTemplateCommand(azPowerTemplate('PT5M') as unknown as CreateExperimentTemplateCommandInput));
    await fis.send(new StartExperimentCommand({ experimentTemplateId: experimentTemplate!.id }));
    await advanceClock(sandbox.url, 60);

    const acls = await ec2.send(new DescribeNetworkAclsCommand({ Filters: fisAclFilters(['subnet-0a1b2c3d4e5f60001', SUBNET_B]) }));
    expect(acls.NetworkAcls).toHaveLength(1);
    expect(acls.NetworkAcls![0]).toMatchObject({ IsDefault: false, Associations: [{ SubnetId: SUBNET_B }], Tags: [{ Key: 'managedByFIS', Value: 'true' }] });
    expect(await compute.subnetsWithFisAcl(['subnet-0a1b2c3d4e5f60001', SUBNET_B])).toEqual([SUBNET_B]);
    expect(await compute.instanceStates([WORKER_B, 'i-0c0ffee00000000a1', 'i-0000000000000dead'])).toEqual({
      [WORKER_B]: 'stopped',
      'i-0c0ffee00000000a1': 'running',
      'i-0000000000000dead': 'not-found',
    });

    await advanceClock(sandbox.url, 10 * 60);
    expect(await compute.subnetsWithFisAcl([SUBNET_B])).toEqual([]);
    expect(await compute.instanceStates([WORKER_B])).toEqual({ [WORKER_B]: 'running' });
  });
});
