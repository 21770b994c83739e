import { cp, mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterEach, describe, expect, it } from 'vitest';
import { FisSignedRequests } from '../../src/aws/fis-signed-requests.js';
import type { JournalEvent } from '../../src/core/journal/events.js';
import { runCli } from '../helpers/cli.js';
import { SANDBOX_CREDENTIALS, SANDBOX_REGION } from '../helpers/aws-clients.js';
import { WORLDS, injectFault, journalOf, recordingHost, reportsDir, runOn, sandboxFor, scaledSandboxFor, type Sandbox } from './run-harness.js';
import { compilePlan } from '../../src/core/plan/compile.js';
import { connectTarget } from '../../src/core/run/connect-target.js';
import { previewTargets } from '../../src/core/run/preview-targets.js';
import { requireScenario } from '../../src/core/scenario/load.js';

/**
 * The FIS features past @aws-sdk/client-fis 3.523 in a whole run, through gameday's signed-request
 * port against the sandbox: the safety lever (preflight refuses while it is engaged; a run it stops
 * or cancels says so), state.error of a failed experiment, and the FIS experiment report.
 */
const sandboxes: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((s) => s.stop()));
});

const REASON = 'INC-4711: checkout incident, no experiments';

/** scenarios/catalog-cpu-stress.yaml, edited, in a folder of its own with copies of its world (edited too) and runbook. */
async function catalogScenario(edit: (text: string) => string = (t) => t, editWorld: (text: string) => string = (t) => t): Promise<string> {
  const text = await readFile('scenarios/catalog-cpu-stress.yaml', 'utf8');
  const edited = edit(text);
  const dir = await mkdtemp(join(tmpdir(), 'gameday-fis-post-sdk-'));
  await mkdir(join(dir, 'worlds'));
  await writeFile(join(dir, 'worlds', 'catalog-cpu.yaml'), editWorld(await readFile(WORLDS.catalog, 'utf8')));
  await cp('runbooks/catalog-cpu.md', join(dir, 'runbooks', 'catalog-cpu.md'));
  const file = join(dir, 'catalog-cpu-stress.yaml');
  await writeFile(file, edited);
  return file;
}

const withReport = (text: string): string =>
  text.replace('  sandbox:\n', '  fisReport:\n    bucket: catalog-gameday-reports\n    prefix: fis\n    dashboards: [catalog-overview]\n    pre: PT5M\n    post: PT5M\n\n  sandbox:\n');

function engage(url: string, reason = REASON): Promise<unknown> {
  return new FisSignedRequests({ region: SANDBOX_REGION, endpoint: url, credentials: SANDBOX_CREDENTIALS, maxAttempts: 1 }).send({
    operation: 'UpdateSafetyLeverState',
    method: 'PATCH',
    path: '/safetyLevers/default/state',
    body: { state: { status: 'engaged', reason } },
  });
}

const ajv = new Ajv2020({ allErrors: true, strict: true });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const validateReport = ajv.compile(JSON.parse(await readFile('schemas/report.schema.json', 'utf8')));

/** report.json of a run, checked against schemas/report.schema.json. */
async function reportJson(runDir: string): Promise<{ fis?: Record<string, { status?: string; reports?: unknown[] }> }> {
  const doc = JSON.parse(await readFile(join(runDir, 'report.json'), 'utf8'));
  expect(validateReport(doc), JSON.stringify(validateReport.errors, null, 2)).toBe(true);
  return doc;
}

const of = <T extends JournalEvent['type']>(events: JournalEvent[], type: T) => events.filter((e): e is Extract<JournalEvent, { type: T }> => e.type === type);

