import { describe, expect, it } from 'vitest';
import { ExpositionError, parseExposition } from '../../../src/load/server/exposition.js';

describe('parseExposition (Prometheus text 0.0.4 and OpenMetrics 1.0)', () => {
  it('reads samples with labels, escapes, special values and timestamps, and files them under their TYPE family', () => {
    const text = [
      '# HELP http_requests_total Requests.',
      '# TYPE http_requests_total counter',
      'http_requests_total{method="GET",path="/a\\"b\\\\c\\nd"} 1027 1395066363000',
      '# TYPE pool gauge',
      'pool{pool="main"} 9',
      'plain_untyped -Inf',
      'nan_value NaN',
      'sci 1.5e3',
      'lower_nan Nan',
      'lower_inf +inf',
    ].join('\n');
    const s = parseExposition(text);
    expect(s.map((x) => [x.name, x.family, x.type])).toEqual([
      ['http_requests_total', 'http_requests_total', 'counter'],
      ['pool', 'pool', 'gauge'],
      ['plain_untyped', 'plain_untyped', 'untyped'],
      ['nan_value', 'nan_value', 'untyped'],
      ['sci', 'sci', 'untyped'],
      ['lower_nan', 'lower_nan', 'untyped'],
      ['lower_inf', 'lower_inf', 'untyped'],
    ]);
    // prom-client writes "Nan" for a gauge with no value yet; Prometheus (Go's ParseFloat) reads it.
    expect(Number.isNaN(s[5]!.value)).toBe(true);
    expect(s[6]!.value).toBe(Infinity);
    expect(s[0]!.labels).toEqual({ method: 'GET', path: '/a"b\\c\nd' });
    expect(s[0]!.value).toBe(1027);
    expect(s[2]!.value).toBe(-Infinity);
    expect(Number.isNaN(s[3]!.value)).toBe(true);
    expect(s[4]!.value).toBe(1500);
  });

  it('files OpenMetrics counter and histogram samples (x_total, x_created, x_bucket) under their family, exemplars ignored', () => {
    const text = [
      '# TYPE reqs counter',
      '# UNIT reqs requests',
      'reqs_total{code="200"} 12 1700000000.000 # {trace_id="abc"} 1.0',
      'reqs_created{code="200"} 1700000000.000',
      '# TYPE lat histogram',
      'lat_bucket{le="0.1"} 1',
      'lat_bucket{le="+Inf"} 2',
      'lat_sum 0.3',
      'lat_count 2',
      '# EOF',
      '',
    ].join('\n');
    const s = parseExposition(text);
    expect(s.map((x) => `${x.name}:${x.family}:${x.type}`)).toEqual([
      'reqs_total:reqs:counter',
      'reqs_created:reqs:counter',
      'lat_bucket:lat:histogram',
      'lat_bucket:lat:histogram',
      'lat_sum:lat:histogram',
      'lat_count:lat:histogram',
    ]);
    expect(s[0]!.value).toBe(12);
  });

  it('rejects HTML, garbage and broken lines with the line number', () => {
    expect(() => parseExposition('<!DOCTYPE html>\n<html><body>login</body></html>')).toThrow(ExpositionError);
    expect(() => parseExposition('ok 1\ngarbage garbage\n')).toThrow(/line 2: "garbage" is not a number/);
    expect(() => parseExposition('a{x="1" 2')).toThrow(/line 1/);
    expect(() => parseExposition('a{x="1"} 2 3 4')).toThrow(/value \[timestamp\]/);
    expect(() => parseExposition('# TYPE a sometype\na 1')).toThrow(/unknown metric type/);
    expect(() => parseExposition('a 1\n# EOF\nb 2')).toThrow(/after "# EOF"/);
    expect(() => parseExposition('{"status":"ok"}')).toThrow(/line 1/);
  });

  it('keeps plain comments and CRLF line ends', () => {
    const s = parseExposition('# just a comment\r\nup 1\r\n');
    expect(s).toHaveLength(1);
    expect(s[0]!.value).toBe(1);
  });
});
