import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/host.js';
import { sandboxClients } from '../helpers/aws-clients.js';
import { FAKE_ACCOUNT, startFakeSandbox } from '../helpers/fake-simulation.js';

let sandbox: Sandbox;
beforeAll(async () => {
  ({ sandbox } = await startFakeSandbox());
});
afterAll(() => sandbox.stop());

describe('STS over awsQuery', () => {
  it('GetCallerIdentity returns the world account as an assumed-role session', async () => {
    const { sts } = sandboxClients(sandbox.url);
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe(FAKE_ACCOUNT);
    expect(identity.Arn).toBe('arn:aws:sts::111122223333:assumed-role/gameday-sandbox/gameday');
    expect(identity.UserId).toMatch(/^AROA[0-9A-Z]{17}:gameday$/);
    expect(identity.$metadata.httpStatusCode).toBe(200);
    expect(identity.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
