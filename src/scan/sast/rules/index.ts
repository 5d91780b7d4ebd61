import type { SastRule } from '../rule.js';
import { rule as jsExecInjection } from './js-exec-injection.js';
import { rule as jsSpawnShell } from './js-spawn-shell.js';
import { rule as pyOsSystem } from './py-os-system.js';
import { rule as pyShellInjection } from './py-shell-injection.js';

/** Every SAST rule, one file each; docs/sast.md lists them with their CWE / OWASP / Bandit / eslint ids. */
export const SAST_RULES: readonly SastRule[] = [
  jsExecInjection,
  jsSpawnShell,
  pyShellInjection,
  pyOsSystem,
];
