import { describe, expect, it } from 'vitest';
import { GonogoError, ThresholdError, formatError } from '../../src/core/errors.js';
import { BUILTIN_METRICS, parseThreshold, parseThresholds, validateThresholds, type MetricCatalog, type Threshold } from '../../src/core/thresholds/index.js';

/** Parse one expression and return the error it throws (fails the test if it does not throw). */
function errorOf(expr: string, where = '--threshold', extra?: MetricCatalog): ThresholdError {
  try {
    parseThreshold(expr, where, extra);
  } catch (err) {
    expect(err).toBeInstanceOf(ThresholdError);
    return err as ThresholdError;
  }
  throw new Error(`expected "${expr}" to be rejected`);
}

/** The 0-based column the caret line points at, relative to the quoted expression. */
function caretColumn(err: ThresholdError, where = '--threshold'): number {
  const lines = err.details[0]!.split('\n');
  expect(lines).toHaveLength(2);
  return lines[1]!.indexOf('^') - ('  - '.length + where.length + ': "'.length);
}

describe('parseThreshold: valid expressions', () => {
  type Expected = Partial<Pick<Threshold, 'metric' | 'tags' | 'aggregation' | 'op' | 'value' | 'kind' | 'selector' | 'condition'>>;
  const valid: Array<[string, Expected]> = [
    ['p(95)<500', { metric: 'http_req_duration', tags: {}, aggregation: { kind: 'p', p: 95 }, op: '<', value: 500, kind: 'trend' }],
    ['p(99.9) <= 1.5s', { metric: 'http_req_duration', aggregation: { kind: 'p', p: 99.9 }, op: '<=', value: 1500 }],
    ['p(100)<2000ms', { aggregation: { kind: 'p', p: 100 }, value: 2000 }],
    ['avg<200', { metric: 'http_req_duration', aggregation: { kind: 'avg' }, value: 200 }],
    ['min>=1', { metric: 'http_req_duration', aggregation: { kind: 'min' }, op: '>=', value: 1 }],
    ['max < 2 s', { aggregation: { kind: 'max' }, value: 2000 }],
    ['med==150', { aggregation: { kind: 'med' }, op: '==', value: 150 }],
    ['  avg  <  .5   s  ', { aggregation: { kind: 'avg' }, value: 500, condition: 'avg  <  .5   s' }],
    ['rate<0.01', { metric: 'http_req_failed', aggregation: { kind: 'rate' }, value: 0.01, kind: 'rate' }],
    ['rate<1%', { metric: 'http_req_failed', value: 0.01 }],
    ['rate != 100%', { metric: 'http_req_failed', op: '!=', value: 1 }],
    ['rps>100', { metric: 'http_reqs', aggregation: { kind: 'rate' }, op: '>', value: 100, kind: 'counter' }],
    ['count>=1000', { metric: 'http_reqs', aggregation: { kind: 'count' }, value: 1000 }],
    ['http_reqs: rate>50', { metric: 'http_reqs', aggregation: { kind: 'rate' }, value: 50 }],
    ['http_req_duration: count>10', { metric: 'http_req_duration', aggregation: { kind: 'count' }, value: 10 }],
    ['checks: rate>99%', { metric: 'checks', kind: 'rate', value: 0.99 }],
    ['iterations: count>0', { metric: 'iterations', kind: 'counter' }],
    ['dropped_iterations: count==0', { metric: 'dropped_iterations', op: '==', value: 0 }],
    ['data_received: rps>1000', { metric: 'data_received', aggregation: { kind: 'rate' } }],
    [
      'http_req_duration{name:GET /api/items}: p(95)<300',
      { metric: 'http_req_duration', tags: { name: 'GET /api/items' }, selector: 'http_req_duration{name:GET /api/items}', condition: 'p(95)<300', value: 300 },
    ],
    ['http_req_duration{ name : GET /a:b/c }:p(90)<1s', { tags: { name: 'GET /a:b/c' }, selector: 'http_req_duration{name:GET /a:b/c}', value: 1000 }],
    ['http_req_failed{method:POST}: rate<5%', { metric: 'http_req_failed', tags: { method: 'POST' }, value: 0.05 }],
    ['http_reqs{scenario:browse}: count>1', { tags: { scenario: 'browse' }, selector: 'http_reqs{scenario:browse}' }],
    ['http_req_duration: p(95)<500', { selector: 'http_req_duration', condition: 'p(95)<500' }],
  ];

  it.each(valid)('%s', (expr, expected) => {
    const t = parseThreshold(expr, 'load.thresholds[0]');
    expect(t).toMatchObject(expected);
    expect(t.source).toBe(expr);
    expect(t.where).toBe('load.thresholds[0]');
    expect(t.abortOnFail).toBe(false);
    expect(t.delayAbortEvalMs).toBe(0);
  });

  it('canonical selector and condition default for bare conditions', () => {
    const t = parseThreshold(' p(95) < 500 ', '--threshold');
    expect(t.selector).toBe('http_req_duration');
    expect(t.condition).toBe('p(95) < 500');
  });

  it('reads the object form with abortOnFail and delayAbortEval', () => {
    const t = parseThreshold({ threshold: 'rate<1%', abortOnFail: true, delayAbortEval: '1m30s' }, 'load.thresholds[1]');
    expect(t).toMatchObject({ metric: 'http_req_failed', value: 0.01, abortOnFail: true, delayAbortEvalMs: 90_000 });
    expect(parseThreshold({ threshold: 'avg<1', delayAbortEval: 10 }, 'x').delayAbortEvalMs).toBe(10_000);
  });

  it('accepts custom metrics from the caller, with their own tags', () => {
    const extra: MetricCatalog = {
      login_time: { kind: 'trend', time: true, description: 'login' },
      cart_size: { kind: 'trend', description: 'items per cart' },
      queue_depth: { kind: 'gauge', tags: ['queue'], description: 'queue depth' },
    };
    expect(parseThreshold('login_time: p(99)<2s', 'x', extra)).toMatchObject({ metric: 'login_time', value: 2000, kind: 'trend' });
    expect(parseThreshold('cart_size: avg>2', 'x', extra)).toMatchObject({ value: 2 });
    expect(parseThreshold('queue_depth{queue:orders}: value<-0.5', 'x', extra)).toMatchObject({ kind: 'gauge', tags: { queue: 'orders' }, aggregation: { kind: 'value' }, value: -0.5 });
  });

  it('built-ins win over a custom metric with the same name', () => {
    const extra: MetricCatalog = { http_req_duration: { kind: 'counter', description: 'not really' } };
    expect(parseThreshold('p(95)<1', 'x', extra).kind).toBe('trend');
    expect(BUILTIN_METRICS.http_req_duration!.kind).toBe('trend');
  });
});

