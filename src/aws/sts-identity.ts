import type { STSClient } from '@aws-sdk/client-sts';
import { awsCall } from './call.js';
import { SANDBOX_HEADER } from '../core/sandbox-header.js';
import { lazyClient, responseHeader, type AwsConnectionOptions } from './client-factory.js';
import type { Identity } from './ports.js';

type StsModule = typeof import('./sdk/sts.js');

/** STS GetCallerIdentity: the account guard. */
export class StsIdentity implements Identity {
  private readonly connect: () => Promise<{ sdk: StsModule; client: STSClient }>;

  constructor(options: AwsConnectionOptions) {
    this.connect = lazyClient('sts', options, () => import('./sdk/sts.js'), (sts, config) => new sts.STSClient(config as never));
  }

  async caller(): Promise<{ account: string; arn: string; sandboxWorld?: string }> {
    const { sdk: sts, client } = await this.connect();
    const command = new sts.GetCallerIdentityCommand({});
    const sandboxWorld = responseHeader(command, SANDBOX_HEADER);
    const out = await awsCall('sts:GetCallerIdentity', () => client.send(command));
    const world = sandboxWorld();
    return { account: out.Account ?? '', arn: out.Arn ?? '', ...(world ? { sandboxWorld: world } : {}) };
  }
}
