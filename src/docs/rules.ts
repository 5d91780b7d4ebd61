import { createHash } from 'node:crypto';
import type { Finding, Severity } from '../core/result.js';

/** The checks `gonogo docs` reports, one CheckResult each; every finding belongs to one. */
export const DOC_CHECKS = {
  'docs.links': { title: 'Internal links' },
  'docs.references': { title: 'Reference-style links' },
  'docs.external': { title: 'External links' },
  'docs.code': { title: 'Code blocks' },
  'docs.drift': { title: 'Docs match the code' },
  'docs.structure': { title: 'Required sections' },
  'docs.terms': { title: 'Terminology' },
} as const;
export type DocCheckId = keyof typeof DOC_CHECKS;

interface DocRule {
  check: DocCheckId;
  severity: Severity;
  remediation: string;
}

/** Every finding id; docs/docs-review.md explains each (a test keeps the two in step). */
export const DOC_RULES = {
  'docs.link-broken': { check: 'docs.links', severity: 'medium', remediation: 'Point the link at a file or folder that exists (paths are relative to the Markdown file; a leading / is the repository root).' },
  'docs.image-broken': { check: 'docs.links', severity: 'medium', remediation: 'Point the image at a file that exists, or add the file.' },
  'docs.anchor-broken': { check: 'docs.links', severity: 'medium', remediation: 'Use the anchor GitHub generates for the heading (lower case, spaces to -, punctuation dropped, -1, -2 for repeats), or add <a id="..."></a>.' },
  'docs.anchor-case': { check: 'docs.links', severity: 'low', remediation: 'Write the anchor in lower case, as GitHub generates it; browsers match fragments case-sensitively, GitHub\'s own scrolling does not.' },
  'docs.ref-undefined': { check: 'docs.references', severity: 'medium', remediation: 'Add a definition `[label]: url` or fix the label; without one the text shows literally.' },
  'docs.ref-unused': { check: 'docs.references', severity: 'low', remediation: 'Remove the definition or use it with [text][label].' },
  'docs.ref-duplicate': { check: 'docs.references', severity: 'low', remediation: 'Keep one definition per label: only the first one is used.' },
  'docs.external-broken': { check: 'docs.external', severity: 'medium', remediation: 'Update or remove the link; if the site refuses robots, add its status to docs.external.accept or the URL to docs.external.exclude.' },
  'docs.code-no-lang': { check: 'docs.code', severity: 'low', remediation: 'Add a language after the opening fence (```bash, ```json, ```text ...) so it is highlighted and can be checked.' },
  'docs.code-wrong-tag': { check: 'docs.code', severity: 'low', remediation: 'Tag the block with the language it is written in (```json, ```yaml, ```bash, ```text for output and diagrams).' },
  'docs.code-syntax': { check: 'docs.code', severity: 'medium', remediation: 'Fix the snippet so readers can copy it as it is, or mark it as another language (```text) when it is not meant to run.' },
  'docs.code-shellcheck': { check: 'docs.code', severity: 'low', remediation: 'Follow the ShellCheck advice (see https://www.shellcheck.net/wiki/ for the SC code).' },
  'docs.code-shellcheck-missing': { check: 'docs.code', severity: 'info', remediation: 'Install ShellCheck (https://www.shellcheck.net/, e.g. apt-get install shellcheck) so shell blocks get its advice, or set docs.code.shellcheck: false to review syntax only.' },
  'docs.cli-unknown-command': { check: 'docs.drift', severity: 'medium', remediation: 'Use a command the CLI has (gonogo --help lists them), or update the docs after a rename.' },
  'docs.cli-unknown-option': { check: 'docs.drift', severity: 'medium', remediation: 'Use a flag the command has (gonogo <command> --help lists them), or update the docs after a rename.' },
  'docs.dep-version': { check: 'docs.drift', severity: 'medium', remediation: 'Update the version in the docs to the one package.json / the lockfile uses.' },
  'docs.section-missing': { check: 'docs.structure', severity: 'medium', remediation: 'Add the section (a heading with that text) the docs.structure rule requires for this file.' },
  'docs.section-order': { check: 'docs.structure', severity: 'low', remediation: 'Move the section so required sections appear in the order docs.structure lists them.' },
  'docs.term-banned': { check: 'docs.terms', severity: 'medium', remediation: 'Replace the term with the one the glossary gives (docs.glossary), or reword the sentence.' },
  'docs.term-variant': { check: 'docs.terms', severity: 'low', remediation: 'Use the preferred term the glossary lists for this variant, so the docs say one thing one way.' },
  'docs.term-casing': { check: 'docs.terms', severity: 'low', remediation: 'Write the name in the case the glossary gives (GitHub, JavaScript, npm).' },
} as const satisfies Record<string, DocRule>;
export type DocRuleId = keyof typeof DOC_RULES;

/**
 * A finding at file:line. The fingerprint leaves the line out (it keys on what is wrong, e.g. the
 * link target), so editing text above a finding does not make it a new one.
 */
export function docFinding(ruleId: DocRuleId, file: string, line: number | undefined, message: string, key: string): Finding {
  // Hex of the first 16 bytes: a string of its own, not a slice that keeps the whole 64-digit hex alive.
  const fingerprint = createHash('sha256').update(`${ruleId}\0${file}\0${key}`).digest().toString('hex', 0, 16);
  return { ruleId, severity: DOC_RULES[ruleId].severity, message, location: line === undefined ? { file } : { file, line }, fingerprint, remediation: DOC_RULES[ruleId].remediation };
}
