import { Args, Flags } from '@oclif/core';
import { GamedayCommand } from '../cli/base-command.js';
import { withExitCodes } from '../cli/exit-code-tables.js';
import { scenarioSchemaRef } from '../cli/schema-ref.js';
import { GamedayError } from '../core/errors.js';
import { FAULT_TYPES, initScenario, type FaultType } from '../core/scenario/init-templates.js';

export interface InitResult {
  faultType: FaultType;
  /** Where the scenario was written; absent when it went to stdout. */
  file?: string;
  scenario: string;
}

export default class Init extends GamedayCommand {
  static override description = withExitCodes('init', `Write a commented starting scenario for a fault type.

The scenario validates as written; edit the names, alarms and targets, then run gameday validate.`);

  static override examples = [
    { description: 'Start an AZ power interruption game day', command: '<%= config.bin %> init az-power-interruption --out scenarios/checkout-az-power.yaml' },
    { description: 'Print a CPU stress scenario to stdout', command: '<%= config.bin %> init ec2-cpu-stress' },
  ];

  static override args = {
    faultType: Args.string({ description: 'the kind of fault to inject', required: true, options: [...FAULT_TYPES] }),
  };

  static override flags = {
    out: Flags.string({ char: 'o', description: 'file to write (default: print to stdout)' }),
    force: Flags.boolean({ description: 'overwrite --out if it exists', default: false }),
  };

  async run(): Promise<InitResult> {
    const { args, flags } = await this.parse(Init);
    const faultType = args.faultType as FaultType;
    const scenario = initScenario(faultType, scenarioSchemaRef(flags.out ?? 'scenario.yaml', this.config.version));
    if (!flags.out) {
      this.out(scenario);
      return { faultType, scenario };
    }
    const { writeFile } = await import('node:fs/promises');
    try {
      await writeFile(flags.out, scenario, { flag: flags.force ? 'w' : 'wx' });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw new GamedayError('USAGE', `${flags.out} already exists`, { hint: 'choose another --out, or pass --force to overwrite it' });
      throw new GamedayError('FILE_UNREADABLE', `cannot write ${flags.out} (${code ?? (error as Error).message})`);
    }
    this.out(`wrote ${flags.out}; next: gameday validate ${flags.out}`);
    return { faultType, file: flags.out, scenario };
  }
}