describe('the safety lever', () => {
  it('engaged: `gameday run` refuses in preflight, naming the lever and its reason, and injects nothing (exit 1)', async () => {
    const sandbox = await scaledSandboxFor(WORLDS.catalog);
    sandboxes.push(sandbox);
    await engage(sandbox.url);
    const dir = await reportsDir();
    const result = await runCli(['run', await catalogScenario(), '--endpoint-url', sandbox.url, '--yes', '--reports-dir', dir], {
      env: { GAMEDAY_AWS_RETRY_DELAY_MS: '0', AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_PROFILE: undefined },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('✗ safety-lever: FIS safety lever default is engaged: INC-4711: checkout incident, no experiments');
    const { simulation } = (await (await fetch(new URL('/_sandbox/state', sandbox.url))).json()) as { simulation: { fis: { experiments: unknown[]; templates: unknown[] } } };
    expect(simulation.fis.experiments).toEqual([]);
    expect(simulation.fis.templates).toEqual([]);
  });

  it('engaged while the experiment runs: FIS stops it, and the journal and report say it was the lever', async () => {
    const sandbox = await sandboxFor(WORLDS.catalog);
    sandboxes.push(sandbox);
    let engaged = false;
    const host = recordingHost((event) => {
      if (event.type !== 'experiment-state' || event.state !== 'running' || engaged) return;
      engaged = true;
      void sandbox.waits!.hold(() => engage(sandbox.url));
    });
    const result = await runOn(sandbox, await catalogScenario(), { reportsDir: await reportsDir() }, host);
    expect(result.status).toBe('stopped');
    expect(result.reason).toBe(`the FIS safety lever stopped the experiment: ${REASON}`);
    expect(result.exitCode).toBe(1);
    const events = await journalOf(result.runDir);
    expect(of(events, 'safety-lever')).toEqual([expect.objectContaining({ status: 'engaged', reason: REASON, experimentState: 'stopped' })]);
    const report = await readFile(join(result.runDir, 'report.md'), 'utf8');
    expect(report).toContain(`- **Safety lever:** The account's FIS safety lever was engaged (${REASON}): it stopped the running experiment.`);
    expect((await reportJson(result.runDir)).fis?.['safetyLever']?.status).toBe('engaged');
  });

  it('engaged between preflight and the start: FIS cancels the experiment; no FIS report will exist, and the report says both', async () => {
    const sandbox = await sandboxFor(WORLDS.catalog);
    sandboxes.push(sandbox);
    const host = recordingHost((event) => {
      if (event.type === 'preflight') void sandbox.waits!.hold(() => engage(sandbox.url));
    });
    const result = await runOn(sandbox, await catalogScenario(withReport), { reportsDir: await reportsDir() }, host);
    expect(result.status).toBe('stopped');
    expect(result.experimentState).toBe('cancelled');
    expect(result.reason).toBe(`the FIS safety lever cancelled the experiment before it injected anything: ${REASON}`);
    const events = await journalOf(result.runDir);
    expect(of(events, 'safety-lever')).toEqual([expect.objectContaining({ status: 'engaged', experimentState: 'cancelled' })]);
    expect(of(events, 'experiment-report')).toEqual([expect.objectContaining({ status: 'cancelled', reports: [] })]);
    const report = await readFile(join(result.runDir, 'report.md'), 'utf8');
    expect(report).toContain('it cancelled the experiment before anything was injected');
    expect(report).toContain('- **Experiment report:** No FIS report will exist: The experiment was cancelled: no report is generated.');
  });
});

describe('state.error', () => {
  it('a tag typo fails the experiment: state.error is journalled and shown in the report and the run’s reason', async () => {
    const sandbox = await sandboxFor(WORLDS.catalog);
    sandboxes.push(sandbox);
    // Without spec.sandbox.world, so validate's world cross-check does not catch the typo first: FIS must.
    const file = await catalogScenario((t) => t.replace('Service: catalog\n', 'Service: catlog\n').replace('  sandbox:\n    world: worlds/catalog-cpu.yaml\n', ''));
    const result = await runOn(sandbox, file, { reportsDir: await reportsDir() });
    expect(result.status).toBe('failed');
    expect(result.reason).toMatch(/\(state\.error: InvalidTarget at targets\.\S+ account 123456789012\)$/);
    const failed = of(await journalOf(result.runDir), 'experiment-state').at(-1)!;
    expect(failed.state).toBe('failed');
    expect(failed.error).toMatchObject({ code: 'InvalidTarget', accountId: '123456789012' });
    const report = await readFile(join(result.runDir, 'report.md'), 'utf8');
    expect((await reportJson(result.runDir)).fis?.['error']).toMatchObject({ code: 'InvalidTarget', location: 'targets.Instances' });
    expect(report).toMatch(/- \*\*Failure:\*\* FIS failed the experiment: .+ — state\.error InvalidTarget at targets\.\S+ in account 123456789012/);
    expect(report).toMatch(/\| FIS \| \*\*experiment failed: .+ \(state\.error InvalidTarget at targets\.Instances\)\*\* \|/);
  });
});

describe('the FIS experiment report (spec.fisReport)', () => {
  it('compiles to experimentReportConfiguration, goes to FIS through the port, and the report links the PDF FIS wrote', async () => {
    const sandbox = await sandboxFor(WORLDS.catalog);
    sandboxes.push(sandbox);
    const result = await runOn(sandbox, await catalogScenario(withReport), { reportsDir: await reportsDir() });
    expect(result.status).toBe('completed');
    const events = await journalOf(result.runDir);
    const plan = of(events, 'run-started')[0]!.plan;
    expect(plan.template.experimentReportConfiguration).toEqual({
      outputs: { s3Configuration: { bucketName: 'catalog-gameday-reports', prefix: 'fis' } },
      dataSources: { cloudWatchDashboards: [{ dashboardIdentifier: 'arn:aws:cloudwatch::123456789012:dashboard/catalog-overview' }] },
      preExperimentDuration: 'PT5M',
      postExperimentDuration: 'PT5M',
    });
    const pdf = `arn:aws:s3:::catalog-gameday-reports/fis/${result.experimentId}/experiment-report.pdf`;
    expect(of(events, 'experiment-report')).toEqual([expect.objectContaining({ status: 'completed', reports: [{ arn: pdf, reportType: 'PDF' }] })]);
    const report = await readFile(join(result.runDir, 'report.md'), 'utf8');
    expect(report).toContain(`- **Experiment report:** FIS wrote its experiment report: s3://catalog-gameday-reports/fis/${result.experimentId}/experiment-report.pdf ([PDF](https://s3.console.aws.amazon.com/s3/object/catalog-gameday-reports?region=us-east-1&prefix=fis%2F${result.experimentId}%2Fexperiment-report.pdf))`);
    expect((await reportJson(result.runDir)).fis?.['experimentReport']).toMatchObject({ status: 'completed', reports: [{ arn: pdf, s3Uri: `s3://catalog-gameday-reports/fis/${result.experimentId}/experiment-report.pdf` }] });
    expect(plan.prerequisites).toContainEqual(expect.objectContaining({ kind: 'iam', actions: ['s3:PutObject', 's3:GetObject', 'cloudwatch:GetDashboard', 'cloudwatch:GetMetricWidgetImage'] }));
  });
});

describe('the FIS role, proven before the run (IAM GetRole and SimulatePrincipalPolicy)', () => {
  const role = (lines: string) => (world: string) => {
    const edited = world.replace('  iamRoles:\n    - name: gameday-fis\n', `  iamRoles:\n    - name: gameday-fis\n${lines}`);
    expect(edited).not.toBe(world);
    return edited;
  };
  const env = { GAMEDAY_AWS_RETRY_DELAY_MS: '0', AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_PROFILE: undefined };

  it('a role FIS may not assume: `gameday run --sandbox` refuses in preflight, and its permissions are not checked (exit 1)', async () => {
    const file = await catalogScenario(undefined, role('      trusts: [ec2.amazonaws.com]\n'));
    const result = await runCli(['run', file, '--sandbox', '--reports-dir', await reportsDir()], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('✗ role: role gameday-fis does not trust fis.amazonaws.com: FIS cannot assume it');
    expect(result.stderr).toContain('✗ role-permission:ssm:SendCommand: not checked: role failed first');
  });

  it('a role without every permission the plan lists: one failed check per missing permission, naming the action that needs it (exit 1)', async () => {
    const file = await catalogScenario(undefined, role('      allow: ["ssm:SendCommand", "ec2:Describe*"]\n      deny: ["ssm:CancelCommand"]\n'));
    const result = await runCli(['run', file, '--sandbox', '--json', '--reports-dir', await reportsDir()], { env });
    expect(result.code).toBe(1);
    const { error } = JSON.parse(result.stdout) as { error: { code: string; message: string; hint: string } };
    expect(error.code).toBe('PREFLIGHT_FAILED');
    expect(error.message.split('\n').filter((l) => l.includes('✗'))).toEqual([
      '  ✗ role-permission:ssm:ListCommands: role gameday-fis may not call ssm:ListCommands (implicitDeny), which CPU-Stress (aws:ssm:send-command) needs',
      '  ✗ role-permission:ssm:CancelCommand: role gameday-fis may not call ssm:CancelCommand (explicitDeny), which CPU-Stress (aws:ssm:send-command) needs',
    ]);
    const preflight = of(await journalOf(error.hint.replace(/^journal: /, '').replace(/\/journal\.jsonl$/, '')), 'preflight')[0]!;
    expect(preflight.checks.filter((c) => c.kind === 'role-permission' && c.ok).map((c) => c.subject)).toEqual(['ssm:SendCommand', 'ec2:DescribeInstances']);
  });

  it('a role the account does not have: refused, naming it', async () => {
    const file = await catalogScenario((t) => t.replace('role/gameday-fis', 'role/gameday-fsi'));
    const result = await runCli(['run', file, '--sandbox', '--reports-dir', await reportsDir()], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('✗ role: IAM has no role gameday-fsi in account 123456789012');
  });
});

describe('live target preview: `plan --resolve` and `run --check-only` (actionsMode skip-all)', () => {
  const env = { GAMEDAY_AWS_RETRY_DELAY_MS: '0', AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_PROFILE: undefined };
  type FisSnapshot = { experiments: { experimentOptions: { actionsMode: string }; actions: Record<string, { state: { status: string } }>; tags: Record<string, string> }[]; templates: unknown[] };
  const fisOf = async (url: string) => ((await (await fetch(new URL('/_sandbox/state', url))).json()) as { simulation: { fis: FisSnapshot } }).simulation.fis;

  it('plan --resolve lists what each action would hit, injects nothing and leaves no template (exit 0)', async () => {
    const sandbox = await scaledSandboxFor(WORLDS.catalog);
    sandboxes.push(sandbox);
    const result = await runCli(['plan', await catalogScenario(), '--resolve', '--endpoint-url', sandbox.url], { env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Targets of catalog-cpu-stress, as FIS resolves them now \(experiment EXP\w+, actionsMode skip-all: nothing injected\)\n  CPU-Stress  aws:ssm:send-command  → Instances\n      arn:aws:ec2:us-east-1:123456789012:instance\/i-\w+\n      arn:aws:ec2:us-east-1:123456789012:instance\/i-\w+\n\nEvery target resolves\.\n$/);
    const fis = await fisOf(sandbox.url);
    expect(fis.templates).toEqual([]);
    expect(fis.experiments).toHaveLength(1);
    expect(fis.experiments[0]).toMatchObject({ experimentOptions: { actionsMode: 'skip-all' }, actions: { 'CPU-Stress': { state: { status: 'skipped' } } }, tags: { 'gameday:preview': 'true' } });
  });

  it('a tag typo: "target Instances resolves to nothing", before any real run (exit 1); --json gives the preview as data', async () => {
    const sandbox = await scaledSandboxFor(WORLDS.catalog);
    sandboxes.push(sandbox);
    const file = await catalogScenario((t) => t.replace('Service: catalog\n', 'Service: catlog\n').replace('  sandbox:\n    world: worlds/catalog-cpu.yaml\n', ''));
    const text = await runCli(['plan', file, '--resolve', '--endpoint-url', sandbox.url], { env });
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('  ✗ target Instances resolves to nothing (50% of the EC2 instances tagged Service=catlog, Env=prod where State.Name=running)');
    const json = await runCli(['plan', file, '--resolve', '--endpoint-url', sandbox.url, '--json'], { env });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, previews: [{ scenario: 'catalog-cpu-stress', state: 'completed', targets: [{ name: 'Instances', resources: [] }], problems: [expect.stringContaining('target Instances resolves to nothing')] }] });
  });

  it('a preview template FIS will not delete is said, with the command that deletes it, and exits 3 (abort and halt leave preview templates be)', async () => {
    const sandbox = await scaledSandboxFor(WORLDS.catalog);
    sandboxes.push(sandbox);
    await injectFault(sandbox.url, { service: 'fis', operation: 'DeleteExperimentTemplate', kind: 'error500' });
    const result = await runCli(['plan', await catalogScenario(), '--resolve', '--endpoint-url', sandbox.url], { env });
    const [template] = (await fisOf(sandbox.url)).templates as { id: string }[];
    expect(template).toBeDefined();
    expect(result.code, result.stderr).toBe(3);
    expect(result.stdout).toContain('Every target resolves.');
    expect(result.stdout).toMatch(new RegExp(`\\ntemplate ${template!.id} NOT deleted: fis:DeleteExperimentTemplate \\(HTTP 500[^\\n]*; it is left in the account: aws fis delete-experiment-template --id ${template!.id}\\n$`));
  });

  it('a preview interrupted before FIS finished it: exit 130 (interrupted), not an AWS error, and its template deleted', async () => {
    const sandbox = await sandboxFor(WORLDS.catalog);
    sandboxes.push(sandbox);
    const target = await connectTarget({ region: 'us-east-1', sandbox });
    try {
      const interrupted = new AbortController();
      interrupted.abort(new Error('interrupted by SIGINT'));
      const plan = compilePlan(await requireScenario(await catalogScenario()));
      const error = await previewTargets(plan, { ports: target.ports, clock: target.clock, waits: target.waits, pollMs: 10_000, signal: interrupted.signal }, 'preview-interrupted').catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'INTERRUPTED', exitCode: 130, message: expect.stringMatching(/^the skip-all preview experiment EXP\w+ was still \w+ when interrupted; it was asked to stop$/) });
      expect((await fisOf(sandbox.url)).templates).toEqual([]);
    } finally {
      await target.close();
    }
  });

  it('run --check-only --sandbox: the AZ game day’s targets per action, nothing injected, no run recorded; with fisReport it says none will exist', async () => {
    const dir = await reportsDir();
    const text = await readFile('scenarios/checkout-az-power.yaml', 'utf8');
    const scenarioDir = await mkdtemp(join(tmpdir(), 'gameday-check-only-'));
    await cp(WORLDS.multiAz, join(scenarioDir, 'worlds', 'multi-az-checkout.yaml'));
    await cp('runbooks/checkout-az.md', join(scenarioDir, 'runbooks', 'checkout-az.md'));
    const file = join(scenarioDir, 'checkout-az-power.yaml');
    await writeFile(file, withReport(text));
    const result = await runCli(['run', file, '--sandbox', '--check-only', '--reports-dir', dir], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('actionsMode skip-all: nothing injected');
    expect(result.stdout).toMatch(/  Stop-Instances  aws:ec2:stop-instances  → \S+\n      arn:aws:ec2:us-east-1:123456789012:instance\/i-/);
    expect(result.stdout).toContain('FIS writes no experiment report for a skip-all preview; the game day itself will get one');
    expect(result.stdout).toContain('Every target resolves.');
    expect(await readdir(dir)).toEqual([]);
  });
});
