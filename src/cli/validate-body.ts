import type { ValidationReport } from '../core/validate/validate-paths.js';
import type { CommandIo } from './command-io.js';
import { writeJson } from './command-output.js';
import { ExitCode } from './exit-codes.js';

export const VALIDATE_FORMATS = ['text', 'github', 'json'] as const;

/** `gameday validate` after its flags are parsed: the same for the oclif command and the fast start. */
export async function validateBody(input: { paths: string[]; format: string }, io: CommandIo): Promise<ValidationReport> {
  const { validatePaths } = await import('../core/validate/validate-paths.js');
  const report = await validatePaths(input.paths.length > 0 ? input.paths : ['scenarios']);
  if (!report.valid) io.setExitCode(ExitCode.Invalid);
  if (input.format === 'json' && !io.json) {
    writeJson(report);
  } else if (input.format === 'github') {
    const { renderGithub } = await import('../core/validate/render-report.js');
    io.out(renderGithub(report) || 'no problems\n');
  } else {
    const { renderText } = await import('../core/validate/render-report.js');
    io.out(renderText(report));
  }
  return report;
}
