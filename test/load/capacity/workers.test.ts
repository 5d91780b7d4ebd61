import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readJson, runCli, tmpDir } from '../../helpers/cli.js';
import { httpServer, serverPool } from '../../helpers/servers.js';

const { track } = serverPool(afterEach);

/** One short step against a fast loopback server, judged loosely (a busy machine must not fail it): which worker count did the search use? */
async function search(dir: string, extra: string[] = []): Promise<ReturnType<typeof readJson>> {
  const srv = await track(httpServer((_req, res) => res.end('ok')));
  const out = path.join(dir, 'cap.json');
  const r = await runCli(['capacity', srv.url, '--start-rate', '20', '--max-rate', '20', '--step-duration', '2s', '--time-limit', '3s', '--threshold', 'p(95)<5000', '-q', '--out', out, ...extra], { cwd: dir, timeoutMs: 30_000 });
  expect(r.code, r.stderr).toBe(0);
  return readJson(out);
}

describe('capacity.workers: the search generator\'s worker threads', () => {
  it('capacity.workers sets them, over load.workers; --workers wins over both', async () => {
    const dir = tmpDir();
    writeFileSync(path.join(dir, 'gonogo.config.yaml'), 'load:\n  workers: 2\ncapacity:\n  workers: 1\n');
    expect((await search(dir)).settings.workers).toBe(1);
    expect((await search(dir, ['--workers', '2'])).settings.workers).toBe(2);
    writeFileSync(path.join(dir, 'gonogo.config.yaml'), 'load:\n  workers: 2\n');
    expect((await search(dir)).settings.workers).toBe(2);
  }, 60_000);

  it.each([['0'], ['many'], ['1.5']])('capacity.workers: %s is a usage error naming the path (exit 2)', async (value) => {
    const dir = tmpDir();
    writeFileSync(path.join(dir, 'gonogo.config.yaml'), `capacity:\n  workers: ${value}\n`);
    const r = await runCli(['capacity', 'http://127.0.0.1:9/', '-q'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('capacity.workers');
    expect(r.stderr).toContain('expected "auto" or a positive integer');
    expect(r.stderr).not.toMatch(/\n\s+at .+\.js:\d+/);
  });
});
