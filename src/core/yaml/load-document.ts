import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { isAlias, isMap, isPair, isScalar, isSeq, Lexer, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import type { Diagnostic } from '../scenario/diagnostics.js';
import { parseCommonSubset } from './parse-common-subset.js';

/**
 * Reads one YAML file that may be hostile: size, encoding, nesting and alias expansion are bounded
 * before anything recursive (yaml's composer, ajv, our walkers) sees it, and every failure is a
 * Diagnostic naming the file and place — never an exception, never a hang.
 */
export const YAML_LIMITS = {
  /** Scenarios and worlds are a few KB; anything near this is not one. */
  maxBytes: 1024 * 1024,
  /** Deepest nesting of mappings/sequences accepted (a scenario needs about 6). */
  maxDepth: 64,
  /** yaml's guard against "billion laughs": aliases resolved, weighted by their size. */
  maxAliasCount: 100,
} as const;

/** Keys that would reach Object.prototype through a careless merge downstream. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface SourcePosition {
  line: number;
  col: number;
}

export interface YamlDocument {
  ok: true;
  file: string;
  value: unknown;
  /** sha256 (hex) of the file's bytes. */
  sourceHash: string;
  /** Where a path into the value is written; `key: true` points at the key rather than its value. */
  locate(path: readonly (string | number)[], options?: { key?: boolean }): SourcePosition;
  /** Warnings from the YAML parser (e.g. an unresolved tag); never errors. */
  diagnostics: Diagnostic[];
}

export type YamlLoadResult = YamlDocument | { ok: false; file: string; diagnostics: Diagnostic[] };

export async function loadYamlDocument(file: string): Promise<YamlLoadResult> {
  const read = await readBounded(file);
  if ('diagnostic' in read) return fail(file, [read.diagnostic]);
  return parseYamlText(file, read.bytes);
}

/** The parsing half of loadYamlDocument, for bytes already in memory. */
export function parseYamlText(file: string, bytes: Uint8Array): YamlLoadResult {
  const at = diagnosticAt(file);
  if (bytes.length === 0) return fail(file, [at('EMPTY_FILE', 'the file is empty', 1, 1, 'run `gameday init <fault-type>` for a starting scenario')]);
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const { line, col } = positionOfByte(bytes, nul);
    return fail(file, [at('BINARY_CONTENT', 'the file contains NUL bytes; it is binary, not YAML', line, col)]);
  }
  // isUtf8 is a plain byte check; a fatal TextDecoder would first load ICU (~30 ms).
  if (!isUtf8(bytes)) return fail(file, [at('NOT_UTF8', 'the file is not valid UTF-8 text', 1, 1, 'save it as UTF-8')]);
  let text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  const tooDeep = prescanDepth(text);
  if (tooDeep) return fail(file, [at('TOO_DEEP', `nesting deeper than ${YAML_LIMITS.maxDepth} levels`, tooDeep.line, tooDeep.col)]);

  const common = parseCommonSubset(text);
  if (common) {
    return { ok: true, file, value: common.value, sourceHash: sha256(bytes), locate: (path, options) => common.locate(path, options?.key ?? false), diagnostics: [] };
  }
  return composeWithYamlLibrary(file, text, bytes);
}

function diagnosticAt(file: string) {
  return (code: string, message: string, line = 1, col = 1, hint?: string): Diagnostic => ({
    file,
    line,
    col,
    severity: 'error',
    code,
    message,
    ...(hint ? { hint } : {}),
  });
}

/**
 * YAML in general, through the yaml library: what parseCommonSubset leaves (exported for the test
 * that holds the two to the same answers).
 */
