import type { JournalEvent } from '../core/journal/events.js';
import type { Plan } from '../core/plan/types.js';

/** What FIS itself said about the experiment, for the report's FIS section: from the journal only. */
export interface FisSection {
  /** state.error of a failed experiment */
  error?: { code?: string; location?: string; accountId?: string; text: string };
  /** The account's safety lever, when it ended the experiment. */
  safetyLever?: { status: string; reason?: string; text: string };
  /** spec.fisReport: where FIS writes its report, and whether it did. */
  experimentReport?: {
    bucket: string;
    prefix?: string;
    status?: string;
    reason?: string;
    /** the PDFs FIS wrote: S3 URI and a console link */
    reports: { arn: string; s3Uri: string; consoleUrl: string; reportType?: string }[];
    text: string;
  };
}

type Of<T extends JournalEvent['type']> = Extract<JournalEvent, { type: T }>;

/** s3://bucket/key of an S3 object ARN (arn:aws:s3:::bucket/key). */
function s3Uri(arn: string): string {
  return `s3://${arn.replace(/^arn:aws[a-z-]*:s3:::/, '')}`;
}

function consoleUrl(arn: string, region: string): string {
  const [bucket, ...key] = arn.replace(/^arn:aws[a-z-]*:s3:::/, '').split('/');
  return `https://s3.console.aws.amazon.com/s3/object/${encodeURIComponent(bucket ?? '')}?region=${encodeURIComponent(region)}&prefix=${encodeURIComponent(key.join('/'))}`;
}

export function fisSection(events: JournalEvent[], plan: Plan, region: string): FisSection | undefined {
  const failed = events.filter((e): e is Of<'experiment-state'> => e.type === 'experiment-state' && e.error !== undefined).at(-1);
  const lever = events.filter((e): e is Of<'safety-lever'> => e.type === 'safety-lever').at(-1);
  const report = events.filter((e): e is Of<'experiment-report'> => e.type === 'experiment-report').at(-1);
  const config = plan.template.experimentReportConfiguration;
  const section: FisSection = {};
  if (failed?.error) {
    const e = failed.error;
    section.error = { ...e, text: `FIS failed the experiment: ${failed.reason ?? failed.state} — state.error ${e.code ?? '(no code)'}${e.location ? ` at ${e.location}` : ''}${e.accountId ? ` in account ${e.accountId}` : ''}` };
  }
  if (lever) {
    section.safetyLever = {
      status: lever.status,
      ...(lever.reason ? { reason: lever.reason } : {}),
      text: `The account's FIS safety lever was ${lever.status}${lever.reason ? ` (${lever.reason})` : ''}: it ${lever.experimentState === 'cancelled' ? 'cancelled the experiment before anything was injected' : 'stopped the running experiment'}.`,
    };
  }
  if (config) {
    const { bucketName: bucket, prefix } = config.outputs.s3Configuration;
    const where = `s3://${bucket}/${prefix ? `${prefix.replace(/^\/+|\/+$/g, '')}/` : ''}`;
    const reports = (report?.reports ?? []).map((r) => ({ arn: r.arn, s3Uri: s3Uri(r.arn), consoleUrl: consoleUrl(r.arn, region), ...(r.reportType ? { reportType: r.reportType } : {}) }));
    section.experimentReport = {
      bucket,
      ...(prefix ? { prefix } : {}),
      ...(report ? { status: report.status } : {}),
      ...(report?.reason ? { reason: report.reason } : {}),
      reports,
      text: reportText(report, reports, where, events),
    };
  }
  return Object.keys(section).length ? section : undefined;
}

function reportText(report: Of<'experiment-report'> | undefined, reports: { s3Uri: string }[], where: string, events: JournalEvent[]): string {
  if (reports.length) return `FIS wrote its experiment report: ${reports.map((r) => r.s3Uri).join(', ')}`;
  if (!report) {
    const started = events.some((e) => e.type === 'experiment-started');
    return started ? `No FIS report was read: the run ended before FIS reported one (it writes to ${where})` : 'No FIS report will exist: the experiment never started';
  }
  if (report.status === 'cancelled' || report.status === 'failed') return `No FIS report will exist: ${report.reason ?? `FIS ${report.status} it`}`;
  return `FIS had not finished its report when the run ended (${report.status}${report.reason ? `: ${report.reason}` : ''}); it will be under ${where}`;
}
