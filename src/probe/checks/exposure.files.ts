import { OWASP, fail, pass, type ProbeCheck } from '../check.js';

/** Paths that must not be served, each with what its content looks like (so a catch-all 200 page is not a hit). */
export const EXPOSED: [string, RegExp][] = [
  ['/.git/config', /\[core\]|\[remote "/],
  ['/.git/HEAD', /^ref: refs\//],
  ['/.env', /^\s*[A-Z][A-Z0-9_]*\s*=/m],
  ['/.env.local', /^\s*[A-Z][A-Z0-9_]*\s*=/m],
  ['/.env.production', /^\s*[A-Z][A-Z0-9_]*\s*=/m],
  ['/.aws/credentials', /aws_access_key_id/i],
  ['/.htpasswd', /^[\w.-]+:(\$apr1\$|\$2[aby]\$|\{SHA\})/m],
  ['/.DS_Store', /Bud1/],
  ['/server-status', /Apache Server Status|Server uptime|Total Accesses/i],
  ['/server-info', /Apache Server Information/i],
  ['/nginx_status', /Active connections:/],
  ['/phpinfo.php', /phpinfo\(\)|PHP Version/],
  ['/debug/vars', /"memstats"|"cmdline"/],
  ['/debug/pprof/', /Types of profiles available|goroutine/],
  ['/actuator/env', /"propertySources"|"activeProfiles"/],
  ['/actuator/heapdump', /JAVA PROFILE/],
  ['/console', /Werkzeug|Interactive Console/],
  ['/elmah.axd', /Error Log for/],
  ['/backup.sql', /CREATE TABLE|INSERT INTO/i],
  ['/main.js.map', /"mappings"\s*:/],
  ['/app.js.map', /"mappings"\s*:/],
];

export const exposureFiles: ProbeCheck = {
  id: 'exposure.files',
  title: 'No exposed files or debug endpoints',
  category: 'Security',
  refs: { owasp: [OWASP.A05, OWASP.A01], cwe: ['CWE-538', 'CWE-540', 'CWE-215', 'CWE-527'], soc2: ['CC6.1', 'CC6.6'], iso27001: ['A.8.9', 'A.8.4'] },
  remediation: 'Do not deploy VCS folders, .env files or source maps; disable status and debug endpoints or put them behind authentication.',
  cost: { min: 21, max: 40 },
  async run(ctx) {
    const { res: base } = await ctx.baseline();
    const candidates = [...EXPOSED];
    // Source maps of the scripts the page loads from this origin.
    for (const m of base.body.matchAll(/<script\b[^>]*\bsrc\s*=\s*["']?([^"'\s>]+)/gi)) {
      try {
        const u = new URL(m[1]!, ctx.settings.target);
        if (u.origin === ctx.target.origin && /\.m?js$/.test(u.pathname)) candidates.push([`${u.pathname}.map`, /"mappings"\s*:/]);
      } catch {
        // not a URL
      }
    }
    const exposed: string[] = [];
    for (const [path, signature] of candidates.slice(0, 40)) {
      const req = { method: 'GET', url: `${ctx.target.origin}${path}` };
      const res = await ctx.send(req);
      if (res.status >= 200 && res.status < 300 && signature.test(res.body)) exposed.push(ctx.show(req, res));
    }
    if (exposed.length) return fail(`served: ${exposed.join(' | ')}`);
    return pass(`none of ${Math.min(40, candidates.length)} sensitive paths served (${candidates.slice(0, 5).map((c) => c[0]).join(', ')}, …)`);
  },
};
