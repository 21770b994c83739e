import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadYamlDocument, YAML_LIMITS } from '../../../src/core/yaml/load-document.js';
import { tempDir, writeText } from '../scenario/fixtures.js';

async function codesOf(name: string, text: string | Uint8Array) {
  const result = await loadYamlDocument(writeText(name, text));
  expect(result.ok).toBe(false);
  return result.diagnostics.map((d) => d.code);
}

describe('loadYamlDocument: hostile and broken input', () => {
  it('reports YAML syntax errors with their position', async () => {
    const result = await loadYamlDocument(writeText('syntax.yaml', 'a: [1, 2\nb: "open\n'));
    expect(result.ok).toBe(false);
    expect(result.diagnostics.length).toBeGreaterThanOrEqual(1);
    expect(result.diagnostics[0]!.code).toMatch(/^YAML_/);
    expect(result.diagnostics[0]!.line).toBeGreaterThan(1);
  });

  it('refuses duplicate keys, pointing at the second one', async () => {
    const result = await loadYamlDocument(writeText('dup.yaml', 'a: 1\nb: 2\na: 3\n'));
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toMatchObject([{ code: 'YAML_DUPLICATE_KEY', line: 3, col: 1 }]);
  });

  it('refuses alias bombs (billion laughs)', async () => {
    let text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    let previous = 'a';
    for (const name of 'bcdefghi') {
      text += `${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]\n`;
      previous = name;
    }
    expect(await codesOf('lol.yaml', text)).toEqual(['ALIAS_LIMIT']);
  });

  it('accepts a few harmless aliases', async () => {
    const result = await loadYamlDocument(writeText('alias.yaml', 'dims: &d {A: b}\nx: {dimensions: *d}\n'));
    expect(result.ok && result.value).toEqual({ dims: { A: 'b' }, x: { dimensions: { A: 'b' } } });
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses the key %s without polluting Object.prototype', async (key) => {
    const result = await loadYamlDocument(writeText('proto.yaml', `ok: 1\nnested:\n  ${key}:\n    polluted: true\n`));
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toMatchObject([{ code: 'FORBIDDEN_KEY', line: 3, col: 3 }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses binary content', async () => {
    expect(await codesOf('bin.yaml', new Uint8Array([0x61, 0x3a, 0x20, 0x00, 0x01, 0x02]))).toEqual(['BINARY_CONTENT']);
  });

  it('refuses text that is not UTF-8', async () => {
    expect(await codesOf('latin1.yaml', new Uint8Array([0x61, 0x3a, 0x20, 0xe9, 0x74, 0xe9, 0x0a]))).toEqual(['NOT_UTF8']);
  });

  it('accepts a UTF-8 byte order mark', async () => {
    const result = await loadYamlDocument(writeText('bom.yaml', '\ufeffa: 1\n'));
    expect(result.ok && result.value).toEqual({ a: 1 });
  });

  it.each([
    ['empty', ''],
    ['blank', '\n\n   \n'],
    ['comments only', '# nothing here\n'],
  ])('refuses an empty file (%s)', async (_, text) => {
    expect(await codesOf('empty.yaml', text)).toEqual(['EMPTY_FILE']);
  });

  it.each([
    ['a list', '- a\n- b\n'],
    ['a scalar', 'just text\n'],
    ['a number', '42\n'],
  ])('refuses %s at the top', async (_, text) => {
    expect(await codesOf('top.yaml', text)).toEqual(['NOT_A_MAPPING']);
  });

  it('refuses several documents in one file', async () => {
    const result = await loadYamlDocument(writeText('multi.yaml', 'a: 1\n---\nb: 2\n'));
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toMatchObject([{ code: 'MULTIPLE_DOCUMENTS', line: 2 }]);
  });

  it('refuses a file over the size limit before reading it', async () => {
    const big = new Uint8Array(50 * 1024 * 1024).fill(0x61);
    const result = await loadYamlDocument(writeText('big.yaml', big));
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]!.code).toBe('FILE_TOO_LARGE');
    expect(result.diagnostics[0]!.message).toContain(String(YAML_LIMITS.maxBytes));
  });

  it.each([
    ['flow sequences', '['.repeat(100_000) + ']'.repeat(100_000)],
    ['flow mappings', '{a: '.repeat(100_000) + '1' + '}'.repeat(100_000)],
    ['block sequences on one line', `${'- '.repeat(100_000)}x\n`],
    ['indented block mappings', Array.from({ length: 200 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' 1\n'],
  ])('refuses 100,000 levels of nesting (%s) quickly', async (_, text) => {
    expect(await codesOf('deep.yaml', text)).toEqual(['TOO_DEEP']);
  });

  it('accepts nesting up to the limit', async () => {
    const depth = YAML_LIMITS.maxDepth - 1;
    const result = await loadYamlDocument(writeText('ok-deep.yaml', `a: ${'['.repeat(depth)}${']'.repeat(depth)}\n`));
    expect(result.ok).toBe(true);
  });

  it('refuses nesting stacked up through aliases', async () => {
    const deep = '['.repeat(40) + ']'.repeat(40);
    const result = await loadYamlDocument(writeText('alias-deep.yaml', `a: &a ${deep}\nb: ${'['.repeat(40)}*a${']'.repeat(40)}\n`));
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]!.code).toBe('TOO_DEEP');
  });

  it('refuses keys that are lists or mappings', async () => {
    expect(await codesOf('complex.yaml', '? [a, b]\n: 1\n')).toEqual(['COMPLEX_KEY']);
  });

  it('reports a missing file', async () => {
    const result = await loadYamlDocument(join(tempDir(), 'nope.yaml'));
    expect(result).toMatchObject({ ok: false, diagnostics: [{ code: 'FILE_NOT_FOUND', line: 1, col: 1 }] });
  });

  it('reports a directory', async () => {
    const dir = join(tempDir(), 'dir.yaml');
    mkdirSync(dir);
    expect((await loadYamlDocument(dir)).diagnostics[0]!.code).toBe('NOT_A_FILE');
  });

  it('refuses a named pipe instead of blocking on it', async () => {
    const fifo = join(tempDir(), 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    expect((await loadYamlDocument(fifo)).diagnostics[0]!.code).toBe('NOT_A_FILE');
  });

  // root reads any file, so permissions cannot make one unreadable there.
  it.skipIf(process.getuid?.() === 0)('reports an unreadable file', async () => {
    const file = writeText('secret.yaml', 'a: 1\n');
    chmodSync(file, 0o000);
    expect((await loadYamlDocument(file)).diagnostics[0]!.code).toBe('FILE_UNREADABLE');
  });
});

describe('loadYamlDocument: positions', () => {
  it('locates values and keys by path', async () => {
    const result = await loadYamlDocument(writeText('pos.yaml', 'spec:\n  fault:\n    type: x\n  list:\n    - a\n    - name: b\n'));
    if (!result.ok) throw new Error('expected ok');
    expect(result.locate(['spec', 'fault', 'type'])).toEqual({ line: 3, col: 11 });
    expect(result.locate(['spec', 'fault', 'type'], { key: true })).toEqual({ line: 3, col: 5 });
    expect(result.locate(['spec', 'list', 1, 'name'])).toEqual({ line: 6, col: 13 });
    // A path that goes further than the document points at the deepest node found.
    expect(result.locate(['spec', 'fault', 'missing'])).toEqual({ line: 3, col: 5 });
  });
});
