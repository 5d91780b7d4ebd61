import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { runCli, tmpDir } from '../helpers/cli.js';

const multitool = createRequire(import.meta.url)('@microsoft/sarif-multitool') as string;

it('docs SARIF passes Microsoft SARIF Multitool with the GitHub rules', async () => {
  const dir = tmpDir('gonogo-docs-sarif-');
  mkdirSync(path.join(dir, 'docs'));
  writeFileSync(path.join(dir, 'README.md'), '# T\n\n[gone](gone.md) [anchor](#nope) [x][undefined]\n\n```json\n{ "a": }\n```\n\n```\nno lang\n```\n\n`gonogo lod`\n\n[unused]: ./README.md\n');
  const r = await runCli(['docs', '-q', '--format', 'sarif'], { cwd: dir });
  expect(r.code).toBe(1);
  const input = path.join(dir, 'docs.sarif');
  const output = path.join(dir, 'out.sarif');
  writeFileSync(input, r.stdout);
  const results = JSON.parse(r.stdout).runs[0].results as { ruleId: string }[];
  expect(results.map((x) => x.ruleId).sort()).toEqual(['docs.anchor-broken', 'docs.cli-unknown-command', 'docs.code-no-lang', 'docs.code-syntax', 'docs.link-broken', 'docs.ref-undefined', 'docs.ref-unused'].sort());
  await promisify(execFile)(multitool, ['validate', input, '--output', output, '--rule-kind', 'Sarif;Gh', '--log', 'ForceOverwrite'], { timeout: 120_000 });
  const checked = JSON.parse(readFileSync(output, 'utf8')).runs[0].results as { ruleId: string; level?: string; message: { arguments?: string[] } }[];
  expect(checked.filter((x) => x.level === 'error').map((x) => `${x.ruleId}: ${x.message.arguments?.join(' | ')}`)).toEqual([]);
});
