import type { Scenario } from '../scenario/types.js';
import type { PlannedProbe, PreflightCheck, Prerequisite, TargetAccountConfiguration } from './types.js';
import { probeWords } from './render-shared.js';

/** What a run checks before it starts anything; every check but identity needs the account confirmed first. */
export function planPreflight(
  scenario: Scenario,
  stopConditions: { alarm: string }[],
  probes: PlannedProbe[],
  prerequisites: Prerequisite[],
  targetAccounts: readonly TargetAccountConfiguration[] = [],
): PreflightCheck[] {
  const { target } = scenario.spec;
  const after = ['identity'];
  const checks: PreflightCheck[] = [
    {
      id: 'identity',
      kind: 'identity',
      subject: target.account,
      description: `the caller is in account ${target.account} (region ${target.region}); refuse to run anywhere else`,
    },
    { id: 'role', kind: 'role', subject: target.roleArn, description: `the FIS role ${target.roleArn} exists and trusts fis.amazonaws.com (iam:GetRole)`, dependsOn: after },
  ];
  // One check per permission, so each missing one is a failed check naming what needs it.
  const neededBy = new Map<string, string[]>();
  for (const p of prerequisites) {
    // Permissions of target account roles: IAM in those accounts answers only to their credentials.
    if (p.kind !== 'iam' || p.roles) continue;
    for (const action of p.actions ?? []) neededBy.set(action, [...(neededBy.get(action) ?? []), ...(p.neededBy ? [p.neededBy] : [])]);
  }
  for (const [permission, needs] of neededBy) {
    checks.push({
      id: `role-permission:${permission}`,
      kind: 'role-permission',
      subject: permission,
      description: `the FIS role may call ${permission}${needs.length ? `, which ${needs.join(' and ')} ${needs.length === 1 ? 'needs' : 'need'}` : ''} (iam:SimulatePrincipalPolicy)`,
      dependsOn: ['identity', 'role'],
      ...(needs.length ? { neededBy: needs } : {}),
    });
  }
  for (const account of targetAccounts) {
    checks.push({
      id: `target-account-role:${account.accountId}`,
      kind: 'target-account-role',
      subject: account.roleArn,
      description:
        `the FIS role may assume ${account.roleArn} in target account ${account.accountId} (iam:SimulatePrincipalPolicy on sts:AssumeRole); ` +
        'that this role exists, trusts the FIS role and may run the actions is not checked (IAM there answers only to that account’s credentials): `gameday run --check-only` has FIS assume it',
      dependsOn: ['identity', 'role'],
    });
  }
  for (const { alarm } of stopConditions) {
    checks.push({
      id: `stop-condition:${alarm}`,
      kind: 'stop-condition-alarm',
      subject: alarm,
      description: `stop-condition alarm ${alarm} exists and is OK (an alarm already in ALARM would stop the experiment at once)`,
      dependsOn: after,
    });
  }
  for (const alarm of [...new Set((scenario.spec.detection ?? []).map((d) => d.alarm))]) {
    checks.push({ id: `detection-alarm:${alarm}`, kind: 'detection-alarm', subject: alarm, description: `detection alarm ${alarm} exists`, dependsOn: after });
  }
  for (const probe of probes) {
    checks.push({
      id: `steady-state:${probe.id}`,
      kind: 'steady-state',
      subject: probe.name,
      description:
        probe.kind === 'alarm'
          ? `steady state holds: alarm ${probe.alarm} is OK`
          : probe.math
            ? `steady state holds: ${probeWords(probe)}; each metric it reads has datapoints`
            : `steady state holds: ${probe.metric?.namespace} ${probe.metric?.name} ${probe.metric?.stat} ${probe.threshold?.op} ${probe.threshold?.value}`,
      dependsOn: after,
    });
  }
  if (target.resilienceHub) {
    checks.push({
      id: 'resilience-hub-app',
      kind: 'resilience-hub-app',
      subject: target.resilienceHub.appArn,
      description: 'the Resilience Hub app exists and has a resiliency policy',
      dependsOn: after,
    });
  }
  checks.push({ id: 'fis-quota', kind: 'fis-quota', subject: target.region, description: 'fewer than 5 FIS experiments are active in the account and region', dependsOn: after });
  checks.push({
    id: 'safety-lever',
    kind: 'safety-lever',
    subject: target.region,
    description: `the account's FIS safety lever in ${target.region} is disengaged (an engaged lever stops every experiment and cancels new ones)`,
    dependsOn: after,
  });
  return checks;
}
