import { CreateExperimentTemplateCommand, FisClient } from '@aws-sdk/client-fis';
import { describe, expect, it } from 'vitest';
import { compilePlan } from '../../../src/core/plan/compile.js';
import type { Plan } from '../../../src/core/plan/types.js';
import { catalogCpuStress, checkoutAzPower, checkoutRebootFisTemplate, loaded, ordersEcsTaskKill } from './fixtures.js';
import { SdkModel } from './sdk-model.js';

const model = new SdkModel();

function autoshiftAndLogs(): Plan {
  const scenario = checkoutAzPower();
  if (scenario.spec.fault.type !== 'az-power-interruption') throw new Error('fixture changed');
  scenario.spec.fault.include = ['launches', 'asg', 'instances', 'subnets', 'rds', 'elasticache', 'ebs', 'autoshift'];
  scenario.spec.experiment = { emptyTargetResolutionMode: 'skip', logGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/gameday/fis' };
  return compilePlan(loaded(scenario));
}

const plans: [string, () => Plan][] = [
  ['az-power-interruption', () => compilePlan(loaded(checkoutAzPower()))],
  ['az-power-interruption with autoshift, logs and skip', autoshiftAndLogs],
  ['ec2-cpu-stress', () => compilePlan(loaded(catalogCpuStress()))],
  ['ecs-task-kill', () => compilePlan(loaded(ordersEcsTaskKill()))],
  ['fis-template', () => compilePlan(loaded(checkoutRebootFisTemplate()))],
];

describe('compiled templates against the @aws-sdk/client-fis model', () => {
  it('the model reader catches what it should (so the checks below can fail)', () => {
    expect(model.check({ description: 'd', roleArn: 'r', actions: {} }, 'CreateExperimentTemplateRequest')).toEqual([
      'CreateExperimentTemplateRequest.stopConditions: required by the model, missing',
    ]);
    expect(
      model.check(
        {
          description: 'd',
          roleArn: 'r',
          stopConditions: [{ source: 'none' }],
          actions: { a: { actionId: 'x', parameters: { duration: 5 }, target: {} } },
          experimentOptions: { accountTargeting: 'everywhere' },
        },
        'CreateExperimentTemplateRequest',
      ),
    ).toEqual([
      'CreateExperimentTemplateRequest.actions.a.parameters.duration: expected a string, got 5',
      'CreateExperimentTemplateRequest.actions.a.target: not a member of CreateExperimentTemplateActionInput',
      'CreateExperimentTemplateRequest.experimentOptions.accountTargeting: "everywhere" is not one of multi-account, single-account',
    ]);
  });

  for (const [name, make] of plans) {
    it(`${name}: every member is modelled, required members present, types and enum values right`, () => {
      const plan = make();
      expect(model.check({ ...plan.template, clientToken: 'run-1' }, 'CreateExperimentTemplateRequest')).toEqual([]);
    });

    it(`${name}: the SDK serialiser sends the template unchanged`, async () => {
      let body: unknown;
      const client = new FisClient({
        region: 'us-east-1',
        endpoint: 'http://127.0.0.1:9',
        credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'not-a-secret' },
        maxAttempts: 1,
        requestHandler: {
          handle: async (request: { body?: string }) => {
            body = JSON.parse(request.body ?? 'null');
            throw new Error('captured');
          },
        },
      });
      const plan = make();
      await expect(client.send(new CreateExperimentTemplateCommand({ ...plan.template, clientToken: 'run-1' }))).rejects.toThrow('captured');
      expect(body).toEqual({ ...plan.template, clientToken: 'run-1' });
    });
  }
});
