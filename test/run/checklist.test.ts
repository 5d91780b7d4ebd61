import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/core/config/validate.js';
import { ConfigError } from '../../src/core/errors.js';
import type { CheckResult } from '../../src/core/result.js';
import { evaluateChecklist, matchesId, matchesThreshold } from '../../src/run/checklist.js';

const checks: CheckResult[] = [
  { id: 'secrets.aws', title: 'AWS keys', category: 'Security', status: 'pass', evidence: '' },
  { id: 'secrets.generic', title: 'Generic', category: 'Security', status: 'warn', evidence: '' },
  { id: 'load.threshold:http_req_duration:p(95)<500', title: 'http_req_duration p(95)<500', category: 'Performance', status: 'fail', evidence: 'actual 812', role: 'threshold' },
  { id: 'tls.versions', title: 'TLS', category: 'Security', status: 'skip', evidence: 'http target' },
];

function problems(raw: unknown): string[] {
  try {
    validateConfig(raw, 'gonogo.config.yaml');
    return [];
  } catch (err) {
    return (err as ConfigError).details;
  }
}

describe('checklist config', () => {
  it('normalises categories into one list with dates as YYYY-MM-DD (string or Date)', () => {
    const cfg = validateConfig({
      checklist: {
        Security: [{ title: 'No secrets', check: 'secrets.*' }],
        Monitoring: [{ title: 'Alerts', attested: { by: 'ann', date: new Date('2026-01-02T10:00:00Z'), expires: '2026-07-01', evidence: 'https://wiki/x' } }],
        Infrastructure: [{ title: 'Backups', attested: { by: 'bob', date: '2026-01-03', expires: new Date('2026-04-03T00:00:00Z') } }],
      },
    });
    expect(cfg.checklist).toEqual([
      { category: 'Infrastructure', title: 'Backups', attested: { by: 'bob', date: '2026-01-03', expires: '2026-04-03' } },
      { category: 'Security', title: 'No secrets', check: 'secrets.*' },
      { category: 'Monitoring', title: 'Alerts', attested: { by: 'ann', date: '2026-01-02', expires: '2026-07-01', evidence: 'https://wiki/x' } },
    ]);
  });

  it('rejects an unknown category with a suggestion, a bad date, and an item bound twice', () => {
    const p = problems({
      checklist: {
        Monitorng: [{ title: 'x' }],
        Security: [{ title: 'y' }, { title: 'z', attested: { by: 'me', date: 'yesterday', expires: '2026-01-01' } }],
      },
    });
    expect(p.join('\n')).toMatch(/checklist\.Monitorng.*did you mean "Monitoring"/);
    expect(p.join('\n')).toMatch(/checklist\.Security\[1\]\.attested\.date: expected a date as YYYY-MM-DD/);
    // Cross-field rules run once the shapes are right.
    expect(problems({ checklist: { Security: [{ title: 'y', check: 'a', threshold: 'p(95)<1' }] } }).join('\n')).toMatch(/checklist\.Security\[0\].*check or to a threshold, not both/);
    expect(problems({ checklist: { Security: [{ title: 'y', check: 'a', attested: { by: 'me', date: '2026-01-01', expires: '2026-02-01' } }] } }).join('\n')).toMatch(/automated item/);
  });

  it('an attestation needs by, date and expires; the old `on` gets a rename hint', () => {
    const text = problems({
      checklist: {
        Monitoring: [
          { title: 'a', attested: { by: 'ann', on: '2026-01-02' } },
          { title: 'b', attested: { by: 'ann', date: '2026-01-02' } },
          { title: 'd', attested: { by: 'ann', date: '2026-03-02', expires: '2026-02-02' } },
        ],
      },
    }).join('\n');
    expect(text).toMatch(/checklist\.Monitoring\[0\]\.attested\.on: rename `on` to `date` and add `expires`/);
    expect(text).toMatch(/checklist\.Monitoring\[1\]\.attested\.expires: expected the date the attestation expires/);
    expect(text).toMatch(/checklist\.Monitoring\[2\]\.attested\.expires: expires \(2026-02-02\) is before the attestation date \(2026-03-02\)/);
    // Shape errors (a missing `by`) are reported first, as for every section.
    expect(problems({ checklist: { Monitoring: [{ title: 'c', attested: { date: '2026-01-02', expires: '2026-02-02' } }] } }).join('\n')).toMatch(/checklist\.Monitoring\[0\]\.attested\.by/);
  });

  it('policy: acceptances need an owner, an expiry and exactly one of fingerprint / ruleId', () => {
    const p = problems({ policy: { accept: [{ owner: 'x', expires: '2026-01-01' }, { fingerprint: 'f', expires: '2026-01-01' }], high: 'blok' } });
    const text = p.join('\n');
    expect(text).toMatch(/exactly one of `fingerprint` or `ruleId`|owner/);
    expect(text).toMatch(/policy\.accept\[1\]\.owner|policy\.accept\.1\.owner/);
    expect(text).toMatch(/policy\.high.*did you mean "block"/);
  });

  it('run section: parts are known part names', () => {
    expect(problems({ run: { parts: ['lod'] } }).join('\n')).toMatch(/run\.parts.*did you mean "load"/);
    expect(validateConfig({ run: { parts: ['load'], scale: 0.5, strict: true, outDir: 'out' } }).run).toEqual({ parts: ['load'], scale: 0.5, strict: true, outDir: 'out' });
  });
});

