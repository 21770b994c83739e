#!/usr/bin/env node
// `gameday validate` (run on every save and in CI) starts from one pre-bundled file: loading oclif,
// yaml and the core as separate modules costs more than validating. Everything else goes through oclif.
const [command, ...rest] = process.argv.slice(2);
if (command === 'validate' && !rest.some((arg) => arg === '--help' || arg === '-h')) {
  const { runValidate } = await import('../dist/bundle/cli/validate.js');
  await runValidate(rest);
} else {
  const { execute } = await import('@oclif/core');
  await execute({ dir: import.meta.url });
}
