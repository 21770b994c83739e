import { CreateExperimentTemplateCommand, GetActionCommand, GetExperimentCommand, GetTargetResourceTypeCommand, ListExperimentResolvedTargetsCommand, StartExperimentCommand, type CreateExperimentTemplateCommandInput } from '@aws-sdk/client-fis';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import { rejected, sandboxClients } from '../helpers/aws-clients.js';
import { advanceClock, control } from '../helpers/sandbox-control.js';
import { WORLD_START, worldPath } from './worlds.js';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
});

const ALB = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/checkout-alb/50dc6c495c0c9188';

/** The scenario library's autoshift action as gameday compiles it (compile-az-power-interruption.ts). */
function autoshiftTemplate(parameters: Record<string, string> = {}, mode: 'fail' | 'skip' = 'fail'): CreateExperimentTemplateCommandInput {
  return {
    description: 'zonal autoshift away from use1-az2',
    roleArn: 'arn:aws:iam::123456789012:role/gameday-fis',
    stopConditions: [{ source: 'none' }],
    targets: { 'ARC-Managed-Resources': { resourceType: 'aws:arc:zonal-shift-managed-resource', resourceTags: { AzImpairmentPower: 'RecoverAutoshiftResources' }, selectionMode: 'ALL' } },
    actions: {
      'Start-ARC-Zonal-Autoshift': {
        actionId: 'aws:arc:start-zonal-autoshift',
        parameters: { availabilityZoneIdentifier: 'use1-az2', duration: 'PT5M', managedResourceTypes: 'ASG,ALB,NLB,EKS', ...parameters },
        targets: { ManagedResources: 'ARC-Managed-Resources' },
      },
    },
    experimentOptions: { accountTargeting: 'single-account', emptyTargetResolutionMode: mode },
  };
}

async function sandboxOn(world: string) {
  sandbox = await startSandbox({ world, speed: 1, clockStart: WORLD_START });
  return { url: sandbox.url, fis: sandboxClients(sandbox.url, { maxAttempts: 1 }).fis };
}

async function startedFrom(fis: ReturnType<typeof sandboxClients>['fis'], template: CreateExperimentTemplateCommandInput): Promise<string> {
  const { experimentTemplate } = await fis.send(new CreateExperimentTemplateCommand(template));
  const { experiment } = await fis.send(new StartExperimentCommand({ experimentTemplateId: experimentTemplate!.id }));
  return experiment!.id!;
}

