import type { Metrics, RunAlarmDefinition } from '../../aws/ports.js';
import type { JournalEvent, JournalEventBody } from '../journal/events.js';
import { limitText } from '../number-text.js';
import type { Plan } from '../plan/types.js';
import { GamedayError } from '../errors.js';
import { metricDataQueries } from './metric-data-queries.js';

export type RunAlarm = RunAlarmDefinition & { alarmArn: string };

/**
 * The alarms a run puts for itself and deletes when it ends: spec.slo.burnRate.stopAbove's burn-rate
 * alarm, one of the template's stop conditions, so FIS stops the experiment on it as on any other.
 */
export function runAlarms(plan: Plan, runId: string, tags: Record<string, string>): RunAlarm[] {
  const slo = plan.slo;
  const alarm = slo?.stopAlarm;
  if (!slo || !alarm) return [];
  return [
    {
      alarmArn: alarm.alarmArn,
      name: alarm.name,
      description: `gameday ${plan.scenario.name}: SLO ${slo.name} burns its error budget faster than ${limitText(alarm.threshold)}× the sustainable rate in a ${alarm.periodSeconds} s period (spec.slo.burnRate.stopAbove); a stop condition of the game day's experiment, deleted when the run ends ${runMark(runId)}`,
      queries: metricDataQueries(alarm.queries, alarm.periodSeconds),
      threshold: alarm.threshold,
      tags,
    },
  ];
}

/**
 * Puts each alarm, journalled once CloudWatch has it and added to `created`; a refusal is the run's
 * error before anything is injected.
 */
export async function putRunAlarms(alarms: readonly RunAlarm[], metrics: Metrics, journal: (body: JournalEventBody) => Promise<JournalEvent>, created: string[]): Promise<void> {
  for (const alarm of alarms) {
    try {
      await metrics.putRunAlarm(alarm);
    } catch (error) {
      if (!GamedayError.is(error)) throw error;
      throw new GamedayError(error.code, `could not create the SLO burn-rate alarm ${alarm.name}, a stop condition of the experiment: ${error.message}; nothing was injected`, {
        hint: 'the credentials need cloudwatch:PutMetricAlarm and cloudwatch:DeleteAlarms on it (docs/slo.md), or drop spec.slo.burnRate.stopAbove',
      });
    }
    created.push(alarm.name);
    await journal({ type: 'run-alarm-created', alarm: alarm.name, alarmArn: alarm.alarmArn });
  }
}

/** Deletes the alarms a run created and has not deleted yet, journalling each outcome; never throws. */
export async function deleteRunAlarms(names: readonly string[], metrics: Metrics, journal: (body: JournalEventBody) => Promise<unknown>): Promise<string[]> {
  const failed: string[] = [];
  for (const alarm of names) {
    try {
      await metrics.deleteAlarms([alarm]);
      await journal({ type: 'run-alarm-deleted', alarm });
    } catch (error) {
      failed.push(alarm);
      await journal({ type: 'run-alarm-delete-failed', alarm, message: GamedayError.is(error) ? error.message : String(error) });
    }
  }
  return failed;
}

/**
 * The plan's template without the stop conditions on alarms only a run creates: a skip-all preview
 * injects nothing, and FIS would refuse to start it on an alarm that does not exist.
 */
export function stopConditionsWithoutRunAlarms(plan: Plan): Plan['template']['stopConditions'] {
  const own = plan.slo?.stopAlarm?.alarmArn;
  if (own === undefined) return plan.template.stopConditions;
  const kept = plan.template.stopConditions.filter((c) => c.value !== own);
  return kept.length ? kept : [{ source: 'none' }];
}

/** How a run alarm's description names its run: a later run of the scenario puts an alarm of the same name. */
export function runMark(runId: string): string {
  return `(run ${runId})`;
}

/**
 * Of the alarms a run left, those still its own: gone ones need no deleting, and one whose description
 * names another run is that run's now (a later run of the scenario put it again) and must stay.
 */
export async function ownRunAlarms(names: readonly string[], runId: string, metrics: Metrics): Promise<{ own: string[]; others: string[] }> {
  if (names.length === 0) return { own: [], others: [] };
  const found = await metrics.describeAlarms([...names]);
  const own = found.filter((a) => a.description?.endsWith(runMark(runId))).map((a) => a.name);
  return { own, others: found.map((a) => a.name).filter((name) => !own.includes(name)) };
}

/** The run's alarms its journal says were created and not deleted. */
export function runAlarmsLeft(events: readonly JournalEventBody[]): string[] {
  const left = new Set<string>();
  for (const e of events) {
    if (e.type === 'run-alarm-created') left.add(e.alarm);
    if (e.type === 'run-alarm-deleted') left.delete(e.alarm);
  }
  return [...left];
}
