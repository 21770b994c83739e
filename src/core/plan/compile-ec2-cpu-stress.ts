import { durationSeconds } from '../duration.js';
import type { Ec2CpuStressFault } from '../scenario/types.js';
import type { CompileContext, FaultCompilation } from './fault-compilation.js';
import { faultField, type PlanProblem } from './plan-problem.js';
import type { TemplateTarget } from './types.js';

/**
 * CPU stress with the AWSFIS-Run-CPU-Stress SSM document through aws:ssm:send-command (aws-facts.md).
 * The action's duration and the document's DurationSeconds are the same span: FIS waits out the
 * longer of the two anyway, so keeping them equal makes the plan's timeline the real one.
 */
export function compileEc2CpuStress(fault: Ec2CpuStressFault, context: CompileContext): FaultCompilation {
  const problems: PlanProblem[] = [];
  const warnings: FaultCompilation['warnings'] = [];
  const seconds = durationSeconds(fault.duration);
  if (seconds === undefined || !Number.isInteger(seconds)) problems.push({ path: faultField('duration'), message: `fault.duration "${fault.duration}" must be a whole number of seconds in ISO 8601 (e.g. PT10M)` });
  const load = fault.loadPercent ?? 100;
  if (!Number.isInteger(load) || load < 0 || load > 100) problems.push({ path: faultField('loadPercent'), message: `fault.loadPercent ${load} must be a whole number 0–100` });
  const cores = fault.cores ?? 0;
  if (!Number.isInteger(cores) || cores < 0) problems.push({ path: faultField('cores'), message: `fault.cores ${cores} must be a whole number, 0 = all cores` });

  const { tags, arns, filters } = fault.targets;
  const hasTags = Object.keys(tags ?? {}).length > 0;
  const hasArns = (arns?.length ?? 0) > 0;
  if (hasTags && hasArns) problems.push({ path: faultField('targets', 'arns'), message: 'fault.targets: give tags or arns, not both (FIS refuses resource ARNs with resource tags)' });
  if (!hasTags && !hasArns) problems.push({ path: faultField('targets'), message: 'fault.targets: give tags or arns to pick the instances' });
  if (hasArns && (filters?.length ?? 0) > 0) problems.push({ path: faultField('targets', 'filters'), message: 'fault.targets: filters cannot be combined with arns (FIS refuses them); select by tags to filter' });

  const target: TemplateTarget = { resourceType: 'aws:ec2:instance', selectionMode: fault.selection ?? 'ALL' };
  if (hasArns) {
    target.resourceArns = [...(arns ?? [])];
    if (!fault.includeStopped) {
      warnings.push({
        code: 'STOPPED_INSTANCES_NOT_FILTERED',
        message: 'instances picked by ARN cannot be filtered to running ones; a stopped instance makes the SSM command fail',
      });
    }
  } else {
    target.resourceTags = { ...tags };
    const all = [...(filters ?? []).map((f) => ({ path: f.path, values: [...f.values] }))];
    if (!fault.includeStopped && !all.some((f) => f.path === 'State.Name')) all.push({ path: 'State.Name', values: ['running'] });
    if (all.length) target.filters = all;
  }

  const documentParameters = JSON.stringify({
    DurationSeconds: String(seconds ?? 0),
    CPU: String(cores),
    LoadPercent: String(load),
    InstallDependencies: fault.installDependencies === false ? 'False' : 'True',
  });
  return {
    actions: {
      'CPU-Stress': {
        actionId: 'aws:ssm:send-command',
        description: `Load CPUs to ${load}% for ${fault.duration} with AWSFIS-Run-CPU-Stress`,
        parameters: {
          documentArn: `arn:aws:ssm:${context.region}::document/AWSFIS-Run-CPU-Stress`,
          documentParameters,
          duration: fault.duration,
        },
        targets: { Instances: 'Instances' },
      },
    },
    targets: { Instances: target },
    warnings,
    problems,
  };
}
