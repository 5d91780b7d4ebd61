import { describe, expect, it } from 'vitest';
import { parseDataConfig, validateConfig } from '../../src/core/config/index.js';
import { configSchema } from '../../src/core/config/schema.js';
import { thrown } from './config-helpers.js';

// The top-level keys in schema order, as the messages list them.
const KEYS = Object.keys(configSchema.shape).join(', ');

const problems = (raw: unknown): string[] => thrown(() => validateConfig(raw, 'cfg')).details;

describe('validateConfig: normalising', () => {
  it('keeps the service name as written, quotes and braces included', () => {
    expect(validateConfig({ service: 'Shop "API" {{prod}}' }).service).toBe('Shop "API" {{prod}}');
  });

  it('rejects a blank, multi-line or over-long service name, naming the key', () => {
    const msg = 'expected a service name: 1 to 100 characters, not blank, no line breaks or control characters';
    expect(problems({ service: '  ' })[0]).toMatch(new RegExp(`^service: ${msg}`));
    expect(problems({ service: 'a\nb' })[0]).toMatch(/^service: expected a service name/);
    expect(problems({ service: 'x'.repeat(101) })[0]).toMatch(/^service: expected a service name/);
    expect(problems({ service: 42 })[0]).toMatch(/^service: expected a service name/);
  });

  it('converts durations to milliseconds and keeps only what the user set', () => {
    const config = validateConfig({ load: { duration: '1m30s', timeout: 2 } });
    expect(config).toEqual({ load: { durationMs: 90_000, timeoutMs: 2000 } });
    expect(config.load).not.toHaveProperty('duration');
    expect(config.load).not.toHaveProperty('connections');
  });

  it('joins a path onto the target path and keeps absolute URLs', () => {
    expect(validateConfig({ target: 'http://127.0.0.1:8080/v1/', load: { url: '/items?x=1' } }).load?.url).toBe('http://127.0.0.1:8080/v1/items?x=1');
    expect(validateConfig({ target: 'http://a.test', load: { url: 'https://b.test/x' } }).load?.url).toBe('https://b.test/x');
  });

  it('accepts workers auto or a count, and thresholds as a list or a metric map', () => {
    const thresholds = { latency: ['p95 < 200ms', { threshold: 'p99 < 1s', abortOnFail: true }], 'errors{name:login}': 'rate < 0.01' };
    const config = validateConfig({ load: { workers: 'auto', thresholds } });
    expect(config.load).toEqual({ workers: 'auto', thresholds });
    expect(validateConfig({ load: { workers: 4 } }).load?.workers).toBe(4);
    expect(validateConfig({ load: { thresholds: 'p95 < 1s' } }).load?.thresholds).toBe('p95 < 1s');
  });

  it('treats null and undefined as an empty config', () => {
    expect(validateConfig(null)).toEqual({});
    expect(validateConfig(undefined)).toEqual({});
  });

  it('deep-freezes the result', () => {
    const config = validateConfig({ target: 'http://x.test', load: { headers: { A: 'b' }, thresholds: [{ threshold: 'p95 < 1s' }] } });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.load)).toBe(true);
    expect(Object.isFrozen(config.load?.headers)).toBe(true);
    expect(Object.isFrozen(config.load?.thresholds)).toBe(true);
    expect(Object.isFrozen((config.load?.thresholds as readonly object[])[0])).toBe(true);
    expect(() => {
      (config.load as { connections?: number }).connections = 5;
    }).toThrow(TypeError);
  });
});

