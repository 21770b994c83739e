import type { STSClient } from '@aws-sdk/client-sts';
import { awsCall } from './call.js';
import { clientConfig, instrument, type AwsConnectionOptions } from './client-factory.js';
import type { Identity } from './ports.js';

type StsModule = typeof import('@aws-sdk/client-sts');

/** STS GetCallerIdentity: the account guard. */
export class StsIdentity implements Identity {
  private client: Promise<{ sts: StsModule; client: STSClient }> | undefined;

  constructor(private readonly options: AwsConnectionOptions) {}

  private connect(): Promise<{ sts: StsModule; client: STSClient }> {
    this.client ??= (async () => {
      const sts = await import('@aws-sdk/client-sts');
      const config = await clientConfig('sts', this.options);
      return { sts, client: instrument(new sts.STSClient(config as never), this.options) };
    })();
    return this.client;
  }

  async caller(): Promise<{ account: string; arn: string }> {
    const { sts, client } = await this.connect();
    const out = await awsCall('sts:GetCallerIdentity', () => client.send(new sts.GetCallerIdentityCommand({})));
    return { account: out.Account ?? '', arn: out.Arn ?? '' };
  }
}
