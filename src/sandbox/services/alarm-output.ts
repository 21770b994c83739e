import type { AlarmStateValue } from '../contracts.js';

/** What DescribeAlarms says of every alarm, metric or composite: name, actions and state. */
export interface AlarmCommon {
  name: string;
  arn: string;
  description?: string | undefined;
  configurationUpdated: Date;
  actionsEnabled: boolean;
  okActions: string[];
  alarmActions: string[];
  insufficientDataActions: string[];
  state: AlarmStateValue;
  reason: string;
  reasonData?: string;
  stateUpdated: Date;
}

export function alarmCommonOutput(a: AlarmCommon): Record<string, unknown> {
  return {
    AlarmName: a.name,
    AlarmArn: a.arn,
    ...(a.description === undefined ? {} : { AlarmDescription: a.description }),
    AlarmConfigurationUpdatedTimestamp: a.configurationUpdated,
    ActionsEnabled: a.actionsEnabled,
    OKActions: a.okActions,
    AlarmActions: a.alarmActions,
    InsufficientDataActions: a.insufficientDataActions,
    StateValue: a.state,
    StateReason: a.reason,
    ...(a.reasonData === undefined ? {} : { StateReasonData: a.reasonData }),
    StateUpdatedTimestamp: a.stateUpdated,
  };
}
