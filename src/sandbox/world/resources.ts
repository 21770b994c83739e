/**
 * The world's resources as FIS sees them when it resolves targets: by FIS resource type, each with its
 * ARN, tags, and the fields of its Describe* output (PascalCase) that target filters walk.
 */
import type { WorldModel } from './model.js';
import type { PracticeRunSpec, Tags } from './types.js';

export interface TargetableResource {
  resourceType: string;
  arn: string;
  /** The identifier FIS reports for it (instance ID, cluster name, task ARN…). */
  id: string;
  tags: Tags;
  /** The Describe output filter paths walk (e.g. Placement.AvailabilityZone, State.Name). */
  describe: Record<string, unknown>;
  /** AZ names the resource lives in (the world's names), for target parameters such as availabilityZoneIdentifier. */
  availabilityZones: string[];
  /** ECS tasks: cluster and service names, for the target parameters cluster/service. */
  ecs?: { cluster: string; service: string };
  /** RDS clusters: the writer's AZ name, for writerAvailabilityZoneIdentifiers. */
  writerAvailabilityZone?: string;
  /** Zonal shift managed resources: ARC's resource type and zonal autoshift status. */
  zonalShift?: { managedResourceType: ManagedResourceType; autoshift: 'ENABLED' | 'DISABLED'; practiceRun?: PracticeRunSpec };
}

export type ManagedResourceType = 'ALB' | 'NLB' | 'ASG' | 'EKS';

export function targetableResources(model: WorldModel, resourceType: string): TargetableResource[] {
  switch (resourceType) {
    case 'aws:ec2:instance':
    case 'aws:ec2:spot-instance':
      return [...model.instances.values()]
        .filter((i) => i.state !== 'terminated' && (resourceType === 'aws:ec2:instance' || i.spot))
        .map((i) => ({
          resourceType,
          arn: i.arn,
          id: i.id,
          tags: i.tags,
          describe: {
            InstanceId: i.id,
            InstanceType: i.instanceType,
            Placement: { AvailabilityZone: model.localAzName(model.accountOf(i.arn), i.availabilityZone) },
            State: { Name: i.state },
            SubnetId: i.subnetId,
            ...(i.spot ? { InstanceLifecycle: 'spot' } : {}),
            VpcId: model.subnets.get(i.subnetId)?.vpcId,
            Tags: tagList(i.tags),
          },
          availabilityZones: [i.availabilityZone],
        }));
    case 'aws:ec2:autoscaling-group':
      return [...model.autoScalingGroups.values()].map((g) => ({
        resourceType,
        arn: g.arn,
        id: g.spec.name,
        tags: g.spec.tags ?? {},
        describe: { AutoScalingGroupName: g.spec.name, AvailabilityZones: g.spec.availabilityZones, DesiredCapacity: g.desiredCapacity, Tags: tagList(g.spec.tags ?? {}) },
        availabilityZones: g.spec.availabilityZones,
      }));
    case 'aws:ec2:subnet':
      return [...model.subnets.values()].map((s) => ({
        resourceType,
        arn: s.arn,
        id: s.id,
        tags: s.tags,
        describe: { SubnetId: s.id, AvailabilityZone: model.localAzName(model.accountOf(s.arn), s.availabilityZone), AvailabilityZoneId: model.azIdByName.get(s.availabilityZone), VpcId: s.vpcId, Tags: tagList(s.tags) },
        availabilityZones: [s.availabilityZone],
      }));
    case 'aws:ec2:ebs-volume':
      return [...model.volumes.values()].map((v) => ({
        resourceType,
        arn: v.arn,
        id: v.id,
        tags: v.tags,
        describe: {
          VolumeId: v.id,
          AvailabilityZone: model.localAzName(model.accountOf(v.arn), v.availabilityZone),
          Attachments: v.attachedTo === undefined ? [] : [{ InstanceId: v.attachedTo, DeleteOnTermination: v.deleteOnTermination, State: 'attached' }],
          Tags: tagList(v.tags),
        },
        availabilityZones: [v.availabilityZone],
      }));
    case 'aws:rds:cluster':
      return [...model.databases.values()].map((d) => ({
        resourceType,
        arn: d.arn,
        id: d.spec.identifier,
        tags: d.spec.tags ?? {},
        describe: { DBClusterIdentifier: d.spec.identifier, Engine: d.spec.engine, AvailabilityZones: [d.writerAz, ...d.readerAzs], MultiAZ: d.readerAzs.length > 0, TagList: tagList(d.spec.tags ?? {}) },
        availabilityZones: [d.writerAz, ...d.readerAzs],
        writerAvailabilityZone: d.writerAz,
      }));
    case 'aws:rds:db':
      return [...model.databases.values()].flatMap((d) =>
        model.databaseInstances(d).map((instance) => ({
          resourceType,
          arn: instance.arn,
          id: instance.id,
          tags: d.spec.tags ?? {},
          describe: { DBInstanceIdentifier: instance.id, DBClusterIdentifier: d.spec.identifier, Engine: d.spec.engine, AvailabilityZone: instance.availabilityZone, TagList: tagList(d.spec.tags ?? {}) },
          availabilityZones: [instance.availabilityZone],
          writerAvailabilityZone: d.writerAz,
        })),
      );
    case 'aws:elasticache:replicationgroup':
      return [...model.caches.values()].map((c) => ({
        resourceType,
        arn: c.arn,
        id: c.spec.id,
        tags: c.spec.tags ?? {},
        describe: { ReplicationGroupId: c.spec.id, MultiAZ: c.replicaAzs.length > 0 ? 'enabled' : 'disabled' },
        availabilityZones: [c.primaryAz, ...c.replicaAzs],
      }));
    case 'aws:ecs:task':
      return [...model.tasks.values()]
        .filter((t) => t.state === 'RUNNING')
        .map((t) => {
          const service = model.ecsServices.get(`${t.cluster}/${t.service}`);
          return {
            resourceType,
            arn: t.arn,
            id: t.arn,
            tags: service?.tags ?? {},
            describe: { TaskArn: t.arn, ClusterArn: service?.clusterArn, AvailabilityZone: model.localAzName(model.accountOf(t.arn), t.availabilityZone), LastStatus: t.state, Group: `service:${t.service}` },
            availabilityZones: [t.availabilityZone],
            ecs: { cluster: t.cluster, service: t.service },
          };
        });
    case 'aws:arc:zonal-shift-managed-resource':
      return zonalShiftManagedResources(model);
    case 'aws:ec2:transit-gateway':
      return [...model.transitGateways.values()].map((t) => ({ resourceType, arn: t.arn, id: t.id, tags: t.tags, describe: { TransitGatewayId: t.id, State: 'available', Tags: tagList(t.tags) }, availabilityZones: [] }));
    case 'aws:s3:bucket':
    case 'aws:dynamodb:global-table': {
      const kind = resourceType === 'aws:s3:bucket' ? 's3-bucket' : 'dynamodb-global-table';
      return [...model.stores.values()]
        .filter((st) => st.spec.kind === kind)
        .map((st) => ({ resourceType, arn: st.arn, id: st.spec.name, tags: st.spec.tags ?? {}, describe: { Name: st.spec.name, Arn: st.arn }, availabilityZones: [] }));
    }
    case 'aws:iam:role':
      return [...model.roles.values()].map((r) => ({ resourceType, arn: r.arn, id: r.name, tags: r.tags, describe: { RoleName: r.name, Arn: r.arn }, availabilityZones: [] }));
    default:
      return [];
  }
}

