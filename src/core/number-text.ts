/**
 * Numbers for people: reports, the terminal, JUnit messages, the live page and the texts a run journals.
 * The journal and report.json keep the exact values; only what people read is rounded, the same way
 * everywhere so that one value reads the same in every place it appears.
 */

// Four significant digits, but never fewer digits than the whole part has: CloudWatch statistics carry
// float noise (226.35328801901213), and four digits keep 99.87 % apart from a 99.9 % threshold.
const MEASURED = lazyFormat({ maximumSignificantDigits: 4, maximumFractionDigits: 0, roundingPriority: 'morePrecision' });
// A limit someone wrote (a threshold, a burn-rate bound): every digit they wrote, never rounded.
const WRITTEN = lazyFormat({ maximumFractionDigits: 20 });

/**
 * A formatter made on first use: the first Intl.NumberFormat loads ICU's locale data (≈ 20 ms), and
 * `validate` and `plan` import this module (plan texts) but mostly format no number at all.
 */
function lazyFormat(options: Intl.NumberFormatOptions): () => Intl.NumberFormat {
  let format: Intl.NumberFormat | undefined;
  return () => (format ??= new Intl.NumberFormat('en-US', options));
}

/** A measured value: 226.35328801901213 → "226.4", 0.000123456 → "0.0001235", 1613.7 → "1,614", 5 → "5". */
export function numberText(value: number): string {
  return MEASURED().format(value === 0 ? 0 : value);
}

/** A limit as written, with thousands separators: 99.995 → "99.995", 5000 → "5,000". */
export function limitText(value: number): string {
  const written = value === 0 ? 0 : value;
  const text = String(written);
  // JavaScript's shortest round-trip digits are the digits written, as Intl's are: Intl (its first use
  // loads ICU's locale data) only for what String() writes otherwise (1e-7, 1e+21, Infinity, NaN) and
  // for more than the 20 decimals WRITTEN keeps.
  if (!/^-?\d+(\.\d{1,20})?$/.test(text)) return WRITTEN().format(written);
  const [whole, fraction] = text.split('.');
  return `${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** Two significant figures, for an estimate said with "≈": 1,613 → "1,600"; 47 → "47". */
export function approximately(value: number): string {
  const rounded = value < 100 ? Math.round(value) : Number(value.toPrecision(2));
  return rounded.toLocaleString('en-US');
}

/** A threshold as written: "< 1.5", ">= 99.995". */
export function thresholdText(threshold: { op: string; value: number }): string {
  return `${threshold.op} ${limitText(threshold.value)}`;
}
