import type { Diagnostic } from '../scenario/diagnostics.js';
import { acceptedValueNear } from './value-hints.js';
import { closestMatch } from './did-you-mean.js';
import type { YamlDocument } from './load-document.js';

/** The part of an ajv error the diagnostics use (the validators are built with verbose: true). */
export interface SchemaError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
  propertyName?: string;
  data?: unknown;
  parentSchema?: { title?: string; description?: string; pattern?: string; properties?: Record<string, unknown> };
}

/** A standalone ajv validator (dist/generated/<schema>.js). */
export interface CompiledSchema {
  (data: unknown): boolean;
  errors?: SchemaError[] | null;
}

/**
 * Every schema violation of a document as a Diagnostic at the offending YAML node, with
 * "did you mean" for misspelt keys and enum values. A misspelt required key shows up once, as
 * the unknown key, not again as the missing one.
 */
export function checkAgainstSchema(validate: CompiledSchema, doc: YamlDocument): Diagnostic[] {
  if (validate(doc.value)) return [];
  // `if` errors only say "must match then"; the errors from `then` say what is wrong.
  // Errors about a key's name come twice: inside propertyNames (with propertyName set) and as the
  // propertyNames error itself, which is the one kept.
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if' && e.propertyName === undefined);
  const unknownKeys = new Map<string, string[]>();
  for (const e of errors) {
    if (e.keyword === 'additionalProperties') {
      const list = unknownKeys.get(e.instancePath) ?? [];
      list.push(String(e.params.additionalProperty));
      unknownKeys.set(e.instancePath, list);
    }
  }
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const diagnostic = toDiagnostic(e, doc, unknownKeys);
    if (!diagnostic) continue;
    const id = `${diagnostic.line}:${diagnostic.col}:${diagnostic.code}:${diagnostic.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    diagnostics.push(diagnostic);
  }
  return diagnostics;
}

export function pointerSegments(instancePath: string): string[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** spec.steadyState[1].metric — how people read a path. */
export function displayPath(segments: readonly (string | number)[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number' || /^\d+$/.test(segment)) out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out || '(top level)';
}

function toDiagnostic(e: SchemaError, doc: YamlDocument, unknownKeys: Map<string, string[]>): Diagnostic | undefined {
  const segments = pointerSegments(e.instancePath);
  const where = displayPath(segments);
  const within = e.parentSchema?.title ? ` (${e.parentSchema.title})` : '';
  const make = (code: string, message: string, path: (string | number)[], key: boolean, hint?: string): Diagnostic => {
    const { line, col } = doc.locate(path, { key });
    return { file: doc.file, line, col, severity: 'error', code, message, ...(hint ? { hint } : {}) };
  };

  switch (e.keyword) {
    case 'additionalProperties': {
      const name = String(e.params.additionalProperty);
      const known = Object.keys(e.parentSchema?.properties ?? {});
      const guess = closestMatch(name, known);
      const message = `unknown field "${name}" in ${where}${within}${guess ? `; did you mean "${guess}"?` : ''}`;
      const hint = guess ? undefined : known.length > 0 ? `allowed: ${known.join(', ')}` : undefined;
      return make('UNKNOWN_FIELD', message, [...segments, name], true, hint);
    }
    case 'required': {
      const name = String(e.params.missingProperty);
      // A misspelling already reported as an unknown field.
      if ((unknownKeys.get(e.instancePath) ?? []).some((unknown) => closestMatch(unknown, [name]) === name)) return undefined;
      return make('MISSING_FIELD', `${where} is missing the required field "${name}"${within}`, segments, true);
    }
    case 'enum': {
      const allowed = (e.params.allowedValues as unknown[]).map(String);
      const guess = typeof e.data === 'string' ? closestMatch(e.data, allowed) : undefined;
      return make(
        'INVALID_VALUE',
        `${where}: ${JSON.stringify(e.data)} is not one of ${allowed.join(', ')}${guess ? `; did you mean "${guess}"?` : ''}`,
        segments,
        false,
      );
    }
    case 'const': {
      const expected = String(e.params.allowedValue);
      return make('INVALID_VALUE', `${where} must be ${JSON.stringify(expected)}, not ${JSON.stringify(e.data)}`, segments, false);
    }
    case 'type': {
      const expected = String(e.params.type);
      const near = expected === 'string' ? acceptedValueNear(e.data, e.parentSchema) : undefined;
      const hint =
        near !== undefined
          ? `write "${near}"${e.parentSchema?.description ? ` (${e.parentSchema.description})` : ''}`
          : expected === 'string' && (typeof e.data === 'number' || typeof e.data === 'boolean') && e.parentSchema?.pattern === undefined
            ? `put it in quotes: "${String(e.data)}"`
            : e.parentSchema?.description;
      return make('WRONG_TYPE', `${where} must be ${article(expected)}, not ${describe(e.data)}`, segments, false, hint);
    }
    case 'pattern':
    case 'format': {
      const near = acceptedValueNear(e.data, e.parentSchema);
      // Without a description to say what the field takes, the pattern itself is the only guide.
      const described = e.parentSchema?.description ?? (e.keyword === 'pattern' ? `it must match ${String(e.params.pattern)}` : undefined);
      const hint = [near === undefined ? undefined : `did you mean "${near}"?`, described].filter(Boolean).join(' ') || undefined;
      return make('INVALID_FORMAT', `${where}: ${JSON.stringify(e.data)} is not in the expected format`, segments, false, hint);
    }
    case 'propertyNames': {
      const name = String(e.params.propertyName);
      return make('INVALID_KEY', `${where}: ${JSON.stringify(name)} is not a valid key here`, [...segments, name], true);
    }
    case 'uniqueItems':
      return make('DUPLICATE_ITEM', `${where}: items ${String(e.params.j)} and ${String(e.params.i)} are the same`, [...segments, Number(e.params.i)], false);
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
    case 'minLength':
    case 'maxLength':
    case 'minItems':
    case 'maxItems':
    case 'minProperties':
    case 'maxProperties':
      return make('OUT_OF_RANGE', `${where} ${e.message ?? 'is out of range'}`, segments, false);
    default:
      return make('SCHEMA', `${where} ${e.message ?? 'is invalid'}`, segments, false);
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function describe(value: unknown): string {
  if (value === null) return 'empty (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  // YAML's .nan, .inf and -.inf: JSON has no text for them (JSON.stringify gives null).
  if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? '.nan (not a number)' : `${value > 0 ? '' : '-'}.inf (infinite)`;
  return `${typeof value === 'string' ? 'the string' : typeof value === 'number' ? 'the number' : typeof value} ${JSON.stringify(value)}`;
}
