import { Args, Flags } from '@oclif/core';
import { GamedayCommand } from '../cli/base-command.js';
import { endpointUrlFlag } from '../cli/endpoint-url-flag.js';
import { withExitCodes } from '../cli/exit-code-tables.js';
import type { RunGameDayResult } from '../core/run/run-game-day.js';
import type { TargetCheck } from '../core/run/check-targets.js';
import { reportsDirFlag } from '../cli/reports-dir-flag.js';
import { runBody } from '../cli/run-body.js';

export default class Run extends GamedayCommand {
  static override description = withExitCodes('run', `Execute a game day: exactly the scenario's plan, through AWS FIS, watched and measured.

Guards first (account, region, confirmation, no unfinished run of the scenario), then preflight
(stop-condition alarms OK, steady state holds, detection alarms exist, Resilience Hub app, FIS quota).
The start is journalled before StartExperiment; the watch journals every experiment, alarm and probe
change with service timestamps, stops the experiment itself when a stop condition is not acted on,
the dead-man's switch fires or contact is lost, and watches recovery until steady state holds for the
settle window. The run is judged against the Resilience Hub policy (or the scenario's rto/rpo) and
reported under reports/<scenario>/<run-id>/. Ctrl-C stops the experiment and still writes the report.
--live serves a page for the room's shared screen on 127.0.0.1 (its URL is printed): the timeline as it
builds up, the RTO budget counting down, the reporter's notes and marks, and a Stop button that does
what Ctrl-C does.

--facilitated is for a room of people: it says what to look for, takes the reporter's marks (detected,
engaged, mitigated, recovered) on the service clock, and the verdict includes the human timings.`);

  static override examples = [
    { description: 'Play the AZ power game day against the embedded sandbox (no AWS needed)', command: '<%= config.bin %> run scenarios/checkout-az-power.yaml --sandbox' },
    { description: 'The same against the single-AZ database world, from a chosen virtual instant', command: '<%= config.bin %> run scenarios/checkout-az-power.yaml --sandbox --world scenarios/worlds/single-az-db-checkout.yaml --clock-start 2026-06-01T09:00:30Z' },
    { description: 'Rehearse with the room: the sandbox at 20 virtual seconds per real second, with the live page on the shared screen', command: '<%= config.bin %> run scenarios/checkout-az-power.yaml --sandbox --live --speed 20' },
    { description: 'A facilitated rehearsal in the sandbox: the room is told what to look for, the reporter types d/e/m/r as it happens', command: '<%= config.bin %> run scenarios/checkout-az-power.yaml --sandbox --facilitated' },
    { description: 'Run a reviewed plan against AWS from CI', command: '<%= config.bin %> run scenarios/checkout-az-power.yaml --plan plan.json --profile gameday --yes --json' },
  ];

  static override args = {
    scenario: Args.string({ description: 'the scenario file', required: true }),
  };

  static override flags = {
    plan: Flags.string({ description: 'run this saved plan (from `gameday plan --out`); refused when the scenario changed since (PLAN_STALE)' }),
    sandbox: Flags.boolean({ description: 'start an embedded sandbox in this process and run against it' }),
    world: Flags.string({ description: 'sandbox world file (default: the scenario’s spec.sandbox.world, else world in gameday.config.yaml, else the default world)', dependsOn: ['sandbox'] }),
    speed: Flags.string({
      description: 'with --live or --facilitated: the embedded sandbox runs in real time at this many virtual seconds per real second, so the room can follow it [default: 10 with --facilitated, else 150]; otherwise no effect (kept for old scripts): the sandbox runs on an event clock that jumps to the next wake-up, so results never depend on speed',
      dependsOn: ['sandbox'],
    }),
    facilitated: Flags.boolean({ description: 'people in the room: print what to look for (plan and runbook), take the reporter’s marks from the terminal (d, e, m, r, n <note>), and report the human timings' }),
    'clock-start': Flags.string({ description: 'the embedded sandbox’s virtual start (ISO 8601 with a zone) [default: derived from the world and its seed, so runs repeat exactly; with --live or --facilitated, which run in real time, the wall clock, and runs do not repeat]', dependsOn: ['sandbox'] }),
    profile: Flags.string({ description: 'AWS profile for credentials (else the default chain)' }),
    region: Flags.string({ description: 'AWS region; must match the scenario’s (a guard, not an override)' }),
    'endpoint-url': endpointUrlFlag(),
    'reports-dir': reportsDirFlag('where runs are written'),
    yes: Flags.boolean({ description: 'do not ask for confirmation (required without a terminal)' }),
    'keep-template': Flags.boolean({ description: 'keep the FIS experiment template after the run (it is deleted by default)' }),
    live: Flags.boolean({ description: 'serve the live view for the room on 127.0.0.1 and print its URL (timeline, RTO budget, notes and marks, a Stop button that does what Ctrl-C does)' }),
    port: Flags.integer({ description: 'the live view’s port [default: one the system chooses]', dependsOn: ['live'], min: 1, max: 65535 }),
    'check-only': Flags.boolean({
      description: 'inject nothing: start the experiment with actionsMode skip-all, list what each action would hit (ListExperimentResolvedTargets) and report every target that resolves to nothing; no run is recorded (exit 1 when a target resolves to nothing)',
      exclusive: ['keep-template', 'scheduled-for', 'live'],
    }),
    'scheduled-for': Flags.string({ description: 'the schedule occurrence this run is for (ISO 8601 with a zone), journalled so `gameday schedule` knows it ran; set by `schedule run-due`' }),
  };

  async run(): Promise<(RunGameDayResult & { liveUrl?: string }) | TargetCheck> {
    const { args, flags } = await this.parse(Run);
    return runBody({ ...flags, scenario: args.scenario }, this.io(), { project: this.project, version: this.config.version });
  }
}
