import { durationSeconds } from '../duration.js';
import type { NetworkFaultKind } from '../scenario/types.js';
import { resolveAvailabilityZone } from './availability-zone.js';
import type { CompileContext, FaultCompilation } from './fault-compilation.js';
import { faultField, type PlanProblem } from './plan-problem.js';
import type { TemplateAction, TemplateTarget } from './types.js';

/** What one zonal network fault (latency or packet loss) sends to EC2 instances and to ECS tasks. */
export interface ZonalNetworkFault {
  availabilityZone: string;
  availabilityZoneName?: string;
  duration: string;
  include?: NetworkFaultKind[];
  /** The scenario's tags, for both kinds; without them each kind gets its own default. */
  tags?: Record<string, string>;
  defaultTags: Record<NetworkFaultKind, Record<string, string>>;
  /** Where the impaired traffic goes (AZ names or IDs): the `sources` of the task and SSM actions. */
  sources: string[];
  /** "Latency", "Packet-Loss": names the actions. */
  verb: string;
  /** For people: "200 ms on 100 % of flows". */
  what: string;
  /** The AWSFIS-Run-Network-*-Sources document and its parameters besides Sources, TrafficType, DurationSeconds, InstallDependencies. */
  ssmDocument: string;
  ssmParameters: Record<string, string>;
  /** The aws:ecs:task-network-* action and its parameters besides duration and sources. */
  ecsAction: string;
  ecsParameters: Record<string, string>;
}

/**
 * The scenario library's zonal network faults (AZ: Application Slowdown, Cross-AZ: Traffic Slowdown)
 * hit the tagged instances and tasks running in one AZ, each through the action for its compute. As in
 * the library, an action whose targets resolve to nothing is skipped and counts as lost coverage.
 */
export function compileZonalNetworkFault(fault: ZonalNetworkFault, context: CompileContext): FaultCompilation {
  const problems: PlanProblem[] = [];
  const { az, problems: azProblems } = resolveAvailabilityZone(fault.availabilityZone, fault.availabilityZoneName, context.region);
  problems.push(...azProblems);
  if (!az.name) {
    problems.push({
      path: faultField('availabilityZone'),
      message: `fault.availabilityZone is the AZ ID ${az.identifier}, but the instance and task filters match AZ names: add fault.availabilityZoneName (aws ec2 describe-availability-zones --zone-ids ${az.identifier})`,
    });
  }
  const azName = az.name ?? az.identifier;
  const kinds = new Set<NetworkFaultKind>(fault.include ?? ['instances', 'ecs-tasks']);
  const seconds = durationSeconds(fault.duration) ?? 0;
  const sources = fault.sources.join(',');
  const actions: Record<string, TemplateAction> = {};
  const targets: Record<string, TemplateTarget> = {};
  if (kinds.has('instances')) {
    targets['Instances-In-AZ'] = {
      resourceType: 'aws:ec2:instance',
      resourceTags: { ...(fault.tags ?? fault.defaultTags.instances) },
      filters: [
        { path: 'State.Name', values: ['running'] },
        { path: 'Placement.AvailabilityZone', values: [azName] },
      ],
      selectionMode: 'ALL',
    };
    actions[`Instance-Network-${fault.verb}`] = {
      actionId: 'aws:ssm:send-command',
      description: `${fault.what} on instances in ${azName}, to ${sources}`,
      parameters: {
        documentArn: `arn:aws:ssm:${context.region}::document/${fault.ssmDocument}`,
        // Parameter names: FIS User Guide actions-ssm-agent.html. The document's TrafficType defaults to
        // ingress; the library's scenario content (az-application-slowdown-scenario.html,
        // cross-az-traffic-slowdown-scenario.html) impairs egress, traffic going to the sources.
        documentParameters: JSON.stringify({ ...fault.ssmParameters, Sources: sources, TrafficType: 'egress', DurationSeconds: String(seconds), InstallDependencies: 'True' }),
        duration: fault.duration,
      },
      targets: { Instances: 'Instances-In-AZ' },
    };
  }
  if (kinds.has('ecs-tasks')) {
    targets['Tasks-In-AZ'] = {
      resourceType: 'aws:ecs:task',
      resourceTags: { ...(fault.tags ?? fault.defaultTags['ecs-tasks']) },
      filters: [{ path: 'AvailabilityZone', values: [azName] }],
      selectionMode: 'ALL',
    };
    actions[`Task-Network-${fault.verb}`] = {
      actionId: fault.ecsAction,
      description: `${fault.what} in ECS tasks in ${azName}, to ${sources}`,
      // As in the library's scenario content: the ECS fault injection endpoints reach Fargate tasks too.
      parameters: { ...fault.ecsParameters, sources, duration: fault.duration, installDependencies: 'true', useEcsFaultInjectionEndpoints: 'true' },
      targets: { Tasks: 'Tasks-In-AZ' },
    };
  }
  return { actions, targets, warnings: [], problems, emptyTargetResolutionMode: 'skip' };
}
