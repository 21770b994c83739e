import { Args } from '@oclif/core';
import { GamedayCommand } from '../cli/base-command.js';
import { withExitCodes } from '../cli/exit-code-tables.js';
import { formatFlag } from '../cli/format-flag.js';
import { VALIDATE_FORMATS, validateBody } from '../cli/validate-body.js';
import type { ValidationReport } from '../core/validate/validate-paths.js';

export default class Validate extends GamedayCommand {
  static override description = withExitCodes('validate', `Check scenario files (and sandbox world files) without touching AWS.

Reports every problem in every file as file:line:col with a stable code: YAML syntax, the schema
(schemas/scenario.schema.json), and the rules beyond it (FIS limits, AZs and ARNs in the scenario's
account and region, stop conditions, runbook and schedule).`);

  static override examples = [
    { description: 'Check every scenario (and world) under scenarios/', command: '<%= config.bin %> validate scenarios/' },
    { description: 'Check two files, as GitHub Actions annotations', command: '<%= config.bin %> validate scenarios/checkout-az-power.yaml scenarios/catalog-cpu-stress.yaml --format github' },
    { description: 'Check files matching a quoted glob, as JSON', command: "<%= config.bin %> validate 'scenarios/*-az-*.yaml' --json" },
  ];

  static override strict = false;

  static override args = {
    paths: Args.string({ description: 'scenario files, directories (searched recursively for *.yaml, *.yml) or quoted globs [default: scenarios]' }),
  };

  static override flags = {
    format: formatFlag(VALIDATE_FORMATS, {
      description: 'output format: text for people, github for workflow annotations, json (same as --json)',
      default: 'text',
    }),
  };

  async run(): Promise<ValidationReport> {
    const { argv, flags } = await this.parse(Validate);
    return validateBody({ paths: argv as string[], format: flags.format }, this.io());
  }
}
