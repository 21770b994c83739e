// The client and the commands gameday calls: a bundle takes only these from the package (scripts/build-bundles.js).
export { RDSClient, DescribeDBClustersCommand, DescribeDBInstancesCommand } from '@aws-sdk/client-rds';
