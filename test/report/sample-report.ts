import type { Finding, Report } from '../../src/core/result.js';

/** The same missing-CSP finding appears in both sample reports. */
const CSP_FINDING: Finding = {
  ruleId: 'headers.csp',
  severity: 'medium',
  message: 'No Content-Security-Policy header on the response.',
  location: { url: 'http://127.0.0.1:8080/', method: 'GET' },
  fingerprint: 'c5f3e4a6b7d8093a',
  remediation: "Send Content-Security-Policy with at least default-src 'self'.",
};

/**
 * One fixed report that exercises every reporter: checks in every status, findings with file
 * and url locations, a check that fails with no findings, and a message carrying a terminal
 * escape sequence, a bidi override and HTML (it came from a scanned file, so it is untrusted).
 */
export function sampleReport(): Report {
  return {
    tool: { name: 'gonogo', version: '0.1.0' },
    command: 'run',
    startedAt: '2025-03-01T12:00:00.000Z',
    finishedAt: '2025-03-01T12:00:42.500Z',
    checks: [
      {
        id: 'load.threshold',
        role: 'threshold',
        title: 'Load thresholds',
        category: 'Performance',
        status: 'fail',
        evidence: 'http_req_duration p(95) = 812.4 ms (limit < 500 ms); error rate 0.20% (limit < 1%)',
        remediation: 'Profile the slowest endpoint (GET /search) or raise the threshold if 800 ms is acceptable.',
      },
      {
        id: 'secrets',
        title: 'Secrets in source',
        category: 'Security',
        status: 'fail',
        evidence: '2 secrets found in 214 files',
        refs: { owasp: ['A07:2021'], cwe: ['CWE-798'] },
        findings: [
          {
            ruleId: 'secrets.aws-access-key',
            severity: 'critical',
            message: 'AWS access key ID AKIA************MPLE committed in source.',
            location: { file: 'src/config.ts', line: 12, column: 7 },
            fingerprint: 'a3f1c2d4e5b60718',
            remediation: 'Revoke the key in IAM, then load it from the environment or a secrets manager.',
          },
          {
            ruleId: 'secrets.generic-password',
            severity: 'high',
            message: 'Password assigned in a dotenv file.',
            location: { file: './deploy/.env' },
            fingerprint: 'b4e2d3f5a6c70829',
          },
        ],
      },
      {
        id: 'headers.security',
        title: 'Security headers',
        category: 'Security',
        status: 'warn',
        evidence: '1 of 6 recommended headers missing; 1 cookie without Secure',
        refs: { owasp: ['A05:2021'], cwe: ['693'], soc2: ['CC6.6'], iso27001: ['A.8.26'] },
        findings: [
          CSP_FINDING,
          {
            ruleId: 'cookies.secure',
            severity: 'low',
            message: 'Cookie "sid" is set without the Secure attribute.',
            location: { url: 'http://127.0.0.1:8080/login' },
            fingerprint: 'd6a4f5b7c8e9104b',
          },
        ],
      },
      {
        id: 'docs.links',
        title: 'Documentation links',
        category: 'Documentation',
        status: 'warn',
        evidence: '1 broken link in 12 files',
        findings: [
          {
            ruleId: 'docs.broken-link',
            severity: 'low',
            message: 'Link <a href="javascript:alert(1)">here</a> is broken \u001b[31m\u001b]0;pwned\u0007\u202eevil\r\nnext line',
            location: { file: 'docs/getting started.md', line: 40 },
            fingerprint: 'e7b5a6c8d9f0215c',
          },
        ],
      },
      {
        id: 'monitoring.health',
        title: 'Health endpoint',
        category: 'Monitoring',
        status: 'warn',
        evidence: 'GET /healthz answered 200 but took 1.2 s; a load balancer probe usually times out at 1 s',
      },
      {
        id: 'tls.versions',
        title: 'TLS protocol versions',
        category: 'Security',
        status: 'pass',
        evidence: 'Only TLS 1.2 and TLS 1.3 offered',
        refs: { owasp: ['A02:2021'], cwe: ['CWE-326'] },
      },
      {
        id: 'ratelimit.login',
        title: 'Login rate limit',
        category: 'Security',
        status: 'skip',
        evidence: 'No rate limit configured for /login; set probe.rateLimit to test it',
      },
    ],
  };
}

/** The small report whose output docs/reports.md shows; a test keeps the page in step. */
export function docsExampleReport(): Report {
  return {
    tool: { name: 'gonogo', version: '0.1.0' },
    command: 'probe',
    startedAt: '2025-03-01T12:00:00.000Z',
    finishedAt: '2025-03-01T12:00:03.200Z',
    checks: [
      {
        id: 'headers.security',
        title: 'Security headers',
        category: 'Security',
        status: 'warn',
        evidence: '1 of 6 recommended headers missing',
        refs: { owasp: ['A05:2021'], cwe: ['CWE-693'] },
        findings: [
          CSP_FINDING,
        ],
      },
      {
        id: 'tls.versions',
        title: 'TLS protocol versions',
        category: 'Security',
        status: 'skip',
        evidence: 'Target is http://; TLS checks need https://',
      },
    ],
  };
}
