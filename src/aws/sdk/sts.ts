// The client and the commands gameday calls: a bundle takes only these from the package (scripts/build-bundles.js).
export { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
