/**
 * Every part `gonogo run` knows, declared once, in the order the gate runs them. The gate, `gonogo
 * scan`, the checklist, `gonogo run --help`, the config schema (`run.parts`, `policy.requireParts`,
 * `verdict.require`) and the coverage areas all read this table; run/parts.ts adds each part's runner (a capability,
 * loaded lazily), and its type makes the compiler refuse a part without one.
 */

/** What a part gives evidence about; the verdict reports every area as passed, failed or not covered. */
export type CoverageArea = 'performance' | 'dependencies' | 'code' | 'secrets' | 'config' | 'live-security' | 'docs';

export interface PartInfo {
  /** Shown in progress lines and reports. */
  readonly title: string;
  /** One line for `gonogo run --help`. */
  readonly summary: string;
  /** The config section that turns the part on (a dotted path). */
  readonly section: string;
  readonly area: CoverageArea;
  /** The command that runs this part alone. */
  readonly command: string;
  /** Where the docs describe it (relative to the repository root). */
  readonly docs: string;
  /** `gonogo scan` runs the parts of group `scan`. */
  readonly group?: 'scan';
}

export const PART_CATALOGUE = {
  load: { title: 'Load test', summary: 'load test against the target, with thresholds', section: 'load', area: 'performance', command: 'gonogo load', docs: 'docs/load.md' },
  pages: { title: 'Web Vitals of the UI pages', summary: 'LCP, CLS, INP, FCP and TTFB of the UI pages in headless Chromium, cold and warm, with thresholds', section: 'pages', area: 'performance', command: 'gonogo vitals', docs: 'docs/vitals.md' },
  capacity: { title: 'Breaking point', summary: 'capacity search: the highest arrival rate that meets every threshold', section: 'capacity', area: 'performance', command: 'gonogo capacity', docs: 'docs/capacity.md' },
  secrets: { title: 'Secrets in code', summary: 'secrets committed to the repository', section: 'scan.secrets', area: 'secrets', command: 'gonogo scan secrets', docs: 'docs/secrets.md', group: 'scan' },
  deps: { title: 'Vulnerable dependencies', summary: 'known vulnerabilities in locked dependencies', section: 'scan.deps', area: 'dependencies', command: 'gonogo scan deps', docs: 'docs/deps.md', group: 'scan' },
  sast: { title: 'Static analysis', summary: 'injection and unsafe-code rules on the source', section: 'scan.sast', area: 'code', command: 'gonogo scan sast', docs: 'docs/sast.md', group: 'scan' },
  // Images are evidence about the same risk as lockfiles (known-vulnerable third-party code that ships), so they share the dependencies area.
  image: { title: 'Vulnerable packages in the image', summary: 'known vulnerabilities in a container image\'s OS and language packages', section: 'scan.image', area: 'dependencies', command: 'gonogo scan image', docs: 'docs/image.md', group: 'scan' },
  iac: { title: 'Container and Kubernetes config', summary: 'Dockerfile and Kubernetes manifest rules', section: 'scan.iac', area: 'config', command: 'gonogo scan iac', docs: 'docs/iac.md', group: 'scan' },
  probe: { title: 'Live security probe', summary: 'TLS, headers, CORS and exposed files on the running target', section: 'probe', area: 'live-security', command: 'gonogo probe', docs: 'docs/probe.md' },
  docs: { title: 'Documentation review', summary: 'links, code samples, CLI drift and structure of the Markdown docs', section: 'docs', area: 'docs', command: 'gonogo docs', docs: 'docs/docs-review.md' },
} as const satisfies Record<string, PartInfo>;

export type PartName = keyof typeof PART_CATALOGUE;

/** The part names in run order (the catalogue's order), as a non-empty tuple for schema enums. */
export const PART_NAMES = Object.keys(PART_CATALOGUE) as [PartName, ...PartName[]];

/** The parts of a group, in run order (`gonogo scan` runs the `scan` group). */
export function partsInGroup(group: NonNullable<PartInfo['group']>): PartName[] {
  return PART_NAMES.filter((n) => (PART_CATALOGUE[n] as PartInfo).group === group);
}
