import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const { loadCachedScript } = createRequire(import.meta.url)('../../../bin/cached-script.js') as {
  loadCachedScript(file: string): { exports: Record<string, unknown>; saveCache(): void };
};

describe('bin/cached-script.js: a bundle reads as its text, whatever it holds', () => {
  it('ASCII (what esbuild escapes to) and raw UTF-8 (what it leaves, e.g. in a regex literal) both come back as written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gameday-cached-script-'));
    const cases = { ascii: 'module.exports.text = "\\u2248 5, a \\u2192 b";', utf8: 'module.exports.text = "≈ 5, a → b"; module.exports.csi = /[\u009b]/.test("\u009b");' };
    for (const [name, source] of Object.entries(cases)) {
      const file = join(dir, `${name}.cjs`);
      writeFileSync(file, source, 'utf8');
      const bundle = loadCachedScript(file);
      expect(bundle.exports['text'], name).toBe('≈ 5, a → b');
      if (name === 'utf8') expect(bundle.exports['csi']).toBe(true);
      // Once more from the cache it wrote.
      bundle.saveCache();
      expect(loadCachedScript(file).exports['text'], `${name} from its cache`).toBe('≈ 5, a → b');
    }
  });
});
