import type { Part, PartName } from './part.js';

/**
 * Every part `gonogo run` knows, in the order it runs them. Each is loaded lazily so a run that
 * only scans never loads the load engine (and the other way round).
 */
export const PARTS: Partial<Record<PartName, () => Promise<Part>>> = {
  load: async () => (await import('../load/part.js')).loadPart,
  deps: async () => (await import('../scan/deps/part.js')).depsPart,
};
