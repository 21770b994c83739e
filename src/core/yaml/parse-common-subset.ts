import type { SourcePosition } from './load-document.js';

/**
 * Scenarios and worlds are written in a small part of YAML: block mappings and sequences, one-line
 * flow collections, plain and simple quoted scalars, comments. Read cold (every `gameday validate`
 * and `plan` is a fresh process) the yaml library's lexer, parser and composer cost more than the
 * rest of the command; this reads that part of YAML directly, line by line with regular
 * expressions, and answers undefined for anything else (anchors, tags, block scalars, multi-line
 * scalars, escapes, empty values, duplicate or unusual keys, tabs, …) so that the yaml library reads
 * it as before. Where it answers, value and positions are the ones the yaml library gives (the core
 * schema, yaml 1.2; test/unit/yaml/parse-common-subset.test.ts compares the two on every YAML file in
 * the repository and on mutations of them).
 */
export interface CommonSubsetDocument {
  value: Record<string, unknown>;
  /** As YamlDocument.locate: where a path into the value is written (the key with key: true). */
  locate(path: readonly (string | number)[], key: boolean): SourcePosition;
}

type SubsetNode = { at: SourcePosition; value: unknown } & ({ pairs: SubsetPair[] } | { items: SubsetNode[] } | {});
interface SubsetPair {
  key: string;
  keyAt: SourcePosition;
  node: SubsetNode;
}
interface ContentLine {
  text: string;
  /** 1-based line number. */
  line: number;
  indent: number;
}

/** Outside the subset: the caller falls back to the yaml library. */
class OutsideSubset extends Error {}

