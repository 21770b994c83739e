import type { FisTemplateFault } from '../scenario/types.js';
import type { FaultCompilation } from './fault-compilation.js';
import { RAW_TEMPLATE_SOURCE, faultField } from './plan-problem.js';
import type { TemplateAction, TemplateTarget } from './types.js';

/** The escape hatch: raw FIS actions and targets, passed through as written; compile.ts checks them. */
export function compileFisTemplate(fault: FisTemplateFault): FaultCompilation {
  const actions: Record<string, TemplateAction> = {};
  for (const [name, raw] of Object.entries(fault.actions)) {
    actions[name] = {
      actionId: raw.actionId,
      ...(raw.description !== undefined ? { description: raw.description } : {}),
      ...(raw.parameters ? { parameters: { ...raw.parameters } } : {}),
      ...(raw.targets ? { targets: { ...raw.targets } } : {}),
      ...(raw.startAfter ? { startAfter: [...raw.startAfter] } : {}),
    };
  }
  const targets: Record<string, TemplateTarget> = {};
  for (const [name, raw] of Object.entries(fault.targets ?? {})) {
    targets[name] = {
      resourceType: raw.resourceType,
      ...(raw.resourceArns ? { resourceArns: [...raw.resourceArns] } : {}),
      ...(raw.resourceTags ? { resourceTags: { ...raw.resourceTags } } : {}),
      ...(raw.filters ? { filters: raw.filters.map((f) => ({ path: f.path, values: [...f.values] })) } : {}),
      ...(raw.parameters ? { parameters: { ...raw.parameters } } : {}),
      selectionMode: raw.selectionMode,
    };
  }
  if (Object.keys(actions).length === 0) return { actions, targets, warnings: [], problems: [{ path: faultField('actions'), message: 'fault.actions is empty: give at least one FIS action' }] };
  return { actions, targets, warnings: [], problems: [], checkOptions: { allowStopWithoutRestart: fault.allowStopWithoutRestart === true, source: RAW_TEMPLATE_SOURCE } };
}
