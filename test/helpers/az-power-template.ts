/**
 * The FIS template gameday's plan compiler produces for the checkout AZ power interruption
 * (use1-az2 / us-east-1b, scenarios/checkout-az-power.yaml), for sandbox tests that drive FIS directly.
 */
export const ALARM = (name: string) => `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${name}`;

export function azPowerTemplate(duration = 'PT30M'): Record<string, unknown> {
  const running = [
    { path: 'State.Name', values: ['running'] },
    { path: 'Placement.AvailabilityZone', values: ['us-east-1b'] },
  ];
  const stop = { completeIfInstancesTerminated: 'true', startInstancesAfterDuration: duration };
  return {
    description: 'AZ power interruption in use1-az2',
    roleArn: 'arn:aws:iam::123456789012:role/gameday-fis',
    stopConditions: [{ source: 'aws:cloudwatch:alarm', value: ALARM('checkout-5xx-critical') }],
    targets: {
      'IAM-role': { resourceType: 'aws:iam:role', resourceArns: ['arn:aws:iam::123456789012:role/checkout-app'], selectionMode: 'ALL' },
      ASG: { resourceType: 'aws:ec2:autoscaling-group', resourceTags: { AzImpairmentPower: 'IceAsg' }, selectionMode: 'ALL' },
      'EC2-Instances': { resourceType: 'aws:ec2:instance', resourceTags: { AzImpairmentPower: 'StopInstances' }, filters: running, selectionMode: 'ALL' },
      'ASG-EC2-Instances': { resourceType: 'aws:ec2:instance', resourceTags: { AzImpairmentPower: 'IceAsg' }, filters: running, selectionMode: 'ALL' },
      Subnet: { resourceType: 'aws:ec2:subnet', resourceTags: { AzImpairmentPower: 'DisruptSubnet' }, filters: [{ path: 'AvailabilityZone', values: ['us-east-1b'] }], selectionMode: 'ALL' },
      'RDS-Cluster': { resourceType: 'aws:rds:cluster', resourceTags: { AzImpairmentPower: 'DisruptRds' }, parameters: { writerAvailabilityZoneIdentifiers: 'us-east-1b' }, selectionMode: 'ALL' },
      'ElastiCache-Cluster': { resourceType: 'aws:elasticache:replicationgroup', resourceTags: { AzImpairmentPower: 'ElasticacheImpact' }, parameters: { availabilityZoneIdentifier: 'use1-az2' }, selectionMode: 'ALL' },
      'EBS-Volumes': {
        resourceType: 'aws:ec2:ebs-volume',
        resourceTags: { AzImpairmentPower: 'ApiPauseVolume' },
        filters: [{ path: 'Attachments.DeleteOnTermination', values: ['false'] }],
        parameters: { availabilityZoneIdentifier: 'us-east-1b' },
        selectionMode: 'COUNT(1)',
      },
    },
    actions: {
      'Pause-Instance-Launches': { actionId: 'aws:ec2:api-insufficient-instance-capacity-error', parameters: { availabilityZoneIdentifiers: 'use1-az2', duration, percentage: '100' }, targets: { Roles: 'IAM-role' } },
      'Pause-ASG-Scaling': { actionId: 'aws:ec2:asg-insufficient-instance-capacity-error', parameters: { availabilityZoneIdentifiers: 'use1-az2', duration, percentage: '100' }, targets: { AutoScalingGroups: 'ASG' } },
      'Stop-Instances': { actionId: 'aws:ec2:stop-instances', parameters: { ...stop }, targets: { Instances: 'EC2-Instances' } },
      'Stop-ASG-Instances': { actionId: 'aws:ec2:stop-instances', parameters: { ...stop }, targets: { Instances: 'ASG-EC2-Instances' } },
      'Pause-network-connectivity': { actionId: 'aws:network:disrupt-connectivity', parameters: { duration: 'PT2M', scope: 'all' }, targets: { Subnets: 'Subnet' } },
      'Failover-RDS': { actionId: 'aws:rds:failover-db-cluster', targets: { Clusters: 'RDS-Cluster' } },
      'Pause-ElastiCache': { actionId: 'aws:elasticache:replicationgroup-interrupt-az-power', parameters: { duration }, targets: { ReplicationGroups: 'ElastiCache-Cluster' } },
      'Pause-EBS-IO': { actionId: 'aws:ebs:pause-volume-io', parameters: { duration }, targets: { Volumes: 'EBS-Volumes' }, startAfter: ['Stop-Instances', 'Stop-ASG-Instances'] },
    },
    experimentOptions: { accountTargeting: 'single-account', emptyTargetResolutionMode: 'skip' },
  };
}

