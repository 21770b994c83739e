import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { WORLDS, journalOf, reportsDir } from './run-harness.js';


/** The orders scenario beside its world; `runbook` replaces its runbook lines. */
async function ordersScenario(): Promise<{ file: string; setRunbook: (lines: string) => Promise<void> }> {
  const work = await mkdtemp(join(tmpdir(), 'gameday-actions-'));
  const file = join(work, 'orders.yaml');
  const text = (await readFile('scenarios/orders-ecs-task-kill.yaml', 'utf8')).replace(/world: \S+/, 'world: orders-ecs.yaml');
  await copyFile(WORLDS.orders, join(work, 'orders-ecs.yaml'));
  const original = /  runbook:\n(    .*\n)+/.exec(text)![0];
  const setRunbook = (lines: string) => writeFile(file, text.replace(original, `  runbook:\n${lines}`));
  await setRunbook(original.replace('  runbook:\n', '').replace('    path: runbooks/orders-ecs.md\n', '    path: runbooks/orders-ecs.md\n    owner: "@orders-oncall"\n'));
  return { file, setRunbook };
}

interface Ran {
  runDir: string;
  actionItems: { opened: string[]; carried: string[]; closed: string[]; regressed: string[]; items: { id: string; title: string; status: string; owner?: string; due: string; type: string }[] };
}

async function run(file: string, dir: string): Promise<Ran> {
  const r = await runCli(['run', file, '--sandbox', '--json', '--reports-dir', dir]);
  expect(r.code, r.stderr.slice(-2000)).toBe(0);
  return JSON.parse(r.stdout) as Ran;
}

const idOf = (ran: Ran, title: RegExp) => ran.actionItems.items.find((i) => title.test(i.title))!.id;

