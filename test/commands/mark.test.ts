import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fixtureReportsDir } from '../helpers/fixture-runs.js';

const schema = JSON.parse(await readFile(new URL('../../schemas/report.schema.json', import.meta.url), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const validate = ajv.compile(schema);

let reportsDir: string;
let runDirs: Record<string, string>;

beforeAll(async () => {
  ({ reportsDir, runDirs } = await fixtureReportsDir(['multi-az-pass', 'single-az-breach', 'interrupted']));
});

const lastEvent = async (dir: string) => JSON.parse((await readFile(join(dir, 'journal.jsonl'), 'utf8')).trim().split('\n').at(-1)!);

describe('gameday mark', () => {
  it('places --at offsets from the experiment start on the service clock, and ISO times as given', async () => {
    // multi-az-pass: FIS started the experiment at 10:02:00Z.
    const dir = runDirs['multi-az-pass']!;
    const offset = await runCli(['mark', '20261126T100000Z-a1b2c3', 'detected', '--at', '+11m40s', '--by', 'Ravi', 'pager went off', '--reports-dir', reportsDir]);
    expect(offset.code, offset.stderr).toBe(0);
    expect(await lastEvent(dir)).toMatchObject({ type: 'mark', mark: 'detected', time: '2026-11-26T10:13:40.000Z', timeSource: 'given', by: 'Ravi', text: 'pager went off' });
    const iso = await runCli(['mark', dir, 'engaged', '--at', '2026-11-26T11:15:00+01:00', '--by', 'Ana', '--json']);
    expect(iso.code, iso.stderr).toBe(0);
    expect(JSON.parse(iso.stdout)).toMatchObject({ type: 'mark', mark: 'engaged', time: '2026-11-26T10:15:00.000Z', timeSource: 'given', by: 'Ana' });
    const negative = await runCli(['mark', dir, 'mitigated', '--at=-30s']);
    expect(negative.code, negative.stderr).toBe(0);
    expect(await lastEvent(dir)).toMatchObject({ mark: 'mitigated', time: '2026-11-26T10:01:30.000Z' });
  });

  it('without --at takes the last service time the journal observed, and says so', async () => {
    const dir = runDirs.interrupted!;
    const events = (await readFile(join(dir, 'journal.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    const latest = Math.max(
      ...events.flatMap((e) => [e.timestamp, e.startTime, e.endTime, e.stoppedAt, ...Object.values(e.actions ?? {}).flatMap((a) => [(a as { startTime?: string }).startTime, (a as { endTime?: string }).endTime])]).filter(Boolean).map((t: string) => Date.parse(t)),
    );
    const r = await runCli(['mark', dir, 'recovered', '--by', 'Mei']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('the last service time observed');
    expect(await lastEvent(dir)).toMatchObject({ mark: 'recovered', time: new Date(latest).toISOString(), timeSource: 'last-observation' });
  });

  it('refuses what is not a mark, not a time, or an offset with no experiment start (exit 2, nothing written)', async () => {
    const dir = runDirs['single-az-breach']!;
    const before = await readFile(join(dir, 'journal.jsonl'), 'utf8');
    const notMark = await runCli(['mark', dir, 'fixed']);
    expect(notMark.code).toBe(2);
    expect(notMark.stderr).toMatch(/detected, engaged, mitigated, recovered/);
    const notTime = await runCli(['mark', dir, 'detected', '--at', 'five past ten']);
    expect(notTime.code).toBe(2);
    expect(notTime.stderr).toContain('--at five past ten: not a time');
    expect(notTime.stderr).toContain('+1m');
    expect(notTime.stderr).not.toMatch(/\n\s+at /);
    expect(await readFile(join(dir, 'journal.jsonl'), 'utf8')).toBe(before);
  });

  it('the report shows time to detect by alarm and by people, engage, mitigate, recover, each with its source, in every format', async () => {
    const { runDirs: dirs } = await fixtureReportsDir(['multi-az-pass']);
    const dir = dirs['multi-az-pass']!;
    for (const args of [
      ['detected', '--at', '+2m', '--by', 'Ravi', 'pager: 5xx'],
      ['engaged', '--at', '+3m30s', '--by', 'Ana'],
      ['mitigated', '--at', '+5m', '--by', 'Ana', 'traffic drained from 1b'],
      ['recovered', '--at', '+6m', '--by', 'Mei'],
    ]) {
      const r = await runCli(['mark', dir, ...args]);
      expect(r.code, r.stderr).toBe(0);
    }
    const render = await runCli(['report', 'render', dir]);
    expect(render.code, render.stderr).toBe(0);
    const md = await readFile(join(dir, 'report.md'), 'utf8');
    expect(md).toContain('## Human timings');
    expect(md).toContain('| Time to detect, by alarm | 1m | CloudWatch alarm checkout-5xx-high went to ALARM, 10:03:00Z (+1m) |');
    expect(md).toContain('| Time to detect, by people | 2m | detected mark by Ravi (time given with --at), 10:04:00Z (+2m) — “pager: 5xx” |');
    expect(md).toContain('| Time to engage | 3m 30s | engaged mark by Ana (time given with --at)');
    expect(md).toContain('| Time to mitigate | 5m | mitigated mark by Ana');
    expect(md).toMatch(/\| Time to recover, by probes \| \d+m( \d+s)? \| steady-state probes: the last deviation ended/);
    expect(md).toContain('| Time to recover, by people | 6m | recovered mark by Mei');
    expect(md).toContain('Mei marked recovered');
    const json = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8'));
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(json.verdict.humanTimings).toHaveLength(1);
    expect(json.verdict.humanTimings[0]).toMatchObject({
      n: 1,
      kind: 'fault',
      start: '2026-11-26T10:02:00.000Z',
      detectByAlarm: { seconds: 60, at: '2026-11-26T10:03:00.000Z' },
      detectByPeople: { seconds: 120, source: 'detected mark by Ravi (time given with --at)', text: 'pager: 5xx' },
      engage: { seconds: 210 },
      mitigate: { seconds: 300 },
      recoverByPeople: { seconds: 360 },
    });
    const html = await readFile(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('<h2>Human timings</h2>');
    expect(html).toContain('detected mark by Ravi (time given with --at)');
    const junit = await readFile(join(dir, 'junit.xml'), 'utf8');
    expect(junit).toContain('<property name="timing.1.detect.people.seconds" value="120"/>');
    expect(junit).toContain('<property name="timing.1.detect.alarm.seconds" value="60"/>');
    const show = await runCli(['report', 'show', dir]);
    expect(show.stdout).toMatch(/Time to detect, by people\s+2m\s+detected mark by Ravi/);
  });

  it('an unrecovered fault: people’s detection counts, recovery by probes says it never held, unmarked steps say nobody marked them', async () => {
    // single-az-breach: p99 never holds again, so it is one impact that never ends.
    const { runDirs: dirs } = await fixtureReportsDir(['single-az-breach']);
    const dir = dirs['single-az-breach']!;
    await runCli(['mark', dir, 'detected', '--at', '+4m']);
    await runCli(['report', 'render', dir, '--format', 'json']);
    const json = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8'));
    expect(json.verdict.humanTimings.map((d: { kind: string }) => d.kind)).toEqual(['fault']);
    expect(json.verdict.humanTimings[0].detectByPeople.seconds).toBe(240);
    expect(json.verdict.humanTimings[0].recover).toEqual({ source: 'steady-state probes: still not holding when observation ended' });
    expect(json.verdict.humanTimings[0].engage).toEqual({ source: 'nobody marked engaged' });
  });
});

describe('gameday note --at --by --tag', () => {
  it('places the note where it happened, keeps its tag, and refuses an unknown tag', async () => {
    const dir = runDirs['single-az-breach']!;
    const r = await runCli(['note', dir, 'failover SOP was out of date', '--at', '+6m', '--by', 'Ana', '--tag', 'wrong', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ type: 'note', text: 'failover SOP was out of date', author: 'Ana', time: '2026-11-26T11:08:00.000Z', tag: 'wrong' });
    const bad = await runCli(['note', dir, 'x', '--tag', 'meh']);
    expect(bad.code).toBe(2);
    const show = await runCli(['report', 'show', dir]);
    expect(show.stdout).toMatch(/11:08:00Z \(\+6m\) Ana: failover SOP was out of date/);
  });
});
