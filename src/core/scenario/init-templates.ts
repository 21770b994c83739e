import type { Fault } from './types.js';

/**
 * Starting scenarios for `gameday init <fault-type>`: every field a team has to decide on, with
 * comments saying what it means. Each one validates as written (test/commands/init.test.ts), so a
 * team can edit step by step and re-run `gameday validate`.
 */
export type FaultType = Fault['type'];

export const FAULT_TYPES: readonly FaultType[] = ['az-power-interruption', 'ec2-cpu-stress', 'ecs-task-kill', 'fis-template'];

const HEADER = (name: string, what: string, schemaRef: string) => `# yaml-language-server: $schema=${schemaRef}
# ${what}
# Edit the values below, then: gameday validate <this file>   (docs/validate.md lists every field)
apiVersion: gameday/v1
kind: GameDay
metadata:
  name: ${name}               # names the reports: reports/${name}/<run-id>/
  description: What this game day proves, in one sentence.
  owner: my-team
  labels:
    tier: critical

spec:
  target:
    account: "123456789012"   # quoted: account ids are strings
    region: us-east-1
    roleArn: arn:aws:iam::123456789012:role/gameday-fis   # the role FIS assumes
    # resilienceHub:          # judge RTO/RPO against the app's Resilience Hub policy
    #   appArn: arn:aws:resiliencehub:us-east-1:123456789012:app/<app-id>
`;

const FAULTS: Record<FaultType, { name: string; what: string; fault: string; disruptionType: string }> = {
  'az-power-interruption': {
    name: 'my-service-az-power',
    what: 'AZ Availability: Power Interruption — everything tagged in one AZ loses power.',
    disruptionType: 'AZ',
    fault: `  fault:
    type: az-power-interruption
    availabilityZone: use1-az2          # AZ ID (the same AZ in every account) or name (us-east-1b)
    availabilityZoneName: us-east-1b    # needed with an ID: instance and EBS filters match names
    duration: PT30M                     # ISO 8601, at most PT12H
    # Resource kinds to interrupt (default: all but autoshift):
    include: [launches, asg, instances, subnets, rds, elasticache, ebs]
    tagKey: AzImpairmentPower           # resources opt in with this tag and the values below
    launchRoles:                        # roles your app launches instances with ("launches")
      - arn:aws:iam::123456789012:role/my-app
`,
  },
  'ec2-cpu-stress': {
    name: 'my-service-cpu-stress',
    what: 'CPU stress on EC2 instances (SSM document AWSFIS-Run-CPU-Stress).',
    disruptionType: 'Hardware',
    fault: `  fault:
    type: ec2-cpu-stress
    targets:
      tags:                             # instances carrying all of these tags
        Service: my-service
        Env: prod
    selection: PERCENT(50)              # ALL, COUNT(n) or PERCENT(n)
    loadPercent: 90                     # 0-100
    cores: 0                            # 0 = every core
    duration: PT10M
`,
  },
  'ecs-task-kill': {
    name: 'my-service-task-kill',
    what: 'Stop (or kill a process in) ECS tasks of one service.',
    disruptionType: 'Software',
    fault: `  fault:
    type: ecs-task-kill
    cluster: my-cluster
    service: my-service
    mode: stop-task                     # or kill-process (needs processName and the SSM agent sidecar)
    selection: COUNT(1)
`,
  },
  'fis-template': {
    name: 'my-service-fis-template',
    what: 'A hand-written FIS experiment template, for actions the other fault types do not cover.',
    disruptionType: 'Software',
    fault: `  fault:
    type: fis-template
    actions:                            # as in CreateExperimentTemplate; parameter values are strings
      Reboot-Instance:
        actionId: aws:ec2:reboot-instances
        targets:
          Instances: web
      Watch:
        actionId: aws:fis:wait
        parameters:
          duration: PT5M
        startAfter: [Reboot-Instance]
    targets:
      web:
        resourceType: aws:ec2:instance
        resourceTags:
          Service: my-service
        filters:
          - path: State.Name
            values: [running]
        selectionMode: COUNT(1)
`,
  },
};

const COMMON = (disruptionType: string) => `
  # CloudWatch alarms (name or ARN) that stop the experiment when they go to ALARM; at most 5.
  stopConditions:
    - alarm: my-service-5xx-critical

  # What "healthy" means: every probe must hold before, and again after, the fault.
  steadyState:
    - name: service-ok
      alarm: my-service-5xx-high        # holds while the alarm is OK
    - name: p99-latency
      metric:
        namespace: AWS/ApplicationELB
        name: TargetResponseTime
        dimensions:
          LoadBalancer: app/my-alb/0123456789abcdef
        stat: p99
        period: 60
      threshold: "< 1.5"               # holds while the metric stays below 1.5

  # Alarms that should fire, and how fast.
  detection:
    - alarm: my-service-5xx-high
      within: PT3M

  recovery:
    disruptionType: ${disruptionType}              # Software | Hardware | AZ | Region (the Resilience Hub policy entry)
    rto: PT5M                           # targets when there is no Resilience Hub app
    settle: PT2M                        # steady state must hold this long to count as recovered
    watch: PT30M                        # give up waiting for recovery after this long

  # runbook:                            # the file responders follow; validate checks it exists
  #   path: runbooks/my-service.md
  #   alarms: [my-service-5xx-high]     # every detection alarm must be listed here
  #   sops: []

  # schedule:
  #   cron: "0 10 * * TUE"              # minute hour day-of-month month day-of-week
  #   timezone: Europe/Berlin

  # sandbox:
  #   world: worlds/my-service.yaml     # for gameday run --sandbox
`;

/** `schemaRef`: where the editor finds the schema, as seen from where the scenario is written. */
export function initScenario(type: FaultType, schemaRef = '../schemas/scenario.schema.json'): string {
  const { name, what, fault, disruptionType } = FAULTS[type];
  return `${HEADER(name, what, schemaRef)}\n${fault}${COMMON(disruptionType)}`;
}
