import { createHash } from 'node:crypto';
import { ServiceError, type ServiceBackend } from '../contracts.js';
import type { Instance, InstanceStateName, Subnet, WorldModel } from '../world/model.js';
import { page } from './paging.js';

/** EC2's instance state codes (the low byte of InstanceState.Code). */
const STATE_CODES: Record<InstanceStateName, number> = { pending: 0, running: 16, 'shutting-down': 32, terminated: 48, stopping: 64, stopped: 80 };

/** The tag FIS puts on the network ACL aws:network:disrupt-connectivity swaps in (AWS FIS docs). */
export const FIS_ACL_TAG = 'managedByFIS';

interface Filter {
  name: string;
  values: string[];
}

interface NetworkAcl {
  networkAclId: string;
  vpcId: string;
  isDefault: boolean;
  subnetIds: string[];
  tags: Record<string, string>;
}

/**
 * The EC2 subset the post-run restoration check reads, derived from the world model: instances and
 * their state, and network ACLs — each VPC's default ACL, and while aws:network:disrupt-connectivity
 * holds a subnet, the ACL FIS created for it (tagged managedByFIS=true) in its place.
 */
export function createEc2Backend(options: { model: WorldModel }): ServiceBackend {
  const { model } = options;
  return {
    service: 'ec2',
    operations: {
      DescribeInstances(input) {
        const ids = stringList(input.InstanceId);
        for (const id of ids) if (!/^i-[0-9a-z]+$/.test(id)) throw new ServiceError('InvalidInstanceID.Malformed', `Invalid id: "${id}"`);
        const missing = ids.filter((id) => !model.instances.has(id));
        if (missing.length === 1) throw new ServiceError('InvalidInstanceID.NotFound', `The instance ID '${missing[0]}' does not exist`);
        if (missing.length > 1) throw new ServiceError('InvalidInstanceID.NotFound', `The instance IDs '${missing.join(', ')}' do not exist`);
        const filters = parseFilters(input.Filter, ['instance-id', 'instance-state-name', 'availability-zone', 'subnet-id']);
        const selected = (ids.length ? ids.map((id) => model.instances.get(id)!) : [...model.instances.values()]).filter((i) => matches(filters, instanceField(i)));
        const { items, nextToken } = ec2Page(selected, input, ids.length > 0);
        return {
          reservationSet: items.map((i) => ({ reservationId: reservationId(i.id), ownerId: model.account, instancesSet: [describeInstance(i)] })),
          ...(nextToken ? { nextToken } : {}),
        };
      },

      DescribeNetworkAcls(input) {
        const ids = stringList(input.NetworkAclId);
        const filters = parseFilters(input.Filter, ['association.subnet-id', 'vpc-id', 'network-acl-id', 'default']);
        const acls = networkAcls(model).filter((acl) => (ids.length === 0 || ids.includes(acl.networkAclId)) && matches(filters, aclField(acl)));
        const { items, nextToken } = ec2Page(acls, input, false);
        return {
          networkAclSet: items.map((acl) => ({
            associationSet: acl.subnetIds.map((subnetId) => ({ networkAclAssociationId: `aclassoc-${shortHash(`${acl.networkAclId}/${subnetId}`)}`, networkAclId: acl.networkAclId, subnetId })),
            entrySet: [],
            default: acl.isDefault,
            networkAclId: acl.networkAclId,
            tagSet: Object.entries(acl.tags).map(([key, value]) => ({ key, value })),
            vpcId: acl.vpcId,
            ownerId: model.account,
          })),
          ...(nextToken ? { nextToken } : {}),
        };
      },
    },
  };
}

function describeInstance(i: Instance): Record<string, unknown> {
  return {
    instanceId: i.id,
    instanceType: i.instanceType,
    placement: { availabilityZone: i.availabilityZone },
    subnetId: i.subnetId,
    instanceState: { code: STATE_CODES[i.state], name: i.state },
    tagSet: Object.entries(i.tags).map(([key, value]) => ({ key, value })),
  };
}

