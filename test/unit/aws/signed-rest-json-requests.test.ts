import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { awsCall } from '../../../src/aws/call.js';
import { SignedRestJsonRequests } from '../../../src/aws/signed-rest-json-requests.js';

let servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  servers = [];
});

/** An endpoint that gives the answers in turn (the last one from then on), counting the requests. */
async function endpoint(answers: { status: number; type: string; body: string }[]): Promise<{ url: string; requests: () => number }> {
  let requests = 0;
  const server = createServer((_request, response) => {
    const answer = answers[Math.min(requests++, answers.length - 1)]!;
    response.writeHead(answer.status, { 'content-type': answer.type });
    response.end(answer.body);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: () => requests };
}

function client(url: string): SignedRestJsonRequests {
  return new SignedRestJsonRequests(
    { signingName: 'arc-zonal-shift', endpoint: 'arc-zonal-shift', endpointPrefix: 'arc-zonal-shift' },
    { region: 'us-east-1', endpoint: url, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }, retryDelayMs: () => 0 },
  );
}

const list = { operation: 'ListManagedResources', method: 'GET', path: '/managedresources' } as const;
const GATEWAY_PAGE = { status: 502, type: 'text/html', body: '<html><body><h1>502 Bad Gateway</h1></body></html>' };

describe('signed restJson1 requests: answers that are not JSON', () => {
  it('a proxy’s HTML error page is the HTTP error it is, retried like any 502', async () => {
    const { url, requests } = await endpoint([GATEWAY_PAGE, GATEWAY_PAGE, { status: 200, type: 'application/json', body: '{"items":[]}' }]);
    await expect(client(url).send(list)).resolves.toEqual({ items: [] });
    expect(requests()).toBe(3);
  });

  it('one that persists: an AWS error naming the status and the operation, not a JSON syntax error', async () => {
    const { url, requests } = await endpoint([GATEWAY_PAGE]);
    const error = await awsCall('arc-zonal-shift:ListManagedResources', () => client(url).send(list)).catch((e: unknown) => e);
    expect(requests()).toBe(5);
    expect(error).toMatchObject({ code: 'AWS_ERROR', message: expect.stringMatching(/^arc-zonal-shift:ListManagedResources \(HTTP 502, after 5 attempts\): .*not JSON/) });
    expect((error as Error).message).not.toMatch(/SyntaxError|Unexpected token/);
  });

  it('a success that is not a JSON object is refused as an invalid answer', async () => {
    for (const body of ['<html>ok</html>', 'null', '[1, 2]']) {
      const { url } = await endpoint([{ status: 200, type: 'text/html', body }]);
      const error = await awsCall('arc-zonal-shift:ListManagedResources', () => client(url).send(list)).catch((e: unknown) => e);
      expect(error, body).toMatchObject({ code: 'AWS_ERROR', message: expect.stringMatching(/^arc-zonal-shift:ListManagedResources \(HTTP 200\): .*not a JSON object/) });
    }
  });
});
