import { afterEach, expect, it } from 'vitest';
import { validateConfig } from '../../src/core/config/validate.js';
import { probePart } from '../../src/probe/part.js';
import { PARTS } from '../../src/run/parts.js';
import { httpServer, serverPool } from '../helpers/servers.js';

const servers = serverPool(afterEach);

it('is registered for gonogo run and says why it skips', async () => {
  expect((await PARTS.probe?.())?.name).toBe(probePart.name);
  expect(probePart.skipReason(validateConfig({}), 'http://127.0.0.1:1/')).toContain('no `probe` section');
  expect(probePart.skipReason(validateConfig({ probe: {} }), undefined)).toContain('no target');
  expect(probePart.skipReason(validateConfig({ probe: {} }), 'http://127.0.0.1:1/')).toBeUndefined();
});

it('runs the configured checks against the target and returns check results', async () => {
  const srv = await servers.track(httpServer((req, res) => (req.resume(), res.writeHead(200, { 'x-content-type-options': 'nosniff' }).end('ok'))));
  const lines: string[] = [];
  const config = validateConfig({ probe: { checks: ['headers.content-type-options', 'methods.trace'] } });
  const out = await probePart.run({ config, root: process.cwd(), target: srv.url, scale: 1, signal: new AbortController().signal, log: (l) => lines.push(l) });
  expect(out.checks.map((c) => [c.id, c.status])).toEqual([
    ['headers.content-type-options', 'pass'],
    ['methods.trace', 'warn'],
  ]);
  expect(lines.at(-1)).toMatch(/^probe: \d+ requests in/);
});
