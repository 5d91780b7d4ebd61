import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJson, runCli, tmpDir } from '../helpers/cli.js';

/** True when something accepts a TCP connection on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port }, () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}

describe('gonogo demo (end to end)', () => {
  it('starts the reference service, runs the whole gate, prints the verdict and report.html, stops the service', async () => {
    const dir = tmpDir();
    const r = await runCli(['demo'], { cwd: dir, timeoutMs: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    // The 90 s budget is for a 2-core machine; this one is shared with other test files, so allow slack.
    expect(r.ms).toBeLessThan(110_000);
    expect(r.stdout).toMatch(/^Verdict: (READY|READY WITH WARNINGS|NOT READY)\n/);
    const html = /^ {2}(\S+report\.html)$/m.exec(r.stdout)?.[1];
    expect(html).toBeDefined();
    const file = path.resolve(dir, html!);
    expect(existsSync(file)).toBe(true);
    const j = readJson(path.join(path.dirname(file), 'report.json'));
    expect(j.parts.find((p: { name: string }) => p.name === 'load').status).toBe('ran');
    expect(j.loads[0].result.totals.requests).toBeGreaterThan(100);
    // Every registered part that the demo configures ran or was shown as skipped with a reason.
    for (const p of j.parts) expect(p.status === 'ran' || typeof p.reason === 'string').toBe(true);
    const url = /reference service listening on (\S+)/.exec(r.stderr)?.[1];
    expect(url).toBeDefined();
    expect(r.stderr).toContain('reference service stopped');
    expect(await listening(Number(new URL(url!).port))).toBe(false);
  }, 130_000);
});
