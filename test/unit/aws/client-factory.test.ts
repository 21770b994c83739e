import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GetCallerIdentityCommand, STSClient } from '../../../src/aws/sdk/sts.js';
import { lazyClient, responseHeader } from '../../../src/aws/client-factory.js';

let servers: Server[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  servers = [];
});

/** STS on 127.0.0.1: every GetCallerIdentity answers the account and a header that counts the requests. */
async function sts(): Promise<string> {
  let n = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      n++;
      response.writeHead(200, { 'content-type': 'text/xml', 'x-request-number': String(n) });
      response.end(`<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/u${n}</Arn><UserId>AIDA</UserId><Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r${n}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };

describe('SDK clients work out each command type’s middleware and each endpoint once', () => {
  it('calls in turn and at once each get their own answer from one resolved middleware chain and one endpoint rule set evaluation', async () => {
    const url = await sts();
    let ruleSetRuns = 0;
    const connect = lazyClient('sts', { region: 'us-east-1', endpoint: url, credentials }, async () => ({ STSClient, GetCallerIdentityCommand }), (sdk, config) => {
      const client = new sdk.STSClient(config as never);
      const rules = client.config.endpointProvider;
      client.config.endpointProvider = (params, context) => {
        ruleSetRuns++;
        return rules(params, context);
      };
      return client;
    });
    const resolve = vi.spyOn(GetCallerIdentityCommand.prototype, 'resolveMiddleware');
    const { client } = await connect();
    const first = await client.send(new GetCallerIdentityCommand({}));
    const rest = await Promise.all([1, 2, 3, 4].map(() => client.send(new GetCallerIdentityCommand({}))));
    const arns = [first, ...rest].map((out) => out.Arn);
    expect(new Set(arns).size).toBe(5);
    expect(arns.sort()).toEqual([1, 2, 3, 4, 5].map((n) => `arn:aws:iam::123456789012:user/u${n}`));
    expect(resolve).toHaveBeenCalledTimes(1);
    expect(ruleSetRuns).toBe(1);
  });

  it('a command with middleware of its own, or sent with options, still runs through its own chain', async () => {
    const url = await sts();
    const connect = lazyClient('sts', { region: 'us-east-1', endpoint: url, credentials }, async () => ({ STSClient, GetCallerIdentityCommand }), (sdk, config) => new sdk.STSClient(config as never));
    const { client } = await connect();
    await client.send(new GetCallerIdentityCommand({}));
    const command = new GetCallerIdentityCommand({});
    const seen = responseHeader(command, 'x-request-number');
    await client.send(command);
    expect(seen()).toBe('2');
    const aborts = new AbortController();
    await expect(client.send(new GetCallerIdentityCommand({}), { abortSignal: aborts.signal })).resolves.toMatchObject({ Account: '123456789012' });
  });
});
