import type { Command } from 'commander';
import { rootProgram, withExitOverride, type RegisterCommand } from './root.js';

/**
 * The one list of top-level commands, in help order: each one's registration file, loaded on use. `gonogo scan
 * secrets` loads the scan commands' options and help, not the other 17 commands' (about 25 modules, ~20 ms of its
 * start-up); buildProgram loads them all.
 */
export const COMMANDS: Readonly<Record<string, () => Promise<RegisterCommand>>> = {
  load: async () => (await import('./load.js')).registerLoad,
  baseline: async () => (await import('./baseline.js')).registerBaseline,
  merge: async () => (await import('./merge.js')).registerMerge,
  k8s: async () => (await import('./k8s.js')).registerK8s,
  capacity: async () => (await import('./capacity.js')).registerCapacity,
  scan: async () => (await import('./scan.js')).registerScan,
  probe: async () => (await import('./probe.js')).registerProbe,
  vitals: async () => (await import('./vitals.js')).registerVitals,
  run: async () => (await import('./run.js')).registerRun,
  compare: async () => (await import('./compare.js')).registerCompare,
  demo: async () => (await import('./demo.js')).registerDemo,
  init: async () => (await import('./init.js')).registerInit,
  docs: async () => (await import('./docs.js')).registerDocs,
  export: async () => (await import('./export.js')).registerExport,
  config: async () => (await import('./config.js')).registerConfig,
  hook: async () => (await import('./hook.js')).registerHook,
  db: async () => (await import('./db.js')).registerDb,
  'demo-target': async () => (await import('./demo-target.js')).registerDemoTarget,
};

/** Commands that read the whole command tree (programSpec: the docs drift check of `docs`, `run` and `demo`). */
const NEEDS_TREE = new Set(['docs', 'run', 'demo']);

/**
 * The program main() parses `argv` with: only the command it names when it names one plainly (`gonogo <command>`,
 * optionally after `--config <path>`), else the whole tree (help, version, a misspelt command's suggestions, and the
 * commands in NEEDS_TREE).
 */
export async function programFor(argv: readonly string[], setCode: (c: number) => void): Promise<Command> {
  const args = argv.slice(2);
  const at = args[0] === '--config' ? 2 : args[0]?.startsWith('--config=') ? 1 : 0;
  const name = args[at];
  const load = name !== undefined && Object.hasOwn(COMMANDS, name) && !NEEDS_TREE.has(name) ? COMMANDS[name] : undefined;
  if (load === undefined) return buildProgram(setCode);
  const program = rootProgram();
  (await load())(program, setCode);
  return withExitOverride(program);
}

/**
 * The whole command tree, also walked by tests and the docs check. Register files hold options and help only; each
 * action `await import()`s its implementation (`<x>-action.ts`), so building the tree loads no command's code
 * (test/cli/lazy-load.test.ts, bench/startup.mjs).
 */
export async function buildProgram(setCode: (c: number) => void): Promise<Command> {
  const program = rootProgram();
  const registers = await Promise.all(Object.values(COMMANDS).map((load) => load()));
  for (const register of registers) register(program, setCode);
  return withExitOverride(program);
}
