import { type AlarmStateValue, ServiceError } from '../contracts.js';
import { type AlarmCommon, alarmCommonOutput } from './alarm-output.js';
import { type AlarmRule, RuleError, evaluateAlarmRule, parseAlarmRule, ruleAlarms } from './composite-alarm-rule.js';
import { type Members, invalid, optionalBoolean, optionalInteger, optionalString, requiredString, stringList } from './members.js';

/**
 * CloudWatch composite alarms in the sandbox: PutCompositeAlarm's input, the record kept, the
 * DescribeAlarms shape, and the state a rule gives. Actions (and their suppressor) are recorded and
 * described, never executed — as for metric alarms in the sandbox.
 */
export interface CompositeAlarmRecord extends AlarmCommon {
  rule: string;
  parsed: AlarmRule;
  /** the alarms the rule references (names or ARNs, as written) */
  children: string[];
  description?: string;
  suppressor?: { alarm: string; waitPeriod?: number; extensionPeriod?: number };
  stateTransitioned: Date;
}

/** "The rule expression of a composite alarm can include as many as 100 underlying alarms." */
const MAX_CHILDREN = 100;

export type ParsedCompositeAlarm = Pick<
  CompositeAlarmRecord,
  'name' | 'rule' | 'parsed' | 'children' | 'description' | 'actionsEnabled' | 'okActions' | 'alarmActions' | 'insufficientDataActions' | 'suppressor'
>;

export function parseCompositeAlarm(input: Members): ParsedCompositeAlarm {
  const name = requiredString(input, 'AlarmName');
  if (name.length > 255) throw invalid('AlarmName', name, 'At most 255 characters.');
  const rule = requiredString(input, 'AlarmRule');
  let parsed: AlarmRule;
  try {
    parsed = parseAlarmRule(rule);
  } catch (error) {
    if (error instanceof RuleError) throw new ServiceError('ValidationError', `Error in AlarmRule: ${error.message}.`);
    throw error;
  }
  const children = ruleAlarms(parsed);
  if (children.length > MAX_CHILDREN) throw new ServiceError('ValidationError', `The AlarmRule references ${children.length} alarms; a composite alarm can reference at most ${MAX_CHILDREN}.`);
  const description = optionalString(input, 'AlarmDescription');
  if (description !== undefined && description.length > 1024) throw invalid('AlarmDescription', `${description.length} characters`, 'At most 1024 characters.');
  const suppressor = optionalString(input, 'ActionsSuppressor');
  const waitPeriod = optionalInteger(input, 'ActionsSuppressorWaitPeriod', 0);
  const extensionPeriod = optionalInteger(input, 'ActionsSuppressorExtensionPeriod', 0);
  if (suppressor === undefined && (waitPeriod !== undefined || extensionPeriod !== undefined)) {
    throw new ServiceError('ValidationError', 'ActionsSuppressorWaitPeriod and ActionsSuppressorExtensionPeriod need ActionsSuppressor.');
  }
  return {
    name,
    rule,
    parsed,
    children,
    ...(description === undefined ? {} : { description }),
    actionsEnabled: optionalBoolean(input, 'ActionsEnabled') ?? true,
    okActions: stringList(input, 'OKActions'),
    alarmActions: stringList(input, 'AlarmActions'),
    insufficientDataActions: stringList(input, 'InsufficientDataActions'),
    ...(suppressor === undefined
      ? {}
      : { suppressor: { alarm: suppressor, ...(waitPeriod === undefined ? {} : { waitPeriod }), ...(extensionPeriod === undefined ? {} : { extensionPeriod }) } }),
  };
}

/**
 * Composites ordered so that each comes after the composites its rule references; the members of a
 * cycle are left out ("the evaluation of composite alarms stops if CloudWatch detects a cycle").
 */
export function compositesInOrder(composites: Map<string, CompositeAlarmRecord>, nameOf: (ref: string) => string): CompositeAlarmRecord[] {
  const out: CompositeAlarmRecord[] = [];
  const done = new Set<string>();
  const cyclic = new Set<string>();
  const visit = (name: string, path: string[]): boolean => {
    if (done.has(name)) return true;
    if (cyclic.has(name)) return false;
    const composite = composites.get(name);
    if (!composite) return true;
    if (path.includes(name)) {
      for (const n of path.slice(path.indexOf(name))) cyclic.add(n);
      return false;
    }
    let ok = true;
    for (const ref of composite.children) ok = visit(nameOf(ref), [...path, name]) && ok;
    if (!ok || cyclic.has(name)) {
      cyclic.add(name);
      return false;
    }
    done.add(name);
    out.push(composite);
    return true;
  };
  for (const name of [...composites.keys()].sort()) visit(name, []);
  return out;
}

/**
 * ALARM when the rule is TRUE, otherwise OK. The reason names the child that moved it, as CloudWatch's
 * "arn:…:alarm:x transitioned to ALARM at Friday 22 January, 2027 18:22:35 UTC"; the reason data lists
 * the triggering children with their states.
 */
export function compositeReason(
  composite: CompositeAlarmRecord,
  stateOf: (ref: string) => AlarmStateValue | undefined,
  arnOf: (ref: string) => string,
  moved: Set<string>,
  at: Date,
): { state: AlarmStateValue; reason: string; reasonData: string } {
  const state: AlarmStateValue = evaluateAlarmRule(composite.parsed, stateOf) ? 'ALARM' : 'OK';
  const triggering = composite.children.filter((ref) => moved.has(nameFromArn(arnOf(ref))));
  const shown = triggering.length > 0 ? triggering : composite.children;
  const reason =
    shown.length === 0
      ? `The AlarmRule ${composite.rule} evaluated to ${state === 'ALARM' ? 'TRUE' : 'FALSE'}`
      : shown.map((ref) => `${arnOf(ref)} transitioned to ${stateOf(ref) ?? 'INSUFFICIENT_DATA'} at ${longDate(at)}`).join(', ');
  const reasonData = JSON.stringify({
    triggeringAlarms: shown.map((ref) => ({ arn: arnOf(ref), state: { value: stateOf(ref) ?? 'INSUFFICIENT_DATA', timestamp: at.toISOString().replace('Z', '+0000') } })),
  });
  return { state, reason, reasonData };
}

function nameFromArn(arn: string): string {
  return arn.slice(arn.indexOf(':alarm:') + 7);
}

/** "Friday 22 January, 2027 18:22:35 UTC" */
function longDate(d: Date): string {
  const day = d.toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'UTC' });
  const month = d.toLocaleDateString('en-GB', { month: 'long', timeZone: 'UTC' });
  return `${day} ${String(d.getUTCDate()).padStart(2, '0')} ${month}, ${d.getUTCFullYear()} ${d.toISOString().slice(11, 19)} UTC`;
}

export function compositeAlarmOutput(a: CompositeAlarmRecord): unknown {
  return {
    ...alarmCommonOutput(a),
    AlarmRule: a.rule,
    StateTransitionedTimestamp: a.stateTransitioned,
    ...(a.suppressor
      ? {
          ActionsSuppressor: a.suppressor.alarm,
          ...(a.suppressor.waitPeriod === undefined ? {} : { ActionsSuppressorWaitPeriod: a.suppressor.waitPeriod }),
          ...(a.suppressor.extensionPeriod === undefined ? {} : { ActionsSuppressorExtensionPeriod: a.suppressor.extensionPeriod }),
        }
      : {}),
  };
}
