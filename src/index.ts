// Package entry (`import { defineConfig } from 'gonogo'`). Keep it light: config files import it at load time.
export { defineConfig } from './core/config/define.js';
export type {
  GonogoConfig,
  GonogoConfigInput,
  LoadConfig,
  LoadConfigInput,
  HttpMethod,
  ThresholdEntry,
  ThresholdsConfig,
} from './core/config/schema.js';
