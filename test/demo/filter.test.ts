import { describe, expect, it } from 'vitest';
import { inspectBody, inspectRequestHead, inspectValue } from '../../src/demo/filter/inspect.js';
import { FILTER_RULES } from '../../src/demo/filter/rules/index.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('request filter rules', () => {
  for (const rule of FILTER_RULES) {
    const scope = rule.scopes?.[0] ?? 'body';
    for (const sample of rule.block) {
      it(`${rule.id} blocks ${JSON.stringify(sample)}`, () => {
        expect(inspectValue(sample, scope)?.id).toBeDefined();
      });
    }
    for (const sample of rule.allow) {
      it(`${rule.id} lets ${JSON.stringify(sample)} through`, () => {
        expect(inspectValue(sample, scope)).toBeUndefined();
      });
    }
  }
});

describe('encodings', () => {
  const attack = "' OR '1'='1";
  it.each([
    ['URL-encoded', encodeURIComponent(attack)],
    ['double URL-encoded', encodeURIComponent(encodeURIComponent(attack))],
    ['base64', b64(attack)],
    ['base64url without padding', Buffer.from('<script>alert(1)</script>').toString('base64url')],
    ['JSON unicode escapes', '\\u0027 OR \\u00271\\u0027=\\u00271'],
    ['HTML character references', '&#x3C;script&#x3E;alert(1)'],
    ['upper case', '<SCRIPT>alert(1)</SCRIPT>'],
  ])('sees through %s', (_name, value) => {
    expect(inspectValue(value, 'url')).toBeDefined();
  });

  it('ignores base64-looking tokens that decode to binary (ids, hashes)', () => {
    expect(inspectValue('3f2a6c1e-8b7d-4e5f-9a0b-1c2d3e4f5a6b', 'url')).toBeUndefined();
    expect(inspectValue('n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=', 'url')).toBeUndefined();
  });
});

describe('request placements', () => {
  const head = (over: Partial<{ path: string; rawQuery: string; headers: Record<string, string> }>) =>
    inspectRequestHead({ path: '/api/items', rawQuery: '', headers: { host: '127.0.0.1', 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36' }, ...over });

  it('passes an ordinary browser request', () => {
    expect(head({ rawQuery: 'q=red+shoes&limit=20' })).toBeUndefined();
  });
  it('finds payloads in the path, query, a header and a cookie', () => {
    expect(head({ path: '/api/items/%3Cscript%3Ealert(1)%3C%2Fscript%3E' })?.where).toBe('path');
    expect(head({ rawQuery: `q=${encodeURIComponent("'; DROP TABLE users; --")}` })?.rule).toBe('sqli');
    expect(head({ headers: { 'x-search': '../../etc/passwd' } })).toMatchObject({ rule: 'traversal', where: 'header x-search' });
    expect(head({ headers: { cookie: 'theme=dark; q=%24%28whoami%29' } })).toMatchObject({ rule: 'command', where: 'cookie q' });
    expect(head({ rawQuery: 'next=%0d%0aSet-Cookie:%20a=1' })?.rule).toBe('crlf');
  });
  it('finds payloads in JSON keys and nested values, and lets ordinary JSON through', () => {
    expect(inspectBody({ agent_id: 'coder', task: "'; DROP TABLE users; --" }, '')).toMatchObject({ rule: 'sqli', where: 'body task' });
    expect(inspectBody({ user: { $ne: null } }, '')).toMatchObject({ rule: 'nosql' });
    expect(inspectBody({ items: [{ note: '<script>alert(1)</script>' }] }, '')?.rule).toBe('xss');
    expect(inspectBody({ x: 'admin)(' , '(objectClass': '*))' }, 'x=admin)(&(objectClass=*))', true)?.rule).toBe('ldap');
    expect(inspectBody({ note: 'x\r\nSet-Cookie: injected=1' }, '')?.rule).toBe('crlf');
    expect(inspectBody({ note: 'line one\r\nline two' }, '')).toBeUndefined();
    expect(inspectBody({ name: "O'Brien's notebook", description: 'Multi-line\ntext & more; select one from the list', tags: ['a', 'b'] }, '')).toBeUndefined();
  });
});
