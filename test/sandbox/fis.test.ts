import {
  CreateExperimentTemplateCommand,
  DeleteExperimentTemplateCommand,
  GetActionCommand,
  GetExperimentCommand,
  GetExperimentTemplateCommand,
  GetTargetResourceTypeCommand,
  ListExperimentResolvedTargetsCommand,
  ListExperimentsCommand,
  ListExperimentTemplatesCommand,
  ListTagsForResourceCommand,
  ListTargetResourceTypesCommand,
  paginateListActions,
  StartExperimentCommand,
  StopExperimentCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateExperimentTemplateCommand,
  type CreateExperimentTemplateCommandInput,
  type FisClient,
} from '@aws-sdk/client-fis';
import { DescribeAlarmHistoryCommand, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import { WORLD_START as START, worldPath } from './worlds.js';
import { rejected, sandboxClients } from '../helpers/aws-clients.js';
import { advanceClock, control } from '../helpers/sandbox-control.js';

const ROLE = 'arn:aws:iam::123456789012:role/gameday-fis';
const alarmArn = (name: string) => `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${name}`;

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
let sandbox: Sandbox;
let clients: ReturnType<typeof sandboxClients>;
let fis: FisClient;

beforeAll(async () => {
  sandbox = await startSandbox({ world: worldPath('multi-az-checkout.yaml'), speed: 1, seed: 7, clockStart: START });
  clients = sandboxClients(sandbox.url, { maxAttempts: 1 });
  fis = clients.fis;
});
afterAll(async () => {
  await sandbox?.stop();
});

const rebootThenWait = (): CreateExperimentTemplateCommandInput => ({
  description: 'reboot one standalone instance, then watch',
  roleArn: ROLE,
  stopConditions: [{ source: 'aws:cloudwatch:alarm', value: alarmArn('checkout-5xx-critical') }],
  targets: {
    web: { resourceType: 'aws:ec2:instance', resourceTags: { AzImpairmentPower: 'StopInstances' }, filters: [{ path: 'State.Name', values: ['running'] }], selectionMode: 'COUNT(1)' },
  },
  actions: {
    reboot: { actionId: 'aws:ec2:reboot-instances', targets: { Instances: 'web' } },
    watch: { actionId: 'aws:fis:wait', parameters: { duration: 'PT5M' }, startAfter: ['reboot'] },
  },
  tags: { team: 'sre' },
});

describe('FIS over HTTP with @aws-sdk/client-fis', () => {
  it('creates, reads, updates, lists and deletes experiment templates', async () => {
    const { experimentTemplate: created } = await fis.send(new CreateExperimentTemplateCommand({ ...rebootThenWait(), clientToken: 'create-1' }));
    expect(created?.id).toMatch(/^EXT/);
    expect(created?.creationTime).toBeInstanceOf(Date);
    expect(created?.creationTime?.getTime()).toBeGreaterThanOrEqual(START);
    const again = await fis.send(new CreateExperimentTemplateCommand({ ...rebootThenWait(), clientToken: 'create-1' }));
    expect(again.experimentTemplate?.id).toBe(created?.id);
    const got = await fis.send(new GetExperimentTemplateCommand({ id: created!.id }));
    expect(got.experimentTemplate?.targets?.['web']?.filters).toEqual([{ path: 'State.Name', values: ['running'] }]);
    expect(got.experimentTemplate?.actions?.['watch']?.startAfter).toEqual(['reboot']);
    const updated = await fis.send(new UpdateExperimentTemplateCommand({ id: created!.id, description: 'updated' }));
    expect(updated.experimentTemplate?.description).toBe('updated');
    const listed = await fis.send(new ListExperimentTemplatesCommand({}));
    expect(listed.experimentTemplates?.map((t) => t.id)).toContain(created!.id);
    await fis.send(new DeleteExperimentTemplateCommand({ id: created!.id }));
    const gone = await rejected(fis.send(new GetExperimentTemplateCommand({ id: created!.id })));
    expect(gone.name).toBe('ResourceNotFoundException');
    expect(gone.$metadata.httpStatusCode).toBe(404);
  });

  it('returns FIS validation errors as ValidationException with the message', async () => {
    const bad = rebootThenWait();
    bad.actions!['watch']!.targets = { Instances: 'web' };
    const error = await rejected(fis.send(new CreateExperimentTemplateCommand(bad)));
    expect(error.name).toBe('ValidationException');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toBe('Unexpected target "Instances" found in action "watch".');
    const both = rebootThenWait();
    both.targets!['web']!.resourceArns = ['arn:aws:ec2:us-east-1:123456789012:instance/i-0c0ffee00000000a1'];
    expect((await rejected(fis.send(new CreateExperimentTemplateCommand(both)))).message).toBe('You cannot specify both resource ARNs and resource tags for target web.');
  });

  it('lists actions page by page and describes actions and target resource types', async () => {
    const ids: string[] = [];
    for await (const page of paginateListActions({ client: fis, pageSize: 5 }, {})) {
      expect(page.actions!.length).toBeLessThanOrEqual(5);
      ids.push(...page.actions!.map((a) => a.id!));
    }
    expect(ids).toEqual(expect.arrayContaining(['aws:ec2:stop-instances', 'aws:ssm:send-command', 'aws:ecs:stop-task', 'aws:fis:wait']));
    const { action } = await fis.send(new GetActionCommand({ id: 'aws:network:disrupt-connectivity' }));
    expect(action?.targets).toEqual({ Subnets: { resourceType: 'aws:ec2:subnet' } });
    expect(action?.parameters?.['duration']?.required).toBe(true);
    expect((await rejected(fis.send(new GetActionCommand({ id: 'aws:ec2:nope' })))).name).toBe('ResourceNotFoundException');
    const types = await fis.send(new ListTargetResourceTypesCommand({}));
    expect(types.targetResourceTypes?.map((t) => t.resourceType)).toContain('aws:ecs:task');
    const { targetResourceType } = await fis.send(new GetTargetResourceTypeCommand({ resourceType: 'aws:ecs:task' }));
    expect(Object.keys(targetResourceType?.parameters ?? {})).toEqual(['cluster', 'service']);
  });

  it('runs an experiment on the virtual clock: states, timestamps, resolved targets, tags', async () => {
    const { experimentTemplate } = await fis.send(new CreateExperimentTemplateCommand(rebootThenWait()));
    const { experiment } = await fis.send(new StartExperimentCommand({ experimentTemplateId: experimentTemplate!.id, clientToken: 'start-1', tags: { run: 'http' } }));
    expect(experiment?.state?.status).toBe('pending');
    const same = await fis.send(new StartExperimentCommand({ experimentTemplateId: experimentTemplate!.id, clientToken: 'start-1' }));
    expect(same.experiment?.id).toBe(experiment!.id);
    await advanceClock(sandbox.url, 30);
    let got = (await fis.send(new GetExperimentCommand({ id: experiment!.id }))).experiment!;
    expect(got.state?.status).toBe('running');
    expect(got.actions?.['watch']?.state?.status).toBe('running');
    expect(got.actions?.['reboot']?.startTime).toBeInstanceOf(Date);
    await advanceClock(sandbox.url, 6 * 60);
    got = (await fis.send(new GetExperimentCommand({ id: experiment!.id }))).experiment!;
    expect(got.state).toEqual({ status: 'completed', reason: 'Experiment completed.' });
    expect(got.actions!['watch']!.endTime!.getTime() - got.actions!['watch']!.startTime!.getTime()).toBe(300_000);
    const resolved = await fis.send(new ListExperimentResolvedTargetsCommand({ experimentId: experiment!.id, targetName: 'web' }));
    expect(resolved.resolvedTargets).toHaveLength(1);
    expect(resolved.resolvedTargets?.[0]?.targetInformation?.['identifier']).toMatch(/^arn:aws:ec2:us-east-1:123456789012:instance\/i-/);
    const listed = await fis.send(new ListExperimentsCommand({}));
    expect(listed.experiments?.find((e) => e.id === experiment!.id)?.state?.status).toBe('completed');
    const arn = `arn:aws:fis:us-east-1:123456789012:experiment/${experiment!.id}`;
    await fis.send(new TagResourceCommand({ resourceArn: arn, tags: { env: 'sandbox' } }));
    await fis.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['run'] }));
    expect((await fis.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toEqual({ env: 'sandbox' });
    const ended = await rejected(fis.send(new StopExperimentCommand({ id: experiment!.id })));
    expect(ended.name).toBe('ValidationException');
  });

  it('stops an experiment on request and rolls its actions back', async () => {
    const { experimentTemplate } = await fis.send(
      new CreateExperimentTemplateCommand({
        description: 'stop the standalone instances',
        roleArn: ROLE,
        stopConditions: [{ source: 'none' }],
        targets: { standalone: { resourceType: 'aws:ec2:instance', resourceTags: { AzImpairmentPower: 'StopInstances' }, selectionMode: 'ALL' } },
        actions: { stop: { actionId: 'aws:ec2:stop-instances', parameters: { startInstancesAfterDuration: 'PT30M' }, targets: { Instances: 'standalone' } } },
      }),
    );
    const { experiment } = await fis.send(new StartExperimentCommand({ experimentTemplateId: experimentTemplate!.id }));
    await advanceClock(sandbox.url, 60);
    const state = await control<{ simulation: { instances: { id: string; state: string }[] } }>(sandbox.url, 'GET', 'state');
    expect(JSON.stringify(state)).toContain('"stopped"');
    await fis.send(new StopExperimentCommand({ id: experiment!.id }));
    await advanceClock(sandbox.url, 30);
    const got = (await fis.send(new GetExperimentCommand({ id: experiment!.id }))).experiment!;
    expect(got.state).toEqual({ status: 'stopped', reason: 'Experiment stopped by user.' });
    expect(got.actions?.['stop']?.state?.status).toBe('stopped');
  });

  it('refuses a sixth active experiment with ServiceQuotaExceededException', async () => {
    const { experimentTemplate } = await fis.send(new CreateExperimentTemplateCommand(rebootThenWait()));
    const started: string[] = [];
    const active = (await fis.send(new ListExperimentsCommand({}))).experiments!.filter((e) => ['pending', 'initiating', 'running', 'stopping'].includes(e.state!.status!)).length;
    for (let i = active; i < 5; i++) started.push((await fis.send(new StartExperimentCommand({ experimentTemplateId: experimentTemplate!.id }))).experiment!.id!);
    const error = await rejected(fis.send(new StartExperimentCommand({ experimentTemplateId: experimentTemplate!.id })));
    expect(error.name).toBe('ServiceQuotaExceededException');
    expect(error.$metadata.httpStatusCode).toBe(402);
    for (const id of started) await fis.send(new StopExperimentCommand({ id }));
    await advanceClock(sandbox.url, 30);
  });

  it('stops when the stop-condition alarm goes to ALARM in the sandbox CloudWatch', async () => {
    const { experimentTemplate } = await fis.send(
      new CreateExperimentTemplateCommand({
        description: 'cut every checkout subnet',
        roleArn: ROLE,
        stopConditions: [{ source: 'aws:cloudwatch:alarm', value: alarmArn('checkout-5xx-critical') }],
        targets: { subnets: { resourceType: 'aws:ec2:subnet', resourceTags: { AzImpairmentPower: 'DisruptSubnet' }, selectionMode: 'ALL' } },
        actions: { cut: { actionId: 'aws:network:disrupt-connectivity', parameters: { duration: 'PT20M', scope: 'all' }, targets: { Subnets: 'subnets' } } },
      }),
    );
    const { experiment } = await fis.send(new StartExperimentCommand({ experimentTemplateId: experimentTemplate!.id }));
    await advanceClock(sandbox.url, 5 * 60);
    const got = (await fis.send(new GetExperimentCommand({ id: experiment!.id }))).experiment!;
    expect(got.state).toEqual({ status: 'stopped', reason: `Experiment stopped by stop condition ${alarmArn('checkout-5xx-critical')}.` });
    const alarms = await clients.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: ['checkout-5xx-critical'] }));
    const history = await clients.cloudwatch.send(new DescribeAlarmHistoryCommand({ AlarmName: 'checkout-5xx-critical', HistoryItemType: 'StateUpdate' }));
    const toAlarm = history.AlarmHistoryItems?.find((h) => JSON.parse(h.HistoryData ?? '{}').newState?.stateValue === 'ALARM');
    expect(toAlarm?.Timestamp?.getTime()).toBeLessThanOrEqual(got.endTime!.getTime());
    expect(alarms.MetricAlarms?.[0]?.StateValue).toBeDefined();
  });
});
