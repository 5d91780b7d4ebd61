import { describe, expect, it } from 'vitest';
import { AREAS } from '../../src/core/coverage.js';
import { PART_CATALOGUE, PART_NAMES } from '../../src/core/part-catalogue.js';
import type { CheckResult } from '../../src/core/result.js';
import { coverage } from '../../src/run/coverage.js';
import type { PartStatus } from '../../src/core/run-report.js';

const check = (id: string, status: CheckResult['status']): CheckResult => ({ id, title: id, category: 'Security', status, evidence: '' });

describe('coverage', () => {
  it('every part covers an area, and every area has a part; image shares one (dependencies, with deps), capacity and pages another (performance, with load)', () => {
    const areas = PART_NAMES.map((n) => PART_CATALOGUE[n].area);
    expect([...new Set(areas)].sort()).toEqual([...AREAS].sort());
    expect(PART_NAMES.filter((n) => PART_NAMES.some((m) => m !== n && PART_CATALOGUE[m].area === PART_CATALOGUE[n].area))).toEqual(['load', 'pages', 'capacity', 'deps', 'image']);
  });

  it('names each area passed, failed or not covered, with the reason', () => {
    const statuses: PartStatus[] = [
      { name: 'load', title: 'Load test', status: 'ran' },
      { name: 'secrets', title: 'Secrets', status: 'ran' },
      { name: 'deps', title: 'Deps', status: 'skipped', reason: 'no `scan` section in the config' },
      { name: 'sast', title: 'SAST', status: 'error', reason: 'boom' },
      { name: 'probe', title: 'Probe', status: 'ran' },
      { name: 'docs', title: 'Docs', status: 'ran' },
      { name: 'iac', title: 'IaC', status: 'ran' },
    ];
    const rows = coverage(statuses, {
      load: [check('load.threshold:x', 'pass'), check('load.errors', 'warn')],
      secrets: [check('secrets', 'fail'), check('secrets.x', 'skip')],
      sast: [check('run.sast', 'fail')],
      probe: [check('tls.protocols', 'skip'), check('tls.certificate', 'skip')],
      docs: [],
    });
    expect(rows.map((r) => [r.area, r.title, r.part, r.status, r.detail])).toEqual([
      ['performance', 'performance', 'load', 'passed', 'load ran 2 checks: 1 passed, 1 warned'],
      ['secrets', 'secret scan', 'secrets', 'failed', 'secrets ran 2 checks: 0 passed, 1 failed, 1 skipped'],
      ['dependencies', 'dependency scan', 'deps', 'not-covered', 'deps skipped: no `scan` section in the config'],
      ['code', 'code scan', 'sast', 'failed', 'sast did not complete: boom'],
      // Ran, but skipped every check: no evidence, so not covered.
      ['live-security', 'live security', 'probe', 'not-covered', 'probe ran but all 2 of its checks were skipped'],
      ['docs', 'docs', 'docs', 'not-covered', 'docs ran but produced no checks'],
      ['config', 'config scan', 'iac', 'not-covered', 'iac ran but produced no checks'],
    ]);
  });
});
