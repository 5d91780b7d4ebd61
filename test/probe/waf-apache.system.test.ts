import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, httpServer, type TestServer } from '../helpers/servers.js';
import { requireProgram } from '../helpers/system.js';
import { tmpDir } from '../helpers/cli.js';
import { byId, describe as show, probe } from './probe-helpers.js';

const run = promisify(execFile);
const SCRIPTS = fileURLToPath(new URL('../../scripts/waf/', import.meta.url));
const hasWaf = requireProgram('curl') && requireProgram('apache2') && requireProgram('/usr/lib/apache2/modules/mod_security2.so') && requireProgram('/usr/share/modsecurity-crs/owasp-crs.load');

describe.skipIf(!hasWaf)('a real WAF: Apache + ModSecurity + OWASP CRS in front of a loopback backend', () => {
  let backend: TestServer;
  let wafUrl: string;
  let dir: string;

  beforeAll(async () => {
    // The backend accepts anything: whatever is blocked, the WAF blocked.
    backend = await httpServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'));
    });
    const port = await closedPort();
    dir = tmpDir('gonogo-waf-');
    await run(`${SCRIPTS}start-apache-waf.sh`, [String(port), `http://127.0.0.1:${backend.port}`, dir], { timeout: 30_000 });
    wafUrl = `http://127.0.0.1:${port}/`;
  });

  afterAll(async () => {
    if (dir) await run(`${SCRIPTS}stop-apache-waf.sh`, [dir], { timeout: 15_000 }).catch(() => undefined);
    await backend?.close();
  });

  it('waf.sqli and waf.xss pass behind the WAF; the matrix reports CRS as it is', async () => {
    const r = await probe(wafUrl, { checks: ['waf'] });
    const checks = byId(r.checks);
    console.log(show(r.checks), `\n${checks['waf.matrix']!.evidence}`);
    expect(checks['waf.sqli']!.status, checks['waf.sqli']!.evidence).toBe('pass');
    expect(checks['waf.xss']!.status, checks['waf.xss']!.evidence).toBe('pass');
    // CRS at paranoia level 1 blocks most attacks but not all encodings; the figure is reported, not pinned.
    const m = checks['waf.matrix']!;
    expect(m.evidence).toMatch(/^grade [A-F]: blocked \d+\/720 attacks/);
    // The grade is explained: what the next grade needs, and per category which encodings got through.
    if (!m.evidence.startsWith('grade A')) expect(m.evidence).toMatch(/why [B-F]: \d+\.\d % of (attacks blocked|benign requests passed), [A-D] needs ≥ \d+ %/);
    for (const cat of ['sqli', 'xss', 'traversal', 'cmdi', 'ssti', 'xxe', 'ldap', 'nosql', 'crlf', 'jndi']) expect(m.evidence).toMatch(new RegExp(`[,:] ${cat} \\d+/72`));
    expect(m.evidence).toMatch(/blocked per encoding: plain \d+\/120, mixed-case \d+\/120, url \d+\/120, double-url \d+\/120, base64 \d+\/120, json-unicode \d+\/120/);
    // One replayable bypass per category that has any, listed first; replaying it gets the same answer past the WAF.
    const bypasses = (m.findings ?? []).filter((f) => f.message.startsWith('bypass:'));
    const categories = [...new Set(bypasses.map((f) => /^bypass: (\w+)/.exec(f.message)![1]))];
    expect(categories.length).toBeGreaterThan(0);
    const firsts = bypasses.slice(0, categories.length);
    expect(new Set(firsts.map((f) => /^bypass: (\w+)/.exec(f.message)![1])).size).toBe(categories.length);
    for (const f of firsts) {
      expect(f.message).toContain('replay: curl ');
      const status = /→ (\d+):/.exec(f.message)![1];
      const { stdout } = await run('sh', ['-c', f.message.slice(f.message.indexOf('replay: ') + 8)], { timeout: 10_000 });
      expect(stdout.trim(), f.message).toBe(status);
    }
  });

  it('the same backend without the WAF fails waf.sqli and waf.xss', async () => {
    const r = await probe(backend.url, { checks: ['waf.sqli', 'waf.xss'] });
    const checks = byId(r.checks);
    expect(checks['waf.sqli']!.status).toBe('fail');
    expect(checks['waf.sqli']!.evidence).toContain('DROP TABLE users');
    expect(checks['waf.xss']!.status).toBe('fail');
  });
});
