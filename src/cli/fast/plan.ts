import type { FastCommand } from '../fast-start.js';
import { fastStart } from '../fast-start.js';
import { chooseFormat } from '../format-choice.js';
import { PLAN_FORMATS, planBody } from '../plan-body.js';

/** `gameday plan`'s flags (besides --json) as the fast start reads them; test/commands/fast-start.test.ts keeps them in step with the oclif command. */
export const plan: FastCommand = {
  flags: {
    format: { parse: (input) => chooseFormat(PLAN_FORMATS, input), default: 'text' },
    'changed-since': {},
    'iam-policy': { boolean: true, exclusive: ['format', 'out'] },
    out: {},
    // --resolve starts a FIS preview: oclif's command loads the SDK for it.
    resolve: { boolean: true, exclusive: ['iam-policy', 'out'], oclifOnly: true },
    profile: { oclifOnly: true },
    'endpoint-url': { oclifOnly: true },
  },
  run: (parsed, io) => {
    const { format, 'changed-since': changedSince, out } = parsed.flags;
    const input = {
      paths: parsed.args,
      format: String(format),
      ...(typeof changedSince === 'string' ? { changedSince } : {}),
      ...(typeof out === 'string' ? { out } : {}),
      iamPolicy: parsed.flags['iam-policy'] === true,
    };
    return planBody(input, io);
  },
};

/** bin/run.js's entry for `gameday plan` (bundled by scripts/build-bundles.js). */
export default function start(argv: readonly string[]): Promise<boolean> {
  return fastStart(argv, plan);
}
