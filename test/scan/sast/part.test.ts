import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/core/config/index.js';
import type { PartContext } from '../../../src/core/part.js';
import { PARTS } from '../../../src/run/parts.js';
import { tmpDir } from '../../helpers/cli.js';

function ctx(root: string, config: unknown): PartContext {
  return { config: validateConfig(config), root, scale: 1, signal: new AbortController().signal, log: () => {} };
}

describe('sast and iac parts of gonogo run', () => {
  const root = tmpDir('gonogo-parts-');
  mkdirSync(path.join(root, 'app'));
  writeFileSync(path.join(root, 'app', 'views.py'), 'import pickle\nfrom flask import request\n\ndef load():\n    return pickle.loads(request.data)\n');
  writeFileSync(path.join(root, 'Dockerfile'), 'FROM python:3.12-slim\nCMD ["python", "app"]\n');

  it('are registered and skip without a scan section', async () => {
    const sast = await PARTS.sast!();
    const iac = await PARTS.iac!();
    expect(sast.name).toBe('sast');
    expect(iac.name).toBe('iac');
    expect(sast.skipReason(validateConfig({}), undefined)).toMatch(/scan/);
    expect(iac.skipReason(validateConfig({ scan: { iac: { enabled: false } } }), undefined)).toMatch(/enabled is false/);
  });

  it('return failing checks with findings, priority and due date from the register', async () => {
    const sast = await (await PARTS.sast!()).run(ctx(root, { scan: {} }));
    const pickle = sast.checks.find((c) => c.id === 'sast.py-pickle');
    expect(pickle?.status).toBe('fail');
    expect(pickle?.refs?.cwe).toEqual(['CWE-502']);
    expect(pickle?.findings?.[0]).toMatchObject({ location: { file: 'app/views.py', line: 5 }, likelihood: 'high', priority: 'P1' });
    expect(pickle?.findings?.[0]?.due).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const iac = await (await PARTS.iac!()).run(ctx(root, { scan: { iac: { disable: ['dockerfile-no-healthcheck'] } } }));
    expect(iac.checks.find((c) => c.id === 'iac.dockerfile-root-user')?.status).toBe('fail');
    expect(iac.checks.find((c) => c.id === 'iac.dockerfile-no-healthcheck')).toBeUndefined();
  });
});
