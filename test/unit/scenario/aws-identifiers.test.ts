import { describe, expect, it } from 'vitest';
import { azIdPrefix, checkArn, checkAvailabilityZone } from '../../../src/core/scenario/aws-identifiers.js';
import { closestMatch } from '../../../src/core/yaml/did-you-mean.js';

describe('AWS identifiers', () => {
  it.each([
    ['us-east-1', 'use1'],
    ['eu-central-1', 'euc1'],
    ['ap-northeast-1', 'apne1'],
    ['ap-southeast-2', 'apse2'],
    ['us-gov-west-1', 'usgw1'],
  ])('AZ ID prefix of %s is %s', (region, prefix) => {
    expect(azIdPrefix(region)).toBe(prefix);
  });

  it('tells AZ names from IDs and checks the region', () => {
    expect(checkAvailabilityZone('us-east-1b', 'us-east-1')).toEqual({ ok: true, kind: 'name' });
    expect(checkAvailabilityZone('use1-az4', 'us-east-1')).toEqual({ ok: true, kind: 'id' });
    expect(checkAvailabilityZone('us-east-1b', 'us-east-2')).toMatchObject({ ok: false, problem: 'other-region' });
    expect(checkAvailabilityZone('use2-az1', 'us-east-1')).toMatchObject({ ok: false, problem: 'other-region' });
    expect(checkAvailabilityZone('zone-b', 'us-east-1')).toMatchObject({ ok: false, problem: 'malformed' });
  });

  it('checks ARNs against account and region, except for global services', () => {
    const where = { account: '123456789012', region: 'us-east-1' };
    expect(checkArn('arn:aws:iam::123456789012:role/x', { ...where, service: 'iam', resourcePrefix: 'role/' })).toBeUndefined();
    expect(checkArn('arn:aws:ssm:us-east-1::document/AWSFIS-Run-CPU-Stress', where)).toBeUndefined();
    expect(checkArn('arn:aws:ec2:us-west-2:123456789012:instance/i-1', where)?.code).toBe('ARN_REGION_MISMATCH');
    expect(checkArn('arn:aws:ec2:us-east-1:999999999999:instance/i-1', where)?.code).toBe('ARN_ACCOUNT_MISMATCH');
    expect(checkArn('arn:aws:iam:us-east-1:123456789012:role/x', where)?.code).toBe('ARN_INVALID');
    expect(checkArn('not-an-arn', where)?.code).toBe('ARN_INVALID');
  });
});

describe('closestMatch', () => {
  it('suggests near misses only', () => {
    expect(closestMatch('availabilityZon', ['availabilityZone', 'duration'])).toBe('availabilityZone');
    expect(closestMatch('duraiton', ['availabilityZone', 'duration'])).toBe('duration');
    expect(closestMatch('az', ['Software', 'Hardware', 'AZ', 'Region'])).toBe('AZ');
    expect(closestMatch('banana', ['Software', 'Hardware', 'AZ', 'Region'])).toBeUndefined();
  });
});
