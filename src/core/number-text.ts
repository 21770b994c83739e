/**
 * Numbers for people: reports, the terminal, JUnit messages, the live page and the texts a run journals.
 * The journal and report.json keep the exact values; only what people read is rounded, the same way
 * everywhere so that one value reads the same in every place it appears.
 */

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

/**
 * A measured value: 226.35328801901213 → "226.4", 0.000123456 → "0.0001235", 1613.7 → "1,614", 5 → "5".
 * Four significant digits, but never fewer digits than the whole part has: CloudWatch statistics carry
 * float noise, and four digits keep 99.87 % apart from a 99.9 % threshold. Written as Intl.NumberFormat
 * would (maximumSignificantDigits 4, maximumFractionDigits 0, roundingPriority morePrecision: it rounds
 * the shortest round-trip digits half away from zero), without loading ICU's locale data (≈ 20 ms, in
 * every game day's report): a differential test holds the two together.
 */
export function numberText(value: number): string {
  if (!Number.isFinite(value)) return WRITTEN().format(value);
  if (value === 0) return '0';
  let { digits, point } = shortestDigits(Math.abs(value));
  const keep = Math.max(4, point);
  if (digits.length > keep) {
    const up = digits.charCodeAt(keep) >= 53; // '5'
    digits = digits.slice(0, keep);
    if (up) {
      const carried = roundUp(digits);
      if (carried.length > digits.length) point++;
      digits = carried.slice(0, Math.max(4, point));
    }
  }
  return `${value < 0 ? '-' : ''}${decimalText(digits, point)}`;
}

/** String()'s digits of a positive finite number, without leading zeros: value = 0.<digits> × 10^point. */
function shortestDigits(value: number): { digits: string; point: number } {
  const [mantissa, exponent] = String(value).split('e');
  const [whole, fraction = ''] = mantissa!.split('.');
  let digits = whole! + fraction;
  let point = whole!.length + Number(exponent ?? 0);
  const leading = digits.length - digits.replace(/^0+/, '').length;
  digits = digits.slice(leading);
  point -= leading;
  return { digits, point };
}

/** The digits plus one in the last place: "1299" → "1300", "999" → "1000". */
function roundUp(digits: string): string {
  const nines = digits.length - digits.replace(/9+$/, '').length;
  if (nines === digits.length) return `1${'0'.repeat(digits.length)}`;
  const at = digits.length - nines - 1;
  return `${digits.slice(0, at)}${Number(digits[at]) + 1}${'0'.repeat(nines)}`;
}

/** 0.<digits> × 10^point in positional notation, with thousands separators and no trailing fraction zeros. */
function decimalText(digits: string, point: number): string {
  const whole = point <= 0 ? '0' : digits.slice(0, point).padEnd(point, '0');
  const fraction = (point < 0 ? '0'.repeat(-point) + digits : digits.slice(Math.max(point, 0))).replace(/0+$/, '');
  return `${withSeparators(whole)}${fraction ? `.${fraction}` : ''}`;
}

function withSeparators(whole: string): string {
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
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
  return `${withSeparators(whole!)}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** Two significant figures, for an estimate said with "≈": 1,613 → "1,600"; 47 → "47". */
export function approximately(value: number): string {
  const rounded = value < 100 ? Math.round(value) : Number(value.toPrecision(2));
  return limitText(rounded);
}

/** A threshold as written: "< 1.5", ">= 99.995". */
export function thresholdText(threshold: { op: string; value: number }): string {
  return `${threshold.op} ${limitText(threshold.value)}`;
}

/**
 * A service's own words with the measured values in them as numberText gives them: CloudWatch
 * writes a datapoint in full ("[1.917785374802077 (22/05/26 02:15:00)]"). Only a decimal with five
 * or more fractional digits standing alone is a measured value; ids, addresses and versions are not.
 */
export function withRoundedValues(text: string): string {
  return text.replace(/(?<![\w.])-?\d+\.\d{5,}(?![\w.])/g, (value) => numberText(Number(value)));
}
