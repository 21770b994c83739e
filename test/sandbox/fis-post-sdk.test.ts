import { StartExperimentCommand } from '@aws-sdk/client-fis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FisExperiments } from '../../src/aws/fis-experiments.js';
import { FisSignedRequests } from '../../src/aws/fis-signed-requests.js';
import type { ExperimentTemplateInput } from '../../src/core/plan/types.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { checkExchange, checkShape, loadFisModel, operationOf } from '../helpers/botocore-model.js';
import { SANDBOX_CREDENTIALS, SANDBOX_REGION, sandboxClients } from '../helpers/aws-clients.js';
import { recordingProxy } from '../helpers/recording-proxy.js';
import { advanceClock, control } from '../helpers/sandbox-control.js';
import { WORLD_START, worldPath } from './worlds.js';

/**
 * The FIS features newer than @aws-sdk/client-fis 3.523 — safety lever, actionsMode skip-all,
 * experiment reports, state.error — through gameday's signed-request port (and the SDK where it still
 * serves) against the sandbox, every exchange recorded and checked against botocore's FIS model.
 */
type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
let sandbox: Sandbox;
let proxy: Awaited<ReturnType<typeof recordingProxy>>;
let port: FisExperiments;
let signed: FisSignedRequests;

const ROLE = 'arn:aws:iam::123456789012:role/gameday-fis';
const model = loadFisModel();

beforeAll(async () => {
  sandbox = await startSandbox({ world: worldPath('multi-az-checkout.yaml'), speed: 1, seed: 7, clockStart: WORLD_START });
  proxy = await recordingProxy(sandbox.url);
  const options = { region: SANDBOX_REGION, endpoint: proxy.url, credentials: SANDBOX_CREDENTIALS, maxAttempts: 1 };
  port = new FisExperiments(options);
  signed = new FisSignedRequests(options);
});
afterAll(async () => {
  await proxy?.close();
  await sandbox?.stop();
});

const template = (tags: Record<string, string>, extra: Partial<ExperimentTemplateInput> = {}): ExperimentTemplateInput => ({
  description: 'stop the workers for 5 minutes',
  roleArn: ROLE,
  stopConditions: [{ source: 'none' }],
  targets: { workers: { resourceType: 'aws:ec2:instance', resourceTags: tags, selectionMode: 'ALL' } },
  actions: { stop: { actionId: 'aws:ec2:stop-instances', parameters: { startInstancesAfterDuration: 'PT5M' }, targets: { Instances: 'workers' } } },
  tags: {},
  experimentOptions: { accountTargeting: 'single-account', emptyTargetResolutionMode: 'fail' },
  ...extra,
});

const REPORT = {
  outputs: { s3Configuration: { bucketName: 'checkout-gameday-reports', prefix: 'fis/' } },
  dataSources: { cloudWatchDashboards: [{ dashboardIdentifier: 'arn:aws:cloudwatch::123456789012:dashboard/checkout' }] },
  preExperimentDuration: 'PT5M',
  postExperimentDuration: 'PT10M',
};

const instanceState = async (id: string): Promise<string | undefined> => {
  const { simulation } = await control<{ simulation: { instances: { id: string; state: string }[] } }>(sandbox.url, 'GET', 'state');
  return simulation.instances.find((i) => i.id === id)?.state;
};

async function finished(id: string, stepSeconds = 30) {
  for (let i = 0; i < 40; i++) {
    const state = await port.get(id);
    if (['completed', 'stopped', 'failed', 'cancelled'].includes(state.state)) return state;
    await advanceClock(sandbox.url, stepSeconds);
  }
  throw new Error(`experiment ${id} did not finish`);
}

describe('the model check itself', () => {
  it('names an unknown member, a missing required member, a value outside an enum and a wrong type', () => {
    const problems = checkShape(model, 'StartExperimentRequest', { experimentTemplateId: 'EXT1', experimentOptions: { actionsMode: 'skip-some' }, tags: { a: 1 }, extra: true });
    expect(problems).toEqual([
      '$.experimentOptions.actionsMode: skip-some is not one of skip-all, run-all (ActionsMode)',
      '$.tags.a: expected a string (TagValue), got 1',
      '$.extra: not a member of StartExperimentRequest',
      '$.clientToken: required by StartExperimentRequest, missing',
    ]);
    expect(operationOf(model, 'PATCH', '/safetyLevers/default/state')).toEqual({ operation: 'UpdateSafetyLeverState', labels: { id: 'default' } });
  });
});

