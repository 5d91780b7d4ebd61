export { CONFIG_FILE_NAMES } from './discover.js';
export { loadConfig, type LoadedConfig } from './load.js';
export { validateConfig, type Positions } from './validate.js';
export { parseDataConfig } from './read.js';
export type { ConfigPath } from './problems.js';
export type { GonogoConfig, GonogoConfigInput, LoadConfig, LoadConfigInput, HttpMethod, ThresholdEntry, ThresholdsConfig } from './schema.js';