describe('action items across consecutive sandbox runs (real CLI)', () => {
  it('opens one per gap, carries them, closes those whose gap is gone, marks a regression; list/show/close/assign work on them', async () => {
    const { file, setRunbook } = await ordersScenario();
    const dir = await reportsDir();
    const itemsFile = join(dir, 'orders-ecs-task-kill', 'action-items.json');

    // Run 1: the runbook misses three Resilience Hub recommendations, and RH's RTO estimate is better than measured.
    const first = await run(file, dir);
    expect(first.actionItems.opened).toHaveLength(4);
    expect(first.actionItems).toMatchObject({ carried: [], closed: [], regressed: [] });
    const sop = idOf(first, /SOP orders-api-scaling/);
    const alarm = idOf(first, /alarm orders-unhealthy-hosts/);
    const test = idOf(first, /test orders-api-task-failure/);
    const assessment = idOf(first, /estimates RTO/);
    expect(first.actionItems.items.find((i) => i.id === alarm)).toMatchObject({ type: 'detect', owner: '@orders-oncall', status: 'open' });
    expect(first.actionItems.items.find((i) => i.id === sop)!.type).toBe('mitigate');
    const stored = JSON.parse(await readFile(itemsFile, 'utf8'));
    expect(stored).toMatchObject({ apiVersion: 'gameday/v1', kind: 'ActionItems', scenario: 'orders-ecs-task-kill' });
    expect(stored.items).toHaveLength(4);
    const md1 = await readFile(join(first.runDir, 'report.md'), 'utf8');
    expect(md1).toContain('0 open from last time (0 closed by this run, their gap gone; 0 still open), 0 regressed, 4 new: 4 open now.');
    expect(md1).toMatch(new RegExp(`\\| ${sop} \\| new \\| low \\| mitigate \\| @orders-oncall \\| \\d{4}-\\d\\d-\\d\\d \\|`));

    // Run 2: nothing changed: every item is carried, with the same id.
    const second = await run(file, dir);
    expect(second.actionItems).toMatchObject({ opened: [], closed: [], regressed: [] });
    expect(second.actionItems.carried.sort()).toEqual([sop, alarm, test, assessment].sort());
    const md2 = await readFile(join(second.runDir, 'report.md'), 'utf8');
    expect(md2).toContain('4 open from last time (0 closed by this run, their gap gone; 4 still open), 0 regressed, 0 new: 4 open now.');
    expect(md2).toContain(`| ${sop} | open from last time |`);

    // Run 3: the runbook now covers the alarm, the SOP and the test: those three close, the assessment item stays open.
    await setRunbook('    path: runbooks/orders-ecs.md\n    owner: "@orders-oncall"\n    alarms: [orders-task-count-low, orders-5xx-high, orders-unhealthy-hosts]\n    sops: [orders-force-new-deployment, orders-api-scaling]\n    tests: [orders-api-task-failure]\n');
    const third = await run(file, dir);
    expect(third.actionItems.closed.sort()).toEqual([sop, alarm, test].sort());
    expect(third.actionItems).toMatchObject({ carried: [assessment], opened: [], regressed: [] });
    const md3 = await readFile(join(third.runDir, 'report.md'), 'utf8');
    expect(md3).toContain('4 open from last time (3 closed by this run, their gap gone; 1 still open), 0 regressed, 0 new: 1 open now.');
    expect(md3).toContain(`| ${sop} | closed: gap gone |`);
    const journal = await journalOf(third.runDir);
    expect(journal.at(-1)).toMatchObject({ type: 'action-items', closed: expect.arrayContaining([sop]) });
    const json3 = JSON.parse(await readFile(join(third.runDir, 'report.json'), 'utf8'));
    expect(json3.actionItems.closed).toHaveLength(3);

    // The commands: list (open by default), assign, show, --format github, close.
    const list = await runCli(['actions', 'list', 'orders-ecs-task-kill', '--reports-dir', dir, '--json']);
    expect(list.code).toBe(0);
    expect((JSON.parse(list.stdout) as { items: { id: string }[] }).items.map((i) => i.id)).toEqual([assessment]);
    const all = await runCli(['actions', 'list', '--status', 'all', '--reports-dir', dir]);
    expect(all.stdout.trimEnd().split('\n')).toHaveLength(5);
    expect(all.stdout).toMatch(new RegExp(`${sop}\\s+closed\\s+low\\s+mitigate\\s+@orders-oncall`));
    const assigned = await runCli(['actions', 'assign', assessment.slice(0, 14), '@ravi', '--by', 'ana', '--reports-dir', dir]);
    expect(assigned.stdout).toBe(`${assessment} (orders-ecs-task-kill) now owned by @ravi\n`);
    const show = await runCli(['actions', 'show', assessment, '--reports-dir', dir]);
    expect(show.stdout).toContain(`${assessment}: Resilience Hub estimates RTO`);
    expect(show.stdout).toContain('owner @ravi');
    expect(show.stdout).toMatch(/assigned by ana: @orders-oncall → @ravi/);
    const issue = await runCli(['actions', 'show', assessment, '--format', 'github', '--reports-dir', dir, '--json']);
    expect(JSON.parse(issue.stdout).issue).toMatchObject({ title: expect.stringMatching(/^\[gameday\] Resilience Hub estimates RTO/), labels: ['gameday', 'severity:medium', 'type:process'] });
    const bodies = await runCli(['actions', 'list', '--format', 'github', '--reports-dir', dir]);
    expect(bodies.stdout).toContain(`<!-- gameday action item ${assessment} (scenario orders-ecs-task-kill) -->`);
    expect(bodies.stdout).toContain('## Change');
    const closed = await runCli(['actions', 'close', assessment, '--by', 'ravi', '--reason', 'RH reassessed', '--reports-dir', dir, '--json']);
    expect(JSON.parse(closed.stdout)).toMatchObject({ id: assessment, status: 'closed', closedBy: 'ravi', changed: true });
    const unknown = await runCli(['actions', 'show', 'detection-00000000', '--reports-dir', dir]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no action item detection-00000000');

    // Run 4: the SOP drops out of the runbook again, and the assessment gap (closed by hand) is still there: both regress.
    await setRunbook('    path: runbooks/orders-ecs.md\n    owner: "@orders-oncall"\n    alarms: [orders-task-count-low, orders-5xx-high, orders-unhealthy-hosts]\n    sops: [orders-force-new-deployment]\n    tests: [orders-api-task-failure]\n');
    const fourth = await run(file, dir);
    expect(fourth.actionItems.regressed.sort()).toEqual([sop, assessment].sort());
    expect(fourth.actionItems).toMatchObject({ opened: [], closed: [], carried: [] });
    const md4 = await readFile(join(fourth.runDir, 'report.md'), 'utf8');
    expect(md4).toContain(`| ${sop} | **REGRESSED** |`);
    expect(JSON.parse(await readFile(itemsFile, 'utf8')).items.find((i: { id: string }) => i.id === assessment)).toMatchObject({ status: 'open', owner: '@ravi', regressions: 1 });
  }, 120_000);
});
