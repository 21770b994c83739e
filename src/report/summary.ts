import { humanDuration } from '../core/duration.js';
import type { Gap } from '../core/verdict/types.js';
import type { ReportModel } from './report-model.js';
import { measuredText, targetText } from './wording.js';

const SEVERITY_ORDER: Gap['severity'][] = ['critical', 'high', 'medium', 'low'];

function exact(seconds: number): string {
  const rounded = Math.round(seconds);
  return rounded < 60 ? `${rounded} s` : `${humanDuration(rounded)} (${rounded} s)`;
}

/**
 * The two or three sentences a review meeting reads first: the hypothesis, the verdict with the worst
 * finding, and the impact in numbers. Only what the verdict measured; nothing rephrased by guesswork.
 */
export function summarySentences(model: ReportModel): string[] {
  const { verdict: v, run } = model;
  const hypothesis = (run.description ?? `${run.scenario} keeps its steady state through ${run.faultType}`).trim();
  const met = v.expectations.filter((e) => e.passed).length;
  const worst = [...v.gaps].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity))[0];
  const sentences = [
    `Hypothesis: ${hypothesis}${/[.?!]$/.test(hypothesis) ? '' : '.'}`,
    `Verdict ${v.outcome}: ${met} of ${v.expectations.length} expectations met, ${v.gaps.length === 0 ? 'no runbook gaps' : `${v.gaps.length} runbook gap${v.gaps.length === 1 ? '' : 's'}; the worst (${worst!.severity}): ${worst!.title.replace(/[.\s]+$/, '')}`}.`,
  ];
  if (!v.disruptionStart) return [...sentences, 'The fault was never injected, so nothing was measured.'];
  const detectedByPeople = v.humanTimings[0]?.detectByPeople.seconds;
  const people = detectedByPeople === undefined ? '' : `; people detected it after ${exact(detectedByPeople)}`;
  const rpo = v.rpo.measuredSeconds !== undefined ? `, data loss ${exact(v.rpo.measuredSeconds)} against ${targetText(v.rpo)}` : '';
  const rto = v.rto.state === 'unrecovered' ? 'it did not recover within the watch window' : `RTO ${measuredText(v.rto)} against ${targetText(v.rto)}`;
  if (v.impactIntervals.length === 0) return [...sentences, `Impact: none — every steady-state probe held from the fault start on${rpo}${people}.`];
  const relapses = v.impactIntervals.filter((i) => i.relapse).length;
  return [
    ...sentences,
    `Impact: the steady state broke ${exact(v.rto.timeToImpactSeconds ?? v.impactIntervals[0]!.startOffsetSeconds)} after the fault started and was impacted for ${
      v.rto.impactSeconds !== undefined ? exact(v.rto.impactSeconds) : 'the rest of the observation'
    } in all${relapses > 0 ? ` (${relapses} relapse${relapses === 1 ? '' : 's'})` : ''}; ${rto}${rpo}${people}.`,
  ];
}
