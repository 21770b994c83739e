#!/usr/bin/env node
// `gameday validate` and `gameday plan` (run on every save and in every PR) start from one
// pre-bundled file each (scripts/build-bundles.js): loading oclif, yaml and the core as separate
// modules costs more than the work. Help and every other command go through oclif.
const FAST_COMMANDS = new Set(['validate', 'plan']);
const [command, ...rest] = process.argv.slice(2);
if (FAST_COMMANDS.has(command) && !rest.some((arg) => arg === '--help' || arg === '-h')) {
  const { default: Command } = await import(`../dist/bundle/commands/${command}.js`);
  await Command.run(rest, new URL('..', import.meta.url).pathname);
} else {
  const { execute } = await import('@oclif/core');
  await execute({ dir: import.meta.url });
  // The command is done and its output written (stdout/stderr are synchronous for files and pipes).
  // The AWS SDK's HTTP handler leaves a 20 s timer behind for every failed request; waiting for them
  // would hold an interrupted run's exit for 20 s after the stop.
  process.exit();
}
