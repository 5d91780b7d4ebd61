import { afterAll, beforeAll, expect, it } from 'vitest';
import { CHECK_IDS } from '../../src/probe/registry.js';
import { startWeakService, type WeakService } from '../fixtures/probe/weak-service.js';
import { describe as show, probe } from './probe-helpers.js';

let weak: WeakService;
beforeAll(async () => {
  weak = await startWeakService();
});
afterAll(() => weak?.close());

it('every probe check fails against the deliberately weak service', async () => {
  const run = await probe(weak.url, weak.config);
  console.log(show(run.checks));
  expect(run.checks.map((c) => c.id)).toEqual(CHECK_IDS);
  const notFailed = run.checks.filter((c) => c.status !== 'fail');
  expect(notFailed, show(notFailed)).toEqual([]);
  expect(run.requests).toBeLessThanOrEqual(2000);
});
