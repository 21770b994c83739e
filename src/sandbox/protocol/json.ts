import { ServiceError } from '../contracts.js';

/**
 * JSON bodies for restJson1 and awsJson1_0: timestamps as epoch seconds (a JSON number, fractions
 * allowed) — the SDK's parseEpochTimestamp mis-reads ISO strings — and Map values as objects.
 */
export function toJsonBody(value: unknown): string {
  return JSON.stringify(value ?? {}, function replacer(this: Record<string, unknown>, key: string, current: unknown) {
    const raw = this[key];
    if (raw instanceof Date) return raw.getTime() / 1000;
    if (raw instanceof Map) return Object.fromEntries(raw);
    return current;
  });
}

/** Parses a JSON object body ("" counts as {}); anything else is the protocol's SerializationException. */
export function parseJsonObject(body: Buffer, errorCode: string): Record<string, unknown> {
  const text = body.toString('utf8');
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ServiceError(errorCode, 'The request body is not valid JSON.', 400);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ServiceError(errorCode, 'The request body must be a JSON object.', 400);
  return parsed as Record<string, unknown>;
}
