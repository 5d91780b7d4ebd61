import type { z } from 'zod';
import type { ConfigPath, Problems } from './problems.js';

/** Validated top-level settings every section may read (only those that passed the schema are set). */
export interface TopLevel {
  readonly target?: string;
}

/**
 * One top-level config key (load, scan, probe, ...). Adding a section is one file exporting this
 * plus one entry in SECTIONS (schema.ts): the schema fixes the shape, `normalise` converts units and
 * records problems it finds, `rules` checks fields against each other once everything is normalised.
 */
export interface ConfigSection<S extends z.ZodType, N> {
  readonly schema: S;
  normalise(input: z.output<S>, ctx: SectionContext): N;
  rules?(section: N, ctx: SectionContext): void;
}

export interface SectionContext {
  readonly top: TopLevel;
  /** Path of this section (e.g. ['load']); problems are added with full paths. */
  readonly at: ConfigPath;
  readonly problems: Problems;
}
