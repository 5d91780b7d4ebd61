import { describe, expect, it } from 'vitest';
import { ThresholdError } from '../../src/core/errors.js';
import { parseThreshold, thresholdInputsFromConfig, parseThresholds } from '../../src/core/thresholds/index.js';

describe('phase:NAME thresholds', () => {
  it('reads `phase:ttfb p(95)<200` as a time trend on the metric phase:ttfb', () => {
    expect(parseThreshold('phase:ttfb p(95)<200', 'x')).toMatchObject({ metric: 'phase:ttfb', kind: 'trend', aggregation: { kind: 'p', p: 95 }, op: '<', value: 200 });
  });

  it('also reads the config-map form (`phase:ttfb: ...`), units and a tag', () => {
    expect(parseThreshold('phase:connect: max<1s', 'x')).toMatchObject({ metric: 'phase:connect', aggregation: { kind: 'max' }, value: 1000 });
    expect(parseThreshold('phase:tls{name:GET /}: p(99)<50', 'x')).toMatchObject({ metric: 'phase:tls', tags: { name: 'GET /' }, value: 50 });
    const fromMap = parseThresholds(thresholdInputsFromConfig({ 'phase:receive': ['avg<5'] }, 'load.thresholds'));
    expect(fromMap[0]).toMatchObject({ metric: 'phase:receive', aggregation: { kind: 'avg' }, value: 5 });
  });

  it('rejects an unknown phase with the known ones suggested', () => {
    expect(() => parseThreshold('phase:tffb p(95)<200', '--threshold #1')).toThrow(ThresholdError);
    try {
      parseThreshold('phase:tffb p(95)<200', '--threshold #1');
    } catch (err) {
      expect((err as ThresholdError).details.join('\n')).toMatch(/unknown metric 'phase:tffb'; did you mean 'phase:ttfb'\?/);
    }
  });

  it('a phase is a trend: rate on it is a type error', () => {
    expect(() => parseThreshold('phase:dns rate<0.1', 'x')).toThrow(ThresholdError);
    try {
      parseThreshold('phase:dns rate<0.1', 'x');
    } catch (err) {
      expect((err as ThresholdError).details.join('\n')).toMatch(/phase:dns is a trend/);
    }
  });
});
