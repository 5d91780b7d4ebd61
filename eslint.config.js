import js from '@eslint/js';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/**
 * The layers (docs/architecture.md): core <- capabilities <- run <- cli. Each zone forbids the files
 * under `target` to import from the folders in `from`; a capability never imports another one.
 */
const CAPABILITIES = ['load', 'scan', 'probe', 'docs', 'demo', 'report', 'export', 'live'];
const src = (dirs) => dirs.map((d) => `./src/${d}`);
export const LAYER_ZONES = [
  { target: './src/core', from: src([...CAPABILITIES, 'run', 'cli']), message: 'core is the bottom layer: it imports nothing above it.' },
  ...CAPABILITIES.map((cap) => ({
    target: `./src/${cap}`,
    from: src([...CAPABILITIES.filter((c) => c !== cap), 'run', 'cli']),
    message: 'a capability imports only core (move what both need into core).',
  })),
  { target: './src/run', from: src(['cli']), message: 'run (the gate) never imports the CLI.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.gonogo/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly', performance: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      // Sources import siblings as `./x.js` (ESM output); the resolver finds the `.ts` file behind it.
      'import-x/resolver-next': [createNodeResolver({ extensionAlias: { '.js': ['.ts', '.js'] } })],
    },
    rules: {
      // Zones are relative to this file's folder, wherever eslint runs from.
      'import-x/no-restricted-paths': ['error', { zones: LAYER_ZONES, basePath: import.meta.dirname }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
);
