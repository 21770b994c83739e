import {
  CreateTargetAccountConfigurationCommand,
  DeleteTargetAccountConfigurationCommand,
  FisClient,
  GetExperimentCommand,
  GetExperimentTemplateCommand,
  GetTargetAccountConfigurationCommand,
  ListExperimentTargetAccountConfigurationsCommand,
  ListTargetAccountConfigurationsCommand,
  StartExperimentCommand,
} from '@aws-sdk/client-fis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FisExperiments } from '../../src/aws/fis-experiments.js';
import type { ExperimentTemplateInput } from '../../src/core/plan/types.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { checkExchange, loadFisModel, operationOf } from '../helpers/botocore-model.js';
import { clientConfig, rejected } from '../helpers/aws-clients.js';
import { recordingProxy } from '../helpers/recording-proxy.js';
import { advanceClock } from '../helpers/sandbox-control.js';
import { WORLD_START, worldPath } from './worlds.js';

/**
 * Multi-account experiments on the sandbox, through the real @aws-sdk/client-fis and gameday's port:
 * target account configurations on a template (FIS API reference), the counts, the experiment's own
 * copy, targets resolved only in the configured accounts, every exchange checked against botocore's model.
 */
type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
let sandbox: Sandbox;
let proxy: Awaited<ReturnType<typeof recordingProxy>>;
let fis: FisClient;
let port: FisExperiments;

const ORCHESTRATOR = 'arn:aws:iam::123456789012:role/gameday-fis';
const WORKLOAD = { accountId: '111122223333', roleArn: 'arn:aws:iam::111122223333:role/gameday-fis-target', description: 'catalog workload' };
const BATCH = { accountId: '444455556666', roleArn: 'arn:aws:iam::444455556666:role/gameday-fis-target' };
const model = loadFisModel();

beforeAll(async () => {
  sandbox = await startSandbox({ world: worldPath('catalog-two-accounts.yaml'), speed: 1, seed: 7, clockStart: WORLD_START });
  proxy = await recordingProxy(sandbox.url);
  fis = new FisClient(clientConfig(proxy.url, 1));
  port = new FisExperiments({ ...clientConfig(proxy.url, 1) });
});
afterAll(async () => {
  await proxy?.close();
  await sandbox?.stop();
});

const template = (accountTargeting: 'single-account' | 'multi-account'): ExperimentTemplateInput => ({
  description: 'reboot every catalog instance',
  roleArn: ORCHESTRATOR,
  stopConditions: [{ source: 'none' }],
  targets: { catalog: { resourceType: 'aws:ec2:instance', resourceTags: { Service: 'catalog' }, filters: [{ path: 'State.Name', values: ['running'] }], selectionMode: 'ALL' } },
  actions: { reboot: { actionId: 'aws:ec2:reboot-instances', targets: { Instances: 'catalog' } } },
  tags: {},
  experimentOptions: { accountTargeting, emptyTargetResolutionMode: 'fail' },
});

async function finished(id: string) {
  for (let i = 0; i < 20; i++) {
    const { experiment } = await fis.send(new GetExperimentCommand({ id }));
    if (['completed', 'stopped', 'failed', 'cancelled'].includes(experiment?.state?.status ?? '')) return experiment!;
    await advanceClock(sandbox.url, 10);
  }
  throw new Error(`experiment ${id} did not finish`);
}