describe('evaluateChecklist', () => {
  it('decides automated items from their checks and manual items from attestation', () => {
    const cfg = validateConfig({
      checklist: {
        Security: [{ title: 'No secrets', check: 'secrets.*' }, { title: 'TLS', check: 'tls.versions' }, { title: 'WAF', check: 'waf.sqli' }],
        Performance: [{ title: 'p95 under 500 ms', threshold: 'p(95) < 500' }],
        Monitoring: [
          { title: 'Alerts', attested: { by: 'ann', date: '2026-01-02', expires: '2026-07-01', evidence: 'https://wiki/x' } },
          { title: 'Dashboards' },
          { title: 'Runbook', attested: { by: 'bob', date: '2025-06-01', expires: '2026-01-31' } },
          { title: 'Pager', attested: { by: 'cy', date: '2026-01-01', expires: '2026-02-01' } },
        ],
      },
    });
    const out = evaluateChecklist(cfg.checklist!, checks, '2026-02-01');
    const by = Object.fromEntries(out.map((c) => [c.title, c]));
    expect(by['No secrets']!.status).toBe('warn'); // one pass + one warn
    expect(by['No secrets']!.evidence).toContain('secrets.generic: warn');
    expect(by['TLS']!).toMatchObject({ status: 'warn', evidence: expect.stringContaining('no such check ran') }); // only skipped
    expect(by['WAF']!.status).toBe('warn');
    expect(by['p95 under 500 ms']!.status).toBe('fail');
    expect(by['Alerts']!).toMatchObject({ status: 'pass', id: 'checklist.monitoring.alerts', evidence: 'manual: attested by ann on 2026-01-02 (evidence: https://wiki/x), valid until 2026-07-01' });
    expect(by['Dashboards']!).toMatchObject({ status: 'warn', evidence: 'manual: not attested', category: 'Monitoring' });
    // Expired the day before today: a warning that names the date. Valid through its expiry day.
    expect(by['Runbook']!).toMatchObject({ status: 'warn', evidence: 'manual: attested by bob on 2025-06-01; expired on 2026-01-31' });
    expect(by['Pager']!.status).toBe('pass');
  });

  it('gives items with the same title distinct ids', () => {
    const cfg = validateConfig({ checklist: { Documentation: [{ title: 'Runbook' }, { title: 'Runbook' }] } });
    expect(evaluateChecklist(cfg.checklist!, [], '2026-01-01').map((c) => c.id)).toEqual(['checklist.documentation.runbook', 'checklist.documentation.runbook-2']);
  });
});

describe('matchesThreshold', () => {
  const check = (id: string): CheckResult => ({ id, title: id, category: 'Performance', status: 'pass', evidence: '', role: 'threshold' });
  it('binds to the threshold whose expression is exactly the same, whitespace ignored', () => {
    expect(matchesThreshold('p(95)<500', check('load.threshold:http_req_duration:p(95)<500'))).toBe(true);
    expect(matchesThreshold(' p(95) < 500 ', check('load.threshold:http_req_duration:p(95)<500'))).toBe(true);
    expect(matchesThreshold('http_req_duration: p(95)<500', check('load.threshold:http_req_duration:p(95)<500'))).toBe(true);
    expect(matchesThreshold('http_req_duration{name:GET /a}: p(95)<500', check('load.threshold:http_req_duration{name:GET /a}:p(95)<500'))).toBe(true);
  });
  it('never by substring: p(95)<50 is not p(95)<500, and a condition is not another metric', () => {
    expect(matchesThreshold('p(95)<50', check('load.threshold:http_req_duration:p(95)<500'))).toBe(false);
    expect(matchesThreshold('p(95)<500', check('load.threshold:http_req_duration:p(95)<5000'))).toBe(false);
    expect(matchesThreshold('(95)<500', check('load.threshold:http_req_duration:p(95)<500'))).toBe(false);
    expect(matchesThreshold('p(95)<500', check('load.errors'))).toBe(false);
  });
  it('an item bound to p(95)<50 reports that no such check ran when only p(95)<500 did', () => {
    const cfg = validateConfig({ checklist: { Performance: [{ title: 'fast', threshold: 'p(95)<50' }] } });
    const [item] = evaluateChecklist(cfg.checklist!, checks, '2026-01-01');
    expect(item).toMatchObject({ status: 'warn', evidence: 'automated (threshold p(95)<50): no such check ran' });
  });
});

describe('matchesId', () => {
  it('matches exact ids, prefixes ending in *, and the family name itself for "name.*"', () => {
    expect(matchesId('waf.sqli', 'waf.sqli')).toBe(true);
    expect(matchesId('waf.sqli', 'waf.xss')).toBe(false);
    expect(matchesId('secrets.*', 'secrets.aws-access-key-id')).toBe(true);
    expect(matchesId('secrets.*', 'secrets')).toBe(true);
    expect(matchesId('secrets.*', 'secretsauce')).toBe(false);
    expect(matchesId('headers*', 'headers.csp')).toBe(true);
    expect(matchesId('waf.*', 'tls.protocols')).toBe(false);
  });
});
