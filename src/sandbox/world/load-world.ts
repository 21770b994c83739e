/**
 * Reads a sandbox world file: YAML → JSON Schema (schemas/world.schema.json) → cross-references
 * (AZs, subnets, groups, the database and cache the application uses). Every error names the file,
 * the path inside it and, when known, line:col.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { GamedayError } from '../../core/errors.js';
import type { World } from './types.js';

/** src/ (vitest) and dist/ both sit two levels under the package root. */
const PACKAGE_ROOT = new URL('../../../', import.meta.url);
export const DEFAULT_WORLD_PATH = fileURLToPath(new URL('scenarios/worlds/multi-az-checkout.yaml', PACKAGE_ROOT));
export const WORLD_SCHEMA_PATH = fileURLToPath(new URL('schemas/world.schema.json', PACKAGE_ROOT));

export interface WorldProblem {
  /** JSON path inside the document, e.g. spec.alarms[2].period */
  path: string;
  message: string;
  line?: number;
  col?: number;
}

export async function loadWorld(path: string): Promise<World> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new GamedayError('FILE_NOT_FOUND', `cannot read world file ${path}: ${(error as Error).message}`, { hint: 'Pass the path of a world YAML file, e.g. scenarios/worlds/multi-az-checkout.yaml.' });
  }
  const problems = await checkWorldText(text);
  if (problems.length > 0) {
    const lines = problems.slice(0, 20).map((p) => `  ${path}${p.line === undefined ? '' : `:${p.line}:${p.col}`} ${p.path}: ${p.message}`);
    throw new GamedayError('SCENARIO_INVALID', `invalid world file ${path}:\n${lines.join('\n')}`, { hint: 'See docs/sandbox-world.md for the world file format.', details: problems });
  }
  return parseDocument(text).toJS() as World;
}

/** Every problem in a world file's text; empty when it is a valid world. */
export async function checkWorldText(text: string): Promise<WorldProblem[]> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    return doc.errors.map((e) => {
      const pos = lineCounter.linePos(e.pos[0]);
      return { path: '', message: e.message.split('\n')[0]!, line: pos.line, col: pos.col };
    });
  }
  const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
  const validate = await worldValidator();
  if (!validate(value)) return (validate.errors ?? []).map((e) => withPosition(doc, lineCounter, schemaProblem(e)));
  return crossReferenceProblems(value as World).map((p) => withPosition(doc, lineCounter, p));
}

let compiled: Promise<ValidateFunction> | undefined;
function worldValidator(): Promise<ValidateFunction> {
  compiled ??= readFile(WORLD_SCHEMA_PATH, 'utf8').then((schema) => new Ajv({ allErrors: true, strict: true, strictRequired: false, strictTypes: false }).compile(JSON.parse(schema) as object));
  return compiled;
}

