import type { STSClient } from '@aws-sdk/client-sts';
import { awsCall } from './call.js';
import { lazyClient, type AwsConnectionOptions } from './client-factory.js';
import type { Identity } from './ports.js';

type StsModule = typeof import('@aws-sdk/client-sts');

/** STS GetCallerIdentity: the account guard. */
export class StsIdentity implements Identity {
  private readonly connect: () => Promise<{ sdk: StsModule; client: STSClient }>;

  constructor(options: AwsConnectionOptions) {
    this.connect = lazyClient('sts', options, () => import('@aws-sdk/client-sts'), (sts, config) => new sts.STSClient(config as never));
  }

  async caller(): Promise<{ account: string; arn: string }> {
    const { sdk: sts, client } = await this.connect();
    const out = await awsCall('sts:GetCallerIdentity', () => client.send(new sts.GetCallerIdentityCommand({})));
    return { account: out.Account ?? '', arn: out.Arn ?? '' };
  }
}
