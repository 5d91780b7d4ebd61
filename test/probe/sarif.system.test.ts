import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, expect, it } from 'vitest';
import { runCli, tmpDir } from '../helpers/cli.js';
import { httpServer, serverPool } from '../helpers/servers.js';

const servers = serverPool(afterEach);
const multitool = createRequire(import.meta.url)('@microsoft/sarif-multitool') as string;

it('probe SARIF (with every WAF bypass as a result) passes Microsoft SARIF Multitool with the GitHub rules', async () => {
  const srv = await servers.track(httpServer((req, res) => (req.resume(), req.on('end', () => res.end('ok')))));
  const r = await runCli(['probe', srv.url, '--checks', 'waf,headers.csp', '--format', 'sarif', '--quiet'], { cwd: tmpDir() });
  expect(r.code).toBe(1);
  const dir = tmpDir();
  const input = path.join(dir, 'probe.sarif');
  const output = path.join(dir, 'out.sarif');
  writeFileSync(input, r.stdout);
  const log = JSON.parse(r.stdout);
  const results = log.runs[0].results as { ruleId: string; message: { text: string } }[];
  // 720 attacks, all through, each listed with a replayable curl line.
  expect(results.filter((x) => x.ruleId === 'waf.matrix' && x.message.text.startsWith('bypass:') && x.message.text.includes('replay: curl '))).toHaveLength(720);
  await promisify(execFile)(multitool, ['validate', input, '--output', output, '--rule-kind', 'Sarif;Gh', '--log', 'ForceOverwrite'], { timeout: 120_000 });
  const checked = JSON.parse(readFileSync(output, 'utf8')).runs[0].results as { ruleId: string; level?: string; message: { arguments?: string[] } }[];
  expect(checked.filter((x) => x.level === 'error').map((x) => `${x.ruleId}: ${x.message.arguments?.join(' | ')}`)).toEqual([]);
});
