import { durationSeconds } from '../duration.js';
import type { FisReportSettings } from '../scenario/types.js';
import type { PlanProblem } from './plan-problem.js';
import type { ExperimentReportConfiguration } from './types.js';

/**
 * spec.fisReport → the template's experimentReportConfiguration (CreateExperimentTemplate, FIS API
 * "CreateExperimentTemplateReportConfigurationInput"). FIS wants dashboards by ARN
 * (dashboardIdentifier); a bare name is a dashboard of the target account, and CloudWatch dashboard
 * ARNs carry no Region.
 */
export function compileFisReport(report: FisReportSettings, account: string): { configuration: ExperimentReportConfiguration; problems: PlanProblem[] } {
  const problems: PlanProblem[] = [];
  for (const member of ['pre', 'post'] as const) {
    const value = report[member];
    if (value !== undefined && durationSeconds(value) === undefined) problems.push({ path: ['spec', 'fisReport', member], message: `fisReport.${member} "${value}" is not an ISO 8601 duration` });
  }
  const dashboards = (report.dashboards ?? []).map((d) => ({ dashboardIdentifier: d.startsWith('arn:') ? d : `arn:aws:cloudwatch::${account}:dashboard/${d}` }));
  return {
    configuration: {
      outputs: { s3Configuration: { bucketName: report.bucket, ...(report.prefix ? { prefix: report.prefix } : {}) } },
      ...(dashboards.length ? { dataSources: { cloudWatchDashboards: dashboards } } : {}),
      ...(report.pre ? { preExperimentDuration: report.pre } : {}),
      ...(report.post ? { postExperimentDuration: report.post } : {}),
    },
    problems,
  };
}
