import { partition } from '@aws-sdk/util-endpoints';
import { afterEach, describe, expect, it } from 'vitest';
import { awsRegionalEndpoint, regionalEndpoint } from '../../../src/aws/regional-endpoint.js';

// FIS's own endpoint rules, as @aws-sdk/client-fis 3.523.0 ships them (a module it does not export, so
// untyped): the independent check.
const FIS_RULES = '@aws-sdk/client-fis/dist-es/endpoint/endpointResolver.js';
const { defaultEndpointResolver } = (await import(FIS_RULES)) as {
  defaultEndpointResolver(params: { Region: string; UseFIPS: boolean; UseDualStack: boolean }): { url: URL };
};

const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2', 'us-gov-west-1', 'cn-north-1', 'cn-northwest-1'];

describe('the regional endpoint of a signed request no SDK client makes (FIS members newer than 3.523, ARC zonal shift)', () => {
  for (const region of REGIONS) {
    for (const [fips, dualStack] of [[false, false], [true, false], [false, true], [true, true]] as const) {
      it(`${region}${fips ? ', FIPS' : ''}${dualStack ? ', dual-stack' : ''}: what FIS's own endpoint rules give`, () => {
        const expected = defaultEndpointResolver({ Region: region, UseFIPS: fips, UseDualStack: dualStack }).url.href.replace(/\/$/, '');
        expect(regionalEndpoint({ endpointPrefix: 'fis', govCloudIsFips: true }, region, { fips, dualStack }, partition(region))).toBe(expected);
      });
    }
  }

  // ARC zonal shift has no client installed: its rules as botocore holds them (boto/botocore
  // botocore/data/arc-zonal-shift/2022-10-30/endpoint-rule-set-1.json @ cd9207757d459bba9c524475b601e59f55760a3a):
  // arc-zonal-shift[-fips].{Region}.{dnsSuffix | dualStackDnsSuffix}, no GovCloud exception.
  it('ARC zonal shift: arc-zonal-shift[-fips].<region>.<partition suffix>, in GovCloud too', () => {
    const arc = { endpointPrefix: 'arc-zonal-shift' };
    expect(regionalEndpoint(arc, 'us-gov-west-1', { fips: true, dualStack: false }, partition('us-gov-west-1'))).toBe('https://arc-zonal-shift-fips.us-gov-west-1.amazonaws.com');
    expect(regionalEndpoint(arc, 'cn-north-1', { fips: false, dualStack: true }, partition('cn-north-1'))).toBe('https://arc-zonal-shift.cn-north-1.api.amazonwebservices.com.cn');
    expect(regionalEndpoint(arc, 'eu-west-1', { fips: false, dualStack: false }, partition('eu-west-1'))).toBe('https://arc-zonal-shift.eu-west-1.amazonaws.com');
  });

  it('a variant the partition lacks is an error, as in the rules, not the plain endpoint', () => {
    const noFips = { name: 'test', dnsSuffix: 'example.com', dualStackDnsSuffix: 'api.example.com', supportsFIPS: false, supportsDualStack: false };
    expect(() => regionalEndpoint({ endpointPrefix: 'fis' }, 'xx-test-1', { fips: true, dualStack: false }, noFips)).toThrow(/does not support FIPS/);
    expect(() => regionalEndpoint({ endpointPrefix: 'fis' }, 'xx-test-1', { fips: false, dualStack: true }, noFips)).toThrow(/does not support DualStack/);
  });

  describe('reads AWS_USE_FIPS_ENDPOINT and AWS_USE_DUALSTACK_ENDPOINT as the SDK clients do', () => {
    const saved = { ...process.env };
    afterEach(() => {
      process.env = { ...saved };
    });
    it('neither set: the plain endpoint (it was https://fis.<region>.amazonaws.com for every partition and variant)', async () => {
      process.env = { ...saved, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' };
      delete process.env.AWS_USE_FIPS_ENDPOINT;
      delete process.env.AWS_USE_DUALSTACK_ENDPOINT;
      expect(await awsRegionalEndpoint({ endpointPrefix: 'fis' }, { region: 'us-east-1' })).toBe('https://fis.us-east-1.amazonaws.com');
      expect(await awsRegionalEndpoint({ endpointPrefix: 'fis' }, { region: 'cn-north-1' })).toBe('https://fis.cn-north-1.amazonaws.com.cn');
    });
    it('both set', async () => {
      process.env = { ...saved, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', AWS_USE_FIPS_ENDPOINT: 'true', AWS_USE_DUALSTACK_ENDPOINT: 'true' };
      expect(await awsRegionalEndpoint({ endpointPrefix: 'arc-zonal-shift' }, { region: 'us-east-1' })).toBe('https://arc-zonal-shift-fips.us-east-1.api.aws');
    });
  });
});
