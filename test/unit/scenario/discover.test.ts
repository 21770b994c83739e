import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandScenarioPaths, globToRegExp } from '../../../src/core/scenario/discover.js';
import { GamedayError } from '../../../src/core/errors.js';
import { tempDir } from './fixtures.js';

function tree(): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'scenarios/worlds'), { recursive: true });
  mkdirSync(join(dir, 'scenarios/.hidden'), { recursive: true });
  for (const file of ['scenarios/a.yaml', 'scenarios/b.yml', 'scenarios/notes.md', 'scenarios/worlds/w.yaml', 'scenarios/.hidden/h.yaml', 'top.yaml']) {
    writeFileSync(join(dir, file), 'a: 1\n');
  }
  return dir;
}

describe('expandScenarioPaths', () => {
  it('searches directories recursively for YAML files, sorted, skipping hidden directories', async () => {
    const dir = tree();
    expect(await expandScenarioPaths([join(dir, 'scenarios')])).toEqual(
      ['scenarios/a.yaml', 'scenarios/b.yml', 'scenarios/worlds/w.yaml'].map((f) => join(dir, f)),
    );
  });

  it('takes files as given and removes duplicates', async () => {
    const dir = tree();
    const a = join(dir, 'scenarios/a.yaml');
    expect(await expandScenarioPaths([a, join(dir, 'scenarios/notes.md'), a])).toEqual([a, join(dir, 'scenarios/notes.md')]);
  });

  it('expands globs', async () => {
    const dir = tree();
    expect(await expandScenarioPaths([`${dir}/scenarios/*.yaml`])).toEqual([join(dir, 'scenarios/a.yaml')]);
    expect(await expandScenarioPaths([`${dir}/**/*.{yaml,yml}`])).toEqual(
      ['scenarios/a.yaml', 'scenarios/b.yml', 'scenarios/worlds/w.yaml', 'top.yaml'].map((f) => join(dir, f)),
    );
  });

  it('reports every path that names nothing, at once', async () => {
    const dir = tree();
    const error = await expandScenarioPaths([join(dir, 'nope.yaml'), `${dir}/*.json`, join(dir, 'top.yaml')]).catch((e: unknown) => e);
    expect(GamedayError.is(error) && error.code).toBe('FILE_NOT_FOUND');
    expect((error as Error).message).toContain('nope.yaml');
    expect((error as Error).message).toContain('*.json (matches no file)');
  });

  it('translates glob syntax', () => {
    expect(globToRegExp('**/*.yaml').test('a/b/c.yaml')).toBe(true);
    expect(globToRegExp('**/*.yaml').test('c.yaml')).toBe(true);
    expect(globToRegExp('*.yaml').test('a/c.yaml')).toBe(false);
    expect(globToRegExp('s?.y[a-z]ml').test('s1.yaml')).toBe(true);
    expect(globToRegExp('a.(b)').test('a.(b)')).toBe(true);
  });
});
