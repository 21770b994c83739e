import { readFileSync } from 'node:fs';
import type { FastCommand } from '../fast-start.js';
import { fastStart } from '../fast-start.js';
import { projectConfig } from '../project-config.js';
import { checkReportsDir, defaultReportsDir } from '../reports-dir.js';
import { runBody } from '../run-body.js';

/** Three levels below the root, as dist/bundle/commands/run.cjs is: the package's version, as oclif reads it. */
const VERSION = (): string => (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/**
 * `gameday run`'s flags (besides --json) as the fast start reads them; test/commands/fast-start.test.ts
 * keeps them in step with the oclif command. Loading oclif and the SDK as separate modules costs more
 * than a game day on the embedded sandbox; the rooms' modes (--live, --facilitated) are left to oclif.
 */
export const run: FastCommand = {
  args: 1,
  flags: {
    plan: {},
    sandbox: { boolean: true },
    world: { dependsOn: ['sandbox'] },
    speed: { dependsOn: ['sandbox'] },
    facilitated: { boolean: true, oclifOnly: true },
    'clock-start': { dependsOn: ['sandbox'] },
    profile: {},
    region: {},
    'endpoint-url': {},
    'reports-dir': { parse: checkReportsDir },
    yes: { boolean: true },
    'keep-template': { boolean: true },
    live: { boolean: true, oclifOnly: true },
    port: { dependsOn: ['live'], oclifOnly: true },
    'check-only': { boolean: true, exclusive: ['keep-template', 'scheduled-for', 'live'] },
    'scheduled-for': {},
  },
  run: (parsed, io) => {
    const text = (name: string) => (typeof parsed.flags[name] === 'string' ? { [name]: parsed.flags[name] as string } : {});
    const on = (name: string) => parsed.flags[name] === true;
    return runBody(
      {
        scenario: parsed.args[0]!,
        ...text('plan'),
        ...text('world'),
        ...text('speed'),
        ...text('clock-start'),
        ...text('profile'),
        ...text('region'),
        ...text('endpoint-url'),
        ...text('scheduled-for'),
        'reports-dir': typeof parsed.flags['reports-dir'] === 'string' ? parsed.flags['reports-dir'] : defaultReportsDir(),
        sandbox: on('sandbox'),
        yes: on('yes'),
        'keep-template': on('keep-template'),
        'check-only': on('check-only'),
        facilitated: false,
        live: false,
      },
      io,
      { project: projectConfig(), version: VERSION() },
    );
  },
};

/** bin/run.js's entry for `gameday run` (bundled by scripts/build-bundles.js). */
export default function start(argv: readonly string[]): Promise<boolean> {
  return fastStart(argv, run);
}
