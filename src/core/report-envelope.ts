import { PACKAGE } from './package-info.js';
import type { CheckResult, Report } from './result.js';

const iso = (d: Date | string) => (typeof d === 'string' ? d : d.toISOString());

/** The fields every report starts with, in this order (report.json and the JSON reporter keep it). */
export function reportEnvelope(command: string, startedAt: Date | string, finishedAt: Date | string = new Date()): Omit<Report, 'checks'> {
  return { tool: { name: PACKAGE.name, version: PACKAGE.version }, command, startedAt: iso(startedAt), finishedAt: iso(finishedAt) };
}

/** A command's report: the envelope, finished now unless told otherwise, and its checks. */
export function newReport(command: string, startedAt: Date | string, checks: CheckResult[], finishedAt: Date | string = new Date()): Report {
  return { ...reportEnvelope(command, startedAt, finishedAt), checks };
}