describe('target account configurations', () => {
  it('a multi-account template without configurations does not start', async () => {
    const { id } = await port.createTemplate(template('multi-account'), 'bare');
    const error = await rejected(fis.send(new StartExperimentCommand({ experimentTemplateId: id, clientToken: 'bare-run' })));
    expect(error).toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
    expect(error.message).toContain('no target account configurations');
    await port.deleteTemplate(id);
  });

  it('are added per account (idempotent by client token), counted on the template and copied into the experiment', async () => {
    const { id } = await port.createTemplate(template('multi-account'), 'two');
    expect(await port.addTargetAccount(id, WORKLOAD, 'two-111122223333')).toEqual(WORKLOAD);
    expect(await port.addTargetAccount(id, WORKLOAD, 'two-111122223333')).toEqual(WORKLOAD);
    expect(await port.addTargetAccount(id, BATCH, 'two-444455556666')).toEqual(BATCH);
    const conflict = await rejected(fis.send(new CreateTargetAccountConfigurationCommand({ experimentTemplateId: id, accountId: WORKLOAD.accountId, roleArn: WORKLOAD.roleArn, clientToken: 'another' })));
    expect(conflict).toMatchObject({ name: 'ConflictException', $metadata: { httpStatusCode: 409 } });

    expect((await fis.send(new GetExperimentTemplateCommand({ id }))).experimentTemplate?.targetAccountConfigurationsCount).toBe(2);
    expect((await fis.send(new ListTargetAccountConfigurationsCommand({ experimentTemplateId: id }))).targetAccountConfigurations).toEqual([WORKLOAD, BATCH]);
    expect((await fis.send(new GetTargetAccountConfigurationCommand({ experimentTemplateId: id, accountId: BATCH.accountId }))).targetAccountConfiguration).toEqual(BATCH);

    const started = await port.start({ templateId: id, clientToken: 'two-run', tags: {} });
    const done = await finished(started.id);
    expect(done.state?.status).toBe('completed');
    expect(done.targetAccountConfigurationsCount).toBe(2);
    expect((await fis.send(new ListExperimentTargetAccountConfigurationsCommand({ experimentId: started.id }))).targetAccountConfigurations).toEqual([WORKLOAD, BATCH]);
    // The targets resolved in both target accounts: catalog's four ASG instances and the batch instance.
    const resolved = (await port.listResolvedTargets(started.id)).map((t) => t.identifier.split(':')[4]);
    expect(resolved.filter((a) => a === WORKLOAD.accountId)).toHaveLength(4);
    expect(resolved.filter((a) => a === BATCH.accountId)).toHaveLength(1);

    // Deleting one configuration leaves the experiment's copy alone (User Guide, "Delete a target account configuration").
    expect((await fis.send(new DeleteTargetAccountConfigurationCommand({ experimentTemplateId: id, accountId: BATCH.accountId }))).targetAccountConfiguration).toEqual(BATCH);
    expect((await fis.send(new GetExperimentTemplateCommand({ id }))).experimentTemplate?.targetAccountConfigurationsCount).toBe(1);
    expect((await fis.send(new ListExperimentTargetAccountConfigurationsCommand({ experimentId: started.id }))).targetAccountConfigurations).toHaveLength(2);

    // They belong to the template: deleting it deletes them.
    await port.deleteTemplate(id);
    const gone = await rejected(fis.send(new ListTargetAccountConfigurationsCommand({ experimentTemplateId: id })));
    expect(gone).toMatchObject({ name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 404 } });
  });

  it('a single-account template takes none, and resolves its targets in its own account only', async () => {
    const { id } = await port.createTemplate(template('single-account'), 'single');
    const error = await rejected(port.addTargetAccount(id, WORKLOAD, 'single-111122223333'));
    expect(error.message).toContain('targets a single account');
    const started = await port.start({ templateId: id, clientToken: 'single-run', tags: {} });
    const done = await finished(started.id);
    // Every catalog instance is in another account: nothing to resolve in 123456789012.
    expect(done.state?.status).toBe('failed');
    expect(done.state?.reason).toContain('no resources found for target "catalog"');
    await port.deleteTemplate(id);
  });

  it('a target role FIS cannot assume fails the experiment, state.error naming the account', async () => {
    const { id } = await port.createTemplate(template('multi-account'), 'untrusted');
    await port.addTargetAccount(id, { accountId: BATCH.accountId, roleArn: 'arn:aws:iam::444455556666:role/not-there' }, 'untrusted-444455556666');
    const started = await port.start({ templateId: id, clientToken: 'untrusted-run', tags: {} });
    await finished(started.id);
    const state = await port.get(started.id);
    expect(state.state).toBe('failed');
    expect(state.reason).toContain('role arn:aws:iam::444455556666:role/not-there does not exist in account 444455556666');
    expect(state.error).toEqual({ accountId: '444455556666', code: 'ConfigurationFailure' });
    await port.deleteTemplate(id);
  });
});

describe("botocore's FIS model", () => {
  it('accepts every target account request sent and every answer the sandbox gave', () => {
    const operations = new Set(proxy.exchanges.map((e) => operationOf(model, e.method, e.path)?.operation));
    for (const op of ['CreateTargetAccountConfiguration', 'GetTargetAccountConfiguration', 'ListTargetAccountConfigurations', 'DeleteTargetAccountConfiguration', 'ListExperimentTargetAccountConfigurations', 'GetExperimentTemplate']) {
      expect(operations).toContain(op);
    }
    expect(proxy.exchanges.flatMap((e) => checkExchange(model, e))).toEqual([]);
  });
});
