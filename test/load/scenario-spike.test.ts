import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveProfile } from '../../src/load/profiles/resolve.js';
import { httpServer, serverPool } from '../helpers/servers.js';
import { runScenario, scenarioDir } from './scenario-helpers.js';

const servers = serverPool(afterEach);

describe('spike profile', () => {
  it('measures the time to recover to the pre-spike latency after an injected slowdown', async () => {
    // The spike: 2 s at 1 user, up to 6 users in 300 ms, hold 700 ms, down in 300 ms (ends at 3.3 s), observe 4 s.
    const profile = resolveProfile('spike', { spike: { baseUsers: 1, users: 6, baselineMs: 2000, rampUpMs: 300, durationMs: 700, rampDownMs: 300, afterMs: 4000 } }, 1);
    // The service slows down (40 ms per request) from the spike until 1.5 s after it ends.
    let first = 0;
    const srv = await servers.track(
      httpServer((_req, res) => {
        const t = (first ||= performance.now()) && performance.now() - first;
        if (t >= 2000 && t < 4800) setTimeout(() => res.end('slow'), 40);
        else res.end('ok');
      }),
    );
    const dir = scenarioDir({ 's.ts': `import { defineScenario, think } from 'gonogo'; export default defineScenario({ thinkTime: think.constant(0.01), run: (vu) => vu.http.get('/') });` });
    const r = await runScenario(path.join(dir, 's.ts'), srv.url, { profile });
    expect(r.profile).toBe('spike');
    expect(r.scenarios[0]!.peakUsers).toBe(6);
    const rec = r.recovery!;
    expect(rec.baselineP95Ms).toBeLessThan(20);
    expect(rec.peakP95Ms).toBeGreaterThanOrEqual(40);
    expect(rec.recovered).toBe(true);
    // slowdown ends 1.5 s after the spike; whole seconds of timeline make it 1-2.7 s
    expect(rec.timeToRecoverMs).toBeGreaterThanOrEqual(700);
    expect(rec.timeToRecoverMs).toBeLessThanOrEqual(2700);
  }, 20_000);
});