describe('validateConfig: problems', () => {
  it('throws one GONOGO_CONFIG_INVALID naming the count, file and hint', () => {
    const err = thrown(() => validateConfig({ load: { connections: 1.5 } }, 'gonogo.config.ts'));
    expect(err.code).toBe('GONOGO_CONFIG_INVALID');
    expect(err.message).toBe('1 problem in gonogo.config.ts');
    expect(err.where).toBe('gonogo.config.ts');
    expect(err.hint).toBe('see docs/config.md');
    expect(err.details).toEqual(['load.connections: expected a positive integer, got 1.5']);
  });

  it('rejects a config that is not a mapping', () => {
    expect(problems(['a'])).toEqual([`(config): expected a mapping of settings (${KEYS}), got a list`]);
    expect(problems('target: x')).toEqual([`(config): expected a mapping of settings (${KEYS}), got "target: x"`]);
  });

  it('reports unknown keys with a suggestion, or the known keys when nothing is close', () => {
    expect(problems({ lod: {}, zzzzzz: 1, load: { tresholds: [] } })).toEqual([
      'load.tresholds: unknown key (did you mean "thresholds"?)',
      'lod: unknown key (did you mean "load"?)',
      `zzzzzz: unknown key (expected one of ${KEYS})`,
    ]);
  });

  it('explains each field kind in words with the offending value', () => {
    expect(
      problems({
        load: {
          url: 'api/items', method: 'FETCH', headers: { 'Bad Name': 'x', Ok: 1, Split: 'a\r\nb' }, body: {}, rate: 0,
          maxRedirects: -1, timeout: '0s', thresholds: { latency: 5 },
        },
      }),
    ).toEqual([
      'load.url: expected an absolute http(s) URL or a path starting with "/", got "api/items"',
      'load.method: expected one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, got "FETCH"',
      'load.headers["Bad Name"]: expected a header name (letters, digits and !#$%&\'*+-.^_`|~)',
      'load.headers.Ok: expected a string header value, got 1',
      'load.headers.Split: header values cannot contain line breaks, got "a\\r\\nb"',
      'load.body: expected a string, got a mapping',
      'load.rate: expected a number > 0, got 0',
      'load.timeout: expected a duration greater than 0, got "0s"',
      'load.maxRedirects: expected an integer >= 0, got -1',
      'load.thresholds.latency: expected a threshold expression or a list of them, got 5',
    ]);
  });

  it('checks threshold entries inside a list and inside a metric map', () => {
    expect(problems({ load: { thresholds: ['', { abortOnFail: 'yes' }, { threshold: 'p95 < 1s', delayAbortEval: 'later' }] } })).toEqual([
      'load.thresholds[0]: expected a non-empty threshold expression, got ""',
      'load.thresholds[1].threshold: expected a threshold expression string, got nothing',
      'load.thresholds[1].abortOnFail: expected true or false, got "yes"',
      'load.thresholds[2].delayAbortEval: expected a duration like "30s", "1m30s", "500ms" or a number of seconds, got "later"',
    ]);
    expect(problems({ load: { thresholds: { latency: [42] } } })).toEqual([
      'load.thresholds.latency[0]: expected a threshold expression string or { threshold, abortOnFail?, delayAbortEval? }, got 42',
    ]);
    expect(problems({ load: { thresholds: 5 } })).toEqual([
      'load.thresholds: expected a list of thresholds, or a mapping from metric to a list of thresholds, got 5',
    ]);
  });
});

describe('validateConfig: cross-field rules', () => {
  it('needs target for a relative load.url', () => {
    expect(problems({ load: { url: '/api/items' } })).toEqual([
      'load.url: "/api/items" is a path, so `target` (the base URL) must be set; or give an absolute URL',
    ]);
  });

  it('does not blame a missing target when the target is there but invalid', () => {
    expect(problems({ target: 'ftp://x', load: { url: '/api' } })).toEqual(['target: expected an absolute http:// or https:// URL, got "ftp://x"']);
  });

  it('collects every cross-field problem together', () => {
    expect(problems({ target: 'http://x.test', load: { method: 'GET', body: 'x', workers: 8, connections: 4 } })).toEqual([
      'load.body: a GET request cannot carry a body; set load.method to POST, PUT or PATCH',
      'load.workers: 8 workers need at least as many connections, but load.connections is 4',
    ]);
  });

  it('reports schema problems of one section next to rule problems found elsewhere', () => {
    // target is valid, load is not: the schema problem is listed, rules for load wait until it is valid.
    expect(problems({ target: 'http://x.test', load: { method: 'GET', body: 'x', connections: 'many' } })).toEqual([
      'load.connections: expected a positive integer, got "many"',
    ]);
  });
});

describe('parseDataConfig positions', () => {
  const { raw, positions } = parseDataConfig('target: http://x.test\nload:\n  thresholds:\n    - a\n    - threshold: b\n      abortOnFail: 1\n', 'g.yaml');

  it('maps paths to the key or list item they name, falling back to the nearest ancestor', () => {
    expect(raw).toEqual({ target: 'http://x.test', load: { thresholds: ['a', { threshold: 'b', abortOnFail: 1 }] } });
    expect(positions?.(['target'])).toBe('g.yaml:1:1');
    expect(positions?.(['load', 'thresholds', 0])).toBe('g.yaml:4:7');
    expect(positions?.(['load', 'thresholds', 1, 'abortOnFail'])).toBe('g.yaml:6:7');
    expect(positions?.(['load', 'missing', 'deeper'])).toBe('g.yaml:2:1');
    expect(positions?.([])).toBe('g.yaml:1:1');
  });

  it('feeds validateConfig so problems come in file order', () => {
    const err = thrown(() => validateConfig(raw, 'g.yaml', positions));
    expect(err.details).toEqual(['g.yaml:6:7 load.thresholds[1].abortOnFail: expected true or false, got 1']);
  });
});
