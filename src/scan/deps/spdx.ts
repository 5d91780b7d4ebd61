import { randomUUID } from 'node:crypto';
import { PACKAGE } from '../../core/package-info.js';
import { cycloneDxBom, type SbomInput } from './cyclonedx.js';

/**
 * `--format spdx`: an SPDX 2.3 JSON document of the same inventory as the CycloneDX SBOM — one
 * package per lockfile entry with its purl as an externalRef, the project as the described package,
 * and DEPENDS_ON relationships from the same graph (built once, in cyclonedx.ts). SPDX 2.3 has no
 * place for vulnerabilities: use --format cyclonedx for those. Serialised with JSON.stringify.
 */
export function spdxJson(input: SbomInput): string {
  return `${JSON.stringify(spdxDocument(input), null, 2)}\n`;
}

interface BomComponent {
  'bom-ref': string;
  name: string;
  version?: string;
  purl?: string;
  scope?: string;
  properties?: { name: string; value: string }[];
}

export function spdxDocument(input: SbomInput): Record<string, unknown> {
  const bom = cycloneDxBom(input) as { components: BomComponent[]; dependencies: { ref: string; dependsOn: string[] }[]; metadata: { component: { 'bom-ref': string } } };
  const rootRef = bom.metadata.component['bom-ref'];
  const ids = new Map<string, string>([[rootRef, 'SPDXRef-Project']]);
  bom.components.forEach((c, i) => ids.set(c['bom-ref'], `SPDXRef-Package-${i + 1}`));
  const packages: Record<string, unknown>[] = [
    { SPDXID: 'SPDXRef-Project', name: input.project.name, downloadLocation: 'NOASSERTION', filesAnalyzed: false, primaryPackagePurpose: input.project.type === 'container' ? 'CONTAINER' : 'APPLICATION' },
    ...bom.components.map((c) => ({
      SPDXID: ids.get(c['bom-ref'])!,
      name: c.name,
      ...(c.version !== undefined ? { versionInfo: c.version } : {}),
      downloadLocation: 'NOASSERTION',
      filesAnalyzed: false,
      primaryPackagePurpose: 'LIBRARY',
      ...(c.purl ? { externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: c.purl }] } : {}),
      ...constraintComment(c),
    })),
  ];
  const relationships: Record<string, unknown>[] = [{ spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: 'SPDXRef-Project' }];
  for (const d of bom.dependencies) {
    const from = ids.get(d.ref);
    if (!from) continue;
    for (const on of d.dependsOn) {
      const to = ids.get(on);
      if (to) relationships.push({ spdxElementId: from, relationshipType: 'DEPENDS_ON', relatedSpdxElement: to });
    }
  }
  return {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: input.project.name,
    // Unique per document, as SPDX asks; not a page anyone serves.
    documentNamespace: `https://spdx.org/spdxdocs/${encodeURIComponent(PACKAGE.name)}-${encodeURIComponent(input.project.name)}-${randomUUID()}`,
    creationInfo: { created: input.timestamp.toISOString().replace(/\.\d{3}Z$/, 'Z'), creators: [`Tool: ${PACKAGE.name}-${PACKAGE.version}`] },
    documentDescribes: ['SPDXRef-Project'],
    packages,
    relationships,
  };
}

/** SPDX 2.3 has no field for a version range: a requirements constraint is said in the package comment. */
function constraintComment(c: BomComponent): { comment?: string } {
  const constraint = c.properties?.find((p) => p.name === 'gonogo:version-constraint')?.value;
  return constraint ? { comment: `requirements constraint ${constraint}: versionInfo is its bound, not necessarily the installed version` } : {};
}
