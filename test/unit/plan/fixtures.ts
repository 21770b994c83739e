import type { LoadedScenario, Scenario } from '../../../src/core/scenario/types.js';

/** The four example scenarios of NAMES.md, as the loader would hand them to the compiler. */
const target = {
  account: '123456789012',
  region: 'us-east-1',
  roleArn: 'arn:aws:iam::123456789012:role/gameday-fis',
};

export function checkoutAzPower(): Scenario {
  return {
    apiVersion: 'gameday/v1',
    kind: 'GameDay',
    metadata: { name: 'checkout-az-power', description: 'Checkout survives losing power in one AZ', owner: 'checkout-team' },
    spec: {
      target: { ...target, resilienceHub: { appArn: 'arn:aws:resiliencehub:us-east-1:123456789012:app/7f3c1e2a-checkout' } },
      fault: {
        type: 'az-power-interruption',
        availabilityZone: 'use1-az2',
        availabilityZoneName: 'us-east-1b',
        duration: 'PT30M',
        launchRoles: ['arn:aws:iam::123456789012:role/checkout-app'],
      },
      stopConditions: [{ alarm: 'checkout-5xx-critical' }],
      steadyState: [
        { name: 'checkout-ok', alarm: 'checkout-5xx-high' },
        {
          name: 'p99-latency',
          metric: {
            namespace: 'AWS/ApplicationELB',
            name: 'TargetResponseTime',
            dimensions: { LoadBalancer: 'app/checkout-alb/50dc6c495c0c9188' },
            stat: 'p99',
            period: 60,
          },
          threshold: '< 1.5',
        },
      ],
      detection: [
        { alarm: 'checkout-5xx-high', within: 'PT3M' },
        { alarm: 'checkout-unhealthy-hosts', within: 'PT3M' },
      ],
      recovery: {
        disruptionType: 'AZ',
        rto: 'PT5M',
        rpo: 'PT1M',
        settle: 'PT2M',
        watch: 'PT30M',
        dataLoss: {
          metric: { namespace: 'Checkout', name: 'DataLossWindowSeconds', dimensions: { DBClusterIdentifier: 'checkout-db' }, stat: 'Maximum', period: 60 },
        },
      },
      runbook: { path: 'runbooks/checkout-az.md', alarms: ['checkout-5xx-high', 'checkout-unhealthy-hosts'], sops: ['checkout-db-failover'] },
      sandbox: { world: 'worlds/multi-az-checkout.yaml' },
    },
  };
}

export function catalogCpuStress(): Scenario {
  return {
    apiVersion: 'gameday/v1',
    kind: 'GameDay',
    metadata: { name: 'catalog-cpu-stress' },
    spec: {
      target,
      fault: { type: 'ec2-cpu-stress', targets: { tags: { Service: 'catalog', Env: 'prod' } }, selection: 'PERCENT(50)', loadPercent: 90, cores: 0, duration: 'PT10M' },
      stopConditions: [{ alarm: 'catalog-latency-critical' }],
      steadyState: [
        { name: 'catalog-healthy', alarm: 'catalog-latency-high' },
        {
          name: 'catalog-cpu',
          metric: { namespace: 'AWS/EC2', name: 'CPUUtilization', dimensions: { AutoScalingGroupName: 'catalog-asg' }, stat: 'Average', period: 60 },
          threshold: '< 95',
        },
      ],
      detection: [{ alarm: 'catalog-cpu-high', within: 'PT5M' }],
      recovery: { disruptionType: 'Hardware', rto: 'PT10M', settle: 'PT2M', watch: 'PT15M' },
      sandbox: { world: 'worlds/catalog-cpu.yaml' },
    },
  };
}

export function ordersEcsTaskKill(): Scenario {
  return {
    apiVersion: 'gameday/v1',
    kind: 'GameDay',
    metadata: { name: 'orders-ecs-task-kill' },
    spec: {
      target: { ...target, resilienceHub: { appArn: 'arn:aws:resiliencehub:us-east-1:123456789012:app/2b9d4f60-orders' } },
      fault: { type: 'ecs-task-kill', cluster: 'orders', service: 'orders-api', mode: 'stop-task', selection: 'COUNT(1)' },
      stopConditions: [{ alarm: 'orders-5xx-critical' }],
      steadyState: [
        { name: 'orders-ok', alarm: 'orders-5xx-high' },
        {
          name: 'orders-running-tasks',
          metric: {
            namespace: 'ECS/ContainerInsights',
            name: 'RunningTaskCount',
            dimensions: { ClusterName: 'orders', ServiceName: 'orders-api' },
            stat: 'Minimum',
            period: 60,
          },
          threshold: '>= 3',
        },
      ],
      detection: [{ alarm: 'orders-task-count-low', within: 'PT2M' }],
      recovery: { disruptionType: 'Software', rto: 'PT3M', settle: 'PT1M', watch: 'PT10M' },
      sandbox: { world: 'worlds/orders-ecs.yaml' },
    },
  };
}

export function checkoutRebootFisTemplate(): Scenario {
  return {
    apiVersion: 'gameday/v1',
    kind: 'GameDay',
    metadata: { name: 'checkout-reboot-fis-template' },
    spec: {
      target,
      fault: {
        type: 'fis-template',
        actions: {
          'Reboot-Web': { actionId: 'aws:ec2:reboot-instances', targets: { Instances: 'web' } },
          'Watch-Recovery': { actionId: 'aws:fis:wait', parameters: { duration: 'PT5M' }, startAfter: ['Reboot-Web'] },
        },
        targets: {
          web: {
            resourceType: 'aws:ec2:instance',
            resourceTags: { AzImpairmentPower: 'StopInstances' },
            filters: [{ path: 'State.Name', values: ['running'] }],
            selectionMode: 'COUNT(1)',
          },
        },
      },
      stopConditions: [{ alarm: 'checkout-5xx-critical' }],
      steadyState: [{ name: 'checkout-ok', alarm: 'checkout-5xx-high' }],
      recovery: { disruptionType: 'Software', rto: 'PT5M', settle: 'PT1M', watch: 'PT10M' },
      sandbox: { world: 'worlds/multi-az-checkout.yaml' },
    },
  };
}

export function loaded(scenario: Scenario, file = `scenarios/${scenario.metadata.name}.yaml`): LoadedScenario {
  return { file, scenario, sourceHash: 'f'.repeat(64) };
}
