import type { AzApplicationSlowdownFault } from '../scenario/types.js';
import { compileZonalNetworkFault } from './compile-zonal-network-fault.js';
import type { CompileContext, FaultCompilation } from './fault-compilation.js';

/** The scenario library's defaults (az-application-slowdown-scenario.html): 200 ms on 100 % of flows for 30 minutes. */
const DEFAULT_DELAY_MS = 200;
const DEFAULT_FLOWS_PERCENT = 100;
const DEFAULT_DURATION = 'PT30M';
/**
 * The library's default opt-in tags, one per compute kind (FIS User Guide az-application-slowdown-scenario.html,
 * "Scenario Content": TargetsForEC2, TargetsForECS), so resources tagged for the console's scenario are found.
 */
export const APPLICATION_SLOWDOWN_TAGS = { instances: { AZApplicationSlowdown: 'LatencyForEC2' }, 'ecs-tasks': { AZApplicationSlowdown: 'LatencyForECS' } };

/** Latency between the resources inside one AZ: the traffic of the AZ's tagged compute to that same AZ is delayed. */
export function compileAzApplicationSlowdown(fault: AzApplicationSlowdownFault, context: CompileContext): FaultCompilation {
  const delay = String(fault.delayMilliseconds ?? DEFAULT_DELAY_MS);
  const flows = String(fault.flowsPercent ?? DEFAULT_FLOWS_PERCENT);
  return compileZonalNetworkFault(
    {
      availabilityZone: fault.availabilityZone,
      ...(fault.availabilityZoneName !== undefined ? { availabilityZoneName: fault.availabilityZoneName } : {}),
      duration: fault.duration ?? DEFAULT_DURATION,
      ...(fault.include ? { include: fault.include } : {}),
      ...(fault.tags ? { tags: fault.tags } : {}),
      defaultTags: APPLICATION_SLOWDOWN_TAGS,
      sources: [fault.availabilityZone],
      verb: 'Latency',
      what: `${delay} ms of latency on ${flows} % of flows`,
      ssmDocument: 'AWSFIS-Run-Network-Latency-Sources',
      ssmParameters: { DelayMilliseconds: delay, FlowsPercent: flows },
      ecsAction: 'aws:ecs:task-network-latency',
      ecsParameters: { delayMilliseconds: delay, flowsPercent: flows },
    },
    context,
  );
}