function schemaProblem(e: ErrorObject): WorldProblem {
  const segments = e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let message = e.message ?? 'is invalid';
  if (e.keyword === 'additionalProperties') {
    const extra = (e.params as { additionalProperty: string }).additionalProperty;
    segments.push(extra);
    message = `unknown property "${extra}"`;
  } else if (e.keyword === 'enum') {
    message = `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  } else if (e.keyword === 'required') {
    message = `missing required property "${(e.params as { missingProperty: string }).missingProperty}"`;
  }
  return { path: displayPath(segments), message };
}

function displayPath(segments: readonly (string | number)[]): string {
  return segments.map((s, i) => (/^\d+$/.test(String(s)) ? `[${s}]` : i === 0 ? String(s) : `.${s}`)).join('') || '(document)';
}

function withPosition(doc: Document, lineCounter: LineCounter, problem: WorldProblem): WorldProblem {
  const segments = problem.path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((s) => s.length > 0 && s !== '(document)');
  let node: unknown = doc.contents;
  let found: unknown = node;
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find((p) => String((p.key as { value?: unknown })?.value) === segment);
      node = pair?.value;
      found = pair?.key ?? found;
      if (node !== undefined) found = node;
    } else if (isSeq(node)) {
      node = node.items[Number(segment)];
      if (node !== undefined) found = node;
    } else break;
  }
  const range = (found as { range?: [number, number, number] } | undefined)?.range;
  if (!range) return problem;
  const pos = lineCounter.linePos(range[0]);
  return { ...problem, line: pos.line, col: pos.col };
}

function crossReferenceProblems(world: World): WorldProblem[] {
  const s = world.spec;
  const problems: WorldProblem[] = [];
  const azs = new Set(s.availabilityZones.map((az) => az.name));
  const need = (ok: boolean, path: string, message: string) => {
    if (!ok) problems.push({ path, message });
  };
  const az = (name: string, path: string) => need(azs.has(name), path, `availability zone ${name} is not in spec.availabilityZones`);
  const subnets = new Map(s.subnets.map((n) => [n.id, n]));
  s.subnets.forEach((n, i) => az(n.availabilityZone, `spec.subnets[${i}].availabilityZone`));
  const instanceIds = new Set<string>();
  (s.instances ?? []).forEach((inst, i) => {
    az(inst.availabilityZone, `spec.instances[${i}].availabilityZone`);
    const subnet = subnets.get(inst.subnetId);
    need(subnet !== undefined, `spec.instances[${i}].subnetId`, `subnet ${inst.subnetId} is not in spec.subnets`);
    need(subnet === undefined || subnet.availabilityZone === inst.availabilityZone, `spec.instances[${i}].subnetId`, `subnet ${inst.subnetId} is in ${subnet?.availabilityZone}, not ${inst.availabilityZone}`);
    need(!instanceIds.has(inst.id), `spec.instances[${i}].id`, `duplicate instance id ${inst.id}`);
    instanceIds.add(inst.id);
  });
  (s.autoScalingGroups ?? []).forEach((g, i) =>
    g.availabilityZones.forEach((name, j) => {
      az(name, `spec.autoScalingGroups[${i}].availabilityZones[${j}]`);
      need(s.subnets.some((n) => n.availabilityZone === name), `spec.autoScalingGroups[${i}].availabilityZones[${j}]`, `no subnet in ${name} to launch into`);
    }),
  );
  (s.ebsVolumes ?? []).forEach((v, i) => {
    az(v.availabilityZone, `spec.ebsVolumes[${i}].availabilityZone`);
    const attached = (s.instances ?? []).find((inst) => inst.id === v.attachedTo);
    need(v.attachedTo === undefined || attached !== undefined, `spec.ebsVolumes[${i}].attachedTo`, `instance ${v.attachedTo} is not in spec.instances`);
    need(attached === undefined || attached.availabilityZone === v.availabilityZone, `spec.ebsVolumes[${i}].availabilityZone`, `volume and instance ${v.attachedTo} must be in the same AZ`);
  });
  (s.rdsClusters ?? []).forEach((c, i) => {
    az(c.writerAvailabilityZone, `spec.rdsClusters[${i}].writerAvailabilityZone`);
    (c.readerAvailabilityZones ?? []).forEach((name, j) => az(name, `spec.rdsClusters[${i}].readerAvailabilityZones[${j}]`));
  });
  (s.elastiCacheReplicationGroups ?? []).forEach((c, i) => {
    az(c.primaryAvailabilityZone, `spec.elastiCacheReplicationGroups[${i}].primaryAvailabilityZone`);
    (c.replicaAvailabilityZones ?? []).forEach((name, j) => az(name, `spec.elastiCacheReplicationGroups[${i}].replicaAvailabilityZones[${j}]`));
  });
  (s.ecsClusters ?? []).forEach((c, i) => c.services.forEach((svc, j) => svc.availabilityZones.forEach((name, k) => az(name, `spec.ecsClusters[${i}].services[${j}].availabilityZones[${k}]`))));
  const app = s.application;
  if ('autoScalingGroup' in app.servedBy) {
    const name = app.servedBy.autoScalingGroup;
    need((s.autoScalingGroups ?? []).some((g) => g.name === name), 'spec.application.servedBy.autoScalingGroup', `Auto Scaling group ${name} is not in spec.autoScalingGroups`);
  } else {
    const { cluster, service } = app.servedBy.ecsService;
    need((s.ecsClusters ?? []).some((c) => c.name === cluster && c.services.some((x) => x.name === service)), 'spec.application.servedBy.ecsService', `ECS service ${cluster}/${service} is not in spec.ecsClusters`);
  }
  need(app.database === undefined || (s.rdsClusters ?? []).some((c) => c.identifier === app.database), 'spec.application.database', `RDS cluster ${app.database} is not in spec.rdsClusters`);
  need(app.cache === undefined || (s.elastiCacheReplicationGroups ?? []).some((c) => c.id === app.cache), 'spec.application.cache', `replication group ${app.cache} is not in spec.elastiCacheReplicationGroups`);
  need(app.baseline.latencyP99Ms >= app.baseline.latencyP50Ms, 'spec.application.baseline.latencyP99Ms', 'must be at least latencyP50Ms');
  const alarmNames = new Set<string>();
  s.alarms.forEach((a, i) => {
    need(!alarmNames.has(a.alarmName), `spec.alarms[${i}].alarmName`, `duplicate alarm name ${a.alarmName}`);
    alarmNames.add(a.alarmName);
    need(a.datapointsToAlarm === undefined || a.datapointsToAlarm <= a.evaluationPeriods, `spec.alarms[${i}].datapointsToAlarm`, 'must not exceed evaluationPeriods');
  });
  const rh = s.resilienceHub;
  if (rh) {
    const scope = `:${s.region}:${s.account}:`;
    need(rh.app.arn.includes(scope), 'spec.resilienceHub.app.arn', `must be in ${s.region} and account ${s.account}`);
    need(rh.policy.arn.includes(scope), 'spec.resilienceHub.policy.arn', `must be in ${s.region} and account ${s.account}`);
  }
  return problems;
}
