/**
 * The arithmetic part of CloudWatch metric math, as GetMetricData evaluates an Expression: query
 * ids, numbers, + - * /, unary minus and parentheses. Series combine timestamp by timestamp (only
 * timestamps both sides have); a series with a number applies to every point; x / 0 has no value.
 * Functions (SUM, IF, FILL, METRICS…) are not supported: the error says so.
 */
export type Series = Map<number, number>;
type Value = Series | number;

export class MetricMathError extends Error {}

type Token = { kind: 'num'; value: number } | { kind: 'id'; name: string } | { kind: 'op'; op: string };

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  // "," only so that FILL(m, 0) is refused as the function it is, not as a stray comma.
  const re = /\s*(?:(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|([-+*/(),]))/y;
  let at = 0;
  while (at < expression.length) {
    if (/^\s*$/.test(expression.slice(at))) break;
    re.lastIndex = at;
    const m = re.exec(expression);
    if (!m) throw new MetricMathError(`unexpected "${expression.slice(at).trim()[0]}" at position ${at + 1}`);
    if (m[1] !== undefined) tokens.push({ kind: 'num', value: Number(m[1]) });
    else if (m[2] !== undefined) tokens.push({ kind: 'id', name: m[2] });
    else tokens.push({ kind: 'op', op: m[3]! });
    at = re.lastIndex;
  }
  return tokens;
}

function combine(a: Value, b: Value, f: (x: number, y: number) => number): Value {
  if (typeof a === 'number' && typeof b === 'number') return f(a, b);
  const out: Series = new Map();
  const put = (t: number, v: number) => Number.isFinite(v) && out.set(t, v);
  if (typeof a === 'number') for (const [t, v] of b as Series) put(t, f(a, v));
  else if (typeof b === 'number') for (const [t, v] of a) put(t, f(v, b));
  else for (const [t, v] of a) if (b.has(t)) put(t, f(v, b.get(t)!));
  return out;
}

const OPS: Record<string, (x: number, y: number) => number> = { '+': (x, y) => x + y, '-': (x, y) => x - y, '*': (x, y) => x * y, '/': (x, y) => x / y };

/** Evaluates `expression`; `resolve` gives the series of a query id (or throws for an unknown one). */
export function evaluate(expression: string, resolve: (id: string) => Series): Value {
  const tokens = tokenize(expression);
  let i = 0;
  const peek = () => tokens[i];
  const isOp = (op: string) => peek()?.kind === 'op' && (peek() as { op: string }).op === op;
  const primary = (): Value => {
    const token = tokens[i++];
    if (!token) throw new MetricMathError('the expression ends too early');
    if (token.kind === 'num') return token.value;
    if (token.kind === 'id') {
      if (isOp('(')) throw new MetricMathError(`function ${token.name}() is not supported by the sandbox (arithmetic on query ids only)`);
      return resolve(token.name);
    }
    if (token.op === '(') {
      const inner = sum();
      if (!isOp(')')) throw new MetricMathError('a "(" is not closed');
      i++;
      return inner;
    }
    if (token.op === '-') return combine(0, primary(), OPS['-']!);
    throw new MetricMathError(`unexpected "${token.op}"`);
  };
  const product = (): Value => {
    let left = primary();
    while (isOp('*') || isOp('/')) {
      const op = (tokens[i++] as { op: string }).op;
      left = combine(left, primary(), OPS[op]!);
    }
    return left;
  };
  const sum = (): Value => {
    let left = product();
    while (isOp('+') || isOp('-')) {
      const op = (tokens[i++] as { op: string }).op;
      left = combine(left, product(), OPS[op]!);
    }
    return left;
  };
  const value = sum();
  if (i < tokens.length) throw new MetricMathError(`unexpected "${(tokens[i] as { op?: string; name?: string }).op ?? (tokens[i] as { name?: string }).name ?? (tokens[i] as { value?: number }).value}"`);
  return value;
}

/** Why the sandbox cannot evaluate `expression` (a function, a comparison, a string…), or undefined when it can. */
export function notEmulated(expression: string): string | undefined {
  try {
    evaluate(expression, () => new Map());
    return undefined;
  } catch (error) {
    if (error instanceof MetricMathError) return error.message;
    throw error;
  }
}
