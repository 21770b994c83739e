import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GamedayError } from '../../../../src/core/errors.js';
import { checkWorldText, DEFAULT_WORLD_PATH, loadWorld } from '../../../../src/sandbox/world/load-world.js';

const worlds = new URL('../../../../scenarios/worlds/', import.meta.url);

async function withText(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'world-'));
  const file = join(dir, 'world.yaml');
  await writeFile(file, text);
  return file;
}

describe('loadWorld', () => {
  it.each(['multi-az-checkout', 'single-az-db-checkout', 'catalog-cpu', 'orders-ecs'])('loads scenarios/worlds/%s.yaml', async (name) => {
    const world = await loadWorld(new URL(`${name}.yaml`, worlds).pathname);
    expect(world.kind).toBe('World');
    expect(world.metadata.name).toBe(name);
    expect(world.spec.account).toBe('123456789012');
    expect(world.spec.availabilityZones).toEqual([
      { name: 'us-east-1a', id: 'use1-az1' },
      { name: 'us-east-1b', id: 'use1-az2' },
      { name: 'us-east-1c', id: 'use1-az4' },
    ]);
  });

  it('defaults to the multi-AZ checkout world', () => {
    expect(DEFAULT_WORLD_PATH.endsWith('scenarios/worlds/multi-az-checkout.yaml')).toBe(true);
  });

  it('names the file, the path and the line of an unknown property', async () => {
    const text = (await readFile(DEFAULT_WORLD_PATH, 'utf8')).replace('    requestsPerMinute: 12000', '    requestsPerMinute: 12000\n    requestPerMinute: 5');
    const file = await withText(text);
    const error = await loadWorld(file).catch((e: unknown) => e);
    expect(GamedayError.is(error)).toBe(true);
    const message = (error as GamedayError).message;
    expect(message).toContain(file);
    expect(message).toMatch(/:\d+:\d+ spec\.application\.requestPerMinute: unknown property "requestPerMinute"/);
    expect((error as GamedayError).exitCode).toBe(2);
  });

  it('reports enum and pattern violations with their paths', async () => {
    const text = (await readFile(DEFAULT_WORLD_PATH, 'utf8')).replace('statistic: Maximum', 'statistic: Median').replace('engine: aurora-postgresql', 'engine: oracle');
    const problems = await checkWorldText(text);
    const paths = problems.map((p) => p.path);
    expect(paths).toContain('spec.alarms[2].statistic');
    expect(paths).toContain('spec.rdsClusters[0].engine');
    expect(problems.every((p) => p.line !== undefined)).toBe(true);
  });

  it('checks cross-references: AZs, subnets, the serving group and the database', async () => {
    const text = (await readFile(DEFAULT_WORLD_PATH, 'utf8'))
      .replace('servedBy: { autoScalingGroup: checkout-web-asg }', 'servedBy: { autoScalingGroup: web-asg }')
      .replace('database: checkout-db', 'database: orders-db')
      .replace('primaryAvailabilityZone: us-east-1b', 'primaryAvailabilityZone: us-east-1d');
    const problems = await checkWorldText(text);
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual(
      expect.arrayContaining([
        'spec.application.servedBy.autoScalingGroup: Auto Scaling group web-asg is not in spec.autoScalingGroups',
        'spec.application.database: RDS cluster orders-db is not in spec.rdsClusters',
        'spec.elastiCacheReplicationGroups[0].primaryAvailabilityZone: availability zone us-east-1d is not in spec.availabilityZones',
      ]),
    );
  });

  it('refuses YAML syntax errors and duplicate keys with a position', async () => {
    const problems = await checkWorldText('apiVersion: gameday/v1\nkind: World\nkind: World\n');
    expect(problems[0]?.line).toBe(3);
  });

  it('says when the file does not exist', async () => {
    const error = await loadWorld('/nonexistent/world.yaml').catch((e: unknown) => e);
    expect((error as GamedayError).code).toBe('FILE_NOT_FOUND');
  });
});
