import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeWithYamlLibrary, parseYamlText, type YamlLoadResult } from '../../../src/core/yaml/load-document.js';
import { parseCommonSubset } from '../../../src/core/yaml/parse-common-subset.js';

const ROOT = join(import.meta.dirname, '../../..');
const REPOSITORY_YAML = execFileSync('git', ['ls-files', '*.yaml', '*.yml'], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n');

type Path = (string | number)[];

/** Every path into the value, and a few that lead nowhere (locate answers the last node found). */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const paths: Path[] = [prefix, [...prefix, 'no-such-key'], [...prefix, 7]];
  if (Array.isArray(value)) value.forEach((item, i) => paths.push(...pathsOf(item, [...prefix, i])));
  else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...prefix, key]));
  return paths;
}

/** Key order and number identity (NaN, -0) too, which toStrictEqual does not hold to. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (value !== null && typeof value === 'object') return Object.entries(value).map(([key, item]) => [key, shapeOf(item)]);
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : Number.isNaN(value) ? 'NaN' : value;
  return value;
}

/**
 * The subset reader either leaves the text to the yaml library, or gives exactly its answer: the
 * same value, no diagnostics, and the same position for every path (as value and as key).
 * Returns whether the subset answered.
 */
function expectSameAsYamlLibrary(text: string, name: string): boolean {
  const subset = parseCommonSubset(text);
  if (!subset) return false;
  const reference: YamlLoadResult = composeWithYamlLibrary(name, text, Buffer.from(text));
  expect(reference, `${name}: the subset read what the yaml library refuses:\n${text}`).toMatchObject({ ok: true, diagnostics: [] });
  if (!reference.ok) return true;
  const paths = pathsOf(reference.value);
  const answers = (value: unknown, locate: (path: Path, key: boolean) => unknown) =>
    JSON.stringify([shapeOf(value), paths.flatMap((path) => [false, true].map((key) => [path, key, locate(path, key)]))], null, 1);
  // Compared as text: deep equality of thousands of positions per variant is what would make this test slow.
  expect(answers(subset.value, subset.locate), name).toBe(answers(reference.value, (path, key) => reference.locate(path, { key })));
  return true;
}

