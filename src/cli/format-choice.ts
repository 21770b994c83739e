import { GamedayError } from '../core/errors.js';
import { closestMatch } from '../core/yaml/did-you-mean.js';

/** Short names people type for an output format; each command accepts those of its formats. */
const FORMAT_ALIASES: Record<string, string> = { md: 'markdown', gh: 'github' };

/** The format `input` names among `formats` (an alias such as `md` → markdown); a typo gets a did-you-mean. */
export function chooseFormat(formats: readonly string[], input: string): string {
  const value = formats.includes(input) ? input : FORMAT_ALIASES[input];
  if (value !== undefined && formats.includes(value)) return value;
  const near = closestMatch(input, [...formats, ...Object.keys(FORMAT_ALIASES).filter((a) => formats.includes(FORMAT_ALIASES[a]!))]);
  throw new GamedayError('USAGE', `--format ${input}: not one of ${formats.join(', ')}`, {
    hint: near ? `did you mean --format ${FORMAT_ALIASES[near] ?? near}?` : `choose one of ${formats.join(', ')}`,
  });
}