describe('aws:arc:start-zonal-autoshift over HTTP with @aws-sdk/client-fis', () => {
  it('describes the action and the managed-resource target type like the others', async () => {
    const { fis } = await sandboxOn(worldPath('multi-az-checkout.yaml'));
    const { action } = await fis.send(new GetActionCommand({ id: 'aws:arc:start-zonal-autoshift' }));
    expect(action?.targets).toEqual({ ManagedResources: { resourceType: 'aws:arc:zonal-shift-managed-resource' } });
    expect(Object.entries(action?.parameters ?? {}).map(([k, p]) => [k, p.required])).toEqual([
      ['duration', true],
      ['availabilityZoneIdentifier', true],
      ['managedResourceTypes', false],
      ['zonalAutoshiftStatus', false],
    ]);
    const { targetResourceType } = await fis.send(new GetTargetResourceTypeCommand({ resourceType: 'aws:arc:zonal-shift-managed-resource' }));
    expect(targetResourceType?.description).toMatch(/zonal shift managed resource/);
  });

  it('accepts the template, resolves the autoshift-enabled ALB, shifts while the action runs and ends the shift with it', async () => {
    const { url, fis } = await sandboxOn(worldPath('multi-az-checkout.yaml'));
    const id = await startedFrom(fis, autoshiftTemplate());
    await advanceClock(url, 30);
    const running = (await fis.send(new GetExperimentCommand({ id }))).experiment!;
    expect(running.actions?.['Start-ARC-Zonal-Autoshift']?.state?.status).toBe('running');
    const resolved = await fis.send(new ListExperimentResolvedTargetsCommand({ experimentId: id }));
    expect(resolved.resolvedTargets).toEqual([{ resourceType: 'aws:arc:zonal-shift-managed-resource', targetName: 'ARC-Managed-Resources', targetInformation: { identifier: ALB } }]);
    const during = await control<{ simulation: { zonalShifts: { resourceArn: string; awayFrom: string }[] } }>(url, 'GET', 'state');
    expect(during.simulation.zonalShifts).toMatchObject([{ resourceArn: ALB, awayFrom: 'us-east-1b' }]);
    await advanceClock(url, 5 * 60);
    const done = (await fis.send(new GetExperimentCommand({ id }))).experiment!;
    expect(done.state?.status).toBe('completed');
    const after = await control<{ simulation: { zonalShifts: unknown[] } }>(url, 'GET', 'state');
    expect(after.simulation.zonalShifts).toEqual([]);
  });

  it('selects the Auto Scaling group too when the tags match it, and narrows by managedResourceTypes', async () => {
    const { url, fis } = await sandboxOn(worldPath('multi-az-checkout.yaml'));
    const byService = (parameters: Record<string, string>) => {
      const t = autoshiftTemplate(parameters);
      t.targets!['ARC-Managed-Resources']!.resourceTags = { Service: 'checkout' };
      return t;
    };
    const both = await startedFrom(fis, byService({}));
    const asgOnly = await startedFrom(fis, byService({ managedResourceTypes: 'ASG' }));
    await advanceClock(url, 30);
    const identifiers = async (experimentId: string) =>
      ((await fis.send(new ListExperimentResolvedTargetsCommand({ experimentId }))).resolvedTargets ?? []).map((r) => r.targetInformation?.['identifier']);
    expect(await identifiers(both)).toEqual([ALB, expect.stringMatching(/:autoScalingGroupName\/checkout-web-asg$/)]);
    expect(await identifiers(asgOnly)).toEqual([expect.stringMatching(/:autoScalingGroupName\/checkout-web-asg$/)]);
  });

  it('rejects bad parameters with FIS-style ValidationExceptions', async () => {
    const { fis } = await sandboxOn(worldPath('multi-az-checkout.yaml'));
    const message = async (parameters: Record<string, string>) => {
      const error = await rejected(fis.send(new CreateExperimentTemplateCommand(autoshiftTemplate(parameters))));
      expect(error.name).toBe('ValidationException');
      expect(error.$metadata.httpStatusCode).toBe(400);
      return error.message;
    };
    expect(await message({ availabilityZoneIdentifier: 'use1-az9' })).toBe(
      'Invalid value "use1-az9" for parameter "availabilityZoneIdentifier" in action "Start-ARC-Zonal-Autoshift": expected the name or ID of an Availability Zone in us-east-1.',
    );
    expect(await message({ availabilityZoneIdentifier: 'eu-west-1a' })).toMatch(/"eu-west-1a" for parameter "availabilityZoneIdentifier"/);
    expect(await message({ managedResourceTypes: 'ALB,RDS' })).toBe(
      'Invalid value "ALB,RDS" for parameter "managedResourceTypes" in action "Start-ARC-Zonal-Autoshift": expected a comma-separated list of distinct managed resource types from ASG, ALB, NLB, EKS.',
    );
    expect(await message({ zonalAutoshiftStatus: 'ON' })).toMatch(/"zonalAutoshiftStatus" .*: must be ENABLED, DISABLED or ANY\.$/);
    expect(await message({ duration: 'PT30S' })).toMatch(/"duration" .*: must be between PT1M and PT12H\.$/);
    const missing = autoshiftTemplate();
    delete missing.actions!['Start-ARC-Zonal-Autoshift']!.parameters!['availabilityZoneIdentifier'];
    expect((await rejected(fis.send(new CreateExperimentTemplateCommand(missing)))).message).toBe('Missing required parameter "availabilityZoneIdentifier" in action "Start-ARC-Zonal-Autoshift".');
    // The AZ's name is as good as its ID.
    await fis.send(new CreateExperimentTemplateCommand(autoshiftTemplate({ availabilityZoneIdentifier: 'us-east-1b' })));
  });

  it('does not select a tagged load balancer whose zonal autoshift is disabled: the experiment fails, saying why', async () => {
    const text = await readFile(worldPath('multi-az-checkout.yaml'), 'utf8');
    const disabled = text.replace(/(healthCheck: \{[^}]*\}\n\s+zonalAutoshift:) enabled/, '$1 disabled');
    expect(disabled).not.toBe(text);
    const file = join(await mkdtemp(join(tmpdir(), 'gameday-world-')), 'autoshift-disabled.yaml');
    await writeFile(file, disabled);
    const { url, fis } = await sandboxOn(file);
    const failed = await startedFrom(fis, autoshiftTemplate());
    const skipped = await startedFrom(fis, autoshiftTemplate({}, 'skip'));
    const anyStatus = await startedFrom(fis, autoshiftTemplate({ zonalAutoshiftStatus: 'ANY' }));
    await advanceClock(url, 30);
    const experiment = async (id: string) => (await fis.send(new GetExperimentCommand({ id }))).experiment!;
    expect((await experiment(failed)).state).toEqual({
      status: 'failed',
      reason: 'Target resolution failed: no resources found for target "ARC-Managed-Resources" (app/checkout-alb/50dc6c495c0c9188 has zonal autoshift DISABLED; the action selects ENABLED).',
      error: { accountId: '123456789012', code: 'InvalidTarget', location: 'targets.ARC-Managed-Resources' },
    });
    expect((await experiment(skipped)).actions?.['Start-ARC-Zonal-Autoshift']?.state?.status).toBe('skipped');
    expect((await experiment(anyStatus)).actions?.['Start-ARC-Zonal-Autoshift']?.state?.status).toBe('running');
  });
});
