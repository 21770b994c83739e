import { describe, expect, it } from 'vitest';
import { isoDuration } from '../../src/core/duration.js';
import { runCli } from '../helpers/cli.js';

// One source of truth: the calendar books what `gameday plan` says the game day takes.
describe('schedule export --ics books the plan’s length', () => {
  it('the AZ game day (30-minute power interruption, then its EBS phase, then the watch) is PT1H30M, as its plan says', async () => {
    const ics = await runCli(['schedule', 'export', '--ics', 'scenarios/checkout-az-power.yaml', '--from', '2026-12-01T00:00:00Z', '--days', '40']);
    expect(ics.code, ics.stderr).toBe(0);
    expect(ics.stdout).toContain('DURATION:PT1H30M\r\n');
  });

  it('a stop-instances game day restarting them after startInstancesAfterDuration PT10M, then PT30M of watching, is PT40M (was PT30M)', async () => {
    const ics = await runCli(['schedule', 'export', '--ics', 'test/fixtures/schedule/ics/workers-stop-restart.yaml', '--now', '2026-12-01T00:00:00Z', '--days', '7']);
    expect(ics.code, ics.stderr).toBe(0);
    expect(ics.stdout).toContain('DURATION:PT40M\r\n');
  });

  it('every scheduled example scenario: DURATION = plan faultSeconds + recovery watchSeconds', async () => {
    const plans = JSON.parse((await runCli(['plan', 'scenarios/', '--json'])).stdout) as { results: { file: string; plan: { faultSeconds: number; recovery: { watchSeconds: number } } }[] };
    for (const { file, plan } of plans.results) {
      const ics = await runCli(['schedule', 'export', '--ics', file, '--from', '2026-12-01T00:00:00Z', '--days', '62']);
      if (ics.code === 2 && ics.stderr.includes('no scheduled scenarios')) continue;
      expect(ics.code, `${file}: ${ics.stderr}`).toBe(0);
      expect(ics.stdout, file).toContain(`DURATION:${isoDuration(Math.ceil((plan.faultSeconds + plan.recovery.watchSeconds) / 60) * 60)}\r\n`);
    }
  });
});
