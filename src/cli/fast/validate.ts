import type { FastCommand } from '../fast-start.js';
import { fastStart } from '../fast-start.js';
import { chooseFormat } from '../format-choice.js';
import { VALIDATE_FORMATS, validateBody } from '../validate-body.js';

/** `gameday validate`'s flags (besides --json) as the fast start reads them; test/commands/fast-start.test.ts keeps them in step with the oclif command. */
export const validate: FastCommand = {
  flags: { format: { parse: (input) => chooseFormat(VALIDATE_FORMATS, input), default: 'text' } },
  run: (parsed, io) => validateBody({ paths: parsed.args, format: String(parsed.flags.format) }, io),
};

/** bin/run.js's entry for `gameday validate` (bundled by scripts/build-bundles.js). */
export default function start(argv: readonly string[]): Promise<boolean> {
  return fastStart(argv, validate);
}
