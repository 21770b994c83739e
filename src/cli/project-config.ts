import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GamedayError } from '../core/errors.js';
import { formatDiagnostic } from '../core/scenario/diagnostics.js';
import { parseProjectConfig, PROJECT_CONFIG_FILE, type ProjectConfig } from '../core/config/project-config.js';

/**
 * The nearest gameday.config.yaml from the working directory up to the repository root (the first
 * directory holding .git), read once per process. None is fine: every setting has a default.
 */
export function projectConfig(cwd = process.cwd()): ProjectConfig | undefined {
  if (cached === undefined || cached.cwd !== cwd) cached = { cwd, config: load(cwd) };
  return cached.config;
}

let cached: { cwd: string; config: ProjectConfig | undefined } | undefined;

function load(cwd: string): ProjectConfig | undefined {
  const file = findConfigFile(cwd);
  if (file === undefined) return undefined;
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new GamedayError('FILE_UNREADABLE', `${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const result = parseProjectConfig(file, bytes);
  if (!result.ok) {
    throw new GamedayError('USAGE', `invalid project config\n${result.diagnostics.map(formatDiagnostic).join('\n')}`, {
      hint: `fix ${file} (docs/config.md lists its settings)`,
      details: result.diagnostics,
    });
  }
  return result.config;
}

function findConfigFile(start: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, PROJECT_CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    if (existsSync(join(dir, '.git')) || dirname(dir) === dir) return undefined;
  }
}
