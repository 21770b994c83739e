import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface LockEntry {
  version?: string;
  dev?: boolean;
}

const ROOT = new URL('../../../', import.meta.url);
const lock = JSON.parse(readFileSync(new URL('package-lock.json', ROOT), 'utf8')) as { packages: Record<string, LockEntry> };
const manifest = JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

/** Every version of each package the production install holds (dev-only packages, like the CloudWatch JSON alias, left out). */
function productionVersions(): Map<string, Set<string>> {
  const versions = new Map<string, Set<string>>();
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (!path || entry.dev || !entry.version) continue;
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    versions.set(name, (versions.get(name) ?? new Set()).add(entry.version));
  }
  return versions;
}

describe('dependencies', () => {
  it('are pinned exactly', () => {
    for (const [name, range] of Object.entries({ ...manifest.dependencies, ...manifest.devDependencies })) {
      expect(range, name).toMatch(/^(npm:@[\w/-]+@)?\d+\.\d+\.\d+$/);
    }
  });

  it('every AWS SDK client and credential provider is 3.523.0, sharing one @smithy tree', () => {
    const versions = productionVersions();
    const sdk = [...versions].filter(([name]) => /^@aws-sdk\/(client-|credential-provider-|core$|middleware-|smithy-client)/.test(name));
    expect(sdk.length).toBeGreaterThan(10);
    for (const [name, found] of sdk) expect([...found], name).toEqual(['3.523.0']);
    expect([...(versions.get('@smithy/types') ?? [])]).toHaveLength(1);
    expect([...(versions.get('@smithy/smithy-client') ?? [])]).toHaveLength(1);
  });
});
