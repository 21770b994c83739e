/** nextToken paging shared by the sandbox's list operations: the token is the opaque offset of the next page. */
import { ServiceError } from '../contracts.js';

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
