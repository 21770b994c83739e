/** The files a run's reports come in; `report render --format` takes these names. */
export type ReportFormat = 'md' | 'html' | 'json' | 'junit';
export const REPORT_FORMATS: readonly ReportFormat[] = ['md', 'html', 'json', 'junit'];
