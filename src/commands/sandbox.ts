import { Flags } from '@oclif/core';
import { GamedayCommand } from '../cli/base-command.js';
import { withExitCodes } from '../cli/exit-code-tables.js';
import { parseInstant } from '../core/schedule/instant.js';

export default class SandboxCommand extends GamedayCommand {
  static override description = withExitCodes('sandbox', `Run the sandbox: a local, wire-compatible simulation of AWS FIS, Resilience Hub, CloudWatch and STS.

Serves on 127.0.0.1 in front of a simulated multi-AZ application (a world file), prints the endpoint and the environment to paste so the AWS CLI and SDKs talk to it, and runs until Ctrl-C. Its clock runs --speed times faster than real time, so a one-hour game day takes seconds; it starts on the wall clock (or --clock-start), and above speed 1 its "now" runs ahead of the wall clock, so tools that build time windows from their own clock read its past (docs/sandbox.md). It is a simulation: nothing behind it is real and nothing reaches AWS. Behaviour and control API: docs/sandbox.md.`);

  static override examples = [
    { description: 'Start it on the default port and paste the printed exports into another shell', command: '<%= config.bin %> sandbox' },
    { description: 'Any free port, a given world, real-time clock', command: '<%= config.bin %> sandbox --port 0 --world scenarios/worlds/single-az-db-checkout.yaml --speed 1' },
    { description: 'For scripts: one JSON line with the endpoint, then serve', command: '<%= config.bin %> sandbox --port 0 --json' },
  ];

  static override flags = {
    port: Flags.integer({ description: 'port on 127.0.0.1 (0 = any free port)', default: 4590, min: 0, max: 65535 }),
    world: Flags.string({ description: 'world file describing the simulated application [default: world in gameday.config.yaml, else scenarios/worlds/multi-az-checkout.yaml]' }),
    speed: Flags.string({ description: 'virtual seconds per real second, at most 10000 [default: 150]; above 1 the virtual "now" runs ahead of the wall clock' }),
    'clock-start': Flags.string({ description: 'the virtual clock’s start (ISO 8601 with a zone) [default: the wall clock now]' }),
    seed: Flags.integer({ description: "seed of the simulation's noise [default: the world's seed]" }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(SandboxCommand);
    const world = flags.world ?? this.project?.world;
    const { startSandbox, DEFAULT_SANDBOX_SPEED } = await import('../sandbox/index.js');
    const { sandboxWelcome } = await import('../sandbox/client-env.js');
    const sandbox = await startSandbox({
      port: flags.port,
      speed: flags.speed === undefined ? DEFAULT_SANDBOX_SPEED : Number(flags.speed),
      ...(world === undefined ? {} : { world }),
      ...(flags.seed === undefined ? {} : { seed: flags.seed }),
      ...(flags['clock-start'] === undefined ? {} : { clockStart: parseInstant(flags['clock-start'], 'clock-start').getTime() }),
    });
    // Listen before printing: whoever reads the address may signal at once, and a signal that
    // arrives before a listener exists kills the process without stopping the server.
    const stopRequested = new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    const ready = { url: sandbox.url, port: sandbox.port, account: sandbox.account, region: sandbox.region, speed: sandbox.clock.speed };
    // A server's result is its address, needed at once: print it now, not when run() returns.
    if (this.jsonEnabled()) process.stdout.write(`${JSON.stringify(ready)}\n`);
    else this.out(sandboxWelcome(ready));
    await stopRequested;
    await sandbox.stop();
  }
}
