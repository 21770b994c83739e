/**
 * FIS target resolution against the simulated world: resource type, then ARNs or tags, then filters
 * (paths walk the Describe output; filters AND, values OR, any array element may match), then target
 * parameters, then the selection mode (COUNT/PERCENT picked with the seeded generator; PERCENT rounds down).
 */
import type { Prng } from '../world/prng.js';
import { targetableResources, type TargetableResource } from '../world/resources.js';
import type { WorldModel } from '../world/model.js';
import type { TemplateTarget } from './fis-validate.js';

export interface TargetResolution {
  resources: TargetableResource[];
  /** Why resources that matched the target were left out by the parameters of the actions using it. */
  excluded: string[];
}

/**
 * `accounts`: where FIS looks (the template's account, or a multi-account template's target accounts).
 * `excludes`: why the actions using the target leave a resource out (undefined keeps it), applied before the selection mode.
 */
export function resolveTarget(model: WorldModel, target: TemplateTarget, rng: Prng, excludes: (r: TargetableResource) => string | undefined, accounts: ReadonlySet<string> = new Set([model.account])): TargetResolution {
  let candidates = targetableResources(model, target.resourceType).filter((r) => accounts.has(model.accountOf(r.arn)));
  if (target.resourceArns && target.resourceArns.length > 0) {
    const arns = new Set(target.resourceArns);
    candidates = candidates.filter((r) => arns.has(r.arn));
  }
  const tags = Object.entries(target.resourceTags ?? {});
  if (tags.length > 0) candidates = candidates.filter((r) => tags.every(([k, v]) => r.tags[k] === v));
  for (const filter of target.filters ?? []) {
    candidates = candidates.filter((r) => filter.values.some((v) => valuesAt(r.describe, filter.path.split('.')).some((found) => String(found) === v)));
  }
  candidates = candidates.filter((r) => matchesParameters(model, r, target.parameters ?? {}));
  const excluded: string[] = [];
  candidates = candidates.filter((r) => {
    const why = excludes(r);
    if (why !== undefined) excluded.push(why);
    return why === undefined;
  });
  return { resources: select(candidates, target.selectionMode, rng), excluded };
}

function matchesParameters(model: WorldModel, r: TargetableResource, parameters: Record<string, string>): boolean {
  for (const [key, value] of Object.entries(parameters)) {
    switch (key) {
      case 'availabilityZoneIdentifier': {
        const az = model.azNameIn(model.accountOf(r.arn), value);
        if (az === undefined || !r.availabilityZones.includes(az)) return false;
        break;
      }
      case 'writerAvailabilityZoneIdentifiers':
        if (value !== 'all' && !azSet(model, model.accountOf(r.arn), value).has(r.writerAvailabilityZone ?? '')) return false;
        break;
      case 'availabilityZoneIdentifiers':
        if (value !== 'all' && !r.availabilityZones.some((az) => azSet(model, model.accountOf(r.arn), value).has(az))) return false;
        break;
      case 'cluster':
        if (r.ecs?.cluster !== value && !value.endsWith(`:cluster/${r.ecs?.cluster}`)) return false;
        break;
      case 'service':
        if (r.ecs?.service !== value && !value.endsWith(`/${r.ecs?.service}`)) return false;
        break;
      case 'vpc':
        if (r.describe['VpcId'] !== value) return false;
        break;
    }
  }
  return true;
}

/** AZ names or IDs as `account` writes them → the world's AZ names. */
function azSet(model: WorldModel, account: string, list: string): Set<string> {
  return new Set(list.split(',').map((s) => model.azNameIn(account, s.trim()) ?? s.trim()));
}

function valuesAt(value: unknown, path: string[]): unknown[] {
  if (path.length === 0) return Array.isArray(value) ? value : [value];
  if (Array.isArray(value)) return value.flatMap((item) => valuesAt(item, path));
  if (value === null || typeof value !== 'object') return [];
  const [head, ...rest] = path;
  return valuesAt((value as Record<string, unknown>)[head!], rest);
}

function select<T>(items: T[], mode: string, rng: Prng): T[] {
  const count = /^COUNT\((\d+)\)$/.exec(mode);
  if (count) return rng.sample(items, Number(count[1]));
  const percent = /^PERCENT\((\d+)\)$/.exec(mode);
  if (percent) return rng.sample(items, Math.floor((items.length * Number(percent[1])) / 100));
  return items;
}
