/**
 * Reads a sandbox world file the way `gameday validate` checks it: the hostile-input-safe YAML loader,
 * schemas/world.schema.json, then the world's cross-reference rules (world-rules.ts). Every problem is
 * reported with file:line:col.
 */
import { fileURLToPath } from 'node:url';
import { GamedayError } from '../../core/errors.js';
import { formatDiagnostic, sortDiagnostics } from '../../core/scenario/diagnostics.js';
import { validateFile } from '../../core/validate/validate-file.js';
import type { World } from './types.js';

/** src/ (vitest) and dist/ both sit two levels under the package root. */
export const DEFAULT_WORLD_PATH = fileURLToPath(new URL('../../../scenarios/worlds/multi-az-checkout.yaml', import.meta.url));

export async function loadWorld(path: string): Promise<World> {
  const result = await validateFile(path);
  if (result.kind !== undefined && result.kind !== 'World' && result.valid) {
    throw new GamedayError('SCENARIO_INVALID', `${path} is a ${result.kind} document, not a sandbox world (kind: World)`, { hint: 'Pass a world file, e.g. scenarios/worlds/multi-az-checkout.yaml.' });
  }
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (!result.valid || !result.document) {
    if (errors.length === 1 && (errors[0]!.code === 'FILE_NOT_FOUND' || errors[0]!.code === 'FILE_UNREADABLE')) {
      throw new GamedayError('FILE_NOT_FOUND', `cannot read world file ${path}: ${errors[0]!.message}`, { hint: 'Pass the path of a world YAML file, e.g. scenarios/worlds/multi-az-checkout.yaml.' });
    }
    const lines = sortDiagnostics(errors).slice(0, 20).map((d) => `  ${formatDiagnostic(d)}`);
    throw new GamedayError('SCENARIO_INVALID', `invalid world file ${path}:\n${lines.join('\n')}`, { hint: 'See docs/sandbox-world.md for the world file format.', details: errors });
  }
  return result.document.value as World;
}
