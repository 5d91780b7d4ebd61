import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/core/config/validate.js';
import { ConfigError } from '../../src/core/errors.js';
import type { CheckResult } from '../../src/core/result.js';
import { evaluateChecklist, matchesId } from '../../src/run/checklist.js';

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
        Monitoring: [{ title: 'Alerts', attested: { by: 'ann', on: new Date('2026-01-02T10:00:00Z'), evidence: 'https://wiki/x' } }],
        Infrastructure: [{ title: 'Backups', attested: { by: 'bob', on: '2026-01-03' } }],
      },
    });
    expect(cfg.checklist).toEqual([
      { category: 'Infrastructure', title: 'Backups', attested: { by: 'bob', on: '2026-01-03' } },
      { category: 'Security', title: 'No secrets', check: 'secrets.*' },
      { category: 'Monitoring', title: 'Alerts', attested: { by: 'ann', on: '2026-01-02', evidence: 'https://wiki/x' } },
    ]);
  });

  it('rejects an unknown category with a suggestion, a bad date, and an item bound twice', () => {
    const p = problems({
      checklist: {
        Monitorng: [{ title: 'x' }],
        Security: [{ title: 'y' }, { title: 'z', attested: { by: 'me', on: 'yesterday' } }],
      },
    });
    expect(p.join('\n')).toMatch(/checklist\.Monitorng.*did you mean "Monitoring"/);
    expect(p.join('\n')).toMatch(/checklist\.Security\[1\]\.attested\.on: expected a date as YYYY-MM-DD/);
    // Cross-field rules run once the shapes are right.
    expect(problems({ checklist: { Security: [{ title: 'y', check: 'a', threshold: 'p(95)<1' }] } }).join('\n')).toMatch(/checklist\.Security\[0\].*check or to a threshold, not both/);
    expect(problems({ checklist: { Security: [{ title: 'y', check: 'a', attested: { by: 'me', on: '2026-01-01' } }] } }).join('\n')).toMatch(/automated item/);
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
        Monitoring: [{ title: 'Alerts', attested: { by: 'ann', on: '2026-01-02', evidence: 'https://wiki/x' } }, { title: 'Dashboards' }],
      },
    });
    const out = evaluateChecklist(cfg.checklist!, checks);
    const by = Object.fromEntries(out.map((c) => [c.title, c]));
    expect(by['No secrets']!.status).toBe('warn'); // one pass + one warn
    expect(by['No secrets']!.evidence).toContain('secrets.generic: warn');
    expect(by['TLS']!).toMatchObject({ status: 'warn', evidence: expect.stringContaining('no such check ran') }); // only skipped
    expect(by['WAF']!.status).toBe('warn');
    expect(by['p95 under 500 ms']!.status).toBe('fail');
    expect(by['Alerts']!).toMatchObject({ status: 'pass', id: 'checklist.monitoring.alerts', evidence: 'manual: attested by ann on 2026-01-02 (evidence: https://wiki/x)' });
    expect(by['Dashboards']!).toMatchObject({ status: 'warn', evidence: 'manual: not attested', category: 'Monitoring' });
  });

  it('gives items with the same title distinct ids', () => {
    const cfg = validateConfig({ checklist: { Documentation: [{ title: 'Runbook' }, { title: 'Runbook' }] } });
    expect(evaluateChecklist(cfg.checklist!, []).map((c) => c.id)).toEqual(['checklist.documentation.runbook', 'checklist.documentation.runbook-2']);
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
