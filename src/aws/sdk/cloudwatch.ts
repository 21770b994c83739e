// The client and the commands gameday calls: a bundle takes only these from the package (scripts/build-bundles.js).
export { CloudWatchClient, DescribeAlarmHistoryCommand, DescribeAlarmsCommand, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
