import type { AlarmCompositeSampled, AlarmMetricSampled } from '../journal/events.js';
import { iso, ms, type JournalFacts } from './journal-facts.js';
import type { Detection } from './measure-detection.js';
import type { DetectionEvidenceView } from './types.js';
import { numberText, thresholdText } from '../number-text.js';

/** Peak (or trough) of a detection alarm's metric while its budget ran, against the alarm's threshold and statistic; or, for a composite, its children's. */
export type DetectionEvidence = DetectionEvidenceView & { alarm: string };

type Point = { timestamp: string; value: number };
type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
type Sampled = { metric: Map<string, AlarmMetricSampled>; composite: Map<string, AlarmCompositeSampled> };
/** The window a budget runs in: from the action's start to the fault end (or the end of observation). */
type Window = { from: number; until: number };

const GREATER = /^GreaterThan/;
const OPERATOR: Record<string, string> = { GreaterThanThreshold: '>', GreaterThanOrEqualToThreshold: '>=', LessThanThreshold: '<', LessThanOrEqualToThreshold: '<=' };

function crosses(e: AlarmMetricSampled, value: number): boolean {
  switch (e.comparison) {
    case 'GreaterThanThreshold':
      return value > e.threshold;
    case 'GreaterThanOrEqualToThreshold':
      return value >= e.threshold;
    case 'LessThanThreshold':
      return value < e.threshold;
    case 'LessThanOrEqualToThreshold':
      return value <= e.threshold;
    default:
      return false;
  }
}

/** The most datapoints on the alarm side within any `evaluationPeriods` consecutive ones. */
function bestRun(flags: boolean[], evaluationPeriods: number): number {
  let best = 0;
  for (let i = 0; i < flags.length; i++) best = Math.max(best, flags.slice(i, i + evaluationPeriods).filter(Boolean).length);
  return best;
}

/**
 * Evidence per detection alarm from its journalled alarm-metric (or, for a composite, alarm-composite)
 * event: the datapoints whose period ended between the start of the action it is meant to catch and the
 * fault end (or the end of observation).
 */
export function detectionEvidence(facts: JournalFacts, detections: Detection[], faultEnd: number | undefined): Map<string, DetectionEvidence> {
  const sampled: Sampled = { metric: new Map(), composite: new Map() };
  // The last event per alarm: a run re-judged after a retry journals it again.
  for (const e of facts.events) {
    if (e.type === 'alarm-metric') sampled.metric.set(e.alarm, e);
    if (e.type === 'alarm-composite') sampled.composite.set(e.alarm, e);
  }
  const out = new Map<string, DetectionEvidence>();
  for (const d of detections) {
    if (d.from === undefined) continue;
    const evidence = evidenceOf(sampled, d.alarm, { from: ms(d.from), until: faultEnd ?? Infinity }, d.firedAt === undefined ? undefined : ms(d.firedAt), new Set());
    if (evidence) out.set(d.alarm, { alarm: d.alarm, ...evidence });
  }
  return out;
}

function evidenceOf(sampled: Sampled, alarm: string, window: Window, firedAt: number | undefined, visiting: Set<string>): DetectionEvidenceView | undefined {
  const metric = sampled.metric.get(alarm);
  if (metric) return metricEvidence(metric, window, firedAt !== undefined);
  const composite = sampled.composite.get(alarm);
  if (!composite || visiting.has(alarm)) return undefined;
  return compositeEvidence(sampled, composite, window, firedAt, new Set([...visiting, alarm]));
}

/** "AWS/EC2 CPUUtilization Average", or a math alarm's "100 * failed / requests (failed = Shop FailedPayments Sum, …)". */
function seriesName(e: AlarmMetricSampled): { name: string; expression?: string; inputs?: string[] } {
  const metricText = (m: { namespace: string; name: string; stat: string }) => `${m.namespace} ${m.name} ${m.stat}`;
  if (e.metric) return { name: metricText(e.metric) };
  const math = e.math!;
  const returned = math.queries.find((q) => q.id === math.returned);
  const expression = returned?.expression ?? (returned?.metric ? metricText(returned.metric) : math.returned);
  const inputs = math.queries.filter((q) => q.id !== math.returned).map((q) => `${q.id} = ${q.expression ?? metricText(q.metric!)}`);
  return { name: `${returned?.label ? `${returned.label}: ` : ''}${expression}${inputs.length ? ` (${inputs.join(', ')})` : ''}`, expression, inputs };
}

