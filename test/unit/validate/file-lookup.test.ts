import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cachedFileLookup } from '../../../src/core/validate/validate-file.js';
import { validatePaths } from '../../../src/core/validate/validate-paths.js';

const ROOT = new URL('../../../', import.meta.url).pathname;

/** A folder with the checkout world and two scenarios on it (as scenarios/ holds them). */
async function folder(): Promise<{ dir: string; world: string; scenarios: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'gameday-lookup-'));
  const world = join(dir, 'multi-az-checkout.yaml');
  await copyFile(join(ROOT, 'scenarios/worlds/multi-az-checkout.yaml'), world);
  const scenario = (await readFile(join(ROOT, 'scenarios/checkout-az-power.yaml'), 'utf8')).replace('world: worlds/multi-az-checkout.yaml', 'world: multi-az-checkout.yaml');
  const scenarios = [join(dir, 'a.yaml'), join(dir, 'b.yaml')];
  await writeFile(scenarios[0]!, scenario);
  await writeFile(scenarios[1]!, scenario.replace('name: checkout-az-power', 'name: checkout-az-power-b'));
  return { dir, world, scenarios };
}

describe('cachedFileLookup: each file a command names is validated once', () => {
  it('a world asked for under two names (as listed, and as a scenario resolves it) is one validation, named as each asks', async () => {
    const { world } = await folder();
    const lookup = cachedFileLookup();
    const asListed = relative(process.cwd(), world);
    const [absolute, listed] = await Promise.all([lookup.validated(world), lookup.validated(asListed)]);
    expect(absolute.valid).toBe(true);
    expect(listed.document).toBe(absolute.document);
    expect(absolute.file).toBe(world);
    expect(listed.file).toBe(asListed);
  });

  it("an invalid world's diagnostics name the file as the command was given it, whoever validated it first", async () => {
    const { world } = await folder();
    await writeFile(world, (await readFile(world, 'utf8')).replace(/^kind: World$/m, 'kind: World\nunknownTopLevel: 1'));
    const lookup = cachedFileLookup();
    const first = await lookup.validated(world);
    expect(first.valid).toBe(false);
    expect(first.diagnostics.length).toBeGreaterThan(0);
    const asListed = relative(process.cwd(), world);
    const listed = await lookup.validated(asListed);
    expect(listed.diagnostics.map((d) => d.file)).toEqual(first.diagnostics.map(() => asListed));
    expect(listed.diagnostics.map(({ file: _, ...d }) => d)).toEqual(first.diagnostics.map(({ file: _, ...d }) => d));
  });

  it('one lookup is one command: a file changed afterwards is validated afresh by the next lookup', async () => {
    const { world } = await folder();
    const before = await cachedFileLookup().validated(world);
    await writeFile(world, (await readFile(world, 'utf8')).replace(/^kind: World$/m, 'kind: World\nunknownTopLevel: 1'));
    const reused = cachedFileLookup();
    expect(before.valid).toBe(true);
    expect((await reused.validated(world)).valid).toBe(false);
  });

  it('validate of a folder: the world listed and the scenarios cross-checked against it give what each gives alone', async () => {
    const { dir, world, scenarios } = await folder();
    const together = await validatePaths([dir]);
    const alone = await Promise.all([world, ...scenarios].map((file) => validatePaths([file])));
    expect(together.files.map((f) => f.file).sort()).toEqual([world, ...scenarios].sort());
    for (const report of alone) expect(together.files.find((f) => f.file === report.files[0]!.file)).toEqual(report.files[0]);
    expect(together.valid).toBe(true);
  });
});
