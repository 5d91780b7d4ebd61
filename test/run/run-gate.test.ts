import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/core/config/validate.js';
import { ConfigError, TargetUnreachableError } from '../../src/core/errors.js';
import type { Part, PartName } from '../../src/core/part.js';
import { PARTS } from '../../src/run/parts.js';
import { partOrder, runGate } from '../../src/run/run.js';
import { sampleRunLoad } from '../report/sample-run-report.js';

function fakePart(name: PartName, behaviour: { skip?: string; throws?: Error; status?: 'pass' | 'fail' } = {}): () => Promise<Part> {
  return async () => ({
    name,
    title: `Fake ${name}`,
    skipReason: () => behaviour.skip,
    async run(ctx) {
      if (behaviour.throws) throw behaviour.throws;
      ctx.log(`running ${name}`);
      return { checks: [{ id: `${name}.check`, title: name, category: name === 'load' ? 'Performance' : 'Security', status: behaviour.status ?? 'pass', evidence: 'ok' }], ...(name === 'load' ? { loads: [{ name: 'load', result: sampleRunLoad() }] } : {}) };
    },
  });
}

const base = (parts: Partial<Record<PartName, () => Promise<Part>>>, raw: object = {}, strict = false) => {
  const logs: string[] = [];
  return {
    logs,
    opts: { config: validateConfig(raw), root: '/tmp', scale: 1, strict, signal: new AbortController().signal, log: (l: string) => logs.push(l), parts, now: () => new Date('2026-06-01T10:00:00Z') },
  };
};

