import type { CrossRegionConnectivityFault, CrossRegionKind } from '../scenario/types.js';
import type { CompileContext, FaultCompilation } from './fault-compilation.js';
import { faultField, type PlanProblem } from './plan-problem.js';
import type { TemplateAction, TemplateTarget } from './types.js';

/** The scenario library's default length (cross-region-scenario.html): 3 hours; FIS allows 12. */
const DEFAULT_DURATION = 'PT3H';
const DEFAULT_TAG_KEY = 'CrossRegionConnectivity';
/** gameday's default opt-in tag values, one per kind; the library lets the team pick the tags. */
const DEFAULT_TAG_VALUES: Readonly<Record<CrossRegionKind, string>> = {
  subnets: 'DisruptSubnet',
  'transit-gateways': 'DisruptTransitGateway',
  s3: 'PauseReplication',
  dynamodb: 'PauseReplication',
};
const ALL_KINDS: readonly CrossRegionKind[] = ['subnets', 'transit-gateways', 's3', 'dynamodb'];

/**
 * The Region cut off from toRegion: subnet route tables and transit gateway peerings stop carrying
 * traffic there, and S3 and DynamoDB global-table replication to and from it pauses. What the
 * replication falls behind by is the data a failover to toRegion would lose: the RPO, measured by the
 * scenario's recovery.dataLoss probe (a replication-lag metric).
 */
export function compileCrossRegionConnectivity(fault: CrossRegionConnectivityFault, context: CompileContext): FaultCompilation {
  const problems: PlanProblem[] = [];
  const warnings: FaultCompilation['warnings'] = [];
  if (fault.toRegion === context.region) {
    problems.push({ path: faultField('toRegion'), message: `fault.toRegion ${fault.toRegion} is the scenario's own region: name the other Region of the application` });
  }
  const duration = fault.duration ?? DEFAULT_DURATION;
  const kinds = new Set<CrossRegionKind>(fault.include ?? ALL_KINDS);
  const tagKey = fault.tagKey ?? DEFAULT_TAG_KEY;
  const tagOf = (kind: CrossRegionKind) => ({ [tagKey]: fault.tagValues?.[kind] ?? DEFAULT_TAG_VALUES[kind] });
  const to = { region: fault.toRegion, duration };
  // S3 buckets are picked by tags only (bucket-pause-replication); every kind opts in by tag here.
  const parts: Record<CrossRegionKind, { action: string; actionId: string; target: string; resourceType: string; key: string; parameters: Record<string, string>; description: string }> = {
    subnets: {
      action: 'Disrupt-Subnet-Connectivity',
      actionId: 'aws:network:route-table-disrupt-cross-region-connectivity',
      target: 'Subnets',
      resourceType: 'aws:ec2:subnet',
      key: 'Subnets',
      parameters: to,
      description: `Block traffic from the tagged subnets to ${fault.toRegion}`,
    },
    'transit-gateways': {
      action: 'Disrupt-TransitGateway-Connectivity',
      actionId: 'aws:network:transit-gateway-disrupt-cross-region-connectivity',
      target: 'Transit-Gateways',
      resourceType: 'aws:ec2:transit-gateway',
      key: 'TransitGateways',
      parameters: to,
      description: `Block transit gateway peering traffic to ${fault.toRegion}`,
    },
    s3: {
      action: 'Pause-S3-Replication',
      actionId: 'aws:s3:bucket-pause-replication',
      target: 'S3-Buckets',
      resourceType: 'aws:s3:bucket',
      key: 'Buckets',
      parameters: to,
      description: `Pause replication of the tagged buckets to ${fault.toRegion}`,
    },
    dynamodb: {
      action: 'Pause-DynamoDB-Replication',
      actionId: 'aws:dynamodb:global-table-pause-replication',
      target: 'DynamoDB-Global-Tables',
      resourceType: 'aws:dynamodb:global-table',
      key: 'Tables',
      parameters: { duration },
      description: `Pause global-table replication to and from ${context.region}`,
    },
  };
  const actions: Record<string, TemplateAction> = {};
  const targets: Record<string, TemplateTarget> = {};
  for (const kind of ALL_KINDS.filter((k) => kinds.has(k))) {
    const part = parts[kind];
    targets[part.target] = { resourceType: part.resourceType, resourceTags: tagOf(kind), selectionMode: 'ALL' };
    actions[part.action] = { actionId: part.actionId, description: part.description, parameters: { ...part.parameters }, targets: { [part.key]: part.target } };
  }
  if (Object.keys(actions).length === 0) problems.push({ path: faultField('include'), message: 'fault.include leaves no action to run' });
  return { actions, targets, warnings, problems, emptyTargetResolutionMode: 'skip' };
}