export function composeWithYamlLibrary(file: string, text: string, bytes: Uint8Array): YamlLoadResult {
  const at = diagnosticAt(file);
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  if (!Array.isArray(docs) || docs.length === 0 || (docs.length === 1 && docs[0]!.contents === null && docs[0]!.errors.length === 0)) {
    return fail(file, [at('EMPTY_FILE', 'the file has no YAML content', 1, 1, 'run `gameday init <fault-type>` for a starting scenario')]);
  }
  const position = (offset: number): SourcePosition => lineCounter.linePos(offset);
  const diagnostics: Diagnostic[] = [];
  for (const doc of docs) {
    for (const error of doc.errors) {
      const { line, col } = position(error.pos[0]);
      diagnostics.push(at(`YAML_${error.code}`, firstLine(error.message), line, col));
    }
  }
  const indentation = firstIndentationError(diagnostics, text);
  if (indentation) return fail(file, [indentation]);
  if (docs.length > 1) {
    const { line, col } = position(docs[1]!.range[0]);
    diagnostics.push(at('MULTIPLE_DOCUMENTS', `the file holds ${docs.length} YAML documents; put one per file`, line, col));
  }
  if (diagnostics.length > 0) return fail(file, diagnostics);

  const doc = docs[0]!;
  const warnings: Diagnostic[] = doc.warnings.map((warning) => {
    const { line, col } = position(warning.pos[0]);
    return { ...at(`YAML_${warning.code}`, firstLine(warning.message), line, col), severity: 'warning' };
  });
  if (!isMap(doc.contents)) {
    const { line, col } = doc.contents ? position(doc.contents.range[0]) : { line: 1, col: 1 };
    const what = isSeq(doc.contents) ? 'a list' : 'a single value';
    return fail(file, [at('NOT_A_MAPPING', `the document is ${what}; it must be a mapping (apiVersion:, kind:, …)`, line, col)]);
  }
  const keyProblems = checkKeys(doc, position, at);
  if (keyProblems.length > 0) return fail(file, keyProblems);

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: YAML_LIMITS.maxAliasCount });
  } catch (error) {
    if (error instanceof ReferenceError) {
      return fail(file, [at('ALIAS_LIMIT', `aliases expand to too much data (more than ${YAML_LIMITS.maxAliasCount}); refusing a possible "billion laughs" file`)]);
    }
    return fail(file, [at('YAML_INVALID', `cannot read the YAML: ${firstLine(String((error as Error).message))}`)]);
  }
  // Aliases can stack nesting beyond what the source shows.
  if (depthOf(value) > YAML_LIMITS.maxDepth) return fail(file, [at('TOO_DEEP', `nesting deeper than ${YAML_LIMITS.maxDepth} levels once aliases are expanded`)]);

  return {
    ok: true,
    file,
    value,
    sourceHash: sha256(bytes),
    locate: (path, options) => locateIn(doc, path, options?.key ?? false, position),
    diagnostics: warnings,
  };
}

/**
 * One wrong indent (3 spaces, a tab) makes yaml report every line after it as misplaced too; only
 * the first is the mistake. Keep that one, and say how far to indent it: as the content line above
 * (deeper by two when that line opens a mapping with a trailing colon).
 */