describe('runGate', () => {
  it('lists every known part: registered ones run or are skipped with their reason, unregistered ones are "not available in this build"', async () => {
    const { opts, logs } = base({ load: fakePart('load'), secrets: fakePart('secrets', { skip: 'no `scan` section in the config' }) });
    const { report } = await runGate(opts);
    expect(report.parts.map((p) => [p.name, p.status, p.reason])).toEqual([
      ['load', 'ran', undefined],
      ['secrets', 'skipped', 'no `scan` section in the config'],
      ['pages', 'skipped', 'not available in this build'],
      ['capacity', 'skipped', 'not available in this build'],
      ['deps', 'skipped', 'not available in this build'],
      ['sast', 'skipped', 'not available in this build'],
      ['image', 'skipped', 'not available in this build'],
      ['iac', 'skipped', 'not available in this build'],
      ['probe', 'skipped', 'not available in this build'],
      ['docs', 'skipped', 'not available in this build'],
    ]);
    // The sample load bounds latency but not failures: the failure-rate launch default joins its checks.
    expect(report.checks.map((c) => c.id)).toEqual(['load.threshold:http_req_failed:rate<0.01', 'load.check']);
    expect(report.loads).toHaveLength(1);
    // Only performance has evidence: every other area is named as not covered, so never plain READY.
    expect(report.verdict.verdict).toBe('READY_WITH_WARNINGS');
    expect(report.verdict.reasons.map((r) => [r.level, r.code, r.message])).toEqual([
      ['warning', 'area-not-covered', '6 areas not covered: secret scan, dependency scan, code scan, config scan, live security, docs (no evidence either way; `verdict.require` makes an area mandatory)'],
    ]);
    expect(report.coverage.map((a) => [a.area, a.status])).toEqual([
      ['performance', 'passed'],
      ['secrets', 'not-covered'],
      ['performance', 'not-covered'],
      ['performance', 'not-covered'],
      ['dependencies', 'not-covered'],
      ['code', 'not-covered'],
      ['dependencies', 'not-covered'],
      ['config', 'not-covered'],
      ['live-security', 'not-covered'],
      ['docs', 'not-covered'],
    ]);
    expect(report.coverage[1]!.detail).toBe('secrets skipped: no `scan` section in the config');
    expect(logs).toContain('running load');
  });

  it('the registry order comes first and every part name appears exactly once', () => {
    const order = partOrder(PARTS);
    expect(order.slice(0, Object.keys(PARTS).length)).toEqual(Object.keys(PARTS));
    expect([...order].sort()).toEqual(['capacity', 'deps', 'docs', 'iac', 'image', 'load', 'pages', 'probe', 'sast', 'secrets']);
  });

  it('run.parts limits what runs; the rest is skipped with that reason', async () => {
    const { opts } = base({ load: fakePart('load'), secrets: fakePart('secrets') }, { run: { parts: ['secrets'] } });
    const { report } = await runGate(opts);
    expect(report.parts.find((p) => p.name === 'load')).toMatchObject({ status: 'skipped', reason: 'not listed in run.parts' });
    expect(report.parts.find((p) => p.name === 'secrets')!.status).toBe('ran');
  });

  it('a part that throws is an error (NOT READY) and the other parts still run; unreachable is flagged', async () => {
    const { opts } = base({ load: fakePart('load', { throws: new TargetUnreachableError('connection refused') }), secrets: fakePart('secrets') });
    const res = await runGate(opts);
    expect(res.unreachable).toBe(true);
    expect(res.report.parts[0]).toMatchObject({ name: 'load', status: 'error', reason: 'connection refused' });
    expect(res.report.parts[1]!.status).toBe('ran');
    expect(res.report.checks.find((c) => c.id === 'run.load')).toMatchObject({ status: 'fail' });
    expect(res.report.verdict.verdict).toBe('NOT_READY');
    expect(res.report.verdict.reasons.map((r) => r.code)).toEqual(['part-error', 'area-not-covered']);
    expect(res.report.coverage[0]).toMatchObject({ area: 'performance', status: 'failed', detail: 'load did not complete: connection refused' });
  });

  it('a part whose module cannot be loaded is an error, not a crash', async () => {
    const { opts } = base({ load: async () => Promise.reject(new Error('Cannot find module ../load/part.js')), secrets: fakePart('secrets') });
    const { report } = await runGate(opts);
    expect(report.parts[0]).toMatchObject({ name: 'load', status: 'error', reason: 'could not be loaded: Cannot find module ../load/part.js' });
    expect(report.parts[1]!.status).toBe('ran');
    expect(report.verdict.verdict).toBe('NOT_READY');
  });

  it('a config mistake inside a part stops the run (exit 2), it is not a verdict', async () => {
    const { opts } = base({ load: fakePart('load', { throws: new ConfigError('GONOGO_CONFIG_INVALID', 'bad') }) });
    await expect(runGate(opts)).rejects.toBeInstanceOf(ConfigError);
  });

  it('adds the checklist and applies the policy and --strict', async () => {
    const raw = { checklist: { Security: [{ title: 'secrets clean', check: 'secrets.*' }], Monitoring: [{ title: 'Alerts' }] } };
    const { opts } = base({ secrets: fakePart('secrets') }, raw);
    const loose = await runGate(opts);
    expect(loose.report.checks.map((c) => [c.id, c.status])).toEqual([
      ['secrets.check', 'pass'],
      ['checklist.security.secrets-clean', 'pass'],
      ['checklist.monitoring.alerts', 'warn'],
    ]);
    expect(loose.report.verdict.verdict).toBe('READY_WITH_WARNINGS');
    const strict = await runGate(base({ secrets: fakePart('secrets') }, raw, true).opts);
    expect(strict.report.verdict.verdict).toBe('NOT_READY');
    expect(strict.report.strict).toBe(true);
  });

  it('an aborted run skips the parts that had not started', async () => {
    const controller = new AbortController();
    const { opts } = base({
      load: async () => ({ ...(await fakePart('load')()), run: async () => (controller.abort(), { checks: [] }) }),
      secrets: fakePart('secrets'),
    });
    const res = await runGate({ ...opts, signal: controller.signal });
    expect(res.interrupted).toBe(true);
    expect(res.report.parts[1]).toMatchObject({ name: 'secrets', status: 'skipped', reason: 'the run was interrupted before this part started' });
  });
});
