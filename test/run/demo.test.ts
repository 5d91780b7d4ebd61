import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJson, runCli, tmpDir } from '../helpers/cli.js';

/** True when something accepts a TCP connection on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port }, () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}

interface Reason {
  level: string;
  code: string;
  message: string;
  checks: string[];
}

describe('gonogo demo (end to end)', () => {
  it('runs the whole gate against the reference service: NOT READY on plain http, with the named reasons and coverage', async () => {
    const dir = tmpDir();
    const loadBefore = os.loadavg()[0]!;
    const r = await runCli(['demo'], { cwd: dir, timeoutMs: 120_000 });
    // The reference service shares the CPU with the generator, Chromium and whatever else runs on the machine.
    const machineOverloaded = Math.max(loadBefore, os.loadavg()[0]!) > 2 * os.availableParallelism();
    expect(r.code, r.stderr).toBe(0);
    // The 90 s budget is for a 2-core machine; this one is shared with other test files, so allow slack.
    expect(r.ms).toBeLessThan(110_000);
    // The reference service speaks plain http with no redirect to https: that alone blocks a launch.
    expect(r.stdout).toMatch(/^Verdict: NOT READY\n/);
    const html = /^ {2}(\S+report\.html)$/m.exec(r.stdout)?.[1];
    expect(html).toBeDefined();
    const file = path.resolve(dir, html!);
    expect(existsSync(file)).toBe(true);
    const j = readJson(path.join(path.dirname(file), 'report.json'));
    expect(j.verdict).toBe('NOT_READY');

    const reasons = j.reasons as Reason[];
    const byCode = Object.fromEntries(reasons.map((x) => [x.code, x]));
    const checks = Object.fromEntries(j.checks.map((c: { id: string }) => [c.id, c]));
    // Latency and throughput thresholds are timing figures a starved machine cannot promise: when the generator says it
    // was the bottleneck, or the machine ran more than 2 runnable tasks per core (seen: load average 8.5 on 2 cores, the
    // service at p95 584 ms and 17-87 req/s per scenario while the generator's own check passed), a failed threshold is
    // the only other blocker allowed, and only on the load's or the pages' thresholds. Otherwise exactly one: the redirect.
    const starved = checks['load.generator'].status === 'warn' || machineOverloaded;
    const timing = (x: Reason) => starved && x.code === 'threshold-failed' && x.checks.every((c) => /^(load|pages)\.threshold:/.test(c));
    const blockers = reasons.filter((x) => x.level === 'blocker' && !timing(x));
    // Starved, the capacity search's start rate may fail too (seen at load average 13: the service's event loop 354 ms
    // behind): `capacity.breaking-point` then fails next to the redirect.
    const notTiming = (ids: string[]) => ids.filter((c) => !(starved && c === 'capacity.breaking-point'));
    expect(blockers.map((x) => [x.code, notTiming(x.checks)])).toEqual([['check-failed', ['tls.redirect']]]);
    expect(notTiming(/^ {2}✖ \d+ checks? failed: (.+)$/m.exec(r.stdout)?.[1]?.split(', ') ?? [])).toEqual(['tls.redirect']);
    if (!starved) expect(r.stdout).toContain('\n  ✖ 1 check failed: tls.redirect\n');
    expect(byCode['area-not-covered']).toMatchObject({ level: 'warning', message: expect.stringMatching(/^1 area not covered: dependency scan /) });
    expect(byCode['checklist-open']).toMatchObject({ level: 'warning', message: expect.stringContaining('checklist item') });
    expect(byCode['checklist-open']!.message).toContain('Alerts page the on-call engineer');
    // The sample project's Dockerfile has no HEALTHCHECK: a named warning.
    expect(byCode['check-warned']!.checks).toContain('iac.dockerfile-no-healthcheck');

    const coverage = Object.fromEntries(j.coverage.map((a: { area: string; status: string }) => [a.area, a.status]));
    expect(starved ? ['passed', 'failed'] : ['passed']).toContain(coverage.performance);
    expect(coverage).toEqual({
      performance: coverage.performance,
      secrets: 'passed',
      dependencies: 'not-covered',
      code: 'passed',
      config: 'passed',
      'live-security': 'failed',
      docs: 'passed',
    });
    expect(checks['tls.redirect']).toMatchObject({ status: 'fail', evidence: expect.stringContaining('served without a redirect to https') });
    // The example's attestation holds through 2027-07-15; after that the same item is a warning that names the expiry.
    const rollback = checks['checklist.infrastructure.rollback-procedure-rehearsed'];
    const expired = j.finishedAt.slice(0, 10) > '2027-07-15';
    expect(rollback).toMatchObject({ status: expired ? 'warn' : 'pass', evidence: expect.stringContaining('attested by demo@example.com on 2026-01-15') });
    expect(j.loads[0].result.totals.requests).toBeGreaterThan(100);
    // The model route streams: its scenario judges time to first token and the gap between tokens (issue 17, item 3).
    for (const id of ['load.threshold:stream:first_event{name:POST /api/model/chat (stream)}:p(95)<300', 'load.threshold:stream:event_gap{name:POST /api/model/chat (stream)}:p(99)<100']) {
      expect(checks[id], id).toMatchObject({ status: starved ? expect.stringMatching(/^(pass|fail)$/) : 'pass', evidence: expect.stringMatching(/^actual \d/) });
    }
    // The breaking point, searched on the 2-connection-pool instance: the pool saturated at the knee, from its metrics
    // (on a busy machine the 20 s search may end before a rate fails: the pool is then named at the highest rate that passed).
    if (starved && j.breakingPoint.maxRate === null) {
      // The start rate failed on the starved machine: the knee is below it, its bottlenecks named from the metrics there.
      expect(j.breakingPoint).toMatchObject({ failedAt: 20, stoppedBy: 'start-rate-failed' });
      expect(j.breakingPoint.bottlenecks.map((b: { evidence: string }) => b.evidence.slice(0, 14))).toContain('at 20 req/s: ');
    } else expect(j.breakingPoint.maxRate).toBeGreaterThan(0);
    const md = readFileSync(path.join(path.dirname(file), 'report.md'), 'utf8');
    const bottlenecks = md.slice(md.indexOf('## Bottlenecks identified'), md.indexOf('## Recommendations'));
    const knee = /\((between \d+ and \d+ req\/s|above \d+ req\/s \(no rate tried failed\))\)/.source;
    // On a machine so busy that the generator could not keep the schedule at the knee's rate (seen at load average ~10 on
    // 2 cores: "at 40 req/s: 25 requests (19.7%) left late while connections were free"), the step never reached the
    // pool's limit: the generator is then the only, and honest, bottleneck, and the knee a lower bound. A 2-core CI box
    // cannot promise otherwise; every other run must name the pool.
    if (j.breakingPoint.maxRate === null) {
      expect(bottlenecks).toContain('Breaking point: ');
    } else if (j.breakingPoint.bottlenecks[0]?.resource === 'generator') {
      // The generator's own self-check at the knee (the rate that failed, else the highest that passed) says so.
      expect(j.breakingPoint.bottlenecks[0]).toMatchObject({ metric: 'generator self-check', evidence: expect.stringMatching(/^at \d+ req\/s: .*(could not keep the schedule|CPU-bound|generator stalls|of its cores|dropped)/) });
      expect(Number(/^at (\d+) req\/s/.exec(j.breakingPoint.bottlenecks[0].evidence)![1])).toBe(j.breakingPoint.failedAt ?? j.breakingPoint.maxRate);
      expect(bottlenecks).toMatch(new RegExp(`^- \\*\\*Breaking point: the load generator at the knee ${knee}\\*\\* — generator self-check: `, 'm'));
    } else {
      expect(j.breakingPoint.bottlenecks[0]).toMatchObject({ resource: 'db_pool', evidence: expect.stringMatching(/DB pool "items" 2\/2 in use with \d+ waiting/) });
      expect(bottlenecks).toMatch(new RegExp(`^- \\*\\*Breaking point: database connections at the knee ${knee}\\*\\* — db\\\\_pool\\.used\\{items\\}: `, 'm'));
      expect(bottlenecks).toContain('raise the pool from 2 to');
    }
    for (const p of j.parts) expect(p.status === 'ran' || typeof p.reason === 'string').toBe(true);
    // The UI page /app, measured in headless Chromium with a click on its Search button: every vital has samples.
    expect(j.parts.find((p: { name: string }) => p.name === 'pages')).toMatchObject({ status: 'ran' });
    const page = j.vitals.idle.pages[0];
    expect(page.url).toMatch(/\/app$/);
    for (const mode of ['cold', 'warm']) for (const m of ['lcp', 'fcp', 'ttfb', 'cls', 'inp']) expect(page.vitals[mode][m].count, `${mode} ${m}`).toBeGreaterThan(0);
    expect(page.runs[0].interactions).toEqual(['click #go']);
    expect(checks['pages.threshold:inp:p(75)<=200']).toMatchObject({ status: starved ? expect.stringMatching(/^(pass|fail)$/) : 'pass' });

    const url = /reference service listening on (\S+)/.exec(r.stderr)?.[1];
    expect(url).toBeDefined();
    expect(r.stderr).toContain('reference service stopped');
    expect(await listening(Number(new URL(url!).port))).toBe(false);
  }, 130_000);

  it('without Chromium still finishes with its usual exit code, the pages part not covered with the reason', async () => {
    const dir = tmpDir();
    const r = await runCli(['demo'], { cwd: dir, timeoutMs: 120_000, env: { GONOGO_CHROMIUM: path.join(dir, 'no-chromium') } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Verdict: NOT READY\n/);
    expect(r.stdout).toContain('- performance      not covered: pages skipped: the demo found no browser: no executable browser at');
    expect(r.stderr).toContain(`pages: not covered: no executable browser at "${path.join(dir, 'no-chromium')}"`);
    const html = /^ {2}(\S+report\.html)$/m.exec(r.stdout)?.[1];
    const j = readJson(path.join(path.dirname(path.resolve(dir, html!)), 'report.json'));
    expect(j.parts.find((p: { name: string }) => p.name === 'pages')).toMatchObject({ status: 'skipped', reason: expect.stringContaining('the demo found no browser: no executable browser at') });
    expect(j.vitals ?? null).toBeNull();
    expect(j.checks.some((c: { id: string }) => c.id.startsWith('pages.'))).toBe(false);
  }, 130_000);
});
