import { describe, expect, it } from 'vitest';
import { ConfigError, ThresholdError } from '../../src/core/errors.js';
import { parseThresholds, thresholdInputsFromConfig } from '../../src/core/thresholds/index.js';

describe('thresholdInputsFromConfig', () => {
  it('reads the list form', () => {
    const inputs = thresholdInputsFromConfig(['p(95)<500', { threshold: 'rate<1%', abortOnFail: true, delayAbortEval: '10s' }], 'load.thresholds');
    expect(inputs).toEqual([
      { input: 'p(95)<500', where: 'load.thresholds[0]' },
      { input: { threshold: 'rate<1%', abortOnFail: true, delayAbortEval: '10s' }, where: 'load.thresholds[1]' },
    ]);
    expect(parseThresholds(inputs).map((t) => [t.metric, t.abortOnFail, t.delayAbortEvalMs])).toEqual([
      ['http_req_duration', false, 0],
      ['http_req_failed', true, 10_000],
    ]);
  });

  it('reads the k6 map form: selector -> conditions', () => {
    const inputs = thresholdInputsFromConfig(
      {
        'http_req_duration{name:GET /}': ['p(95)<300', { threshold: 'avg<100', abortOnFail: true }],
        http_req_failed: ['rate<0.01'],
        http_reqs: 'count>10',
      },
      'load.thresholds',
    );
    expect(inputs).toEqual([
      { input: 'http_req_duration{name:GET /}: p(95)<300', where: 'load.thresholds["http_req_duration{name:GET /}"][0]' },
      { input: { threshold: 'http_req_duration{name:GET /}: avg<100', abortOnFail: true }, where: 'load.thresholds["http_req_duration{name:GET /}"][1]' },
      { input: 'http_req_failed: rate<0.01', where: 'load.thresholds["http_req_failed"][0]' },
      { input: 'http_reqs: count>10', where: 'load.thresholds["http_reqs"]' },
    ]);
    const ts = parseThresholds(inputs);
    expect(ts.map((t) => [t.selector, t.condition])).toEqual([
      ['http_req_duration{name:GET /}', 'p(95)<300'],
      ['http_req_duration{name:GET /}', 'avg<100'],
      ['http_req_failed', 'rate<0.01'],
      ['http_reqs', 'count>10'],
    ]);
    expect(ts[0]!.tags).toEqual({ name: 'GET /' });
  });

  it('reports map-form expression errors against the entry path', () => {
    const inputs = thresholdInputsFromConfig({ http_reqs: ['p(95)<500'] }, 'load.thresholds');
    const err = (() => {
      try {
        parseThresholds(inputs);
      } catch (e) {
        return e as ThresholdError;
      }
      throw new Error('expected an error');
    })();
    expect(err.code).toBe('GONOGO_THRESHOLD_TYPE');
    expect(err.details[0]).toMatch(/^load\.thresholds\["http_reqs"\]\[0\]: "http_reqs: p\(95\)<500": http_reqs is a counter/);
  });

  it('accepts a single string or object, and nothing', () => {
    expect(thresholdInputsFromConfig('p(95)<1', '--threshold')).toEqual([{ input: 'p(95)<1', where: '--threshold' }]);
    expect(thresholdInputsFromConfig({ threshold: 'avg<1' }, 't')).toEqual([{ input: { threshold: 'avg<1' }, where: 't' }]);
    expect(thresholdInputsFromConfig(undefined, 't')).toEqual([]);
    expect(thresholdInputsFromConfig(null, 't')).toEqual([]);
    expect(thresholdInputsFromConfig([], 't')).toEqual([]);
  });

  it('lists every malformed entry in one config error', () => {
    let err: unknown;
    try {
      thresholdInputsFromConfig(['avg<1', 5, { threshold: 'avg<1', abortOnFial: true }, { abortOnFail: true }], 'load.thresholds');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const ce = err as ConfigError;
    expect(ce.code).toBe('GONOGO_CONFIG_INVALID');
    expect(ce.message).toBe('3 invalid threshold entries');
    expect(ce.details).toEqual([
      'load.thresholds[1]: expected a string like "p(95)<500" or { threshold, abortOnFail?, delayAbortEval? }, found number 5',
      "load.thresholds[2]: unknown key 'abortOnFial'; did you mean 'abortOnFail'?",
      'load.thresholds[3]: expected a string like "p(95)<500" or { threshold, abortOnFail?, delayAbortEval? }, found an object',
    ]);
    expect(() => thresholdInputsFromConfig(42, 'load.thresholds')).toThrow(/1 invalid threshold entry/);
    expect(() => thresholdInputsFromConfig({ http_reqs: [true] }, 'load.thresholds')).toThrow(ConfigError);
  });
});