/** The load balancers and Auto Scaling groups registered with ARC zonal shift (a `zonalAutoshift` in the world). */
function zonalShiftManagedResources(model: WorldModel): TargetableResource[] {
  const candidates = [
    ...model.services.flatMap((svc) =>
      svc.loadBalancer === undefined
        ? []
        : [{ arn: svc.loadBalancer.arn, id: svc.loadBalancer.name, tags: svc.loadBalancer.tags, availabilityZones: svc.loadBalancer.availabilityZones, setting: svc.spec.loadBalancer?.zonalAutoshift, practiceRun: svc.spec.loadBalancer?.practiceRun, managedResourceType: 'ALB' as const }],
    ),
    ...[...model.autoScalingGroups.values()].map((g) => ({
      arn: g.arn,
      id: g.spec.name,
      tags: g.spec.tags ?? {},
      availabilityZones: g.spec.availabilityZones,
      setting: g.spec.zonalAutoshift,
      practiceRun: g.spec.practiceRun,
      managedResourceType: 'ASG' as const,
    })),
  ];
  return candidates.flatMap(({ setting, practiceRun, managedResourceType, ...r }) => {
    if (setting === undefined) return [];
    const autoshift = setting === 'enabled' ? ('ENABLED' as const) : ('DISABLED' as const);
    return [
      {
        resourceType: 'aws:arc:zonal-shift-managed-resource',
        ...r,
        describe: { Arn: r.arn, Name: r.id, AvailabilityZones: r.availabilityZones, ZonalAutoshiftStatus: autoshift, Tags: tagList(r.tags) },
        zonalShift: { managedResourceType, autoshift, ...(practiceRun ? { practiceRun } : {}) },
      },
    ];
  });
}

/** Tags as the AWS APIs list them (EC2 filters walk Tags, RDS returns TagList). */
export function tagList(tags: Tags): { Key: string; Value: string }[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}
