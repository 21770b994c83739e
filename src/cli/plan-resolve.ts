import type { PlanReport } from '../core/plan/plan-paths.js';
import type { TargetCheck } from '../core/run/check-targets.js';
import type { CommandIo } from './command-io.js';
import { ExitCode } from './exit-codes.js';

/**
 * `gameday plan --resolve`: plan, then ask FIS what each planned scenario's targets are now, with a
 * skip-all experiment in its account (nothing injected). Everything AWS is imported only here, so
 * `plan` without --resolve still loads no SDK.
 */
export async function planResolveBody(input: { paths: string[]; changedSince?: string; profile?: string; endpoint?: string }, io: CommandIo): Promise<PlanReport | TargetCheck> {
  const { planScenarioPaths } = await import('../core/plan/plan-paths.js');
  const report = await planScenarioPaths({ paths: input.paths.length > 0 ? input.paths : ['scenarios'], ...(input.changedSince !== undefined ? { changedSince: input.changedSince } : {}) });
  if (!report.ok) {
    io.setExitCode(ExitCode.Invalid);
    io.out((await import('../core/plan/render-report.js')).renderPlanReportText(report));
    return report;
  }
  const [{ resolvePlans }, { renderPreview }, { installInterrupts }] = await Promise.all([import('../core/run/check-targets.js'), import('../core/run/preview-targets.js'), import('./signals.js')]);
  const interrupts = installInterrupts();
  try {
    const plans = report.results.flatMap((r) => (r.status === 'planned' ? [r.plan] : []));
    const check = await resolvePlans(plans, { ...(input.profile ? { profile: input.profile } : {}), ...(input.endpoint ? { endpoint: input.endpoint } : {}) }, interrupts.signal);
    for (const preview of check.previews) io.out(renderPreview(preview));
    io.setExitCode(check.exitCode);
    return check;
  } finally {
    interrupts.dispose();
  }
}
