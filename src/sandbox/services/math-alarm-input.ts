import type { MetricMathAlarm } from '../contracts.js';
import type { Members } from './members.js';

/** A world's metric math alarm as PutMetricAlarm takes it (`Metrics`, PascalCase members). */
export function mathAlarmMembers(a: MetricMathAlarm): Members {
  return {
    AlarmName: a.alarmName,
    ...(a.alarmDescription === undefined ? {} : { AlarmDescription: a.alarmDescription }),
    Metrics: a.metrics.map((q) => ({
      Id: q.id,
      ...(q.label === undefined ? {} : { Label: q.label }),
      ...(q.returnData === undefined ? {} : { ReturnData: q.returnData }),
      ...(q.expression === undefined ? {} : { Expression: q.expression }),
      ...(q.period === undefined ? {} : { Period: q.period }),
      ...(q.metricStat === undefined
        ? {}
        : {
            MetricStat: {
              Metric: { Namespace: q.metricStat.metric.namespace, MetricName: q.metricStat.metric.metricName, Dimensions: Object.entries(q.metricStat.metric.dimensions ?? {}).map(([Name, Value]) => ({ Name, Value })) },
              Period: q.metricStat.period,
              Stat: q.metricStat.stat,
              ...(q.metricStat.unit === undefined ? {} : { Unit: q.metricStat.unit }),
            },
          }),
    })),
    EvaluationPeriods: a.evaluationPeriods,
    ...(a.datapointsToAlarm === undefined ? {} : { DatapointsToAlarm: a.datapointsToAlarm }),
    Threshold: a.threshold,
    ComparisonOperator: a.comparisonOperator,
    ...(a.treatMissingData === undefined ? {} : { TreatMissingData: a.treatMissingData }),
  };
}
