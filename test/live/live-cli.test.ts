import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tmpDir } from '../helpers/cli.js';

describe('--dashboard / --remote-write bad input', () => {
  it('a URL swallowed as --dashboard\'s value is a usage error (exit 2) with the fix', async () => {
    const r = await runCli(['load', '--dashboard', 'http://127.0.0.1:9/', '-d', '1s']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--dashboard: "http://127.0.0.1:9/" is not [host:]port');
    expect(r.stderr).toMatch(/put the target URL before --dashboard/);
    expect(r.stderr).not.toMatch(/\n\s+at .*\.js:\d+/); // no stack trace
  });

  it('config keys dashboard and remoteWrite are checked with the file and key named', async () => {
    const dir = tmpDir('gonogo-live-cfg-');
    writeFileSync(path.join(dir, 'gonogo.config.yaml'), 'target: http://127.0.0.1:9/\ndashboard: "nope"\nremoteWrite: ftp://x\n');
    const r = await runCli(['load', '-d', '1s'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/gonogo\.config\.yaml/);
    expect(r.stderr).toMatch(/dashboard.*expected true, a port/);
    expect(r.stderr).toMatch(/remoteWrite.*expected an absolute http/);
  });

  it('a port in use is a usage error naming it', async () => {
    const srv = await import('node:net').then((net) => {
      const s = net.createServer();
      return new Promise<import('node:net').Server>((r) => s.listen(0, '127.0.0.1', () => r(s)));
    });
    const port = (srv.address() as import('node:net').AddressInfo).port;
    try {
      const r = await runCli(['load', 'http://127.0.0.1:9/', '-d', '1s', '--dashboard', String(port)]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`--dashboard: cannot listen on 127.0.0.1:${port}: EADDRINUSE`);
    } finally {
      srv.close();
    }
  });
});
