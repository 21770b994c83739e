import { GetRoleCommand, IAMClient, SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IamRoles } from '../../src/aws/iam-roles.js';
import { trustsService } from '../../src/core/run/role-trust.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { SANDBOX_CREDENTIALS, SANDBOX_REGION, clientConfig, rejected } from '../helpers/aws-clients.js';
import { worldPath } from './worlds.js';

/**
 * IAM over awsQuery (form-encoded in, XML out) from the roles a world declares, through the real
 * @aws-sdk/client-iam 3.523 and gameday's IamRoles port: GetRole with its trust policy, and
 * SimulatePrincipalPolicy from the roles' allow/deny patterns, paged by Marker.
 */
type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
let sandbox: Sandbox;

/** catalog-cpu's world with three roles: gameday-fis (as shipped), a narrow one and one EC2 trusts. */
async function rolesWorld(): Promise<string> {
  const text = await readFile(worldPath('catalog-cpu.yaml'), 'utf8');
  const roles = [
    '  iamRoles:',
    '    - name: gameday-fis',
    '    - name: fis-narrow',
    '      allow: ["ssm:SendCommand", "ssm:List*", "ec2:Describe*"]',
    '      deny: [ec2:DescribeInstances]',
    '    - name: ec2-app',
    '      trusts: [ec2.amazonaws.com]',
    '',
  ].join('\n');
  const edited = text.replace('  iamRoles:\n    - name: gameday-fis\n', roles);
  expect(edited).not.toBe(text);
  const dir = await mkdtemp(join(tmpdir(), 'gameday-iam-'));
  await writeFile(join(dir, 'world.yaml'), edited);
  return join(dir, 'world.yaml');
}

beforeAll(async () => {
  sandbox = await startSandbox({ world: await rolesWorld(), speed: 1 });
});
afterAll(() => sandbox?.stop());

describe('IAM GetRole', () => {
  it('returns the role with its URL-encoded trust policy; a role the world does not declare is NoSuchEntity (404)', async () => {
    const iam = new IAMClient(clientConfig(sandbox.url, 1));
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: 'gameday-fis' }));
    expect(Role).toMatchObject({ RoleName: 'gameday-fis', Arn: 'arn:aws:iam::123456789012:role/gameday-fis', Path: '/' });
    expect(Role!.CreateDate).toBeInstanceOf(Date);
    expect(JSON.parse(decodeURIComponent(Role!.AssumeRolePolicyDocument!))).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: ['fis.amazonaws.com'] }, Action: 'sts:AssumeRole' }],
    });
    const missing = await rejected(iam.send(new GetRoleCommand({ RoleName: 'gameday-fsi' })));
    expect(missing).toMatchObject({ name: 'NoSuchEntityException', $metadata: { httpStatusCode: 404 } });
    expect(missing.message).toBe('The role with name gameday-fsi cannot be found.');
  });

  it('the port reads the trust policy: gameday-fis trusts FIS, ec2-app does not', async () => {
    const roles = new IamRoles({ region: SANDBOX_REGION, endpoint: sandbox.url, credentials: SANDBOX_CREDENTIALS, maxAttempts: 1 });
    expect(trustsService((await roles.role('gameday-fis'))!.trustPolicy, 'fis.amazonaws.com')).toBe(true);
    expect(trustsService((await roles.role('ec2-app'))!.trustPolicy, 'fis.amazonaws.com')).toBe(false);
    expect(await roles.role('nobody')).toBeUndefined();
  });
});

describe('IAM SimulatePrincipalPolicy', () => {
  it('decides each action from the role’s patterns: explicit deny wins, the rest implicitDeny; pages by Marker', async () => {
    const iam = new IAMClient(clientConfig(sandbox.url, 1));
    const actions = ['ssm:SendCommand', 'ssm:ListCommands', 'ssm:CancelCommand', 'ec2:DescribeInstances'];
    const first = await iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: 'arn:aws:iam::123456789012:role/fis-narrow', ActionNames: actions, MaxItems: 3 }));
    expect(first.IsTruncated).toBe(true);
    const second = await iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: 'arn:aws:iam::123456789012:role/fis-narrow', ActionNames: actions, MaxItems: 3, Marker: first.Marker! }));
    expect(second.IsTruncated).toBe(false);
    expect([...first.EvaluationResults!, ...second.EvaluationResults!].map((r) => [r.EvalActionName, r.EvalDecision])).toEqual([
      ['ssm:SendCommand', 'allowed'],
      ['ssm:ListCommands', 'allowed'],
      ['ssm:CancelCommand', 'implicitDeny'],
      ['ec2:DescribeInstances', 'explicitDeny'],
    ]);
    const roles = new IamRoles({ region: SANDBOX_REGION, endpoint: sandbox.url, credentials: SANDBOX_CREDENTIALS, maxAttempts: 1 });
    expect(await roles.simulate('arn:aws:iam::123456789012:role/gameday-fis', actions)).toEqual(Object.fromEntries(actions.map((a) => [a, 'allowed'])));
    const unknown = await rejected(iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: 'arn:aws:iam::123456789012:role/nobody', ActionNames: actions })));
    expect(unknown).toMatchObject({ name: 'NoSuchEntityException', $metadata: { httpStatusCode: 404 } });
  });
});
