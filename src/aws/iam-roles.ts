import type { IAMClient } from '@aws-sdk/client-iam';
import { awsCall, unlessNotFound } from './call.js';
import { lazyClient, type AwsConnectionOptions } from './client-factory.js';
import type { RoleInfo, Roles } from './ports.js';

type IamModule = typeof import('./sdk/iam.js');

/** IAM GetRole and SimulatePrincipalPolicy: the FIS role, proven before a run. */
export class IamRoles implements Roles {
  private readonly connect: () => Promise<{ sdk: IamModule; client: IAMClient }>;

  constructor(options: AwsConnectionOptions) {
    this.connect = lazyClient('iam', options, () => import('./sdk/iam.js'), (iam, config) => new iam.IAMClient(config as never));
  }

  async role(name: string): Promise<RoleInfo | undefined> {
    const { sdk: iam, client } = await this.connect();
    const out = await awsCall('iam:GetRole', () => unlessNotFound(client.send(new iam.GetRoleCommand({ RoleName: name }))));
    const role = out?.Role;
    if (!role) return undefined;
    // IAM returns policy documents URL-encoded (IAM API reference, GetRole).
    const document = role.AssumeRolePolicyDocument ? (JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument)) as unknown) : undefined;
    return { arn: role.Arn ?? '', name: role.RoleName ?? name, trustPolicy: document };
  }

  async simulate(roleArn: string, actions: string[], resourceArns?: string[]): Promise<Record<string, string>> {
    const { sdk: iam, client } = await this.connect();
    const decisions: Record<string, string> = {};
    let marker: string | undefined;
    do {
      const out = await awsCall('iam:SimulatePrincipalPolicy', () =>
        client.send(new iam.SimulatePrincipalPolicyCommand({ PolicySourceArn: roleArn, ActionNames: actions, ...(resourceArns ? { ResourceArns: resourceArns } : {}), ...(marker ? { Marker: marker } : {}) })),
      );
      for (const r of out.EvaluationResults ?? []) if (r.EvalActionName) decisions[r.EvalActionName] = r.EvalDecision ?? 'implicitDeny';
      marker = out.IsTruncated ? out.Marker : undefined;
    } while (marker);
    return decisions;
  }
}