describe('the safety lever', () => {
  it('reads disengaged, then engaged with its reason; engaging stops the running experiment and cancels new ones', async () => {
    expect(await port.safetyLever()).toEqual({ id: 'default', status: 'disengaged' });
    const { id: templateId } = await port.createTemplate(template({ AzImpairmentPower: 'StopInstances' }), 'lever-template');
    const running = await port.start({ templateId, clientToken: 'lever-run', tags: {} });
    await advanceClock(sandbox.url, 30);
    expect((await port.get(running.id)).state).toBe('running');

    const engaged = await signed.send<{ safetyLever: { state: { status: string; reason: string } } }>({
      operation: 'UpdateSafetyLeverState',
      method: 'PATCH',
      path: '/safetyLevers/default/state',
      body: { state: { status: 'engaged', reason: 'INC-4711: checkout incident' } },
    });
    expect(engaged.safetyLever.state).toEqual({ status: 'engaging', reason: 'INC-4711: checkout incident' });
    const stopped = await finished(running.id);
    expect(stopped.state).toBe('stopped');
    expect(stopped.reason).toBe('Experiment stopped by the safety lever: INC-4711: checkout incident.');
    expect(await port.safetyLever()).toEqual({ id: 'default', status: 'engaged', reason: 'INC-4711: checkout incident' });

    // Started through the SDK too: FIS accepts the request and cancels the experiment.
    const fis = sandboxClients(proxy.url, { maxAttempts: 1 }).fis;
    const { experiment } = await fis.send(new StartExperimentCommand({ experimentTemplateId: templateId, clientToken: 'lever-blocked' }));
    const cancelled = await finished(experiment!.id!);
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.reason).toContain('safety lever');

    await signed.send({ operation: 'UpdateSafetyLeverState', method: 'PATCH', path: '/safetyLevers/default/state', body: { state: { status: 'disengaged', reason: 'incident closed' } } });
    expect((await port.safetyLever()).status).toBe('disengaged');
    await port.deleteTemplate(templateId);
  });

  it('refuses an unknown lever, a missing reason and a change to the state it already has', async () => {
    await expect(signed.send({ operation: 'GetSafetyLever', method: 'GET', path: '/safetyLevers/other' })).rejects.toMatchObject({ name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 404 } });
    await expect(signed.send({ operation: 'UpdateSafetyLeverState', method: 'PATCH', path: '/safetyLevers/default/state', body: { state: { status: 'engaged' } } })).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(signed.send({ operation: 'UpdateSafetyLeverState', method: 'PATCH', path: '/safetyLevers/default/state', body: { state: { status: 'disengaged', reason: 'again' } } })).rejects.toMatchObject({
      name: 'ConflictException',
      $metadata: { httpStatusCode: 409 },
    });
  });
});

describe('actionsMode skip-all', () => {
  it('resolves the targets and skips every action: nothing is injected, and no report will exist', async () => {
    const { id: templateId } = await port.createTemplate(template({ AzImpairmentPower: 'StopInstances' }, { experimentReportConfiguration: REPORT }), 'skip-template');
    const before = await instanceState('i-0c0ffee00000000a1');
    const started = await port.start({ templateId, clientToken: 'skip-run', tags: { preview: 'yes' }, actionsMode: 'skip-all' });
    expect(started.actionsMode).toBe('skip-all');
    const done = await finished(started.id, 5);
    expect(done.state).toBe('completed');
    expect(done.actions['stop']?.state).toBe('skipped');
    expect(done.report).toEqual({ status: 'cancelled', reason: 'The experiment ran with actionsMode skip-all: no report is generated.', s3Reports: [] });
    expect((await port.listResolvedTargets(started.id)).map((t) => t.identifier).sort()).toEqual([
      'arn:aws:ec2:us-east-1:123456789012:instance/i-0c0ffee00000000a1',
      'arn:aws:ec2:us-east-1:123456789012:instance/i-0c0ffee00000000b1',
    ]);
    expect(before).toBe('running');
    expect(await instanceState('i-0c0ffee00000000a1')).toBe('running');
    await port.deleteTemplate(templateId);
  });
});

describe('experiment reports and state.error', () => {
  it('a completed experiment gets its PDF once the post-experiment window has passed', async () => {
    const { id: templateId } = await port.createTemplate(template({ AzImpairmentPower: 'StopInstances' }, { experimentReportConfiguration: REPORT }), 'report-template');
    const started = await port.start({ templateId, clientToken: 'report-run', tags: {} });
    const done = await finished(started.id);
    expect(done.state).toBe('completed');
    expect(done.report?.status).toBe('running');
    await advanceClock(sandbox.url, 10 * 60);
    expect((await port.get(started.id)).report).toEqual({
      status: 'completed',
      reason: 'Experiment report was generated.',
      s3Reports: [{ arn: `arn:aws:s3:::checkout-gameday-reports/fis/${started.id}/experiment-report.pdf`, reportType: 'PDF' }],
    });
    await port.deleteTemplate(templateId);
  });

  it('a target that resolves to nothing fails the experiment with state.error naming it', async () => {
    const { id: templateId } = await port.createTemplate(template({ AzImpairmentPower: 'StopInstance' }), 'typo-template');
    const started = await port.start({ templateId, clientToken: 'typo-run', tags: {} });
    const done = await finished(started.id, 5);
    expect(done.state).toBe('failed');
    expect(done.error).toEqual({ accountId: '123456789012', code: 'InvalidTarget', location: 'targets.workers' });
    await port.deleteTemplate(templateId);
  });
});

describe("botocore's FIS model", () => {
  it('accepts every request the port and the SDK sent, and every answer the sandbox gave', () => {
    const operations = new Set(proxy.exchanges.map((e) => operationOf(model, e.method, e.path)?.operation));
    expect([...operations].sort()).toEqual(
      ['CreateExperimentTemplate', 'DeleteExperimentTemplate', 'GetExperiment', 'GetSafetyLever', 'ListExperimentResolvedTargets', 'StartExperiment', 'UpdateSafetyLeverState'].sort(),
    );
    expect(proxy.exchanges.some((e) => e.requestBody.includes('"actionsMode":"skip-all"'))).toBe(true);
    expect(proxy.exchanges.some((e) => e.requestBody.includes('"experimentReportConfiguration"'))).toBe(true);
    expect(proxy.exchanges.some((e) => e.responseBody.includes('"error":{"accountId"'))).toBe(true);
    // The one request sent malformed on purpose (and refused by the sandbox as FIS would) is the only finding.
    expect(proxy.exchanges.flatMap((e) => checkExchange(model, e))).toEqual(['UpdateSafetyLeverState request.state.reason: required by UpdateSafetyLeverStateInput, missing']);
  });
});
