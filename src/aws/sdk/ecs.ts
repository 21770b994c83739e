// The client and the commands gameday calls: a bundle takes only these from the package (scripts/build-bundles.js).
export { ECSClient, DescribeServicesCommand } from '@aws-sdk/client-ecs';
