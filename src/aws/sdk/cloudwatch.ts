// The client and the commands gameday calls: a bundle takes only these from the package (scripts/build-bundles.js).
export { CloudWatchClient, DeleteAlarmsCommand, DescribeAlarmHistoryCommand, DescribeAlarmsCommand, GetMetricDataCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
