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
    return byName(recommendations[kind])
      .filter((rec) => !declared.some((entry) => covers(entry, rec)))
      .map((rec): Gap => {
        const risk = rec.risk;
        const descriptions = [...new Set(rec.descriptions.map((d) => d.replace(/\.\s*$/, '')))];
        return {
          kind: 'coverage',
          subject: `${NOUN[kind]} ${rec.name}`,
          severity: risk && /high|critical/i.test(risk) ? 'medium' : 'low',
          title: `Resilience Hub recommends ${NOUN[kind]} ${rec.name}; the runbook does not cover it`,
          evidence: `Resilience Hub ${NOUN[kind]} recommendation ${rec.name}${rec.type ? ` (${rec.type})` : ''}${risk ? `, risk ${risk}` : ''}${rec.components.length ? ` for ${rec.components.join(', ')}` : ''}${descriptions.length ? `: ${descriptions.join('; ')}` : ''}; runbook ${kind}: ${(runbook?.[kind] ?? []).join(', ') || 'none'}`,
          fix: runbook
            ? `Add ${rec.name} to ${runbook.path} (spec.runbook.${kind} in ${m.facts.plan.scenario.file})${kind === 'alarms' ? ', create the alarm, and say who it pages' : kind === 'sops' ? ' with the steps to run it' : ' and schedule it'}.`
            : `Declare spec.runbook in ${m.facts.plan.scenario.file} and add ${NOUN[kind]} ${rec.name} to it.`,
        };
      });
  });
}

type Recommendation = { name: string; type?: string; risk?: string; description?: string; components?: string[] };

/**
 * One entry per recommended name: Resilience Hub recommends per app component, so the same alarm, SOP or
 * test can come once for each component it covers — the runbook needs it once, and the report says it once.
 */
function byName(recs: Recommendation[]): { name: string; type?: string; risk?: string; descriptions: string[]; components: string[] }[] {
  const out = new Map<string, { name: string; type?: string; risk?: string; descriptions: string[]; components: string[] }>();
  for (const rec of recs) {
    const entry = out.get(rec.name) ?? { name: rec.name, ...(rec.type ? { type: rec.type } : {}), ...(rec.risk ? { risk: rec.risk } : {}), descriptions: [], components: [] };
    if (rec.description) entry.descriptions.push(rec.description);
    for (const c of rec.components ?? []) if (!entry.components.includes(c)) entry.components.push(c);
    if (rec.risk && /high|critical/i.test(rec.risk)) entry.risk = rec.risk;
    out.set(rec.name, entry);
  }
  return [...out.values()];
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
