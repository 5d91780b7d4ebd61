import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/core/config/validate.js';
import type { Part, PartContext, PartName } from '../../src/core/part.js';
import { runParts } from '../../src/run/run-parts.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A "load" that runs 150 ms, and a "pages" part that asks to work alongside it (as pages.duringLoad does). */
function parts(events: string[]) {
  const load: Part = {
    name: 'load', title: 'Load', skipReason: () => undefined,
    async run() {
      events.push('load start');
      await sleep(150);
      events.push('load end');
      return { checks: [] };
    },
  };
  const pages: Part = {
    name: 'pages', title: 'Pages', skipReason: (c) => (c.pages ? undefined : 'no pages'),
    alongside: (c) => (c.pages?.duringLoad ? { part: 'load', run: async (_ctx: PartContext, stop: AbortSignal) => {
      events.push('alongside start');
      await new Promise((r) => stop.addEventListener('abort', r, { once: true }));
      events.push('alongside stopped');
      return 'measured under load';
    } } : undefined),
    async run(ctx) {
      events.push(`pages run with ${ctx.alongside ? await ctx.alongside : 'nothing'}`);
      return { checks: [] };
    },
  };
  return { load: async () => load, pages: async () => pages } as Partial<Record<PartName, () => Promise<Part>>>;
}

const context = (raw: object): PartContext => ({ config: validateConfig(raw), root: '/tmp', scale: 1, signal: new AbortController().signal, log: () => {} });

describe('work alongside another part (Part.alongside)', () => {
  it('starts with that part, is stopped when it ends, and hands its result to its own part', async () => {
    const events: string[] = [];
    await runParts({ names: ['load', 'pages'], parts: parts(events), context: context({ target: 'http://127.0.0.1:1', pages: { urls: ['/'], duringLoad: true } }) });
    expect(events).toEqual(['alongside start', 'load start', 'load end', 'alongside stopped', 'pages run with measured under load']);
  });

  it('does not start when the config does not ask for it, or when its own part will not run', async () => {
    const quiet: string[] = [];
    await runParts({ names: ['load', 'pages'], parts: parts(quiet), context: context({ target: 'http://127.0.0.1:1', pages: { urls: ['/'] } }) });
    expect(quiet).toEqual(['load start', 'load end', 'pages run with nothing']);
    const excluded: string[] = [];
    await runParts({ names: ['load', 'pages'], parts: parts(excluded), only: ['load'], context: context({ target: 'http://127.0.0.1:1', pages: { urls: ['/'], duringLoad: true } }) });
    expect(excluded).toEqual(['load start', 'load end']);
  });
});
