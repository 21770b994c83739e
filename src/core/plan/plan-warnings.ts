import type { Scenario } from '../scenario/types.js';
import { fisAction } from './fis-catalog.js';
import { alarmName } from './stop-conditions.js';
import type { ExperimentTemplateInput, PlanWarning } from './types.js';

/** Things a reviewer should know that do not stop the plan. */
export function planWarnings(scenario: Scenario, template: ExperimentTemplateInput): PlanWarning[] {
  const { spec } = scenario;
  const warnings: PlanWarning[] = [];
  if (template.stopConditions.some((s) => s.source === 'none')) {
    warnings.push({ code: 'NO_STOP_CONDITIONS', message: `no stop condition: nothing stops the experiment early (allowed because: ${spec.allowNoStopConditions})` });
  }
  const probeAlarms = new Set(spec.steadyState.flatMap((p) => ('alarm' in p ? [alarmName(p.alarm)] : [])));
  for (const condition of spec.stopConditions ?? []) {
    const name = alarmName(condition.alarm);
    if (probeAlarms.has(name)) {
      warnings.push({
        code: 'STOP_CONDITION_IS_STEADY_STATE',
        message: `alarm ${name} is both a stop condition and a steady-state probe: the experiment stops as soon as steady state breaks, so recovery under the fault is never seen`,
      });
    }
  }
  if (!spec.recovery.dataLoss) {
    warnings.push({
      code: 'RPO_NOT_MEASURED',
      message:
        spec.fault.type === 'cross-region-connectivity'
          ? 'no recovery.dataLoss probe: RPO will not be measured; for a cross-Region game day make it the replication lag (S3 ReplicationLatency, DynamoDB ReplicationLatency), which grows while replication is paused'
          : 'no recovery.dataLoss probe: RPO will not be measured',
    });
  }
  if (!spec.recovery.rto && !spec.target.resilienceHub) {
    warnings.push({ code: 'NO_RTO_TARGET', message: 'no recovery.rto and no Resilience Hub app: measured RTO has no target to be judged against' });
  }
  if (!(spec.detection ?? []).length) {
    warnings.push({ code: 'NO_DETECTION', message: 'no detection expectations: the run cannot tell whether alarms caught the fault' });
  }
  if (template.experimentOptions.emptyTargetResolutionMode === 'skip') {
    const skippable = Object.entries(template.actions).filter(([, a]) => Object.keys(a.targets ?? {}).length > 0);
    warnings.push({
      code: 'EMPTY_TARGETS_SKIPPED',
      message:
        `emptyTargetResolutionMode skip: FIS skips an action whose target resolves to nothing (a missing tag, a wrong AZ) instead of failing the experiment; ` +
        `the report counts every skipped action as lost coverage, never as a pass (${skippable.map(([name]) => name).join(', ')})`,
    });
  }
  for (const [name, action] of Object.entries(template.actions)) {
    const spec = fisAction(action.actionId);
    if (spec?.rollback === 'not rolled back') {
      warnings.push({ code: 'NOT_ROLLED_BACK', message: `${name} (${action.actionId}) is not rolled back: ${spec.rollbackNote}` });
    }
  }
  return warnings;
}