describe('parseThreshold: invalid expressions', () => {
  type Bad = [expr: string, code: 'SYNTAX' | 'TYPE', col: number | null, messageParts: Array<string | RegExp>];
  const invalid: Bad[] = [
    ['', 'SYNTAX', null, ['empty threshold']],
    ['p95<300', 'SYNTAX', 0, ["found 'p95'", 'write a percentile as p(95)']],
    ['p99.9<300', 'SYNTAX', 0, ['write a percentile as p(99.9)']],
    ['p 95<1', 'SYNTAX', 2, ["expected '(' after p", "found '95'"]],
    ['p(95<1', 'SYNTAX', 4, ["expected ')' after p(95", "found '<'"]],
    ['p(0)<1', 'SYNTAX', 2, ['percentile must be greater than 0 and at most 100, found 0']],
    ['p(101)<1', 'SYNTAX', 2, ['at most 100, found 101']],
    ['p()<1', 'SYNTAX', 2, ['expected a percentile between 0 and 100']],
    ['P(95)<1', 'SYNTAX', 0, ["did you mean 'p(N)'?"]],
    ['avgg<100', 'SYNTAX', 0, ['expected an aggregation', "found 'avgg'", "did you mean 'avg'?"]],
    ['mean<100', 'SYNTAX', 0, ["did you mean 'avg'?"]],
    ['cuont>1', 'SYNTAX', 0, ["did you mean 'count'?"]],
    ['http_req_failed<0.01', 'SYNTAX', 0, ["a metric goes before ':'", "'http_req_failed: rate<0.01'"]],
    ['http_reqs count>1', 'SYNTAX', 9, ["expected ':' after the metric 'http_reqs'", "'http_reqs: count>100'"]],
    ['{name:x}: avg<1', 'SYNTAX', 0, ['needs its metric first']],
    ['p(95)=500', 'SYNTAX', 5, ['expected a comparison operator', "after 'p(95)'", "found '='", "did you mean '=='?"]],
    ['p(95)=<500', 'SYNTAX', 5, ["did you mean '<='?"]],
    ['avg ! 5', 'SYNTAX', 4, ["did you mean '!='?"]],
    ['avg 500', 'SYNTAX', 4, ['expected a comparison operator', "found '500'"]],
    ['avg<', 'SYNTAX', 4, ["expected a number after '<'", 'found end of expression']],
    ['avg<fast', 'SYNTAX', 4, ["expected a number after '<'", "found 'fast'"]],
    ['avg<100 sec', 'SYNTAX', 8, ['expected a unit (ms, s or %)', "did you mean 's'?"]],
    ['avg<100MS', 'SYNTAX', 7, ["did you mean 'ms'?"]],
    ['avg<100 minutes', 'SYNTAX', 8, ["found 'minutes'"]],
    ['p(95)<500, p(99)<900', 'SYNTAX', 9, ['expected end of expression', 'one condition']],
    ['p(95)<500 && avg<100', 'SYNTAX', 10, ["found '&&'", 'one condition']],
    ['avg<100 ms )', 'SYNTAX', 11, ["expected end of expression, found ')'"]],
    ['avg<1 #', 'SYNTAX', 6, ["found '#'"]],
    ['p(95) ≤ 500', 'SYNTAX', 6, ["found '≤'", "did you mean '<='?"]],
    ['http_req_duration{name:GET /}', 'SYNTAX', 29, ["expected ':' between the selector and the condition", 'found end of expression']],
    ['http_req_duration{name:GET / p(95)<1', 'SYNTAX', 36, ["expected '}' to close the tag selector"]],
    ['http_req_duration{}: avg<1', 'SYNTAX', 18, ['expected a tag name', "found '}'"]],
    ['http_req_duration{name}: avg<1', 'SYNTAX', 22, ["expected ':' after the tag name 'name'"]],
    ['http_req_duration{name:  }: avg<1', 'SYNTAX', 25, ["expected a tag value after 'name:'"]],
    ['http_req_duration{name:a,method:GET}: avg<1', 'SYNTAX', 24, ['one tag per selector', "'method:'"]],
    ['http_reqs: p(95)<500', 'TYPE', 11, ['http_reqs is a counter; p(95) needs a trend (counters have: count, rate)']],
    ['http_req_failed: avg<1', 'TYPE', 17, ['http_req_failed is a rate; avg needs a trend (rates have: rate)']],
    ['http_req_duration: rate<1', 'TYPE', 19, ['rate needs a rate or a counter (trends have: avg, min, max, med, p(N), count)']],
    ['http_req_failed: count<1', 'TYPE', 17, ['count needs a trend or a counter']],
    ['http_req_duraton: avg<5', 'TYPE', 0, ["unknown metric 'http_req_duraton'", "did you mean 'http_req_duration'?"]],
    ['latency: avg<5', 'TYPE', 0, ["unknown metric 'latency'", 'known metrics: http_req_duration, http_req_failed']],
    ['http_req_duration{nmae:x}: avg<5', 'TYPE', 18, ["unknown tag 'nmae'", "did you mean 'name'?"]],
    ['http_req_duration{status:500}: avg<5', 'TYPE', 18, ["unknown tag 'status'", 'known tags: name, method, scenario']],
    ['value<3', 'TYPE', 0, ["'value' has no default metric"]],
    ['rate<5', 'TYPE', 5, ['http_req_failed is a rate between 0 and 1', '5 is out of range', 'did you mean 5%?']],
    ['rate<150%', 'TYPE', 5, ['150% is out of range']],
    ['p(95)<5%', 'TYPE', 7, ["'%' is for rates but http_req_duration is a trend; use ms or s"]],
    ['http_req_failed: rate<5ms', 'TYPE', 23, ["'ms' is a time unit but http_req_failed is a rate", '1%']],
    ['http_reqs: count>5s', 'TYPE', 18, ["'s' is a time unit but http_reqs is a counter"]],
    ['http_req_duration: count>5ms', 'TYPE', 26, ['count is a number of samples']],
  ];

  it.each(invalid)('%s', (expr, code, col, parts) => {
    const err = errorOf(expr);
    expect(err.code).toBe(`GONOGO_THRESHOLD_${code}`);
    expect(err.message).toBe('1 invalid threshold');
    expect(err.details).toHaveLength(1);
    const detail = err.details[0]!;
    expect(detail.startsWith(expr === '' ? '--threshold: ' : `--threshold: "${expr}": `)).toBe(true);
    for (const part of parts) expect(detail).toMatch(typeof part === 'string' ? new RegExp(escape(part)) : part);
    if (col === null) expect(detail).not.toContain('\n');
    else expect(caretColumn(err)).toBe(col);
  });

  it('custom non-time trends take no time unit', () => {
    const extra: MetricCatalog = { cart_size: { kind: 'trend', description: 'items' } };
    const err = errorOf('cart_size: avg<2s', '--threshold', extra);
    expect(err.code).toBe('GONOGO_THRESHOLD_TYPE');
    expect(err.details[0]).toContain("cart_size is not measured in time; drop the unit 's'");
  });

  it('renders like the documented example, caret under the offending token', () => {
    const out = formatError(errorOf('http_reqs: p(95)<500'));
    expect(out).toBe(
      [
        'error[GONOGO_THRESHOLD_TYPE]: 1 invalid threshold',
        '  - --threshold: "http_reqs: p(95)<500": http_reqs is a counter; p(95) needs a trend (counters have: count, rate)',
        '                             ^^^^^',
        '  hint: see docs/thresholds.md for the grammar, the metrics and their aggregations',
      ].join('\n'),
    );
  });

  it('is a GonogoError with exit status 2 (usage)', () => {
    const err = errorOf('avg<');
    expect(err).toBeInstanceOf(GonogoError);
    expect(err.exitCode).toBe(2);
  });

  it('rejects bad object-form fields', () => {
    const err = errorOf({ threshold: 'avg<1', delayAbortEval: 'soon', abortOnFail: 'yes' } as never, 'load.thresholds[0]');
    expect(err.code).toBe('GONOGO_THRESHOLD_SYNTAX');
    expect(err.message).toBe('1 invalid threshold');
    expect(err.details.join('\n')).toContain('abortOnFail must be true or false, found string "yes"');
    expect(err.details.join('\n')).toContain('invalid delayAbortEval "soon"');
    expect(errorOf({ threshold: 42 } as never).details[0]).toBe('--threshold: expected a threshold string like "p(95)<500", found number 42');
  });
});

