import type { Measured } from '../measured.js';
import type { Gap } from '../types.js';

type Kind = 'alarms' | 'sops' | 'tests';
const NOUN: Record<Kind, string> = { alarms: 'alarm', sops: 'SOP', tests: 'test' };

/** Resilience Hub alarm/SOP/test recommendations that the runbook's alarms/sops/tests do not cover. */
export function coverageGaps(m: Measured): Gap[] {
  const recommendations = m.facts.resilienceHub?.recommendations;
  if (!recommendations) return [];
  const runbook = m.facts.plan.runbook;
  return (['alarms', 'sops', 'tests'] as const).flatMap((kind) => {
    const declared = (runbook?.[kind] ?? []).map(normalise);
    return recommendations[kind]
      .filter((rec) => !declared.some((entry) => covers(entry, rec)))
      .map((rec): Gap => {
        const risk = (rec as { risk?: string }).risk;
        return {
          kind: 'coverage',
          subject: `${NOUN[kind]} ${rec.name}`,
          severity: risk && /high|critical/i.test(risk) ? 'medium' : 'low',
          title: `Resilience Hub recommends ${NOUN[kind]} ${rec.name}; the runbook does not cover it`,
          evidence: `Resilience Hub ${NOUN[kind]} recommendation ${rec.name}${rec.type ? ` (${rec.type})` : ''}${risk ? `, risk ${risk}` : ''}${rec.description ? `: ${rec.description.replace(/\.\s*$/, '')}` : ''}; runbook ${kind}: ${(runbook?.[kind] ?? []).join(', ') || 'none'}`,
          fix: runbook
            ? `Add ${rec.name} to ${runbook.path} (spec.runbook.${kind} in ${m.facts.plan.scenario.file})${kind === 'alarms' ? ', create the alarm, and say who it pages' : kind === 'sops' ? ' with the steps to run it' : ' and schedule it'}.`
            : `Declare spec.runbook in ${m.facts.plan.scenario.file} and add ${NOUN[kind]} ${rec.name} to it.`,
        };
      });
  });
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/** A runbook entry covers a recommendation when it names it (or its type), or one name contains the other. */
function covers(entry: string, rec: { name: string; type?: string }): boolean {
  const name = normalise(rec.name);
  if (entry === '' || name === '') return false;
  return entry === name || entry.includes(name) || name.includes(entry) || (rec.type !== undefined && entry === normalise(rec.type));
}