function instanceField(i: Instance): (name: string) => string[] {
  return (name) => {
    if (name === 'instance-id') return [i.id];
    if (name === 'instance-state-name') return [i.state];
    if (name === 'availability-zone') return [i.availabilityZone];
    if (name === 'subnet-id') return [i.subnetId];
    return tagValues(i.tags, name);
  };
}

function aclField(acl: NetworkAcl): (name: string) => string[] {
  return (name) => {
    if (name === 'association.subnet-id') return acl.subnetIds;
    if (name === 'vpc-id') return [acl.vpcId];
    if (name === 'network-acl-id') return [acl.networkAclId];
    if (name === 'default') return [String(acl.isDefault)];
    return tagValues(acl.tags, name);
  };
}

function tagValues(tags: Record<string, string>, filterName: string): string[] {
  const key = filterName.slice('tag:'.length);
  return tags[key] === undefined ? [] : [tags[key]];
}

/** A disrupted subnet is associated with its FIS ACL instead of its VPC's default one. */
function networkAcls(model: WorldModel): NetworkAcl[] {
  const byVpc = new Map<string, Subnet[]>();
  for (const subnet of model.subnets.values()) byVpc.set(subnet.vpcId, [...(byVpc.get(subnet.vpcId) ?? []), subnet]);
  const acls: NetworkAcl[] = [];
  for (const [vpcId, subnets] of byVpc) {
    acls.push({ networkAclId: `acl-${shortHash(vpcId)}`, vpcId, isDefault: true, subnetIds: subnets.filter((s) => s.disruptedBy.size === 0).map((s) => s.id), tags: {} });
    for (const subnet of subnets) {
      if (subnet.disruptedBy.size === 0) continue;
      acls.push({ networkAclId: `acl-${shortHash(`fis/${subnet.id}`)}`, vpcId, isDefault: false, subnetIds: [subnet.id], tags: { [FIS_ACL_TAG]: 'true' } });
    }
  }
  return acls;
}

function parseFilters(raw: unknown, known: string[]): Filter[] {
  const filters: Filter[] = [];
  for (const item of Array.isArray(raw) ? raw : []) {
    const f = (item ?? {}) as { Name?: unknown; Value?: unknown };
    const name = typeof f.Name === 'string' ? f.Name : '';
    if (!known.includes(name) && !name.startsWith('tag:')) throw new ServiceError('InvalidParameterValue', `The filter '${name}' is invalid`);
    filters.push({ name, values: stringList(f.Value) });
  }
  return filters;
}

/** EC2 filters: every filter must match, any of a filter's values (with * and ? wildcards). */
function matches(filters: Filter[], field: (name: string) => string[]): boolean {
  return filters.every((f) => {
    const actual = field(f.name);
    return f.values.some((v) => {
      const pattern = new RegExp(`^${v.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
      return actual.some((a) => pattern.test(a));
    });
  });
}

function ec2Page<T>(items: T[], input: Record<string, unknown>, byId: boolean): { items: T[]; nextToken?: string } {
  if (byId && input.MaxResults !== undefined) throw new ServiceError('InvalidParameterCombination', 'The parameter instancesSet cannot be used with the parameter maxResults');
  const max = input.MaxResults === undefined ? 1000 : Number(input.MaxResults);
  if (!Number.isInteger(max) || max < 5 || max > 1000) throw new ServiceError('InvalidParameterValue', `Value ( ${String(input.MaxResults)} ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.`);
  try {
    return page(items, { maxResults: max, nextToken: input.NextToken }, { max: 1000, default: 1000 });
  } catch {
    throw new ServiceError('InvalidParameterValue', 'The nextToken is not valid.');
  }
}

function stringList(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

function reservationId(instanceId: string): string {
  return `r-${shortHash(instanceId)}`;
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 17);
}
