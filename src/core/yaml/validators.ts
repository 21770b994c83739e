import { existsSync } from 'node:fs';
import type { CompiledSchema } from './schema-check.js';

/**
 * The standalone validators compiled from schemas/<name>.schema.json at build time
 * (scripts/build-validators.js, one module per schema), so nothing compiles a schema at run time.
 * The path works from src/ (vitest) and dist/ alike, both three levels under the package root; the
 * command bundles inline the validators (scripts/build-bundles.js).
 */
const GENERATED = new URL('../../../dist/generated/', import.meta.url);

const validators = new Map<string, Promise<CompiledSchema | undefined>>();

/** The validator for schemas/<name>.schema.json, or undefined when this build has no such schema. */
export function schemaValidator(name: string): Promise<CompiledSchema | undefined> {
  let validator = validators.get(name);
  if (!validator) {
    if (!existsSync(GENERATED)) throw new Error(`the schema validators are not built (${GENERATED.pathname}); run \`npm run build\``);
    const module = new URL(`${name}.js`, GENERATED);
    validator = existsSync(module) ? (import(module.href) as Promise<Record<string, CompiledSchema>>).then((m) => m[name]) : Promise.resolve(undefined);
    validators.set(name, validator);
  }
  return validator;
}
