import type { Command } from 'commander';
import { registerCompare } from './compare.js';
import { registerConfig } from './config.js';
import { registerHook } from './hook.js';
import { registerDb } from './db.js';
import { registerDemoTarget } from './demo-target.js';
import { registerDocs } from './docs.js';
import { registerExport } from './export.js';
import { registerDemo } from './demo.js';
import { registerInit } from './init.js';
import { registerLoad } from './load.js';
import { registerBaseline } from './baseline.js';
import { registerMerge } from './merge.js';
import { registerK8s } from './k8s.js';
import { registerCapacity } from './capacity.js';
import { registerProbe } from './probe.js';
import { registerRun } from './run.js';
import { registerScan } from './scan.js';
import { registerVitals } from './vitals.js';
import { rootProgram, withExitOverride } from './root.js';

/**
 * The command tree, built apart from main() so tests and docs checks can walk it. Register files hold
 * options and help only; each action `await import()`s its implementation (`<x>-action.ts`), so every
 * command does not pay for all the others (test/cli/lazy-load.test.ts, bench/startup.mjs). main() builds the
 * whole tree only for help, version and unknown commands; otherwise it registers the one command named
 * (commands.ts).
 */
export function buildProgram(setCode: (c: number) => void): Command {
  const program = rootProgram();
  registerLoad(program, setCode);
  registerBaseline(program, setCode);
  registerMerge(program, setCode);
  registerK8s(program, setCode);
  registerCapacity(program, setCode);
  registerScan(program, setCode);
  registerProbe(program, setCode);
  registerVitals(program, setCode);
  registerRun(program, setCode);
  registerCompare(program, setCode);
  registerDemo(program, setCode);
  registerInit(program, setCode);
  registerDocs(program, setCode);
  registerExport(program, setCode);
  registerConfig(program, setCode);
  registerHook(program, setCode);
  registerDb(program, setCode);
  registerDemoTarget(program, setCode);
  return withExitOverride(program);
}
