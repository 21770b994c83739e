import type { ScenarioSpec, Target } from '../scenario/types.js';
import type { PlanProblem } from './plan-problem.js';

const ALARM_ARN = /^arn:(aws[a-z-]*):cloudwatch:([a-z0-9-]+):(\d{12}):alarm:(.+)$/;

/** The ARN partition of a region: FIS stop conditions take full alarm ARNs. */
function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export function alarmArn(target: Pick<Target, 'region' | 'account'>, alarmName: string): string {
  return `arn:${partitionOf(target.region)}:cloudwatch:${target.region}:${target.account}:alarm:${alarmName}`;
}

/** The alarm's name, whether the scenario wrote a name or an ARN. */
export function alarmName(nameOrArn: string): string {
  return ALARM_ARN.exec(nameOrArn)?.[4] ?? nameOrArn;
}

/** Scenario stop conditions → alarm names and ARNs; problems for ARNs outside the experiment's account/region. */
export function resolveStopConditions(spec: ScenarioSpec): { stopConditions: { alarm: string; alarmArn: string }[]; problems: PlanProblem[] } {
  const problems: PlanProblem[] = [];
  const stopConditions: { alarm: string; alarmArn: string }[] = [];
  const seen = new Set<string>();
  for (const [i, condition] of (spec.stopConditions ?? []).entries()) {
    const match = ALARM_ARN.exec(condition.alarm);
    if (condition.alarm.startsWith('arn:') && !match) {
      problems.push({
        path: ['spec', 'stopConditions', i, 'alarm'],
        message: `stopConditions[${i}].alarm "${condition.alarm}" is not a CloudWatch alarm ARN (arn:aws:cloudwatch:<region>:<account>:alarm:<name>)`,
      });
      continue;
    }
    if (match && (match[2] !== spec.target.region || match[3] !== spec.target.account)) {
      problems.push({
        path: ['spec', 'stopConditions', i, 'alarm'],
        message: `stopConditions[${i}].alarm "${condition.alarm}" is not in the experiment's account ${spec.target.account} and region ${spec.target.region}; FIS watches alarms there only`,
      });
      continue;
    }
    const arn = match ? condition.alarm : alarmArn(spec.target, condition.alarm);
    if (seen.has(arn)) continue;
    seen.add(arn);
    stopConditions.push({ alarm: alarmName(condition.alarm), alarmArn: arn });
  }
  if (stopConditions.length === 0 && problems.length === 0 && !spec.allowNoStopConditions) {
    problems.push({
      path: ['spec'],
      message: 'no stopConditions: give at least one CloudWatch alarm that stops the experiment, or set allowNoStopConditions with the reason',
    });
  }
  return { stopConditions, problems };
}
