/**
 * The seams inside the sandbox (moto's shape): a thin protocol layer parses a request into
 * (service, operation, input), calls the service backend, and serialises its output or error in
 * the service's wire protocol. Backends never see HTTP; protocol code never holds state.
 */

export type SandboxService = 'fis' | 'resiliencehub' | 'monitoring' | 'sts' | 'ec2' | 'rds' | 'elasticache' | 'ecs' | 'iam' | 'arc-zonal-shift';

/**
 * Input: the operation's members as the model names them (camelCase for restJson1 — path and query
 * members merged into the body — and ECS; PascalCase for the query services, lists as arrays, maps as
 * objects). Output: plain objects; Date values are serialised by the protocol (epoch seconds for
 * restJson1 and awsJson, ISO 8601 for awsQuery XML, as each protocol does); a Map is a model map.
 */
export type OperationHandler = (input: Record<string, unknown>, context: RequestContext) => unknown | Promise<unknown>;

export interface RequestContext {
  region: string;
  requestId: string;
}

export interface ServiceBackend {
  readonly service: SandboxService;
  readonly operations: Readonly<Record<string, OperationHandler>>;
}

/** A modelled service error: the protocol layer turns it into the service's exact error form. */
export class ServiceError extends Error {
  constructor(
    /** e.g. ValidationException, ResourceNotFoundException, ConflictException, ResourceNotFound, InvalidParameterValue */
    readonly code: string,
    message: string,
    readonly httpStatus: number = 400,
    /** awsQuery <Type>: Sender for client errors, Receiver for server faults */
    readonly fault: 'Sender' | 'Receiver' = httpStatus >= 500 ? 'Receiver' : 'Sender',
  ) {
    super(message);
    this.name = code;
  }
}

/**
 * One datapoint the simulated application publishes (the CloudWatch backend stores it): the values
 * measured at one instant, each one sample, as PutMetricData's Values without Counts. A step's request
 * latencies are one datum, not one each: a game day publishes hundreds of thousands of them.
 */
export interface MetricDatum {
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  timestamp: Date;
  /** at least one */
  values: readonly number[];
  unit?: string;
}

export type AlarmStateValue = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

/** What FIS needs from CloudWatch for stop conditions, and the world for publishing metrics. */
/** A metric alarm as PutMetricAlarm defines it (the subset the sandbox evaluates). */
export interface AlarmDefinition {
  alarmName: string;
  alarmDescription?: string;
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  /** Average | Sum | Minimum | Maximum | SampleCount, or an extended statistic such as p99 */
  statistic: string;
  period: number; // seconds
  evaluationPeriods: number;
  datapointsToAlarm?: number;
  threshold: number;
  comparisonOperator: 'GreaterThanThreshold' | 'GreaterThanOrEqualToThreshold' | 'LessThanThreshold' | 'LessThanOrEqualToThreshold';
  treatMissingData?: 'breaching' | 'notBreaching' | 'ignore' | 'missing';
}

/** One of a metric math alarm's Metrics (MetricDataQuery, camelCase): a metric, or an expression over the others' ids. */
export interface MetricMathQuery {
  id: string;
  label?: string;
  /** default true, as in CloudWatch: exactly one query of an alarm returns data */
  returnData?: boolean;
  expression?: string;
  period?: number;
  metricStat?: { metric: { namespace: string; metricName: string; dimensions?: Record<string, string> }; period: number; stat: string; unit?: string };
}

/** A metric math alarm as PutMetricAlarm defines it with `Metrics`: the returned query is compared with the threshold. */
export interface MetricMathAlarm extends Pick<AlarmDefinition, 'alarmName' | 'alarmDescription' | 'evaluationPeriods' | 'datapointsToAlarm' | 'threshold' | 'comparisonOperator' | 'treatMissingData'> {
  metrics: MetricMathQuery[];
}

export interface CloudWatchView {
  putMetricData(data: MetricDatum[]): void;
  putMetricAlarm(alarm: AlarmDefinition | MetricMathAlarm): void;
  /** A composite alarm over alarms already put (AlarmRule as PutCompositeAlarm takes it). */
  putCompositeAlarm(alarm: { alarmName: string; alarmRule: string; alarmDescription?: string }): void;
  /** Evaluate every alarm up to `now` (virtual); records StateUpdate history on transitions. */
  evaluateAlarms(now: Date): void;
  /** Current state of an alarm by name or ARN; undefined when no such alarm exists. */
  alarmState(nameOrArn: string): { state: AlarmStateValue; updated: Date; name: string; arn: string } | undefined;
}
