import { describe, expect, it } from 'vitest';
import { splitAcrossWorkers } from '../../src/load/plan.js';
import { encodeRequest } from '../../src/load/http/request.js';

describe('splitAcrossWorkers', () => {
  it('spreads connections as evenly as possible and keeps the total', () => {
    const s = splitAcrossWorkers(50, null, 3);
    expect(s.map((x) => x.connections)).toEqual([17, 17, 16]);
    expect(s.every((x) => x.rate === null)).toBe(true);
  });

  it('never makes more workers than connections', () => {
    expect(splitAcrossWorkers(2, null, 8)).toHaveLength(2);
  });

  it('splits the rate and interleaves the schedules', () => {
    const s = splitAcrossWorkers(10, 100, 2);
    expect(s.map((x) => x.rate)).toEqual([50, 50]);
    // Global interval 10 ms: worker 0 sends at 0, 20, 40...; worker 1 at 10, 30, 50...
    expect(s.map((x) => x.phaseMs)).toEqual([0, 10]);
  });
});

describe('encodeRequest', () => {
  it('writes a request line, Host, headers and Content-Length', () => {
    const text = encodeRequest({ method: 'POST', path: '/a?b=1', host: '127.0.0.1:8080', headers: { 'Content-Type': 'application/json' }, body: '{"x":1}' }).toString();
    expect(text).toBe('POST /a?b=1 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nContent-Type: application/json\r\nContent-Length: 7\r\nUser-Agent: gonogo\r\n\r\n{"x":1}');
  });

  it('refuses header values that would inject a second request', () => {
    expect(() => encodeRequest({ method: 'GET', path: '/', host: 'h', headers: { 'X-A': 'a\r\nGET /evil HTTP/1.1' } })).toThrow(/CR, LF/);
  });
});
