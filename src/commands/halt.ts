import { Flags } from '@oclif/core';
import { GamedayCommand } from '../cli/base-command.js';
import { endpointUrlFlag } from '../cli/endpoint-url-flag.js';
import { withExitCodes } from '../cli/exit-code-tables.js';
import { ExitCode } from '../cli/exit-codes.js';
import type { HaltedExperiment } from '../core/run/abort-runs.js';

export default class Halt extends GamedayCommand {
  static override description = withExitCodes('halt', `Stop every running experiment gameday started in the account and region, now.

Finds FIS experiments carrying the gameday:run tag, whatever started them (this machine, CI, a
schedule), stops them all in parallel and waits until FIS confirms. Asks first on a terminal; without
one it needs --yes.`);

  static override examples = [
    { description: 'Stop everything gameday is running in us-east-1', command: '<%= config.bin %> halt --region us-east-1 --yes' },
    { description: 'The same with a named profile, asking first', command: '<%= config.bin %> halt --profile gameday --region eu-west-1' },
    { description: 'Against a standalone sandbox', command: '<%= config.bin %> halt --endpoint-url http://127.0.0.1:4566 --yes' },
  ];

  static override flags = {
    yes: Flags.boolean({ description: 'do not ask (required without a terminal)' }),
    region: Flags.string({ description: 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION)' }),
    profile: Flags.string({ description: 'AWS profile for credentials' }),
    'endpoint-url': endpointUrlFlag('AWS-compatible endpoint, e.g. a standalone sandbox'),
  };

  async run(): Promise<{ halted: HaltedExperiment[] }> {
    const { flags } = await this.parse(Halt);
    const { haltCommand } = await import('../core/run/abort-command.js');
    const { terminalRunHost } = await import('../cli/run-output.js');
    const halted = await haltCommand(
      {
        yes: flags.yes,
        ...(flags.region ? { region: flags.region } : {}),
        ...(flags.profile ? { profile: flags.profile } : {}),
        ...(flags['endpoint-url'] ? { endpoint: flags['endpoint-url'] } : {}),
      },
      await terminalRunHost(),
    );
    this.out(halted.length ? halted.map((h) => `experiment ${h.id} (run ${h.runId || '?'}): ${h.before} → ${h.after}`).join('\n') : 'no running gameday experiments');
    if (halted.some((h) => !['stopped', 'completed', 'failed', 'cancelled'].includes(h.after))) this.setExitCode(ExitCode.Aws);
    return { halted };
  }
}
