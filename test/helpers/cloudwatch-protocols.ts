import * as cwQuery from '@aws-sdk/client-cloudwatch';
import * as cwJson from '@aws-sdk/client-cloudwatch-json';
import { clientConfig } from './aws-clients.js';

/**
 * The two wire protocols the sandbox's CloudWatch speaks, each with its SDK: awsQuery (SDK 3.523, the
 * one gameday ships) and awsJson1_0 with query compatibility (SDK 3.949, the dev alias).
 */
export type CloudWatchModule = typeof cwQuery;
// biome-ignore lint: the two SDK versions' command types differ only nominally
export type AnyCloudWatchClient = { send(command: unknown): Promise<any> };

export const cloudWatchProtocols = [
  { name: 'awsQuery (SDK 3.523)', mod: cwQuery as CloudWatchModule, make: (url: string) => new cwQuery.CloudWatchClient(clientConfig(url)) as AnyCloudWatchClient },
  { name: 'awsJson1_0 (SDK 3.949)', mod: cwJson as unknown as CloudWatchModule, make: (url: string) => new cwJson.CloudWatchClient(clientConfig(url)) as AnyCloudWatchClient },
];
