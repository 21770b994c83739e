/** A path into the scenario document (as YAML keys and list indexes), so a problem prints at file:line:col. */
export type ScenarioPath = readonly (string | number)[];

/** Something FIS would reject, or accept and then get wrong, found while compiling a scenario. */
export interface PlanProblem {
  message: string;
  /** The scenario node to fix; the closest existing one when the problem is something missing. */
  path: ScenarioPath;
}

export const FAULT_PATH: ScenarioPath = ['spec', 'fault'];

export function faultField(field: string, ...rest: (string | number)[]): ScenarioPath {
  return [...FAULT_PATH, field, ...rest];
}

/** Where each template action and target came from in the scenario. */
export interface TemplateSource {
  action(name: string, ...within: (string | number)[]): ScenarioPath;
  target(name: string, ...within: (string | number)[]): ScenarioPath;
}

/** Actions and targets a compiler generated from the fault's own fields: the fault is what to fix. */
export const COMPILED_SOURCE: TemplateSource = {
  action: () => FAULT_PATH,
  target: () => FAULT_PATH,
};

/** fis-template: the actions and targets are written out under spec.fault, one to one. */
export const RAW_TEMPLATE_SOURCE: TemplateSource = {
  action: (name, ...within) => faultField('actions', name, ...within),
  target: (name, ...within) => faultField('targets', name, ...within),
};
