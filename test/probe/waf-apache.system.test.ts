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
const hasWaf = requireProgram('apache2') && requireProgram('/usr/lib/apache2/modules/mod_security2.so') && requireProgram('/usr/share/modsecurity-crs/owasp-crs.load');

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
    expect(checks['waf.matrix']!.evidence).toMatch(/^grade [A-F]: blocked \d+\/600 attacks/);
    expect(checks['waf.matrix']!.findings?.length ?? 0).toBeGreaterThan(0);
  });

  it('the same backend without the WAF fails waf.sqli and waf.xss', async () => {
    const r = await probe(backend.url, { checks: ['waf.sqli', 'waf.xss'] });
    const checks = byId(r.checks);
    expect(checks['waf.sqli']!.status).toBe('fail');
    expect(checks['waf.sqli']!.evidence).toContain('DROP TABLE users');
    expect(checks['waf.xss']!.status).toBe('fail');
  });
});
