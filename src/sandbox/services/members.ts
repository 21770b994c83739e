import { ServiceError } from '../contracts.js';

/**
 * Reading operation members that arrive loosely typed: awsQuery sends every scalar as a string and
 * an empty list as "", awsJson1_0 sends numbers and epoch-second timestamps. Errors use the codes
 * awsQuery services return for bad parameters (InvalidParameterValue, MissingParameter).
 */
export type Members = Record<string, unknown>;

export function missing(name: string): ServiceError {
  return new ServiceError('MissingParameter', `The parameter ${name} is required.`);
}

export function invalid(name: string, value: unknown, why = ''): ServiceError {
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  return new ServiceError('InvalidParameterValue', `The value ${shown} for parameter ${name} is invalid.${why ? ` ${why}` : ''}`);
}

export function optionalString(input: Members, name: string): string | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalid(name, v, 'Expected a string.');
  return v;
}

export function requiredString(input: Members, name: string): string {
  const v = optionalString(input, name);
  if (v === undefined || v === '') throw missing(name);
  return v;
}

export function optionalNumber(input: Members, name: string): number | undefined {
  const v = input[name];
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
  if (!Number.isFinite(n)) throw invalid(name, v, 'Expected a number.');
  return n;
}

export function requiredNumber(input: Members, name: string): number {
  const v = optionalNumber(input, name);
  if (v === undefined) throw missing(name);
  return v;
}

export function optionalInteger(input: Members, name: string, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const v = optionalNumber(input, name);
  if (v === undefined) return undefined;
  if (!Number.isInteger(v) || v < min || v > max) throw invalid(name, input[name], `Expected an integer from ${min} to ${max}.`);
  return v;
}

export function optionalBoolean(input: Members, name: string): boolean | undefined {
  const v = input[name];
  if (v === undefined || v === null || v === '') return undefined;
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  throw invalid(name, v, 'Expected true or false.');
}

/** ISO 8601 / RFC 3339 (awsQuery), epoch seconds (awsJson1_0), or a Date. */
export function optionalDate(input: Members, name: string): Date | undefined {
  const v = input[name];
  if (v === undefined || v === null || v === '') return undefined;
  let ms: number;
  if (v instanceof Date) ms = v.getTime();
  else if (typeof v === 'number') ms = v * 1000;
  else if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) ms = Number(v) * 1000;
  else if (typeof v === 'string') ms = Date.parse(v);
  else ms = Number.NaN;
  if (!Number.isFinite(ms)) throw invalid(name, v, 'Expected a timestamp.');
  return new Date(ms);
}

export function requiredDate(input: Members, name: string): Date {
  const v = optionalDate(input, name);
  if (v === undefined) throw missing(name);
  return v;
}

export function list(input: Members, name: string): unknown[] {
  const v = input[name];
  if (v === undefined || v === null || v === '') return [];
  if (!Array.isArray(v)) throw invalid(name, v, 'Expected a list.');
  return v;
}

export function stringList(input: Members, name: string): string[] {
  return list(input, name).map((item, i) => {
    if (typeof item !== 'string') throw invalid(`${name}.member.${i + 1}`, item, 'Expected a string.');
    return item;
  });
}

export function structure(value: unknown, name: string): Members {
  if (value === undefined || value === null || value === '') return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid(name, value, 'Expected a structure.');
  return value as Members;
}

/** CloudWatch dimensions: a list of {Name, Value}, turned into a map (names unique). */
export function dimensions(input: Members, name = 'Dimensions'): Record<string, string> {
  const out: Record<string, string> = {};
  list(input, name).forEach((item, i) => {
    const d = structure(item, `${name}.member.${i + 1}`);
    const key = requiredString(d, 'Name');
    const value = requiredString(d, 'Value');
    if (key in out) throw new ServiceError('InvalidParameterValue', `The dimension ${key} is given more than once in ${name}.`);
    out[key] = value;
  });
  if (Object.keys(out).length > 30) throw invalid(name, `${Object.keys(out).length} dimensions`, 'At most 30 dimensions are allowed.');
  return out;
}

/** A paging token the sandbox can verify: an offset bound to the request it continues. */
export function encodeToken(offset: number, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ o: offset, f: fingerprint })).toString('base64url');
}

export function decodeToken(token: string | undefined, fingerprint: string): number {
  if (token === undefined || token === '') return 0;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown; f?: unknown };
    if (typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0 && parsed.f === fingerprint) return parsed.o;
  } catch {
    // fall through: any undecodable token is invalid
  }
  throw new ServiceError('InvalidNextToken', 'The service cannot process the NextToken: it is not from a previous identical request.');
}
