/**
 * The experiment report FIS writes to S3 when the template has an experimentReportConfiguration: it
 * is generated once the post-experiment window has passed after the experiment ends; an experiment
 * that was cancelled, or ran with actionsMode skip-all, gets none.
 */
import { durationSeconds } from '../../core/duration.js';
import type { ExperimentRun } from './fis-experiment.js';
import type { ReportConfiguration } from './fis-validate.js';

export type ReportStatus = 'pending' | 'running' | 'completed' | 'cancelled' | 'failed';

export class ExperimentReport {
  private status: ReportStatus = 'pending';
  private reason = 'Experiment report is pending until the experiment ends.';
  private readonly s3Reports: { arn: string; reportType: string }[] = [];

  constructor(private readonly config: ReportConfiguration) {}

  step(now: number, experiment: ExperimentRun, s3Arn: (key: string) => string): void {
    if (this.status === 'completed' || this.status === 'cancelled') return;
    if (experiment.active) return;
    if (experiment.status === 'cancelled' || experiment.actionsMode === 'skip-all') {
      this.status = 'cancelled';
      this.reason = experiment.status === 'cancelled' ? 'The experiment was cancelled: no report is generated.' : 'The experiment ran with actionsMode skip-all: no report is generated.';
      return;
    }
    if (now < (experiment.endTime ?? now) + this.postMs) {
      this.status = 'running';
      this.reason = 'Experiment report is being generated.';
      return;
    }
    const bucket = this.config.outputs?.s3Configuration?.bucketName ?? '';
    const prefix = (this.config.outputs?.s3Configuration?.prefix ?? '').replace(/^\/+|\/+$/g, '');
    this.s3Reports.push({ arn: s3Arn(`${bucket}/${prefix ? `${prefix}/` : ''}${experiment.id}/experiment-report.pdf`), reportType: 'PDF' });
    this.status = 'completed';
    this.reason = 'Experiment report was generated.';
  }

  /** The earliest instant a step can change this report, if nobody calls before it (its experiment's end is the experiment's own change). */
  nextChangeAt(experiment: ExperimentRun): number {
    if (this.status === 'completed' || this.status === 'cancelled' || experiment.active) return Infinity;
    if (this.status === 'pending') return Number.NEGATIVE_INFINITY;
    return (experiment.endTime ?? 0) + this.postMs;
  }

  /** The post-experiment window, ms. */
  private get postMs(): number {
    return (durationSeconds(this.config.postExperimentDuration ?? 'PT0M') ?? 0) * 1000;
  }

  view(): { state: { status: ReportStatus; reason: string }; s3Reports: { arn: string; reportType: string }[] } {
    return { state: { status: this.status, reason: this.reason }, s3Reports: [...this.s3Reports] };
  }
}
