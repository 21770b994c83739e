/**
 * Just enough of CloudWatch's metric math syntax to know which query ids an expression reads, and
 * to rename them, without judging the rest: CloudWatch evaluates the expression (GetMetricData),
 * so gameday must not refuse a function or operator it does not know. Query ids start with a
 * lower-case letter (CloudWatch's rule), functions and keywords (SUM, FILL, REPEAT, DESC…) are
 * upper case, and strings ('…' or "…", SEARCH's and METRICS()'s arguments) are skipped whole.
 * A Metrics Insights query (SELECT … FROM …) reads no ids.
 */

interface IdToken {
  name: string;
  start: number;
  end: number;
}

const ID_START = /[a-z]/;
const WORD = /[A-Za-z0-9_]/;

/** The id tokens of an expression, with where each is written; or what keeps it from being read. */
/** calls: the words the expression calls (FILL, DIFF, METRICS…), as written. */
function scan(expression: string): { ids: IdToken[]; calls: string[]; problem?: string } {
  if (/^\s*SELECT\b/i.test(expression)) return { ids: [], calls: [] };
  const ids: IdToken[] = [];
  const calls: string[] = [];
  const open: string[] = [];
  let i = 0;
  while (i < expression.length) {
    const c = expression[i]!;
    if (c === "'" || c === '"') {
      const close = findClosingQuote(expression, i);
      if (close < 0) return { ids, calls, problem: `the string starting at position ${i + 1} is not closed` };
      i = close + 1;
    } else if (/[A-Za-z_]/.test(c)) {
      let end = i + 1;
      while (end < expression.length && WORD.test(expression[end]!)) end++;
      const next = /\S/.exec(expression.slice(end))?.[0];
      if (next === '(') calls.push(expression.slice(i, end));
      else if (ID_START.test(c)) ids.push({ name: expression.slice(i, end), start: i, end });
      i = end;
    } else if (/\d|\./.test(c)) {
      // a number, exponent included (1e3 names no id e3)
      const m = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(expression.slice(i));
      i += m ? m[0].length : 1;
    } else {
      if (c === '(' || c === '[' || c === '{') open.push(c);
      else if (c === ')' || c === ']' || c === '}') {
        const expected = { ')': '(', ']': '[', '}': '{' }[c];
        if (open.pop() !== expected) return { ids, calls, problem: `"${c}" at position ${i + 1} closes nothing` };
      }
      i++;
    }
  }
  if (open.length) return { ids, calls, problem: `a "${open[open.length - 1]}" is not closed` };
  return { ids, calls };
}

function findClosingQuote(text: string, at: number): number {
  const quote = text[at];
  for (let i = at + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return i;
  }
  return -1;
}

/** The query ids an expression reads, each once, in the order written. */
export function expressionIds(expression: string): string[] {
  return [...new Set(scan(expression).ids.map((t) => t.name))];
}

/** The functions the expression calls (FILL, DIFF, RUNNING_SUM, METRICS…), upper-cased, each once: arithmetic alone calls none. */
export function calledFunctions(expression: string): string[] {
  return [...new Set(scan(expression).calls.map((name) => name.toUpperCase()))];
}

/** Why the expression cannot be read (an unclosed string or bracket), if it cannot. */
export function expressionSyntaxProblem(expression: string): string | undefined {
  return scan(expression).problem;
}

/** The expression with each id it reads renamed (strings and functions untouched). */
export function renameExpressionIds(expression: string, rename: (id: string) => string): string {
  let out = '';
  let at = 0;
  for (const token of scan(expression).ids) {
    out += expression.slice(at, token.start) + rename(token.name);
    at = token.end;
  }
  return out + expression.slice(at);
}
