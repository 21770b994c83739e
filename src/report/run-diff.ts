import { GamedayError } from '../core/errors.js';
import { gapKey as key } from '../core/verdict/gap-key.js';
import type { Gap, Measurement, Verdict } from '../core/verdict/types.js';

export interface MeasurementChange {
  before: Measurement;
  after: Measurement;
  /** after − before in seconds, when both were measured */
  deltaSeconds?: number;
  change: 'better' | 'worse' | 'same' | 'not comparable';
}

export interface RunDiff {
  scenario: string;
  before: { runId: string; passed: boolean; status: string; outcome: Verdict['outcome'] };
  after: { runId: string; passed: boolean; status: string; outcome: Verdict['outcome'] };
  rto: MeasurementChange;
  rpo: MeasurementChange;
  gapsClosed: Gap[];
  gapsOpened: Gap[];
  gapsRemaining: Gap[];
  expectationsFixed: string[];
  expectationsBroken: string[];
  /** gaps per severity before → after */
  severities: Record<Gap['severity'], { before: number; after: number }>;
  /**
   * The judgement, in this order: the verdict (a run that passes is better than one that does not);
   * then the gaps by severity, most severe first (one critical gap closed outweighs any number of low
   * ones renamed or opened); then RTO and RPO. 'same' when none of them moved.
   */
  change: 'better' | 'worse' | 'same';
  /** change === 'worse' */
  regressed: boolean;
  /** change === 'better' */
  improved: boolean;
}

const SEVERITY_ORDER: Gap['severity'][] = ['critical', 'high', 'medium', 'low'];

/** What got better or worse from run A (before) to run B (after) of a scenario. */
export function diffRuns(a: Verdict, b: Verdict): RunDiff {
  if (a.scenario !== b.scenario) {
    throw new GamedayError('USAGE', `${a.runId} is a run of ${a.scenario} and ${b.runId} of ${b.scenario}: runs of different scenarios are not comparable`, {
      hint: 'diff two runs of the same scenario (`gameday report list --scenario <name>` lists them)',
    });
  }
  const before = new Map(a.gaps.map((g) => [key(g), g]));
  const after = new Map(b.gaps.map((g) => [key(g), g]));
  const passedIn = (v: Verdict) => new Map(v.expectations.map((e) => [e.id, e.passed]));
  const pa = passedIn(a);
  const pb = passedIn(b);
  const rto = compare(a.rto, b.rto);
  const rpo = compare(a.rpo, b.rpo);
  const gapsOpened = b.gaps.filter((g) => !before.has(key(g)));
  const gapsClosed = a.gaps.filter((g) => !after.has(key(g)));
  const expectationsBroken = [...pb].filter(([id, ok]) => !ok && pa.get(id) === true).map(([id]) => id);
  const expectationsFixed = [...pb].filter(([id, ok]) => ok && pa.get(id) === false).map(([id]) => id);
  const count = (v: Verdict, s: Gap['severity']) => v.gaps.filter((g) => g.severity === s).length;
  const severities = Object.fromEntries(SEVERITY_ORDER.map((s) => [s, { before: count(a, s), after: count(b, s) }])) as RunDiff['severities'];
  const change = judgeChange(a, b, severities, rto, rpo);
  return {
    scenario: b.scenario,
    before: { runId: a.runId, passed: a.passed, status: a.status, outcome: a.outcome },
    after: { runId: b.runId, passed: b.passed, status: b.status, outcome: b.outcome },
    rto,
    rpo,
    gapsClosed,
    gapsOpened,
    gapsRemaining: b.gaps.filter((g) => before.has(key(g))),
    expectationsFixed,
    expectationsBroken,
    severities,
    change,
    regressed: change === 'worse',
    improved: change === 'better',
  };
}

function judgeChange(a: Verdict, b: Verdict, severities: RunDiff['severities'], rto: MeasurementChange, rpo: MeasurementChange): RunDiff['change'] {
  if (a.passed !== b.passed) return b.passed ? 'better' : 'worse';
  for (const s of SEVERITY_ORDER) {
    const { before, after } = severities[s];
    if (before !== after) return after < before ? 'better' : 'worse';
  }
  for (const c of [rto, rpo]) if (c.change === 'better' || c.change === 'worse') return c.change;
  return 'same';
}

/** Unrecovered is worse than any measured time; not measured compares with nothing. */
function compare(before: Measurement, after: Measurement): MeasurementChange {
  const base = { before, after };
  if (before.state === 'not-measured' || after.state === 'not-measured') return { ...base, change: 'not comparable' };
  if (before.state === 'unrecovered' || after.state === 'unrecovered') {
    const change = before.state === after.state ? 'same' : after.state === 'unrecovered' ? 'worse' : 'better';
    return { ...base, change };
  }
  const delta = after.measuredSeconds! - before.measuredSeconds!;
  return { ...base, deltaSeconds: delta, change: delta < 0 ? 'better' : delta > 0 ? 'worse' : 'same' };
}
