import { isoDuration } from '../duration.js';

/**
 * A value the schema accepts, near one it refused: what a hint should tell people to write, so that
 * following the hint gives a valid file. Candidates are tried against the field's own pattern; none
 * is offered when none passes.
 */
export function acceptedValueNear(data: unknown, schema: { pattern?: string } | undefined): string | undefined {
  if (schema?.pattern === undefined || (typeof data !== 'string' && typeof data !== 'number')) return undefined;
  const pattern = new RegExp(schema.pattern, 'u');
  return candidates(String(data).trim()).find((c) => pattern.test(c));
}

function candidates(text: string): string[] {
  const out = [text, text.toLowerCase(), text.toUpperCase(), text.charAt(0).toUpperCase() + text.slice(1).toLowerCase()];
  if (/^-?\d+(\.\d+)?$/.test(text)) out.push(`< ${text}`, isoDuration(Number(text)));
  const human = humanDurationSeconds(text);
  if (human !== undefined) out.push(isoDuration(human));
  return out;
}

/** "5m", "30s", "1h30m", "2 h" → seconds; the forms people write before they know ISO 8601. */
function humanDurationSeconds(text: string): number | undefined {
  const m = /^(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s)?$/i.exec(text);
  if (!m || !m.slice(1).some(Boolean)) return undefined;
  const [d, h, min, s] = m.slice(1).map((part) => Number(part ?? 0));
  return d! * 86_400 + h! * 3600 + min! * 60 + s!;
}
