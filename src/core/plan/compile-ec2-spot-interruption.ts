import type { Ec2SpotInterruptionFault } from '../scenario/types.js';
import type { FaultCompilation } from './fault-compilation.js';
import { faultField, type PlanProblem } from './plan-problem.js';
import type { TemplateTarget } from './types.js';

/** EC2 gives Spot Instances a two-minute notice; FIS lets it be PT2M–PT15M. */
const DEFAULT_NOTICE = 'PT2M';

/** Interruption notices to Spot Instances, then the interruption (terminated, stopped or hibernated per the instance). */
export function compileEc2SpotInterruption(fault: Ec2SpotInterruptionFault): FaultCompilation {
  const problems: PlanProblem[] = [];
  const { tags, arns, filters } = fault.targets;
  if (arns?.length && (tags || filters?.length)) {
    problems.push({ path: faultField('targets'), message: 'fault.targets: give arns, or tags (with optional filters), not both: FIS takes ARNs without tags or filters' });
  }
  const target: TemplateTarget = {
    resourceType: 'aws:ec2:spot-instance',
    ...(arns?.length ? { resourceArns: [...arns] } : {}),
    ...(tags ? { resourceTags: { ...tags } } : {}),
    // Only a running Spot Instance can be interrupted.
    ...(arns?.length ? {} : { filters: [{ path: 'State.Name', values: ['running'] }, ...(filters ?? [])] }),
    selectionMode: fault.selection ?? 'COUNT(1)',
  };
  return {
    actions: {
      'Interrupt-Spot-Instances': {
        actionId: 'aws:ec2:send-spot-instance-interruptions',
        description: 'Send Spot interruption notices, then interrupt the instances',
        parameters: { durationBeforeInterruption: fault.durationBeforeInterruption ?? DEFAULT_NOTICE },
        targets: { SpotInstances: 'Spot-Instances' },
      },
    },
    targets: { 'Spot-Instances': target },
    warnings: [],
    problems,
  };
}
