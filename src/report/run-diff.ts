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
  before: { runId: string; passed: boolean; status: string };
  after: { runId: string; passed: boolean; status: string };
  rto: MeasurementChange;
  rpo: MeasurementChange;
  gapsClosed: Gap[];
  gapsOpened: Gap[];
  gapsRemaining: Gap[];
  expectationsFixed: string[];
  expectationsBroken: string[];
  /** anything worse: a gap opened, an expectation broken, RTO/RPO worse */
  regressed: boolean;
  improved: boolean;
  /** the two runs are of different scenarios: comparable only loosely */
  differentScenarios: boolean;
}

/** What got better or worse from run A (before) to run B (after) of a scenario. */
export function diffRuns(a: Verdict, b: Verdict): RunDiff {
  const key = (g: Gap) => `${g.kind}:${g.subject ?? g.title}`;
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
  return {
    scenario: b.scenario,
    before: { runId: a.runId, passed: a.passed, status: a.status },
    after: { runId: b.runId, passed: b.passed, status: b.status },
    rto,
    rpo,
    gapsClosed,
    gapsOpened,
    gapsRemaining: b.gaps.filter((g) => before.has(key(g))),
    expectationsFixed,
    expectationsBroken,
    regressed: gapsOpened.length > 0 || expectationsBroken.length > 0 || rto.change === 'worse' || rpo.change === 'worse' || (a.passed && !b.passed),
    improved: gapsClosed.length > 0 || expectationsFixed.length > 0 || rto.change === 'better' || rpo.change === 'better' || (!a.passed && b.passed),
    differentScenarios: a.scenario !== b.scenario,
  };
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
