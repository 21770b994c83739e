import { Flags } from '@oclif/core';
import { chooseFormat } from './format-choice.js';

/** `--format`: one of `formats`, or an alias of one (`md` → markdown); a typo gets a did-you-mean. */
export function formatFlag(formats: readonly string[], options: { description: string; default: string }) {
  return Flags.string({
    description: options.description,
    default: options.default,
    helpValue: `<${formats.join('|')}>`,
    parse: async (input) => chooseFormat(formats, input),
  });
}
