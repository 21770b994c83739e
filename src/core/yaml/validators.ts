import type { CompiledSchema } from './schema-check.js';

/**
 * The standalone validators compiled from schemas/*.schema.json at build time
 * (scripts/build-validators.js), so nothing compiles a schema at run time. The path works from
 * src/ (vitest) and dist/ alike: both sit two levels under the package root.
 */
const VALIDATORS = new URL('../../../dist/generated/validators.js', import.meta.url);

let validators: Promise<Record<string, CompiledSchema | undefined>> | undefined;

/** The validator for schemas/<name>.schema.json, or undefined when this build has no such schema. */
export async function schemaValidator(name: string): Promise<CompiledSchema | undefined> {
  validators ??= import(VALIDATORS.href).catch((error: unknown) => {
    validators = undefined;
    throw new Error(`the schema validators are not built (${VALIDATORS.pathname}); run \`npm run build\``, { cause: error });
  }) as Promise<Record<string, CompiledSchema | undefined>>;
  return (await validators)[name];
}
