/**
 * What `gameday validate` checks between a scenario and the sandbox world it names
 * (`spec.sandbox.world`): every alarm it references is one of the world’s alarms, every probe (impact count, SLO) metric,
 * a math probe's inputs included, one the world publishes, and every target of the planned template resolves to at least one of the world's
 * resources as the sandbox's FIS would resolve it (the caller compiles the fault: the sandbox reads no plan types).
 * Problems are paths into the scenario, so errors point at the scenario's line, not at run time's
 * "no resources found for target".
 */
import type { Scenario } from '../../core/scenario/types.js';
import { WorldModel } from './model.js';
import { Prng } from './prng.js';
import { resolveTarget } from '../services/fis-targets.js';
import type { TemplateTarget } from '../services/fis-validate.js';
import type { World } from './types.js';

export interface CrossCheckProblem {
  path: (string | number)[];
  message: string;
}

/** `plannedTargets`: the targets of the scenario's planned template, in FIS's wire shape. */
export function crossCheckWorld(scenario: Scenario, world: World, worldFile: string, plannedTargets: Record<string, TemplateTarget>): CrossCheckProblem[] {
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
  // The SLO's reads feed its burn-rate probe: a metric the world lacks answers nothing, and the RTO goes unmeasured.
  for (const key of ['good', 'bad', 'total'] as const) {
    const series = spec.slo?.[key];
    if (series === undefined) continue;
    if ('expression' in series) for (const [name, m] of Object.entries(series.metrics)) metric(m, ['spec', 'slo', key, 'metrics', name]);
    else metric(series, ['spec', 'slo', key]);
  }

  // Resolved as the sandbox's FIS resolves them at initiation (type, ARNs, tags, filters, parameters), every
  // resource the selection could pick. A scenario-library fault skips what finds nothing, as FIS does (lost coverage).
  const model = new WorldModel(world, new Prng(world.spec.seed), 0);
  const accounts = new Set(spec.target.accounts ? spec.target.accounts.map((a) => a.account) : [world.spec.account]);
  for (const [name, t] of Object.entries(plannedTargets)) {
    const described = faultTarget(spec.fault, name, t);
    if (!described || resolveTarget(model, { ...t, selectionMode: 'ALL' }, new Prng(0), () => undefined, accounts).resources.length > 0) continue;
    problems.push({ path: described[1], message: `no resource in the world ${worldFile} matches ${described[0]}` });
  }
  return problems;
}

/** What a planned target is in the scenario's words, and the scenario field that wrote it; none for a scenario-library fault. */
function faultTarget(fault: Scenario['spec']['fault'], name: string, t: TemplateTarget): [string, (string | number)[]] | undefined {
  switch (fault.type) {
    case 'fis-template': {
      const parameters = t.parameters && Object.keys(t.parameters).length ? ` with parameters ${JSON.stringify(t.parameters)}` : '';
      const filters = (t.filters ?? []).map((f) => ` where ${f.path} is ${f.values.join(' or ')}`).join('');
      return [`target ${name} (${t.resourceType}${t.resourceTags ? ` tagged ${JSON.stringify(t.resourceTags)}` : ''}${parameters}${filters})`, ['spec', 'fault', 'targets', name]];
    }
    case 'ec2-cpu-stress':
      return [`the instances ${JSON.stringify(fault.targets.tags ?? fault.targets.arns ?? {})}`, ['spec', 'fault', 'targets']];
    case 'ec2-spot-interruption':
      return [`the Spot Instances ${JSON.stringify(fault.targets.tags ?? fault.targets.arns ?? {})}${fault.targets.arns ? '' : ' (running, spot: true on the instance or its group)'}`, ['spec', 'fault', 'targets']];
    case 'ecs-task-kill':
      return [`tasks of ECS service ${fault.cluster}/${fault.service}${fault.tags ? ` tagged ${JSON.stringify(fault.tags)}` : ''}`, ['spec', 'fault', 'service']];
    default:
      return undefined;
  }
}


function sorted(dimensions: Record<string, string>): [string, string][] {
  return Object.entries(dimensions).sort(([a], [b]) => (a < b ? -1 : 1));
}
