import { CreateExperimentTemplateCommand, GetExperimentCommand, StartExperimentCommand, type CreateExperimentTemplateCommandInput } from '@aws-sdk/client-fis';
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { describe, expect, it } from 'vitest';
import { ElastiCacheCaches } from '../../src/aws/elasticache-caches.js';
import { RdsDatabases } from '../../src/aws/rds-databases.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { SANDBOX_CREDENTIALS, SANDBOX_REGION, sandboxClients } from '../helpers/aws-clients.js';
import { advanceClock } from '../helpers/sandbox-control.js';
import { WORLD_START, worldPath } from './worlds.js';

const ROLE = 'arn:aws:iam::123456789012:role/gameday-fis';
const SUBNET_1B = 'arn:aws:ec2:us-east-1:123456789012:subnet/subnet-05a0b0c0d0e0f0002';

/**
 * FIS fails a database or a cache over only through their own actions (aws:rds:failover-db-cluster,
 * aws:rds:reboot-db-instances, aws:elasticache:replicationgroup-interrupt-az-power): capacity errors or
 * a subnet disruption in their AZ leave them where they are (review-s7 #16: an ICE-only rehearsal of
 * search failed payments over on shop-platform).
 */
describe('capacity errors or a subnet disruption alone fail no database or cache over', () => {
  const templates: Record<string, CreateExperimentTemplateCommandInput> = {
    'capacity errors on search-asg in us-east-1b': {
      description: 'search ICE',
      roleArn: ROLE,
      stopConditions: [{ source: 'none' }],
      targets: { asg: { resourceType: 'aws:ec2:autoscaling-group', resourceTags: { Service: 'search' }, selectionMode: 'ALL' } },
      actions: { ice: { actionId: 'aws:ec2:asg-insufficient-instance-capacity-error', parameters: { duration: 'PT5M', availabilityZoneIdentifiers: 'us-east-1b', percentage: '100' }, targets: { AutoScalingGroups: 'asg' } } },
    },
    'a connectivity disruption of the us-east-1b subnet': {
      description: 'subnet disruption',
      roleArn: ROLE,
      stopConditions: [{ source: 'none' }],
      targets: { subnet: { resourceType: 'aws:ec2:subnet', resourceArns: [SUBNET_1B], selectionMode: 'ALL' } },
      actions: { cut: { actionId: 'aws:network:disrupt-connectivity', parameters: { duration: 'PT5M', scope: 'all' }, targets: { Subnets: 'subnet' } } },
    },
  };
  for (const [name, template] of Object.entries(templates)) {
    it(`${name}: payments-db keeps its writer and search-cache its primary there${name.startsWith('capacity') ? ', and no payment fails' : ''}`, async () => {
      const shop = await startSandbox({ world: worldPath('shop-platform.yaml'), speed: 1, clockStart: WORLD_START });
      try {
        const caches = new ElastiCacheCaches({ region: SANDBOX_REGION, endpoint: shop.url, credentials: SANDBOX_CREDENTIALS, maxAttempts: 1 });
        const databases = new RdsDatabases({ region: SANDBOX_REGION, endpoint: shop.url, credentials: SANDBOX_CREDENTIALS, maxAttempts: 1 });
        const { fis, cloudwatch } = sandboxClients(shop.url, { maxAttempts: 1 });
        const writerBefore = (await databases.clusters(['payments-db']))['payments-db']!;
        expect(writerBefore).toMatchObject({ status: 'available', writer: { availabilityZone: 'us-east-1b' } });
        const cacheBefore = await caches.replicationGroups(['search-cache']);
        expect(cacheBefore).toEqual({ 'search-cache': { status: 'available', primaryAvailabilityZones: ['us-east-1b'] } });
        const { experimentTemplate } = await fis.send(new CreateExperimentTemplateCommand(template));
        const { experiment } = await fis.send(new StartExperimentCommand({ experimentTemplateId: experimentTemplate!.id }));
        await advanceClock(shop.url, 10);
        expect((await fis.send(new GetExperimentCommand({ id: experiment!.id }))).experiment?.state?.status).toBe('running');
        for (const seconds of [20, 60, 4 * 60]) {
          await advanceClock(shop.url, seconds);
          expect((await databases.clusters(['payments-db']))['payments-db']).toEqual(writerBefore);
          expect(await caches.replicationGroups(['search-cache'])).toEqual(cacheBefore);
        }
        if (!name.startsWith('capacity')) return;
        const failed = await cloudwatch.send(
          new GetMetricDataCommand({
            StartTime: experiment!.creationTime,
            EndTime: new Date(experiment!.creationTime!.getTime() + 5 * 60_000),
            MetricDataQueries: [{ Id: 'failed', MetricStat: { Metric: { Namespace: 'Shop', MetricName: 'FailedPayments', Dimensions: [{ Name: 'Service', Value: 'payments' }] }, Period: 60, Stat: 'Sum' } }],
          }),
        );
        const values = failed.MetricDataResults![0]!.Values!;
        expect(values.length).toBeGreaterThan(3);
        expect(Math.max(...values)).toBe(0);
      } finally {
        await shop.stop();
      }
    });
  }
});

describe('a database writer rebooted in an impaired AZ does not come back there (the AZ power interruption)', () => {
  const reboot = { actionId: 'aws:rds:reboot-db-instances', parameters: {}, targets: { DBInstances: 'writer' } };
  const cut = { actionId: 'aws:network:disrupt-connectivity', parameters: { duration: 'PT5M', scope: 'all' }, targets: { Subnets: 'subnet' } };
  const cases: [string, Record<string, typeof reboot | typeof cut>, string][] = [
    ['rebooted alone, the writer restarts in us-east-1b', { reboot }, 'us-east-1b'],
    ['with the subnet cut listed after the reboot, Aurora promotes the reader in us-east-1a', { reboot, cut }, 'us-east-1a'],
    ['with the subnet cut listed before it, the same', { cut, reboot }, 'us-east-1a'],
  ];
  for (const [name, actions, writerAz] of cases) {
    it(name, async () => {
      const shop = await startSandbox({ world: worldPath('shop-platform.yaml'), speed: 1, clockStart: WORLD_START });
      try {
        const databases = new RdsDatabases({ region: SANDBOX_REGION, endpoint: shop.url, credentials: SANDBOX_CREDENTIALS, maxAttempts: 1 });
        const { fis } = sandboxClients(shop.url, { maxAttempts: 1 });
        const { experimentTemplate } = await fis.send(
          new CreateExperimentTemplateCommand({
            description: 'payments-db writer in an impaired AZ',
            roleArn: ROLE,
            stopConditions: [{ source: 'none' }],
            targets: {
              writer: { resourceType: 'aws:rds:db', resourceArns: ['arn:aws:rds:us-east-1:123456789012:db:payments-db-instance-1'], selectionMode: 'ALL' },
              subnet: { resourceType: 'aws:ec2:subnet', resourceArns: [SUBNET_1B], selectionMode: 'ALL' },
            },
            actions,
          } as CreateExperimentTemplateCommandInput),
        );
        await fis.send(new StartExperimentCommand({ experimentTemplateId: experimentTemplate!.id }));
        await advanceClock(shop.url, 10 * 60);
        expect((await databases.clusters(['payments-db']))['payments-db']).toMatchObject({ status: 'available', writer: { availabilityZone: writerAz } });
      } finally {
        await shop.stop();
      }
    });
  }
});
