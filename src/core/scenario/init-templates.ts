import type { Fault } from './types.js';

/**
 * Starting scenarios for `gameday init <fault-type>`: every field a team has to decide on, with
 * comments saying what it means. Each one validates as written (test/commands/init.test.ts), so a
 * team can edit step by step and re-run `gameday validate`.
 */
export type FaultType = Fault['type'];

export const FAULT_TYPES: readonly FaultType[] = [
  'az-power-interruption',
  'az-application-slowdown',
  'cross-az-traffic-slowdown',
  'cross-region-connectivity',
  'ec2-spot-interruption',
  'ec2-cpu-stress',
  'ecs-task-kill',
  'fis-template',
];

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

const FAULTS: Record<FaultType, { name: string; what: string; fault: string; disruptionType: string; recovery?: string }> = {
  'az-power-interruption': {
    name: 'my-service-az-power',
    what: 'AZ Availability: Power Interruption — everything tagged in one AZ loses power.',
    disruptionType: 'AZ',
    fault: `  fault:
    type: az-power-interruption
    availabilityZone: use1-az2          # AZ ID (the same AZ in every account) or name (us-east-1b)
    availabilityZoneName: us-east-1b    # needed with an ID: instance and EBS filters match names
    duration: PT30M                     # ISO 8601, at most PT12H
    # Resource kinds to interrupt (default: all ten sub-actions of the scenario library; an action
    # whose targets resolve to nothing is skipped, and the report counts it as lost coverage):
    include: [launches, asg, instances, subnets, rds, elasticache, ebs, s3express, autoshift]
    tagKey: AzImpairmentPower           # resources opt in with this tag and the values below
    launchRoles:                        # roles your app launches instances with ("launches")
      - arn:aws:iam::123456789012:role/my-app
`,
  },
  'az-application-slowdown': {
    name: 'my-service-az-slowdown',
    what: 'AZ: Application Slowdown — latency between the resources inside one AZ (a gray failure).',
    disruptionType: 'AZ',
    fault: `  fault:
    type: az-application-slowdown
    availabilityZone: us-east-1b        # name, or an AZ ID plus availabilityZoneName
    delayMilliseconds: 200              # added to each affected flow (default 200)
    flowsPercent: 100                   # share of flows slowed (default 100)
    duration: PT30M
    include: [instances, ecs-tasks]     # EC2 instances (SSM agent) and ECS tasks (fault injection endpoints)
    # tags: { Team: checkout }          # one tag set for both; default the library's:
    #   AZApplicationSlowdown=LatencyForEC2 on instances, AZApplicationSlowdown=LatencyForECS on tasks
`,
  },
  'cross-az-traffic-slowdown': {
    name: 'my-service-cross-az-loss',
    what: 'Cross-AZ: Traffic Slowdown — packets from one AZ to the others are lost.',
    disruptionType: 'AZ',
    fault: `  fault:
    type: cross-az-traffic-slowdown
    availabilityZone: us-east-1b        # where the lossy traffic comes from
    toAvailabilityZones: [us-east-1a, us-east-1c]
    lossPercent: 15                     # default 15
    flowsPercent: 100
    duration: PT30M
    # tags: { Team: checkout }          # one tag set for both; default the library's:
    #   CrossAZTrafficSlowdown=PacketLossForEC2 on instances, CrossAZTrafficSlowdown=PacketLossForECS on tasks
`,
  },
  'cross-region-connectivity': {
    name: 'my-service-cross-region',
    what: 'Cross-Region: Connectivity — this Region cut off from another; S3 and DynamoDB replication paused.',
    disruptionType: 'Region',
    fault: `  fault:
    type: cross-region-connectivity
    toRegion: us-west-2                 # the Region traffic and replication to which is cut
    duration: PT3H                      # default PT3H, at most PT12H
    include: [subnets, transit-gateways, s3, dynamodb]
    tagKey: CrossRegionConnectivity     # resources opt in with this key and the values below
    tagValues:
      subnets: DisruptSubnet
      transit-gateways: DisruptTransitGateway
      s3: PauseReplication
      dynamodb: PauseReplication
`,
    recovery: `    rpo: PT15M                          # the replication lag a failover may lose
    dataLoss:                           # the RPO is measured from the replication lag
      metric:
        namespace: AWS/DynamoDB
        name: ReplicationLatency
        dimensions:
          TableName: my-table
          ReceivingRegion: us-west-2
        stat: Maximum
        period: 60
`,
  },
  'ec2-spot-interruption': {
    name: 'my-service-spot-interruption',
    what: 'EC2 Spot interruption — notices, then the Spot Instances are interrupted.',
    disruptionType: 'Hardware',
    fault: `  fault:
    type: ec2-spot-interruption
    targets:
      tags:                             # running Spot Instances carrying all of these tags
        Service: my-service
    selection: COUNT(1)                 # ALL, COUNT(n) or PERCENT(n)
    durationBeforeInterruption: PT2M    # the notice, PT2M-PT15M
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

const COMMON = (disruptionType: string, recovery = '') => `
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
${recovery}
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
  const { name, what, fault, disruptionType, recovery } = FAULTS[type];
  return `${HEADER(name, what, schemaRef)}\n${fault}${COMMON(disruptionType, recovery)}`;
}
