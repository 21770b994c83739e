import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runGameDay } from '../../src/core/run/run-game-day.js';
import { noInterrupts } from '../../src/core/run/host.js';
import { recordingHost, reportsDir } from './run-harness.js';

/**
 * Same world, seed and scenario → the same report (issue 12 §1). Only what docs/sandbox.md lists as
 * varying may differ: the run id (run.runId, verdict.runId, and the run-started entry's text), the
 * wall-clock fields (run.startedAt, timeline[].at) and the embedded sandbox's port (run-started text);
 * run.pid too, but the five runs share this process.
 */
function normalized(reportJson: string, runId: string): unknown {
  const report = JSON.parse(reportJson.split(runId).join('RUN-ID').replace(/http:\/\/127\.0\.0\.1:\d+/g, 'http://127.0.0.1:PORT')) as {
    run: { startedAt?: string };
    timeline: { at?: string }[];
  };
  delete report.run.startedAt;
  for (const entry of report.timeline) delete entry.at;
  return report;
}

describe('determinism on the embedded sandbox', () => {
  it('the AZ game day run 5 times on the same world gives byte-identical report.json apart from run ids and wall-clock fields', async () => {
    const reports: unknown[] = [];
    const verdicts: string[] = [];
    for (let i = 0; i < 5; i++) {
      // A reports folder each: a run's report also says what the runs before it left open (action items).
      const result = await runGameDay({ scenarioFile: 'scenarios/checkout-az-power.yaml', sandbox: true, reportsDir: await reportsDir(), yes: true, keepTemplate: false, gamedayVersion: 'e2e' }, recordingHost(), noInterrupts());
      reports.push(normalized(await readFile(join(result.runDir, 'report.json'), 'utf8'), result.runId));
      verdicts.push(`${result.passed} ${result.verdict.rto.measuredSeconds}`);
    }
    expect(new Set(verdicts).size).toBe(1);
    for (const report of reports.slice(1)) expect(JSON.stringify(report)).toBe(JSON.stringify(reports[0]));
  }, 300_000); // five full game days: about 12 s each on a loaded 2-core CI machine
});