function firstIndentationError(diagnostics: Diagnostic[], text: string): Diagnostic | undefined {
  const first = [...diagnostics].sort((a, b) => a.line - b.line || a.col - b.col)[0];
  if (!first || (first.code !== 'YAML_BAD_INDENT' && first.code !== 'YAML_TAB_AS_INDENT')) return undefined;
  const lines = text.split(/\r?\n/);
  const above = lines.slice(0, first.line - 1).reverse().find((l) => !/^\s*(#.*)?$/.test(l));
  if (above === undefined) return first;
  const indent = /^ */.exec(above)![0].length + (/:\s*(#.*)?$/.test(above) ? 2 : 0);
  const what = first.code === 'YAML_TAB_AS_INDENT' ? 'YAML indents with spaces, never tabs' : 'its indent does not match the lines around it';
  return { ...first, message: `line ${first.line} is indented wrongly: ${what}`, hint: `indent it ${indent} spaces, as the line above` };
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function fail(file: string, diagnostics: Diagnostic[]): YamlLoadResult {
  return { ok: false, file, diagnostics };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

type ReadResult = { bytes: Uint8Array } | { diagnostic: Diagnostic };

/** stat first (refuse directories, FIFOs and devices, which could hang a read), then read at most maxBytes + 1. */
async function readBounded(file: string): Promise<ReadResult> {
  const problem = (code: string, message: string, hint?: string): ReadResult => ({
    diagnostic: { file, line: 1, col: 1, severity: 'error', code, message, ...(hint ? { hint } : {}) },
  });
  let info;
  try {
    info = await stat(file);
  } catch (error) {
    return fileProblem(error, problem);
  }
  if (info.isDirectory()) return problem('NOT_A_FILE', 'this is a directory, not a YAML file');
  if (!info.isFile()) return problem('NOT_A_FILE', 'this is not a regular file (a pipe, socket or device); refusing to read it');
  if (info.size > YAML_LIMITS.maxBytes) return tooLarge(info.size, problem);
  let handle;
  try {
    handle = await open(file, 'r');
    // One byte more than stat said, to notice a file that grew in between (still bounded).
    const buffer = Buffer.allocUnsafe(Math.min(info.size, YAML_LIMITS.maxBytes) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > YAML_LIMITS.maxBytes) return tooLarge(length, problem);
      // /proc and /sys files say they are empty and then have content: not a file on disk.
      if (info.size === 0) return problem('NOT_A_FILE', 'this is not a file on disk (it reports a size of 0 but has content, like /proc and /sys files); refusing to read it');
      if (length === buffer.length) return problem('FILE_UNREADABLE', 'the file changed while it was being read');
    }
    return { bytes: buffer.subarray(0, length) };
  } catch (error) {
    return fileProblem(error, problem);
  } finally {
    await handle?.close();
  }
}

function tooLarge(size: number, problem: (code: string, message: string, hint?: string) => ReadResult): ReadResult {
  return problem('FILE_TOO_LARGE', `the file is ${size} bytes; files over ${YAML_LIMITS.maxBytes} bytes (1 MiB) are refused`, 'a scenario is a few kilobytes; is this the right file?');
}

function fileProblem(error: unknown, problem: (code: string, message: string, hint?: string) => ReadResult): ReadResult {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return problem('FILE_NOT_FOUND', 'no such file');
  if (code === 'EACCES' || code === 'EPERM') return problem('FILE_UNREADABLE', 'permission denied', 'check the file permissions');
  if (code === 'EISDIR') return problem('NOT_A_FILE', 'this is a directory, not a YAML file');
  return problem('FILE_UNREADABLE', `cannot read the file (${code ?? (error as Error).message})`);
}

function positionOfByte(bytes: Uint8Array, index: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: index - lineStart + 1 };
}

/**
 * yaml's composer runs out of memory on very deep block nesting (`- - - - …` 100,000 times), so
 * nesting is estimated from the token stream before composing: flow brackets exactly, block
 * nesting from indentation plus the indicators on a line. The estimate errs on the lenient side;
 * the exact check runs on the composed value.
 */
function prescanDepth(text: string): SourcePosition | undefined {
  const limit = YAML_LIMITS.maxDepth * 2;
  if (depthBound(text) <= limit) return undefined;
  let flow = 0;
  let indent = 0;
  let indicators = 0;
  let atLineStart = true;
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    switch (token) {
      case '[':
      case '{':
        flow++;
        break;
      case ']':
      case '}':
        flow = Math.max(0, flow - 1);
        break;
      case '-':
      case '?':
      case ':':
        indicators++;
        break;
      default:
        if (token === '\n' || token === '\r\n') {
          indent = 0;
          indicators = 0;
          atLineStart = true;
          offset += token.length;
          continue;
        }
        if (atLineStart && /^ +$/.test(token)) indent = token.length;
    }
    atLineStart = false;
    if (flow + indicators + Math.floor(indent / 2) > limit) {
      const before = text.slice(0, offset);
      const line = before.split('\n').length;
      return { line, col: offset - before.lastIndexOf('\n') };
    }
    offset += token.length;
  }
  return undefined;
}

/**
 * A bound on nesting from characters alone, so ordinary files skip the lexer pass: flow depth is at
 * most the number of brackets, block depth on a line at most its indentation plus the indicators
 * on it. Brackets, dashes and colons inside scalars only make the bound larger.
 */
function depthBound(text: string): number {
  let brackets = 0;
  let deepestLine = 0;
  let indent = 0;
  let indicators = 0;
  let atLineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      deepestLine = Math.max(deepestLine, indent + indicators);
      indent = 0;
      indicators = 0;
      atLineStart = true;
    } else if (atLineStart && c === 0x20) {
      indent++;
    } else {
      atLineStart = false;
      if (c === 0x5b || c === 0x7b) brackets++;
      else if (c === 0x2d || c === 0x3f || c === 0x3a) indicators++;
    }
  }
  return brackets + Math.max(deepestLine, indent + indicators);
}

/** Non-scalar keys and prototype-reaching keys are refused, with the key's position. */
function checkKeys(
  doc: Document.Parsed,
  position: (offset: number) => SourcePosition,
  at: (code: string, message: string, line?: number, col?: number) => Diagnostic,
): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const stack: { node: unknown; depth: number }[] = [{ node: doc.contents, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (isMap(node) || isSeq(node)) {
      const start = (node as Node).range?.[0] ?? 0;
      if (depth > YAML_LIMITS.maxDepth) {
        const { line, col } = position(start);
        problems.push(at('TOO_DEEP', `nesting deeper than ${YAML_LIMITS.maxDepth} levels`, line, col));
        continue;
      }
      for (const item of node.items as unknown[]) {
        if (isPair(item)) {
          const key = item.key;
          if (key !== null && !isScalar(key)) {
            const { line, col } = position((key as Node).range?.[0] ?? start);
            problems.push(at('COMPLEX_KEY', 'keys must be plain strings, not lists, mappings or aliases', line, col));
          } else if (isScalar(key) && FORBIDDEN_KEYS.has(String(key.value))) {
            const { line, col } = position(key.range?.[0] ?? start);
            problems.push(at('FORBIDDEN_KEY', `the key "${String(key.value)}" is not allowed`, line, col));
          }
          stack.push({ node: item.value, depth: depth + 1 });
        } else {
          stack.push({ node: item, depth: depth + 1 });
        }
      }
    }
  }
  return problems;
}

/** Nesting depth of a plain value, iteratively (no recursion on untrusted data). */
function depthOf(value: unknown): number {
  let max = 0;
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 1 }];
  let visited = 0;
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (++visited > 1_000_000 || depth > YAML_LIMITS.maxDepth) return Math.max(depth, YAML_LIMITS.maxDepth + 1);
    max = Math.max(max, depth);
    for (const child of Array.isArray(current) ? current : Object.values(current)) stack.push({ value: child, depth: depth + 1 });
  }
  return max;
}

function locateIn(
  doc: Document.Parsed,
  path: readonly (string | number)[],
  key: boolean,
  position: (offset: number) => SourcePosition,
): SourcePosition {
  let node: unknown = doc.contents;
  let last: SourcePosition = position((doc.contents as Node | null)?.range?.[0] ?? 0);
  for (let i = 0; i < path.length; i++) {
    if (isAlias(node)) node = node.resolve(doc);
    const segment = path[i]!;
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) return last;
      const keyNode = pair.key as Node;
      if ((key && i === path.length - 1) || pair.value === null) return position(keyNode.range?.[0] ?? 0);
      next = pair.value;
    } else if (isSeq(node)) {
      next = node.items[Number(segment)];
    }
    const range = (next as Node | undefined)?.range;
    if (!range) return last;
    last = position(range[0]);
    node = next;
  }
  return last;
}
