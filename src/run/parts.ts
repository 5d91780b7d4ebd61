import type { Part, PartName } from '../core/part.js';

/**
 * Every part `gonogo run` knows, in the order it runs them. Each is loaded lazily so a run that
 * only scans never loads the load engine (and the other way round).
 */
export const PARTS: Partial<Record<PartName, () => Promise<Part>>> = {
  load: async () => (await import('../load/part.js')).loadPart,
  secrets: async () => (await import('../scan/secrets/part.js')).secretsPart,
  deps: async () => (await import('../scan/deps/part.js')).depsPart,
  sast: async () => (await import('../scan/sast/part.js')).sastPart,
  iac: async () => (await import('../scan/iac/part.js')).iacPart,
  probe: async () => (await import('../probe/part.js')).probePart,
  docs: async () => (await import('../docs/part.js')).docsPart,
};
