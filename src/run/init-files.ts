/** The files `gonogo init` writes: a commented starter config and an example scenario. */

export function starterConfig(target: string): string {
  return `# gonogo config: what \`gonogo run\` checks before a launch. Reference: docs/config.md, docs/run.md.
# Every key is optional; a part without its section is listed as skipped, and its area as not covered.

# Base URL of the service under test (\`gonogo run --target URL\` overrides it).
target: ${JSON.stringify(target)}

# Load test (docs/load.md). For a scripted journey, see scenarios/example.scenario.ts and
# run it with: gonogo load --scenario scenarios/example.scenario.ts
load:
  url: /health            # a path is joined onto target
  connections: 50         # concurrent virtual users
  duration: 1m
  thresholds:             # the SLA (docs/thresholds.md); each becomes a check
    - "p(95)<500"         # 95th percentile latency under 500 ms
    - "rate<0.01"         # under 1% of requests fail
    - "rps>=100"          # at least 100 requests per second

# Code scanning (docs/config.md#scan): the folder to scan, relative to this file.
scan:
  path: .

# The launch checklist (docs/checklist.md). Automated items are bound to a check id or a
# threshold; manual items are attested with who, when, until when and a link. An unattested or expired item
# is a warning.
checklist:
  Performance:
    - title: p95 latency under 500 ms at the expected load
      threshold: "p(95)<500"
  Security:
    - title: No secrets in the repository
      check: "secrets.*"
  Monitoring:
    - title: Alerts page the on-call engineer
      # attested: { by: you@example.com, date: 2026-01-31, expires: 2026-07-31, evidence: https://wiki.example.com/alerts }
  Infrastructure:
    - title: Rollback rehearsed in staging
  Documentation:
    - title: Runbook covers the top five failure modes

# What the verdict requires (docs/verdict.md). The defaults: no critical finding, no exposed
# secret, every high finding fixed or accepted with an owner and an expiry, every threshold met.
policy:
  maxCritical: 0
  maxSecrets: 0
  high: block
  # accept:
  #   - fingerprint: 3f2a9c...        # from report.json
  #     owner: security@example.com
  #     expires: 2026-03-31
  #     reason: behind the VPN until the fix ships

# Coverage (docs/verdict.md#coverage): an area no part checked (performance, the scans, live security,
# docs) is a warning; the parts listed here must run and produce evidence, or the verdict is NOT READY.
verdict:
  require: [load, secrets]

run:
  strict: false           # true: warnings fail the gate, as with --strict
`;
}

export const EXAMPLE_SCENARIO = `// An example journey for \`gonogo load --scenario scenarios/example.scenario.ts\` (docs/scenarios.md).
// gonogo compiles this file itself: no build step, no gonogo package in your node_modules needed.
import { check, defineScenario, step, think } from 'gonogo';

export default defineScenario({
  name: 'browse',
  // 20 users for a minute; \`--profile smoke\` or \`--scale 0.1\` change it from the command line.
  executor: { type: 'ramping-users', stages: [{ duration: '15s', target: 20 }, { duration: '45s', target: 20 }] },
  thinkTime: think.between(0.5, 1.5),
  thresholds: { checks: ['rate>0.99'], http_req_duration: ['p(95)<500'] },
  journey: [
    step('health', async (vu) => {
      const res = await vu.http.get('/health');
      check(res, { 'status is 200': (r) => r.status === 200 });
    }),
    step('home', async (vu) => {
      const res = await vu.http.get('/');
      check(res, { 'answers': (r) => r.status < 500 });
    }),
  ],
});
`;
