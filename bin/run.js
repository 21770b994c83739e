#!/usr/bin/env node
// `gameday validate` and `gameday plan` (run on every save and in every PR), and `gameday run` (a game
// day on the embedded sandbox costs less than loading oclif and the SDK as separate modules), start
// from one pre-bundled script each, without oclif and from V8's code cache (src/cli/fast/,
// bin/cached-script.js, scripts/build-bundles.js): loading oclif, yaml and the core as separate
// modules costs more than the work. What the fast start does not understand (help, an unknown
// flag, a bad value) it leaves untouched, and oclif handles it as for every other command: oclif and
// all the commands (without the SDK, which the AWS commands load as they need it) are one more
// bundle, dist/bundle/cli.cjs, also compiled from its code cache.
// This file and bin/cached-script.js are CommonJS (bin/package.json): an ES module entry point
// starts Node's ES module loader, a few milliseconds of every start-up.
const { join } = require('node:path');
const FAST_COMMANDS = new Set(['validate', 'plan', 'run']);
const [command, ...rest] = process.argv.slice(2);
// A signal before `run` installs its own handlers (oclif and the SDK take a while to load) must still
// interrupt the run as documented (exit 130, nothing injected), not kill it half-started: it is kept
// here and replayed by installInterrupts (src/cli/signals.ts).
if (command === 'run') {
  const kept = [];
  const keep = (signal) => kept.push(signal);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, keep);
  globalThis.gamedayEarlySignals = () => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.off(signal, keep);
    return kept.splice(0);
  };
}
(async () => {
  const { loadCachedScript } = require('./cached-script.js');
  let done = false;
  if (FAST_COMMANDS.has(command)) {
    const bundle = loadCachedScript(join(__dirname, '../dist/bundle/commands', `${command}.cjs`));
    done = await bundle.exports.default(rest);
    if (done) bundle.saveCache();
  }
  if (!done) {
    // oclif and every command from one bundle; oclif's require() of it (package.json
    // oclif.commands.target) finds this module instead of compiling the bundle again.
    const file = join(__dirname, '../dist/bundle/cli.cjs');
    const bundle = loadCachedScript(file, { register: true });
    await bundle.exports.execute({ dir: join(__dirname, '..') });
    bundle.saveCache();
  }
  // The command is done and its output written (stdout/stderr are synchronous for files and pipes).
  // The AWS SDK's HTTP handler leaves a 20 s timer behind for every failed request; waiting for them
  // would hold an interrupted run's exit for 20 s after the stop.
  process.exit();
})();
