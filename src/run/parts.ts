import type { PartName } from '../core/part-catalogue.js';
import type { Part } from '../core/part.js';

/**
 * The runner of every part in the catalogue (core/part-catalogue.ts), loaded lazily so a run that
 * only scans never loads the load engine (and the other way round). The mapped type makes a
 * catalogued part without a runner, or a runner without a catalogue entry, a compile error.
 */
export const PARTS: { readonly [N in PartName]: () => Promise<Part> } = {
  load: async () => (await import('../load/part.js')).loadPart,
  pages: async () => (await import('../probe/vitals/part.js')).pagesPart,
  capacity: async () => (await import('../load/capacity/part.js')).capacityPart,
  secrets: async () => (await import('../scan/secrets/part.js')).secretsPart,
  deps: async () => (await import('../scan/deps/part.js')).depsPart,
  sast: async () => (await import('../scan/sast/part.js')).sastPart,
  image: async () => (await import('../scan/image/part.js')).imagePart,
  iac: async () => (await import('../scan/iac/part.js')).iacPart,
  // The load section's URL and scenario paths seed the probe's endpoint discovery (probe never imports load).
  probe: async () => (await import('../probe/part.js')).makeProbePart({ knownEndpoints: async (ctx) => (await import('./scenario-endpoints.js')).configEndpoints(ctx.config, ctx.root, ctx.target) }),
  docs: async () => (await import('../docs/part.js')).docsPart,
};