/** Deterministic, so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const INSERTED = [' ', ':', ': ', '-', '- ', '#', ' #', '"', "'", '{', '}', '[', ']', ',', '&a ', '*a', '!!str ', '|', '>', '\n', '\n  ', 'x', '0', '.', '~', '\\', '?', '%', '@', '`', '\t', '\r', '---\n', '__proto__: 1\n', '<<: {}\n'];
const SCALARS = ['0x1F', '0o17', '1e3', '.5', '+1', '-0', 'True', 'NULL', 'null', '~', '.inf', '-.Inf', '.NaN', '007', '1_000', '12:30', '2026-11-23', 'yes', 'on', '0.10', '9007199254740993', '"quoted # not a comment"', "'it''s'", '"\\u00e9"', "''", '""', '[]', '{}', '[a, [b, c]]', '{ a: { b: 1 } }', 'a b  ', 'x: y', '- z', 'a:b', 'a#b', '@x', '`x', 'é — ok'];

function mutations(text: string, count: number, seed: number): string[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const out: string[] = [];
  for (let n = 0; n < count; n++) {
    const lines = text.split('\n');
    const i = Math.floor(next() * lines.length);
    const line = lines[i]!;
    const at = Math.floor(next() * (line.length + 1));
    switch (n % 5) {
      case 0:
        lines[i] = line.slice(0, at) + pick(INSERTED) + line.slice(at);
        break;
      case 1:
        lines[i] = line.slice(0, at) + line.slice(at + 1);
        break;
      case 2:
        lines[i] = next() < 0.5 ? ` ${line}` : line.replace(/^ {1,2}/, '');
        break;
      case 3:
        lines.splice(i, 0, line);
        break;
      default:
        lines[i] = line.replace(/(:|- ) *[^ #].*$/, `$1 ${pick(SCALARS)}`);
    }
    out.push(lines.join('\n'));
  }
  return out;
}

describe('parseCommonSubset: the same answers as the yaml library, or none', () => {
  it('reads every scenario and world in the repository (what validate and plan start on)', () => {
    const scenarios = REPOSITORY_YAML.filter((file) => file.startsWith('scenarios/'));
    expect(scenarios.length).toBeGreaterThan(5);
    for (const file of scenarios) expect(expectSameAsYamlLibrary(readFileSync(join(ROOT, file), 'utf8'), file), `${file} is outside the subset`).toBe(true);
  });

  it('agrees on every YAML file in the repository and on mutations of each', () => {
    let answered = 0;
    let total = 0;
    REPOSITORY_YAML.forEach((file, index) => {
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const variant of [text, ...mutations(text, 30, index + 1)]) {
        total++;
        if (expectSameAsYamlLibrary(variant, file)) answered++;
      }
    });
    console.log(`${answered} of ${total} read by the subset`);
    // Both halves are exercised: most mutations stay in the subset, many leave it.
    expect(answered).toBeGreaterThan(total / 4);
    expect(answered).toBeLessThan(total);
  });

  it.each([
    ['an anchor and alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a block scalar', 'a: |\n  text\n'],
    ['a multi-line plain scalar', 'a: one\n  two\n'],
    ['an empty value', 'a:\nb: 1\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a forbidden key', '__proto__: 1\n'],
    ['a merge key', 'a: 1\n<<: {}\n'],
    ['a quoted key', '"a": 1\n'],
    ['a number as key', '1: a\n'],
    ['an escape in double quotes', 'a: "\\n"\n'],
    ['a flow collection over two lines', 'a: [1,\n  2]\n'],
    ['a trailing comma', 'a: [1, 2,]\n'],
    ['a tab', 'a:\t1\n'],
    ['a carriage return', 'a: 1\r\nb: 2\r\n'],
    ['a document marker', '---\na: 1\n'],
    ['a directive', '%YAML 1.2\n---\na: 1\n'],
    ['a list at the top', '- a\n'],
    ['a compact nested sequence', 'a:\n  - - b\n'],
    ['an indented first line', '  a: 1\n'],
    ['nothing but comments', '# only\n'],
  ])('leaves %s to the yaml library', (_name, text) => {
    expect(parseCommonSubset(text)).toBeUndefined();
  });

  it('reads flow collections, quoted scalars and the core schema as the yaml library does', () => {
    const text = [
      'a: { b: [1, "two", \'th\'\'ree\'], c: {} }',
      'list:',
      '- x',
      '- k: 0x1F',
      '  l: [.5, -.Inf, ~, True, 007, 1e3, 2026-11-23]',
      'nested:',
      '  deeper:',
      '      - "# not a comment"   # a comment',
      'colons: aws:iam::123:role/x',
      '',
    ].join('\n');
    expect(expectSameAsYamlLibrary(text, 'inline.yaml')).toBe(true);
  });

  it('agrees on the core schema’s look-alikes in every position a scalar can take', () => {
    const scalars = [
      ...['0o17', '0O17', '0x1F', '0X1F', '0xG', '0o8', '-0x1F', '+0o7', '1_000', '010', '-010', '+010', '09', '00', '+0', '-0', '9007199254740993', '1'.repeat(400)],
      ...['.inf', '-.Inf', '+.INF', '.iNf', '.nan', '.NaN', '-.nan', 'nan', 'inf', '1e3', '1E+3', '1e-3', '.5e3', '1.e1', '1e', 'e3', '1.', '-1.', '.', '-.', '+.5', '1.2.3', '1e400'],
      ...['~', 'null', 'Null', 'NULL', 'nuLL', 'true', 'True', 'TRUE', 'tRue', 'False', 'yes', 'no', 'on', 'off', 'y', 'N'],
      ...['2026-11-23', '2026-11-23T10:00:00Z', '12:30', '1:20', 'a # b', 'a#b', 'a:b', 'x :y', 'http://x/y', '-x', '--x', '- x', 'x,', 'x]', 'x}', 'a b  ', 'é', '😀', 'x\u00a0'],
      ...['"a: b"', "'a: b'", '"a # b"', "'a'' # b'", '"a" # c', '""', "''", '"\'"', "'\"'", '[a,b]', '[ a , b ]', "['a,b', \"c,d\"]", '["a]", \'b}\']', '{a: 1, b: [2, 3]}', '{ a:1 }', '{a: b: c}', '[a: b]', '[a, #c]', '[a] # c', '[a]# c', '{a: 1, a: 2}', '[[]]', '[{}]', '[,]', '[a,,b]'],
    ];
    let answered = 0;
    for (const v of scalars) {
      for (const text of [`k: ${v}\n`, `k:\n  - ${v}\n`, `k: [${v}]\n`, `k: {x: ${v}}\n`, `${v}: 1\n`, `k:\n  ${v}: 1\n`, `k: [a, ${v}]\n`]) {
        if (expectSameAsYamlLibrary(text, JSON.stringify(text))) answered++;
      }
    }
    // Most are read by the subset; the rest are left to the yaml library.
    expect(answered).toBeGreaterThan(scalars.length * 2);
  });

  it('parseYamlText gives the subset the same checks first (size, NUL, encoding, depth)', () => {
    expect(parseYamlText('bin.yaml', Buffer.from('a: 1\n\0'))).toMatchObject({ ok: false, diagnostics: [{ code: 'BINARY_CONTENT' }] });
    expect(parseYamlText('deep.yaml', Buffer.from(`a: ${'['.repeat(200)}${']'.repeat(200)}\n`))).toMatchObject({ ok: false, diagnostics: [{ code: 'TOO_DEEP' }] });
  });
});
