import { Command } from 'commander';
import { PACKAGE } from '../core/package-info.js';
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

/**
 * The command tree, built apart from main() so tests and docs checks can walk it. Register files hold
 * options and help only; each action `await import()`s its implementation (`<x>-action.ts`), so every
 * command does not pay for all the others (test/cli/lazy-load.test.ts, bench/startup.mjs).
 */
export function buildProgram(setCode: (c: number) => void): Command {
  const program = new Command();
  program
    .name('gonogo')
    .description('Tells a team whether its web service is ready for production.')
    .version(PACKAGE.version, '-V, --version', 'print the version')
    .option('--config <path>', 'config file (default: gonogo.config.{ts,mjs,js,json,yaml,yml} found upward from the working directory)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });
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
  const exitOverrideAll = (c: Command) => {
    c.exitOverride();
    c.commands.forEach(exitOverrideAll);
  };
  exitOverrideAll(program);
  return program;
}
