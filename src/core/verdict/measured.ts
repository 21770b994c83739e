import { faultWindow, type FaultWindow } from './fault-window.js';
import { actionImpact } from './impact.js';
import { impactCounts } from './impact-counts.js';
import { impactModel, type ImpactModel } from './impact-intervals.js';
import { journalFacts, type JournalFacts } from './journal-facts.js';
import { detectionEvidence, type DetectionEvidence } from './detection-evidence.js';
import { measureDataLoss, type DataLoss } from './measure-data-loss.js';
import { measureDetection, missingAlarms, type Detection } from './measure-detection.js';
import { measureRecovery, type Recovery } from './measure-recovery.js';
import { steadyState, type SteadyState } from './steady-state.js';
import { experimentStops, stopConditionTrips } from './stops.js';
import { recoveryTargets, type Targets } from './targets.js';
import { unconfirmedStop, type UnconfirmedStop } from './unconfirmed-stop.js';
import type { JournalEvent } from '../journal/events.js';
import type { ImpactCountView, Verdict } from './types.js';

/** Everything measured from one journal; expectations and gap finders read only this. */
export interface Measured {
  facts: JournalFacts;
  window: FaultWindow;
  steady: SteadyState;
  impactModel: ImpactModel;
  impactCounts: ImpactCountView[];
  recovery: Recovery;
  dataLoss: DataLoss;
  detections: Detection[];
  detectionEvidence: Map<string, DetectionEvidence>;
  missingAlarms: Map<string, string>;
  targets: Targets;
  impact: Verdict['impact'];
  stops: Verdict['stops'];
  trips: ReturnType<typeof stopConditionTrips>;
  /** a stop FIS never confirmed (the run was left open, exit 4): what followed it is unknown */
  unconfirmedStop?: UnconfirmedStop;
  /** the runbook's path, or words for "the runbook" when the scenario declares none */
  runbookName: string;
}

export function measure(events: JournalEvent[]): Measured {
  const facts = journalFacts(events);
  const window = faultWindow(facts);
  const steady = steadyState(facts);
  const model = impactModel(facts, window, steady);
  const detections = measureDetection(facts, window.start, model.actions);
  const unconfirmed = unconfirmedStop(facts);
  return {
    facts,
    window,
    steady,
    impactModel: model,
    impactCounts: impactCounts(facts, window),
    recovery: measureRecovery(facts, window, steady, model, unconfirmed),
    dataLoss: measureDataLoss(facts),
    detections,
    detectionEvidence: detectionEvidence(facts, detections, window.end ?? window.observedUntil),
    missingAlarms: missingAlarms(facts),
    targets: recoveryTargets(facts),
    impact: actionImpact(facts),
    stops: experimentStops(facts),
    trips: stopConditionTrips(facts),
    ...(unconfirmed ? { unconfirmedStop: unconfirmed } : {}),
    runbookName: facts.plan.runbook?.path ?? `the runbook (the scenario declares none: add spec.runbook to ${facts.plan.scenario.file})`,
  };
}
