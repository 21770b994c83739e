import type { CrossAzTrafficSlowdownFault } from '../scenario/types.js';
import { compileZonalNetworkFault } from './compile-zonal-network-fault.js';
import type { CompileContext, FaultCompilation } from './fault-compilation.js';
import { faultField } from './plan-problem.js';

/** The scenario library's defaults: 15 % packet loss on 100 % of flows for 30 minutes. */
const DEFAULT_LOSS_PERCENT = 15;
const DEFAULT_FLOWS_PERCENT = 100;
const DEFAULT_DURATION = 'PT30M';
/** The library's default opt-in tags per compute kind (cross-az-traffic-slowdown-scenario.html, "Scenario Content"). */
export const CROSS_AZ_SLOWDOWN_TAGS = { instances: { CrossAZTrafficSlowdown: 'PacketLossForEC2' }, 'ecs-tasks': { CrossAZTrafficSlowdown: 'PacketLossForECS' } };

/** Packet loss on the traffic from one AZ's tagged compute to the other AZs (the sources). */
export function compileCrossAzTrafficSlowdown(fault: CrossAzTrafficSlowdownFault, context: CompileContext): FaultCompilation {
  const loss = String(fault.lossPercent ?? DEFAULT_LOSS_PERCENT);
  const flows = String(fault.flowsPercent ?? DEFAULT_FLOWS_PERCENT);
  const compiled = compileZonalNetworkFault(
    {
      availabilityZone: fault.availabilityZone,
      ...(fault.availabilityZoneName !== undefined ? { availabilityZoneName: fault.availabilityZoneName } : {}),
      duration: fault.duration ?? DEFAULT_DURATION,
      ...(fault.include ? { include: fault.include } : {}),
      ...(fault.tags ? { tags: fault.tags } : {}),
      defaultTags: CROSS_AZ_SLOWDOWN_TAGS,
      sources: fault.toAvailabilityZones,
      verb: 'Packet-Loss',
      what: `${loss} % packet loss on ${flows} % of flows`,
      ssmDocument: 'AWSFIS-Run-Network-Packet-Loss-Sources',
      ssmParameters: { LossPercent: loss, FlowsPercent: flows },
      ecsAction: 'aws:ecs:task-network-packet-loss',
      ecsParameters: { lossPercent: loss, flowsPercent: flows },
    },
    context,
  );
  const own = new Set([fault.availabilityZone, fault.availabilityZoneName].filter(Boolean));
  if (fault.toAvailabilityZones.some((az) => own.has(az))) {
    compiled.problems.push({ path: faultField('toAvailabilityZones'), message: `fault.toAvailabilityZones lists ${fault.availabilityZone} itself: name the other AZs, whose traffic from ${fault.availabilityZone} is lost` });
  }
  return compiled;
}
