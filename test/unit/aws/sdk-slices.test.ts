import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/cli.js';

const SLICES = join(ROOT, 'src/aws/sdk');
const sources = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));

describe('SDK clients come from src/aws/sdk slices (the bundle then takes only their client and commands)', () => {
  it('no other module imports an @aws-sdk/client-* package at run time (types may be imported anywhere)', () => {
    const outside = sources('src')
      .filter((file) => !file.startsWith('src/aws/sdk/'))
      .filter((file) => /(?:^|\n)\s*import\s+(?!type\b)[^;]*from\s+'@aws-sdk\/client-|import\('@aws-sdk\/client-|export\s+\{[^}]*\}\s+from\s+'@aws-sdk\/client-/.test(readFileSync(join(ROOT, file), 'utf8')));
    expect(outside).toEqual([]);
  });

  it('each slice names a client and commands the package builds one module each for, as scripts/build-bundles.js reads them', () => {
    const slices = readdirSync(SLICES).filter((f) => f.endsWith('.ts'));
    expect(slices.length).toBeGreaterThanOrEqual(9);
    for (const slice of slices) {
      const text = readFileSync(join(SLICES, slice), 'utf8');
      const match = /export\s*\{([^}]*)\}\s*from\s*'(@aws-sdk\/client-[a-z0-9-]+)'/.exec(text);
      expect(match, slice).not.toBeNull();
      const [, names, pkg] = match!;
      for (const name of names!.split(',').map((n) => n.trim())) {
        expect(name, `${slice}: a client or a command`).toMatch(/(Client|Command)$/);
        const module = join(ROOT, 'node_modules', pkg!, 'dist-es', name.endsWith('Command') ? `commands/${name}.js` : `${name}.js`);
        expect(existsSync(module), `${slice}: ${module}`).toBe(true);
      }
    }
  });
});
