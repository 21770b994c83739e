// The client and the commands gameday calls: a bundle takes only these from the package (scripts/build-bundles.js).
export { EC2Client, DescribeInstancesCommand, DescribeNetworkAclsCommand } from '@aws-sdk/client-ec2';
