import Validate from '../commands/validate.js';

/**
 * Entry of dist/bundle/cli/validate.js, the single-file build of `gameday validate` that bin/run.js
 * starts (scripts/build-validators.js bundles it). It sits at the same depth as the modules it
 * replaces, so paths relative to import.meta.url (the schema validators) still resolve.
 */
export async function runValidate(argv: string[]): Promise<void> {
  await Validate.run(argv, new URL('../../../', import.meta.url).pathname);
}
