/** nextToken paging shared by the sandbox's list operations: the token is the opaque offset of the next page. */
import { ServiceError } from '../contracts.js';
import { optionalInteger, optionalString, type Members } from './members.js';

export function page<T>(items: readonly T[], input: { maxResults?: unknown; nextToken?: unknown }, limits: { max: number; default: number }): { items: T[]; nextToken?: string } {
  const maxResults = input.maxResults === undefined ? limits.default : Number(input.maxResults);
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > limits.max) {
    throw new ServiceError('ValidationException', `maxResults must be between 1 and ${limits.max}.`, 400);
  }
  let start = 0;
  if (input.nextToken !== undefined) {
    const decoded = /^o(\d+)$/.exec(Buffer.from(String(input.nextToken), 'base64url').toString('utf8'));
    if (!decoded) throw new ServiceError('ValidationException', 'The nextToken is not valid.', 400);
    start = Number(decoded[1]);
  }
  const slice = items.slice(start, start + maxResults);
  const next = start + maxResults;
  return next < items.length ? { items: slice, nextToken: Buffer.from(`o${next}`).toString('base64url') } : { items: slice };
}

/**
 * The RDS and ElastiCache Describe calls: the one resource the identifier member names (`notFound` when
 * none matches), or all of them; paged by MaxRecords (20–100, default 100) and Marker.
 */
export function describeByIdentifier<T>(
  input: Members,
  identifierMember: string,
  all: readonly T[],
  matches: (item: T, identifier: string) => boolean,
  notFound: (identifier: string) => ServiceError,
): { items: T[]; marker?: string } {
  const identifier = optionalString(input, identifierMember);
  const selected = identifier === undefined ? all : all.filter((item) => matches(item, identifier));
  if (identifier !== undefined && selected.length === 0) throw notFound(identifier);
  const maxResults = optionalInteger(input, 'MaxRecords', 20, 100) ?? 100;
  let paged: { items: T[]; nextToken?: string };
  try {
    paged = page(selected, { maxResults, nextToken: input.Marker === '' ? undefined : input.Marker }, { max: 100, default: 100 });
  } catch {
    throw new ServiceError('InvalidParameterValue', 'The Marker is not valid: pass the Marker of a previous response.');
  }
  return paged.nextToken === undefined ? { items: paged.items } : { items: paged.items, marker: paged.nextToken };
}
