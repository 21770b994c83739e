import type { Diagnostic } from '../scenario/diagnostics.js';
import type { RuleContext } from '../scenario/rules.js';

/**
 * Which schema (schemas/<schema>.schema.json) and which semantic rules apply to a YAML file,
 * chosen by its top-level `kind`. A file without a kind is taken for a scenario, so its errors
 * say what a scenario needs.
 */
export interface DocumentKind {
  schema: string;
  /** Rules beyond the schema; run when the schema accepts the document. */
  rules?: () => Promise<(value: unknown, ctx: RuleContext) => Promise<Diagnostic[]>>;
  /** The rules skip values of the wrong type, so they also run, best effort, on a document the schema rejected. */
  rulesTolerateInvalid?: boolean;
  /** Checks that need a document the schema and rules accept: for a scenario, that it compiles to a template FIS takes. */
  compiles?: () => Promise<(value: unknown, ctx: RuleContext) => Diagnostic[]>;
}

export const DEFAULT_KIND = 'GameDay';

export const DOCUMENT_KINDS: Record<string, DocumentKind> = {
  GameDay: {
    schema: 'scenario',
    rules: async () => {
      const { checkScenarioRules } = await import('../scenario/rules.js');
      return (value, ctx) => checkScenarioRules(value as Parameters<typeof checkScenarioRules>[0], ctx);
    },
    rulesTolerateInvalid: true,
    compiles: async () => {
      const { planDiagnostics } = await import('../plan/plan-diagnostics.js');
      return (value, ctx) => planDiagnostics(value as Parameters<typeof planDiagnostics>[0], ctx);
    },
  },
  World: {
    schema: 'world',
    rules: async () => {
      const { checkWorldRules } = await import('../../sandbox/world/world-rules.js');
      return async (value, ctx) => checkWorldRules(value as Parameters<typeof checkWorldRules>[0], ctx);
    },
  },
};
