import type { GonogoConfigInput } from './schema.js';

/**
 * Identity function that gives a TypeScript config editor completion and type errors.
 * Kept in its own module with type-only imports so the package entry loads nothing heavy.
 */
export function defineConfig(config: GonogoConfigInput): GonogoConfigInput {
  return config;
}