function metricEvidence(e: AlarmMetricSampled, window: Window, fired: boolean): DetectionEvidenceView {
  const period = (e.metric?.period ?? e.math!.period) * 1000;
  const inWindow = (p: { timestamp: string }) => ms(p.timestamp) + period > window.from && ms(p.timestamp) + period <= window.until + period;
  const points = e.points.filter(inWindow).sort((a, b) => ms(a.timestamp) - ms(b.timestamp));
  const greater = GREATER.test(e.comparison);
  const pick = (list: Point[]) => list.reduce<Point | undefined>((w, p) => (!w || (greater ? p.value > w.value : p.value < w.value) ? p : w), undefined);
  const worst = pick(points);
  const extremeWorst = e.extreme ? pick(e.extreme.points.filter(inWindow)) : undefined;
  const flags = points.map((p) => crosses(e, p.value));
  const breaching = flags.filter(Boolean).length;
  const needed = e.datapointsToAlarm ?? e.evaluationPeriods;
  const op = OPERATOR[e.comparison] ?? e.comparison;
  const series = seriesName(e);
  const base: DetectionEvidenceView = {
    ...(e.metric ? { stat: e.metric.stat } : { expression: series.expression!, inputs: series.inputs! }),
    comparison: e.comparison,
    threshold: e.threshold,
    breaching,
    datapoints: points.length,
    needed,
    evaluationPeriods: e.evaluationPeriods,
    ...(worst ? { peak: { value: worst.value, at: iso(ms(worst.timestamp) + period) } } : {}),
    ...(extremeWorst && e.extreme ? { extreme: { stat: e.extreme.stat, value: extremeWorst.value, at: iso(ms(extremeWorst.timestamp) + period) } } : {}),
    summary: '',
  };
  const peakText = worst
    ? `${series.name} ${greater ? 'peaked at' : 'fell to'} ${numberText(worst.value)} at ${base.peak!.at} (alarm threshold ${thresholdText({ op, value: e.threshold })}, ${needed} of ${e.evaluationPeriods} datapoints)`
    : `${series.name}: no datapoints`;
  const extremeText = base.extreme ? `; ${e.extreme!.stat} ${greater ? 'reached' : 'fell to'} ${numberText(base.extreme.value)}` : '';
  if (fired) return { ...base, summary: `${peakText}, ${breaching} of ${points.length} datapoint(s) over the threshold` };
  const extremeCrossed = base.extreme !== undefined && crosses(e, base.extreme.value);
  const run = bestRun(flags, e.evaluationPeriods);
  const why: DetectionEvidenceView['why'] | undefined =
    breaching === 0 ? (extremeCrossed ? 'statistic hides it' : points.length === 0 ? 'too few datapoints' : 'threshold never crossed') : run < needed ? 'too few datapoints' : undefined;
  const because =
    why === 'statistic hides it'
      ? `the ${e.metric!.stat} never crossed ${thresholdText({ op, value: e.threshold })} although the ${e.extreme!.stat} did: the statistic hides it`
      : why === 'too few datapoints'
        ? points.length === 0
          ? 'its metric had no datapoints while the fault ran'
          : `only ${run} datapoint(s) in ${e.evaluationPeriods} crossed the threshold; the alarm needs ${needed}`
        : why === 'threshold never crossed'
          ? `the threshold ${thresholdText({ op, value: e.threshold })} was never crossed`
          : `${run} of ${e.evaluationPeriods} datapoints crossed the threshold, yet no ALARM transition was journalled`;
  return { ...base, ...(why ? { why } : {}), summary: `${peakText}${extremeText} — ${because}` };
}

/** The state a timeline (initial state, then transitions) had at `at`. */
function stateAt(states: AlarmCompositeSampled['children'][number]['states'], at: number): AlarmState | undefined {
  return states.filter((s) => ms(s.timestamp) <= at).at(-1)?.state;
}

/**
 * A composite's children when it went to ALARM — the state of each (from its own history), whether
 * CloudWatch named it as triggering the change — and each child's own evidence over the same window.
 * Never fired: when each child was in ALARM during the window, if ever, so the rule's failure to hold shows.
 */
function compositeEvidence(sampled: Sampled, c: AlarmCompositeSampled, window: Window, firedAt: number | undefined, visiting: Set<string>): DetectionEvidenceView {
  const transition = firedAt === undefined ? undefined : c.transitions.filter((t) => t.state === 'ALARM' && ms(t.timestamp) <= firedAt).at(-1);
  const triggering = new Set(transition?.triggering ?? []);
  const children = c.children.map((child) => {
    // As for the detection itself (measure-detection.ts): its first ALARM at or after the budget's start.
    const childFired = child.states.find((s) => s.state === 'ALARM' && ms(s.timestamp) >= window.from);
    const state = firedAt !== undefined ? stateAt(child.states, firedAt) : child.states.at(-1)?.state;
    const evidence = child.kind === 'missing' ? undefined : evidenceOf(sampled, child.alarm, window, childFired ? ms(childFired.timestamp) : undefined, visiting);
    return {
      alarm: child.alarm,
      kind: child.kind,
      ...(state ? { state } : {}),
      triggered: triggering.has(child.alarm),
      ...(childFired ? { firedAt: childFired.timestamp } : {}),
      ...(evidence ? { evidence } : {}),
    };
  });
  const stateText = (ch: (typeof children)[number]) =>
    ch.kind === 'missing'
      ? `${ch.alarm} does not exist`
      : firedAt !== undefined
        ? `${ch.alarm} ${ch.state ?? 'state unknown'}${ch.triggered ? ' (triggered it)' : ''}`
        : `${ch.alarm} ${ch.firedAt ? `ALARM at ${ch.firedAt}` : 'never ALARM'}`;
  const head = firedAt !== undefined ? `rule ${c.rule} held at ${iso(firedAt)}: ${children.map(stateText).join(', ')}` : `rule ${c.rule} never held: ${children.map(stateText).join(', ')}`;
  const details = children.filter((ch) => ch.evidence).map((ch) => `${ch.alarm}: ${ch.evidence!.summary}`);
  return { rule: c.rule, children, summary: [head, ...details].join('; ') };
}
