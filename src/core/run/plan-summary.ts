import { oneLine } from '../control-characters.js';
import { humanDuration } from '../duration.js';
import type { Plan } from '../plan/types.js';

/** What the person confirming a run is agreeing to, in a few lines. */
export function planSummary(plan: Plan, runner: { account: string; region: string; mode: string; endpoint?: string }): string {
  const lines = [
    `Game day ${plan.scenario.name} (${plan.scenario.faultType}), plan ${plan.hash.slice(0, 12)}`,
    `  account ${runner.account}, region ${runner.region}${runner.mode === 'aws' ? '' : ` — ${runner.mode}${runner.endpoint ? ` ${runner.endpoint}` : ''}`}`,
    ...(plan.targetAccounts ? [`  and, through FIS, in target accounts ${plan.targetAccounts.map((a) => a.accountId).join(', ')}`] : []),
    `  injects for ${humanDuration(plan.faultSeconds)}, then watches recovery for up to ${humanDuration(plan.recovery.watchSeconds)}:`,
    ...plan.actions.map(
      (a) =>
        `    - ${a.name} (${a.actionId}) at +${humanDuration(a.startSeconds)}${a.durationSeconds ? ` for ${humanDuration(a.durationSeconds)}` : ''}: ${a.hits}${a.rollback === 'not rolled back' ? ' [NOT rolled back]' : ''}`,
    ),
    `  stop conditions: ${plan.stopConditions.map((s) => s.alarm).join(', ') || 'none'}`,
  ];
  return lines.map(oneLine).join('\n');
}
