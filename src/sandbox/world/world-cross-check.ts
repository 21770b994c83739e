/**
 * What `gameday validate` checks between a scenario and the sandbox world it names
 * (`spec.sandbox.world`): every alarm it references is one of the world’s alarms, every probe (and impact count) metric,
 * a math probe's inputs included, one the world publishes, and every fault target resolves to at least one of the world's resources.
 * Problems are paths into the scenario, so errors point at the scenario's line, not at run time's
 * "no resources found for target".
 */
import type { Scenario } from '../../core/scenario/types.js';
import { WorldModel } from './model.js';
import { Prng } from './prng.js';
import { targetableResources } from './resources.js';
import type { World } from './types.js';

export interface CrossCheckProblem {
  path: (string | number)[];
  message: string;
}

export function crossCheckWorld(scenario: Scenario, world: World, worldFile: string): CrossCheckProblem[] {
  const problems: CrossCheckProblem[] = [];
  const spec = scenario.spec;
  const alarms = new Set([...world.spec.alarms, ...(world.spec.compositeAlarms ?? [])].map((a) => a.alarmName));
  const alarm = (ref: string, path: (string | number)[]) => {
    const name = ref.includes(':alarm:') ? ref.slice(ref.indexOf(':alarm:') + 7) : ref;
    if (!alarms.has(name)) problems.push({ path, message: `alarm ${name} is not in the world ${worldFile} (spec.alarms, spec.compositeAlarms: ${[...alarms].join(', ') || 'none'})` });
  };
  (spec.stopConditions ?? []).forEach((s, i) => alarm(s.alarm, ['spec', 'stopConditions', i, 'alarm']));
  (spec.detection ?? []).forEach((d, i) => alarm(d.alarm, ['spec', 'detection', i, 'alarm']));
  const published = world.spec.metrics.map((m) => `${m.namespace}|${m.name}|${JSON.stringify(sorted(m.dimensions ?? {}))}`);
  const metric = (m: { namespace: string; name: string; dimensions?: Record<string, string> }, path: (string | number)[]) => {
    if (!published.includes(`${m.namespace}|${m.name}|${JSON.stringify(sorted(m.dimensions ?? {}))}`)) {
      problems.push({ path, message: `the world ${worldFile} publishes no ${m.namespace} ${m.name} with dimensions ${JSON.stringify(m.dimensions ?? {})} (spec.metrics)` });
    }
  };
  spec.steadyState.forEach((p, i) => {
    if ('alarm' in p) alarm(p.alarm, ['spec', 'steadyState', i, 'alarm']);
    else if ('metrics' in p) p.metrics.forEach((q, j) => q.metricStat && metric(q.metricStat, ['spec', 'steadyState', i, 'metrics', j, 'metricStat']));
    else metric(p.metric, ['spec', 'steadyState', i, 'metric']);
  });
  if (spec.recovery.dataLoss) metric(spec.recovery.dataLoss.metric, ['spec', 'recovery', 'dataLoss', 'metric']);
  (spec.impact ?? []).forEach((c, i) => c.metric && metric(c.metric, ['spec', 'impact', i, 'metric']));

  const model = new WorldModel(world, new Prng(world.spec.seed), 0);
  const matches = (resourceType: string, tags: Record<string, string> | undefined, arns: string[] | undefined) =>
    targetableResources(model, resourceType).filter((r) => (arns === undefined || arns.includes(r.arn)) && Object.entries(tags ?? {}).every(([k, v]) => r.tags[k] === v));
  const fault = spec.fault;
  const none = (what: string, path: (string | number)[]) => problems.push({ path, message: `no resource in the world ${worldFile} matches ${what}` });
  if (fault.type === 'fis-template') {
    for (const [name, t] of Object.entries(fault.targets ?? {})) {
      if (matches(t.resourceType, t.resourceTags, t.resourceArns).length === 0) none(`target ${name} (${t.resourceType}${t.resourceTags ? ` tagged ${JSON.stringify(t.resourceTags)}` : ''})`, ['spec', 'fault', 'targets', name]);
    }
  } else if (fault.type === 'ec2-cpu-stress') {
    if (matches('aws:ec2:instance', fault.targets.tags, fault.targets.arns).length === 0) none(`the instances ${JSON.stringify(fault.targets.tags ?? fault.targets.arns ?? {})}`, ['spec', 'fault', 'targets']);
  } else if (fault.type === 'ecs-task-kill') {
    const tasks = matches('aws:ecs:task', fault.tags, undefined).filter((r) => r.ecs?.cluster === fault.cluster && r.ecs.service === fault.service);
    if (tasks.length === 0) none(`tasks of ECS service ${fault.cluster}/${fault.service}${fault.tags ? ` tagged ${JSON.stringify(fault.tags)}` : ''}`, ['spec', 'fault', 'service']);
  }
  return problems;
}

function sorted(dimensions: Record<string, string>): [string, string][] {
  return Object.entries(dimensions).sort(([a], [b]) => (a < b ? -1 : 1));
}
