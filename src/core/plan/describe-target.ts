import { fisAction, fisResourceType } from './fis-catalog.js';
import type { TemplateAction, TemplateTarget } from './types.js';

/** "all EC2 instances tagged AzImpairmentPower=StopInstances where State.Name=running, Placement.AvailabilityZone=us-east-1b" */
export function describeTarget(target: TemplateTarget): string {
  const noun = fisResourceType(target.resourceType)?.noun ?? target.resourceType;
  const parts = [`${selectionWords(target.selectionMode)} ${noun}`];
  const tags = Object.entries(target.resourceTags ?? {});
  if (tags.length) parts.push(`tagged ${tags.map(([k, v]) => `${k}=${v}`).join(', ')}`);
  if (target.resourceArns?.length) parts.push(`by ARN: ${target.resourceArns.join(', ')}`);
  if (target.filters?.length) parts.push(`where ${target.filters.map((f) => `${f.path}=${f.values.join('|')}`).join(', ')}`);
  const params = Object.entries(target.parameters ?? {});
  if (params.length) parts.push(`with ${params.map(([k, v]) => `${k}=${v}`).join(', ')}`);
  return parts.join(' ');
}

function selectionWords(mode: string): string {
  const count = /^COUNT\((\d+)\)$/.exec(mode);
  if (count) return `${count[1]} of the`;
  const percent = /^PERCENT\((\d+)\)$/.exec(mode);
  if (percent) return `${percent[1]}% of the`;
  return 'all';
}

/** What an action hits, in words; actions without a target (aws:fis:wait) hit nothing. */
export function describeHits(action: TemplateAction, targets: Record<string, TemplateTarget>): { hits: string; targetName?: string } {
  const key = fisAction(action.actionId)?.targetKey;
  const targetName = key ? action.targets?.[key] : Object.values(action.targets ?? {})[0];
  const target = targetName ? targets[targetName] : undefined;
  if (!targetName || !target) return { hits: 'nothing (waits; stop conditions are still watched)' };
  return { hits: describeTarget(target), targetName };
}
