import { readFileSync } from 'node:fs';

/**
 * botocore's FIS model (test/fixtures/botocore-fis, copied from boto/botocore at a named commit) as
 * an independent judge of the wire: which operation a request is, and whether a request or response
 * body has only the members the model has, every required one, enum values it lists and the types it
 * declares (restJson1: timestamps are epoch seconds).
 */
interface Member {
  shape: string;
  location?: 'uri' | 'querystring' | 'header';
  locationName?: string;
}
interface Shape {
  type: string;
  members?: Record<string, Member>;
  required?: string[];
  member?: Member;
  key?: Member;
  value?: Member;
  enum?: string[];
  min?: number;
  max?: number;
}
export interface BotocoreModel {
  source: string;
  commit: string;
  operations: Record<string, { http: { method: string; requestUri: string }; input: string; output: string; errors: string[] }>;
  shapes: Record<string, Shape>;
}

export function loadFisModel(): BotocoreModel {
  return JSON.parse(readFileSync(new URL('../fixtures/botocore-fis/fis-2020-12-01.json', import.meta.url), 'utf8')) as BotocoreModel;
}

export interface Exchange {
  method: string;
  path: string;
  query: URLSearchParams;
  requestBody: string;
  status: number;
  errorType?: string;
  responseBody: string;
}

/** The model operation a request is, by method and URI template; undefined when it is none of them. */
export function operationOf(model: BotocoreModel, method: string, path: string): { operation: string; labels: Record<string, string> } | undefined {
  const segments = path.split('/').slice(1);
  for (const [operation, op] of Object.entries(model.operations)) {
    if (op.http.method !== method) continue;
    const template = op.http.requestUri.split('?')[0]!.split('/').slice(1);
    if (template.length !== segments.length) continue;
    const labels: Record<string, string> = {};
    const matches = template.every((t, i) => {
      const got = decodeURIComponent(segments[i]!);
      if (t.startsWith('{')) {
        labels[t.replace(/[{}+]/g, '')] = got;
        return got !== '';
      }
      return t === got;
    });
    if (matches) return { operation, labels };
  }
  return undefined;
}

/** Every way `value` departs from `shapeName`, each as "path: problem". */
export function checkShape(model: BotocoreModel, shapeName: string, value: unknown, path = '$'): string[] {
  const shape = model.shapes[shapeName];
  if (!shape) return [`${path}: the fixture has no shape ${shapeName}`];
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${path}: expected a structure (${shapeName}), got ${JSON.stringify(value)}`];
      const problems: string[] = [];
      const members = Object.fromEntries(Object.entries(shape.members ?? {}).filter(([, m]) => m.location === undefined));
      for (const [key, v] of Object.entries(value)) {
        const member = members[key];
        if (!member) problems.push(`${path}.${key}: not a member of ${shapeName}`);
        else problems.push(...checkShape(model, member.shape, v, `${path}.${key}`));
      }
      for (const required of shape.required ?? []) if (members[required] && !(required in value)) problems.push(`${path}.${required}: required by ${shapeName}, missing`);
      return problems;
    }
    case 'list':
      return Array.isArray(value) ? value.flatMap((v, i) => checkShape(model, shape.member!.shape, v, `${path}[${i}]`)) : [`${path}: expected a list (${shapeName})`];
    case 'map':
      return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? Object.entries(value).flatMap(([k, v]) => [...checkShape(model, shape.key!.shape, k, `${path} key ${k}`), ...checkShape(model, shape.value!.shape, v, `${path}.${k}`)])
        : [`${path}: expected a map (${shapeName})`];
    case 'string': {
      if (typeof value !== 'string') return [`${path}: expected a string (${shapeName}), got ${JSON.stringify(value)}`];
      if (shape.enum && !shape.enum.includes(value)) return [`${path}: ${value} is not one of ${shape.enum.join(', ')} (${shapeName})`];
      if (shape.min !== undefined && value.length < shape.min) return [`${path}: shorter than ${shape.min} (${shapeName})`];
      if (shape.max !== undefined && value.length > shape.max) return [`${path}: longer than ${shape.max} (${shapeName})`];
      return [];
    }
    case 'integer':
    case 'long':
      return Number.isInteger(value) ? [] : [`${path}: expected an integer (${shapeName}), got ${JSON.stringify(value)}`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${path}: expected a boolean (${shapeName})`];
    case 'timestamp':
      return typeof value === 'number' && Number.isFinite(value) ? [] : [`${path}: expected epoch seconds (${shapeName}), got ${JSON.stringify(value)}`];
    default:
      return [];
  }
}

/** What is wrong with one request and its response, by the model. */
export function checkExchange(model: BotocoreModel, exchange: Exchange): string[] {
  const found = operationOf(model, exchange.method, exchange.path);
  if (!found) return [`${exchange.method} ${exchange.path}: no operation of the model`];
  const op = model.operations[found.operation]!;
  const input = model.shapes[op.input]!;
  const where = `${found.operation} request`;
  const problems: string[] = [];
  const byLocation = (location: string) => Object.entries(input.members ?? {}).filter(([, m]) => m.location === location);
  for (const [name, member] of byLocation('uri')) {
    const label = found.labels[member.locationName ?? name];
    if (label === undefined) problems.push(`${where}: uri label ${member.locationName} missing`);
    else problems.push(...checkShape(model, member.shape, label, `${where} uri ${name}`));
  }
  const queryKeys = new Map(byLocation('querystring').map(([name, m]) => [m.locationName ?? name, name]));
  for (const key of new Set(exchange.query.keys())) if (!queryKeys.has(key)) problems.push(`${where}: query parameter ${key} is not in the model`);
  const body = exchange.requestBody.trim() === '' ? {} : JSON.parse(exchange.requestBody);
  problems.push(...checkShape(model, op.input, body, where));
  if (exchange.status >= 300) {
    if (!op.errors.includes(exchange.errorType ?? '')) problems.push(`${found.operation}: error ${exchange.errorType} is not one the model lists (${op.errors.join(', ')})`);
    return problems;
  }
  return [...problems, ...checkShape(model, op.output, JSON.parse(exchange.responseBody || '{}'), `${found.operation} response`)];
}
