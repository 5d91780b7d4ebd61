import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanDeps } from '../../../src/scan/deps/scan.js';
import { spdxDocument, spdxJson } from '../../../src/scan/deps/spdx.js';
import { FIXTURES } from './helpers.js';

// No SPDX 2.3 JSON schema is available offline here, so this checks the fields the SPDX 2.3 spec makes
// required (document creation info, package name/SPDXID/downloadLocation) and the cross-references by hand.
describe('SPDX 2.3 JSON', () => {
  it('lists every package with its purl, the project as described package, and DEPENDS_ON from the lockfile graph', async () => {
    const r = await scanDeps({ root: path.join(FIXTURES, 'polyglot'), db: path.join(FIXTURES, 'osv-ecosystems') });
    const at = new Date('2026-12-04T10:00:00.123Z');
    const doc = spdxDocument({ lockfiles: r.lockfiles, matched: r.matched, project: { name: 'polyglot <x>' }, timestamp: at }) as {
      spdxVersion: string; dataLicense: string; SPDXID: string; name: string; documentNamespace: string;
      creationInfo: { created: string; creators: string[] };
      packages: { SPDXID: string; name: string; versionInfo?: string; downloadLocation: string; externalRefs?: { referenceCategory: string; referenceType: string; referenceLocator: string }[] }[];
      relationships: { spdxElementId: string; relationshipType: string; relatedSpdxElement: string }[];
    };
    expect(doc).toMatchObject({ spdxVersion: 'SPDX-2.3', dataLicense: 'CC0-1.0', SPDXID: 'SPDXRef-DOCUMENT', name: 'polyglot <x>' });
    expect(doc.creationInfo.created).toBe('2026-12-04T10:00:00Z');
    expect(doc.creationInfo.creators[0]).toMatch(/^Tool: \S+$/);
    expect(() => new URL(doc.documentNamespace)).not.toThrow();
    expect(doc.documentNamespace).not.toContain('#');
    const ids = doc.packages.map((p) => p.SPDXID);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of doc.packages) {
      expect(p.SPDXID).toMatch(/^SPDXRef-[A-Za-z0-9.-]+$/);
      expect(p.name).not.toBe('');
      expect(p.downloadLocation).toBe('NOASSERTION');
    }
    const packageCount = r.lockfiles.reduce((n, l) => n + l.packages.length, 0);
    expect(doc.packages).toHaveLength(packageCount + 1);
    const purls = doc.packages.flatMap((p) => p.externalRefs ?? []).map((e) => `${e.referenceCategory} ${e.referenceType} ${e.referenceLocator}`);
    expect(purls).toContain('PACKAGE-MANAGER purl pkg:cargo/smallvec@1.6.0');
    expect(purls).toContain('PACKAGE-MANAGER purl pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1');
    for (const rel of doc.relationships) {
      expect([...ids, 'SPDXRef-DOCUMENT']).toContain(rel.spdxElementId);
      expect(ids).toContain(rel.relatedSpdxElement);
    }
    const idOf = (name: string, version: string) => doc.packages.find((p) => p.name === name && p.versionInfo === version)!.SPDXID;
    const has = (from: string, to: string) => doc.relationships.some((x) => x.relationshipType === 'DEPENDS_ON' && x.spdxElementId === from && x.relatedSpdxElement === to);
    expect(doc.relationships[0]).toEqual({ spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: 'SPDXRef-Project' });
    expect(has(idOf('app', '0.1.0'), idOf('smallvec', '1.6.0'))).toBe(true);
    expect(has('SPDXRef-Project', idOf('app', '0.1.0'))).toBe(true);
    expect(has('SPDXRef-Project', idOf('smallvec', '1.6.0'))).toBe(false);
    // Names from scanned files stay data: the JSON parses back to the same string.
    expect((JSON.parse(spdxJson({ lockfiles: r.lockfiles, matched: [], project: { name: 'a"b\n' }, timestamp: at })) as { name: string }).name).toBe('a"b\n');
  });
});
