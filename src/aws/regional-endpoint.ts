import type { AwsConnectionOptions } from './client-factory.js';

/** What a region's partition says about its endpoints (@aws-sdk/util-endpoints' partition()). */
export interface PartitionEndpoints {
  dnsSuffix: string;
  dualStackDnsSuffix: string;
  supportsFIPS: boolean;
  supportsDualStack: boolean;
}

/**
 * A service's regional endpoint as its endpoint rules build it: https://<prefix>[-fips].<region>.<suffix>,
 * the dual-stack suffix when asked, the partition's own (amazonaws.com.cn in China). Asking for a variant the
 * partition lacks is the rules' error, not a silent fallback to the plain endpoint (a FIPS mandate is a mandate).
 */
export function regionalEndpoint(service: RegionalService, region: string, variants: { fips: boolean; dualStack: boolean }, partition: PartitionEndpoints & { name: string }): string {
  if (variants.fips && !partition.supportsFIPS) throw new Error('FIPS is enabled but this partition does not support FIPS');
  if (variants.dualStack && !partition.supportsDualStack) throw new Error('DualStack is enabled but this partition does not support DualStack');
  const fipsHost = variants.fips && !(service.govCloudIsFips && partition.name === 'aws-us-gov' && !variants.dualStack);
  return `https://${service.endpointPrefix}${fipsHost ? '-fips' : ''}.${region}.${variants.dualStack ? partition.dualStackDnsSuffix : partition.dnsSuffix}`;
}

/** How a service's endpoint rules name its regional hosts. */
export interface RegionalService {
  endpointPrefix: string;
  /** In GovCloud its standard endpoint is the FIPS one: FIPS without dual-stack goes there (FIS's rules do this). */
  govCloudIsFips?: boolean;
}

/**
 * The endpoint of a call no SDK client makes, read as the SDK clients read theirs: AWS_USE_FIPS_ENDPOINT /
 * AWS_USE_DUALSTACK_ENDPOINT, else use_fips_endpoint / use_dualstack_endpoint in the profile's config.
 */
export async function awsRegionalEndpoint(service: RegionalService, options: Pick<AwsConnectionOptions, 'region' | 'profile'>): Promise<string> {
  const [{ partition }, { loadConfig }, { NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS }] = await Promise.all([
    import('@aws-sdk/util-endpoints'),
    import('@smithy/node-config-provider'),
    import('@smithy/config-resolver'),
  ]);
  const profile = options.profile ? { profile: options.profile } : {};
  const [fips, dualStack] = await Promise.all([loadConfig(NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, profile)(), loadConfig(NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, profile)()]);
  return regionalEndpoint(service, options.region, { fips, dualStack }, partition(options.region));
}