/** Characters that make the file something to leave to the yaml library wherever they are. */
const UNUSUAL_CHARACTERS = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;
const BLANK_OR_COMMENT = /^ *(?:#.*)?$/;
/** A plain scalar cannot start with an indicator (a `-` followed by a non-space is a plain scalar). */
const INDICATOR_START = /^(?:[?:,[\]{}#&*!|>'"%@`]|-(?:[ ,[\]{}]|$))/;
/** Where a plain scalar ends in block context: a mapping indicator or a comment. */
const BLOCK_PLAIN_END = /: |:$| #/g;
/** In flow context also at a flow indicator. */
const FLOW_PLAIN_END = /[,[\]{}]|: |:(?=[,[\]{}])|:$| #/g;
const MAX_DEPTH = 32;
/** yaml refuses implicit keys over 1024 characters; far below that is certain. */
const MAX_KEY_LENGTH = 512;
const UNUSUAL_KEYS = new Set(['__proto__', 'constructor', 'prototype', '<<']);

export function parseCommonSubset(text: string): CommonSubsetDocument | undefined {
  if (UNUSUAL_CHARACTERS.test(text)) return undefined;
  const lines: ContentLine[] = [];
  const raw = text.split('\n');
  for (let i = 0; i < raw.length; i++) {
    const line = raw[i]!;
    if (BLANK_OR_COMMENT.test(line)) continue;
    // Document markers and directives: more than one document, or a YAML version to honour.
    if (/^(?:---|\.\.\.)(?: |$)|^%/.test(line)) return undefined;
    lines.push({ text: line, line: i + 1, indent: skipSpaces(line, 0) });
  }
  if (lines.length === 0 || lines[0]!.indent !== 0) return undefined;
  try {
    const reader = new SubsetReader(lines);
    const root = reader.block(0, 1);
    if (!('pairs' in root) || !reader.done()) return undefined;
    return { value: root.value as Record<string, unknown>, locate: (path, key) => locate(root, path, key) };
  } catch (error) {
    if (error instanceof OutsideSubset) return undefined;
    throw error;
  }
}

class SubsetReader {
  private next = 0;

  constructor(private readonly lines: ContentLine[]) {}

  done(): boolean {
    return this.next === this.lines.length;
  }

  /** The block node whose first line is the current one, starting at column `col`. */
  block(col: number, depth: number): SubsetNode {
    if (depth > MAX_DEPTH) throw new OutsideSubset();
    const line = this.lines[this.next]!;
    return isSequenceItem(line.text, col) ? this.sequence(col, depth) : this.mapping(col, depth);
  }

  private mapping(col: number, depth: number): SubsetNode {
    const first = this.lines[this.next]!;
    const value: Record<string, unknown> = {};
    const pairs: SubsetPair[] = [];
    for (let start = col; this.next < this.lines.length; ) {
      const line = this.lines[this.next]!;
      if (pairs.length > 0) {
        if (line.indent < col) break;
        if (line.indent > col) throw new OutsideSubset();
        start = line.indent;
      }
      const { text } = line;
      if (isSequenceItem(text, start) || INDICATOR_START.test(text.slice(start))) throw new OutsideSubset();
      BLOCK_PLAIN_END.lastIndex = start;
      const end = BLOCK_PLAIN_END.exec(text);
      if (!end || end[0] === ' #') throw new OutsideSubset();
      const key = text.slice(start, end.index);
      if (key.endsWith(' ') || key.length > MAX_KEY_LENGTH || UNUSUAL_KEYS.has(key) || plainValue(key) !== key || Object.hasOwn(value, key)) throw new OutsideSubset();
      const keyAt = { line: line.line, col: start + 1 };
      const after = skipSpaces(text, end.index + 1);
      let node: SubsetNode;
      if (after === text.length || text[after] === '#') {
        // The value is the block on the lines below: deeper, or a sequence at the key's own indent.
        this.next++;
        const below = this.lines[this.next];
        if (below && below.indent > col) node = this.block(below.indent, depth + 1);
        else if (below && below.indent === col && isSequenceItem(below.text, col)) node = this.sequence(col, depth + 1);
        else throw new OutsideSubset();
      } else {
        node = inlineValue(line, after, depth + 1);
        this.next++;
      }
      value[key] = node.value;
      pairs.push({ key, keyAt, node });
    }
    return { at: { line: first.line, col: col + 1 }, value, pairs };
  }

  private sequence(col: number, depth: number): SubsetNode {
    const first = this.lines[this.next]!;
    const value: unknown[] = [];
    const items: SubsetNode[] = [];
    while (this.next < this.lines.length) {
      const line = this.lines[this.next]!;
      if (items.length > 0 && (line.indent !== col || !isSequenceItem(line.text, col))) {
        if (line.indent > col) throw new OutsideSubset();
        break;
      }
      const { text } = line;
      const start = skipSpaces(text, col + 1);
      // `-` alone (the item on the lines below), `- - x`, `- # …`: left to the yaml library.
      if (start === text.length || text[start] === '#' || isSequenceItem(text, start)) throw new OutsideSubset();
      let node: SubsetNode;
      if (opensMapping(text, start)) {
        node = this.mapping(start, depth + 1);
      } else {
        node = inlineValue(line, start, depth + 1);
        this.next++;
      }
      value.push(node.value);
      items.push(node);
    }
    return { at: { line: first.line, col: col + 1 }, value, items };
  }
}

function isSequenceItem(text: string, col: number): boolean {
  return text[col] === '-' && (col + 1 === text.length || text[col + 1] === ' ');
}

/** A plain key followed by `: ` (or `:` at the end of the line) starts a mapping. */
function opensMapping(text: string, start: number): boolean {
  if (INDICATOR_START.test(text.slice(start))) return false;
  BLOCK_PLAIN_END.lastIndex = start;
  const end = BLOCK_PLAIN_END.exec(text);
  return end !== null && end[0] !== ' #';
}

/** YAML's white space is the space (tabs are left to the yaml library); String.trim would also take U+00A0 and the like. */
function trimSpaces(source: string): string {
  return source.replace(/ +$/, '');
}

function skipSpaces(text: string, from: number): number {
  let at = from;
  while (text[at] === ' ') at++;
  return at;
}

/** A scalar or a flow collection that ends the line (a comment may follow). */
function inlineValue(line: ContentLine, start: number, depth: number): SubsetNode {
  const { text } = line;
  const c = text[start];
  if (c === '"' || c === "'" || c === '[' || c === '{') {
    const read = c === '[' || c === '{' ? flowCollection(line, start, depth) : quoted(line, start);
    if (!/^ *(?: #.*)?$/.test(text.slice(read.end))) throw new OutsideSubset();
    return read.node;
  }
  if (INDICATOR_START.test(text.slice(start))) throw new OutsideSubset();
  BLOCK_PLAIN_END.lastIndex = start;
  const end = BLOCK_PLAIN_END.exec(text);
  // `key: a: b` is a nested mapping on one line, which YAML forbids.
  if (end && end[0] !== ' #') throw new OutsideSubset();
  const source = trimSpaces(text.slice(start, end ? end.index : text.length));
  return { at: { line: line.line, col: start + 1 }, value: plainValue(source) };
}

function quoted(line: ContentLine, start: number): { node: SubsetNode; end: number } {
  const { text } = line;
  const quote = text[start]!;
  let at = start + 1;
  let value = '';
  for (;;) {
    const close = text.indexOf(quote, at);
    if (close < 0) throw new OutsideSubset();
    const part = text.slice(at, close);
    // Escapes in double quotes are left to the yaml library; `''` is a quote in single quotes.
    if (quote === '"' && part.includes('\\')) throw new OutsideSubset();
    value += part;
    if (quote === "'" && text[close + 1] === "'") {
      value += "'";
      at = close + 2;
      continue;
    }
    return { node: { at: { line: line.line, col: start + 1 }, value }, end: close + 1 };
  }
}

/** `[a, b]` or `{ k: v, … }` on one line; nested ones too. */
function flowCollection(line: ContentLine, start: number, depth: number): { node: SubsetNode; end: number } {
  if (depth > MAX_DEPTH) throw new OutsideSubset();
  const { text } = line;
  const isMap = text[start] === '{';
  const close = isMap ? '}' : ']';
  const value: Record<string, unknown> | unknown[] = isMap ? {} : [];
  const pairs: SubsetPair[] = [];
  const items: SubsetNode[] = [];
  let at = skipSpaces(text, start + 1);
  if (text[at] === close) at++;
  else {
    for (;;) {
      if (isMap) {
        if (INDICATOR_START.test(text.slice(at))) throw new OutsideSubset();
        FLOW_PLAIN_END.lastIndex = at;
        const end = FLOW_PLAIN_END.exec(text);
        if (!end || end[0] !== ': ') throw new OutsideSubset();
        const key = text.slice(at, end.index);
        const record = value as Record<string, unknown>;
        if (key.endsWith(' ') || key.length > MAX_KEY_LENGTH || UNUSUAL_KEYS.has(key) || plainValue(key) !== key || Object.hasOwn(record, key)) throw new OutsideSubset();
        const keyAt = { line: line.line, col: at + 1 };
        const item = flowItem(line, skipSpaces(text, end.index + 2), depth + 1);
        record[key] = item.node.value;
        pairs.push({ key, keyAt, node: item.node });
        at = item.end;
      } else {
        const item = flowItem(line, at, depth + 1);
        (value as unknown[]).push(item.node.value);
        items.push(item.node);
        at = item.end;
      }
      at = skipSpaces(text, at);
      if (text[at] === close) {
        at++;
        break;
      }
      if (text[at] !== ',') throw new OutsideSubset();
      at = skipSpaces(text, at + 1);
      // A trailing comma, or an empty entry.
      if (text[at] === close || text[at] === ',') throw new OutsideSubset();
    }
  }
  const at0 = { line: line.line, col: start + 1 };
  return { node: isMap ? { at: at0, value, pairs } : { at: at0, value, items }, end: at };
}

function flowItem(line: ContentLine, start: number, depth: number): { node: SubsetNode; end: number } {
  const { text } = line;
  const c = text[start];
  if (c === '[' || c === '{') return flowCollection(line, start, depth);
  if (c === '"' || c === "'") return quoted(line, start);
  if (start >= text.length || INDICATOR_START.test(text.slice(start))) throw new OutsideSubset();
  FLOW_PLAIN_END.lastIndex = start;
  const end = FLOW_PLAIN_END.exec(text);
  // `[a: b]` (a pair in a sequence), a comment or the end of the line inside the collection.
  if (!end || !/^[,[\]{}]$/.test(end[0])) throw new OutsideSubset();
  const source = trimSpaces(text.slice(start, end.index));
  return { node: { at: { line: line.line, col: start + 1 }, value: plainValue(source) }, end: end.index };
}

/** A plain scalar's value under the YAML 1.2 core schema, in the yaml library's order and way. */
function plainValue(source: string): unknown {
  if (!/^[-+.0-9~nNtTfF]/.test(source)) return source;
  if (/^(?:~|[Nn]ull|NULL)$/.test(source)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(source)) return source[0] === 't' || source[0] === 'T';
  if (/^0o[0-7]+$/.test(source)) return parseInt(source.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(source)) return parseInt(source, 10);
  if (/^0x[0-9a-fA-F]+$/.test(source)) return parseInt(source.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(source)) {
    return source.slice(-3).toLowerCase() === 'nan' ? NaN : source[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(source) || /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(source)) return parseFloat(source);
  return source;
}

/** As load-document's locateIn on the yaml library's nodes. */
function locate(root: SubsetNode, path: readonly (string | number)[], key: boolean): SourcePosition {
  let node: SubsetNode = root;
  let last = root.at;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    let next: SubsetNode | undefined;
    if ('pairs' in node) {
      const pair = node.pairs.find((p) => p.key === String(segment));
      if (!pair) return last;
      if (key && i === path.length - 1) return pair.keyAt;
      next = pair.node;
    } else if ('items' in node) {
      next = node.items[Number(segment)];
    }
    if (!next) return last;
    last = next.at;
    node = next;
  }
  return last;
}
