import { createHash } from 'node:crypto';
import { DockerfileParser } from 'dockerfile-ast';
import type { Finding } from '../../core/result.js';
import { checkInlineAllow } from '../inline-allow.js';
import { detectYaml, type IacKind } from './detect.js';
import { workloadOf } from './k8s-workloads.js';
import type { IacRule } from './rule.js';
import { parseYaml } from './yaml-doc.js';

export interface IacFileScan {
  kind?: IacKind;
  findings: Finding[];
  allowed: number;
}

const KNOWN_INSTRUCTIONS = new Set(['FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL']);

/**
 * Scan one file's text. `kind` comes from the file name; 'yaml' means "look at the content".
 * A file that does not parse gives an `iac.parse-error` finding at the line that broke; the
 * documents of a multi-document YAML file that do parse are still checked.
 */
export function scanIacText(text: string, rel: string, kind: IacKind | 'yaml', rules: readonly IacRule[], today?: string): IacFileScan {
  const resolved = kind === 'yaml' ? detectYaml(text) : kind;
  if (!resolved) return { findings: [], allowed: 0 };
  const lines = text.split('\n');
  const findings: Finding[] = [];
  let allowed = 0;
  const seen = new Set<string>();
  const push = (ruleId: string, severity: Finding['severity'], line: number, message: string, remediation?: string) => {
    const key = `${ruleId}:${line}:${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    const decision = checkInlineAllow((n) => lines[n - 1], line, ruleId, today);
    if (decision.status === 'allowed') {
      allowed++;
      return;
    }
    const note = decision.status === 'expired' || decision.status === 'invalid' ? ` (${decision.note})` : '';
    findings.push({
      ruleId,
      severity,
      message: `${message}${note}`,
      location: { file: rel, line },
      fingerprint: createHash('sha256').update(`${ruleId}\0${rel}\0${message}`).digest('hex').slice(0, 32),
      ...(remediation ? { remediation } : {}),
    });
  };
  const parseError = (line: number, message: string) =>
    push('iac.parse-error', 'medium', line, `${rel}:${line}: ${message}`, 'Fix the syntax so the file can be checked (and deployed).');

  if (resolved === 'dockerfile') {
    const df = DockerfileParser.parse(text);
    for (const ins of df.getInstructions()) {
      const kw = ins.getKeyword();
      if (!KNOWN_INSTRUCTIONS.has(kw)) parseError(ins.getRange().start.line + 1, `unknown Dockerfile instruction "${kw}"`);
    }
    for (const rule of rules) {
      if (rule.kind !== 'dockerfile') continue;
      rule.check(df, (line0, message) => push(rule.id, rule.severity, line0 + 1, message ?? rule.title, rule.remediation), text);
    }
    return { kind: resolved, findings, allowed };
  }

  const parsed = parseYaml(text);
  if (parsed.error) parseError(parsed.error.line, `YAML does not parse: ${parsed.error.message}`);
  for (const doc of parsed.docs) {
    if (resolved === 'compose') {
      const services = (doc.value as { services?: Record<string, unknown> } | null)?.services;
      if (!services || typeof services !== 'object') continue;
      for (const [name, svc] of Object.entries(services)) {
        if (!svc || typeof svc !== 'object') continue;
        for (const rule of rules) {
          if (rule.kind !== 'compose') continue;
          rule.check(svc as Record<string, unknown>, name, (p, message) => push(rule.id, rule.severity, doc.lineOf(['services', name, ...p]), `${message ?? rule.title} (service ${name})`, rule.remediation), doc);
        }
      }
      continue;
    }
    const object = doc.value as { kind?: unknown; metadata?: { name?: unknown } } | null;
    if (object && typeof object === 'object' && typeof object.kind === 'string') {
      const label = `${object.kind} ${String(object.metadata?.name ?? '?')}`;
      for (const rule of rules) {
        if (rule.kind !== 'k8s-object') continue;
        rule.check(doc, object.kind, (p, message) => push(rule.id, rule.severity, doc.lineOf(p), `${message ?? rule.title} (${label})`, rule.remediation));
      }
    }
    const w = workloadOf(doc);
    if (!w) continue;
    for (const rule of rules) {
      if (rule.kind !== 'k8s') continue;
      rule.check(w, (p, message) => push(rule.id, rule.severity, doc.lineOf(p), `${message ?? rule.title} (${w.kind} ${w.name})`, rule.remediation));
    }
  }
  findings.sort((a, b) => ('line' in a.location ? (a.location.line ?? 0) : 0) - ('line' in b.location ? (b.location.line ?? 0) : 0));
  return { kind: resolved, findings, allowed };
}
