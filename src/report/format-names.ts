/**
 * The `--format` names, apart from the reporters themselves: commands list them as choices when the
 * command tree is built, and must not load every reporter to do so. registry.ts keys its reporters
 * by exactly these names (checked by the type there and by test/report/format-names.test.ts).
 */
export const REPORT_FORMAT_NAMES = ['table', 'json', 'sarif', 'markdown', 'html', 'junit'] as const;

export type ReportFormatName = (typeof REPORT_FORMAT_NAMES)[number];
