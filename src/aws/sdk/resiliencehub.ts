// The client and the commands gameday calls: a bundle takes only these from the package (scripts/build-bundles.js).
export { ResiliencehubClient, DescribeAppAssessmentCommand, DescribeAppCommand, DescribeResiliencyPolicyCommand, ListAlarmRecommendationsCommand, ListAppAssessmentsCommand, ListSopRecommendationsCommand, ListTestRecommendationsCommand } from '@aws-sdk/client-resiliencehub';
