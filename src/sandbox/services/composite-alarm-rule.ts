import type { AlarmStateValue } from '../contracts.js';

/**
 * A composite alarm's AlarmRule (PutCompositeAlarm; CloudWatch guide "Composite alarms"):
 * ALARM(x), OK(x), INSUFFICIENT_DATA(x) — x an alarm name or ARN, bare or in double quotes —
 * TRUE, FALSE, NOT, AND, OR and parentheses. NOT binds tighter than AND, AND tighter than OR.
 * AT_LEAST(…) and anything else the sandbox does not emulate is a RuleError that names it.
 */
export type AlarmRule =
  | { kind: 'const'; value: boolean }
  | { kind: 'state'; state: AlarmStateValue; alarm: string }
  | { kind: 'not'; operand: AlarmRule }
  | { kind: 'and' | 'or'; left: AlarmRule; right: AlarmRule };

export class RuleError extends Error {}

/** "The maximum length is 10240 characters" (PutCompositeAlarm AlarmRule). */
export const MAX_RULE_LENGTH = 10_240;
/**
 * Parentheses nested deeper than this are refused. CloudWatch states no such limit, but a rule of
 * 10,240 characters can nest 5,000 deep, which would exhaust the stack of this recursive parser
 * (and then the sandbox answered InternalFailure, and `validate` of a world an internal error).
 */
export const MAX_RULE_NESTING = 100;
const STATES = new Set<string>(['ALARM', 'OK', 'INSUFFICIENT_DATA']);
const OPERATORS = new Set<string>(['AND', 'OR', 'NOT']);

function notEmulated(name: string): RuleError {
  return new RuleError(`the function ${name}() is not emulated by the sandbox (ALARM, OK, INSUFFICIENT_DATA, TRUE, FALSE, NOT, AND, OR and parentheses are)`);
}

type Token = { kind: 'word'; text: string; at: number } | { kind: '(' | ')'; at: number } | { kind: 'ref'; text: string; at: number };

export function parseAlarmRule(rule: string): AlarmRule {
  if (rule.length > MAX_RULE_LENGTH) throw new RuleError(`the rule is ${rule.length} characters; at most ${MAX_RULE_LENGTH}`);
  const tokens = tokenize(rule);
  let i = 0;
  let depth = 0;
  const peekWord = (word: string) => {
    const t = tokens[i];
    return t?.kind === 'word' && t.text === word;
  };
  const where = (t: Token | undefined) => (t ? `at position ${t.at + 1}` : 'at the end');
  const expect = (kind: '(' | ')') => {
    const t = tokens[i];
    if (t?.kind !== kind) throw new RuleError(`expected "${kind}" ${where(t)}`);
    i++;
  };
  const or = (): AlarmRule => {
    let left = and();
    while (peekWord('OR')) {
      i++;
      left = { kind: 'or', left, right: and() };
    }
    return left;
  };
  const and = (): AlarmRule => {
    let left = not();
    while (peekWord('AND')) {
      i++;
      left = { kind: 'and', left, right: not() };
    }
    return left;
  };
  const not = (): AlarmRule => {
    if (peekWord('NOT')) {
      i++;
      return { kind: 'not', operand: not() };
    }
    return primary();
  };
  const primary = (): AlarmRule => {
    const t = tokens[i++];
    if (!t) throw new RuleError('the rule ends too early');
    if (t.kind === '(') {
      if (++depth > MAX_RULE_NESTING) throw new RuleError(`parentheses nested deeper than ${MAX_RULE_NESTING} levels ${where(t)}`);
      const inner = or();
      expect(')');
      depth--;
      return inner;
    }
    if (t.kind !== 'word') throw new RuleError(`unexpected ${t.kind === 'ref' ? `"${t.text}"` : `"${t.kind}"`} ${where(t)}`);
    const upper = t.text.toUpperCase();
    if (upper === 'TRUE' || upper === 'FALSE') return { kind: 'const', value: upper === 'TRUE' };
    if (STATES.has(t.text)) {
      expect('(');
      const ref = tokens[i++];
      if (ref?.kind !== 'ref' || ref.text === '') throw new RuleError(`${t.text}() needs an alarm name or ARN ${where(ref)}`);
      expect(')');
      return { kind: 'state', state: t.text as AlarmStateValue, alarm: ref.text };
    }
    throw new RuleError(`unexpected "${t.text}" ${where(t)}`);
  };
  if (tokens.length === 0) throw new RuleError('the rule is empty');
  const parsed = or();
  if (i < tokens.length) {
    const t = tokens[i]!;
    throw new RuleError(`unexpected ${t.kind === 'word' || t.kind === 'ref' ? `"${t.text}"` : `"${t.kind}"`} ${where(t)}`);
  }
  return parsed;
}

/** The argument of a state function is read as a reference (quoted, or bare up to the closing parenthesis). */
function tokenize(rule: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < rule.length) {
    const c = rule[at]!;
    if (/\s/.test(c)) {
      at++;
      continue;
    }
    if (c === '(' || c === ')') {
      tokens.push({ kind: c, at });
      at++;
      const previous = tokens[tokens.length - 2];
      if (c === '(' && previous?.kind === 'word') {
        if (STATES.has(previous.text)) at = readReference(rule, at, tokens);
        else if (!OPERATORS.has(previous.text)) throw notEmulated(previous.text);
      }
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rule.slice(at));
    if (!word) throw new RuleError(`unexpected "${c}" at position ${at + 1}`);
    tokens.push({ kind: 'word', text: word[0], at });
    at += word[0].length;
  }
  return tokens;
}

function readReference(rule: string, from: number, tokens: Token[]): number {
  let at = from;
  while (at < rule.length && /\s/.test(rule[at]!)) at++;
  if (rule[at] === '"') {
    let text = '';
    let j = at + 1;
    for (; j < rule.length && rule[j] !== '"'; j++) {
      if (rule[j] === '\\' && j + 1 < rule.length) j++;
      text += rule[j];
    }
    if (j >= rule.length) throw new RuleError(`a quoted alarm name at position ${at + 1} is not closed`);
    tokens.push({ kind: 'ref', text, at });
    return j + 1;
  }
  const close = rule.indexOf(')', at);
  const end = close === -1 ? rule.length : close;
  tokens.push({ kind: 'ref', text: rule.slice(at, end).trim(), at });
  return end;
}

/** Every alarm the rule references, in order of appearance, without repeats. */
export function ruleAlarms(rule: AlarmRule): string[] {
  const out: string[] = [];
  const walk = (r: AlarmRule): void => {
    if (r.kind === 'state') {
      if (!out.includes(r.alarm)) out.push(r.alarm);
    } else if (r.kind === 'not') walk(r.operand);
    else if (r.kind === 'and' || r.kind === 'or') {
      walk(r.left);
      walk(r.right);
    }
  };
  walk(rule);
  return out;
}

export function evaluateAlarmRule(rule: AlarmRule, stateOf: (alarm: string) => AlarmStateValue | undefined): boolean {
  switch (rule.kind) {
    case 'const':
      return rule.value;
    case 'state':
      return stateOf(rule.alarm) === rule.state;
    case 'not':
      return !evaluateAlarmRule(rule.operand, stateOf);
    case 'and':
      return evaluateAlarmRule(rule.left, stateOf) && evaluateAlarmRule(rule.right, stateOf);
    case 'or':
      return evaluateAlarmRule(rule.left, stateOf) || evaluateAlarmRule(rule.right, stateOf);
  }
}