describe('parseThresholds', () => {
  it('collects every problem into one error, naming each where', () => {
    let err: unknown;
    try {
      parseThresholds([
        { input: 'p(95)<500', where: 'load.thresholds[0]' },
        { input: 'http_reqs: p(95)<500', where: 'load.thresholds[1]' },
        { input: 'avg<', where: 'load.thresholds[2]' },
        { input: 'rate<1%', where: '--threshold' },
      ]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ThresholdError);
    const te = err as ThresholdError;
    // Both kinds present: SYNTAX wins.
    expect(te.code).toBe('GONOGO_THRESHOLD_SYNTAX');
    expect(te.message).toBe('2 invalid thresholds');
    expect(te.details[0]).toMatch(/^load\.thresholds\[1\]: "http_reqs: p\(95\)<500": http_reqs is a counter/);
    expect(te.details[1]).toMatch(/^load\.thresholds\[2\]: "avg<": expected a number/);
    expect(caretColumn(te, 'load.thresholds[1]')).toBe(11);
  });

  it('uses TYPE when every problem is a type error', () => {
    const { problems } = validateThresholds([
      { input: 'latency: avg<1', where: 'a' },
      { input: 'http_reqs: avg<1', where: 'b' },
    ]);
    expect(problems.map((p) => [p.where, p.kind])).toEqual([
      ['a', 'type'],
      ['b', 'type'],
    ]);
    expect(() => parseThresholds([{ input: 'latency: avg<1', where: 'a' }])).toThrow(expect.objectContaining({ code: 'GONOGO_THRESHOLD_TYPE' }));
  });

  it('returns thresholds in input order when all are valid', () => {
    const ts = parseThresholds([
      { input: 'p(95)<500', where: 'a' },
      { input: 'rate<1%', where: 'b' },
    ]);
    expect(ts.map((t) => [t.where, t.metric])).toEqual([
      ['a', 'http_req_duration'],
      ['b', 'http_req_failed'],
    ]);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
