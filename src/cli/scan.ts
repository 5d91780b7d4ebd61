import type { Command } from 'commander';
import { registerScanDeps } from './scan-deps.js';
import { registerScanIac } from './scan-iac.js';
import { registerScanSast } from './scan-sast.js';
import { registerScanSecrets } from './scan-secrets.js';

/** `gonogo scan <scanner>`: one subcommand per scanner, each in its own file. */
export function registerScan(program: Command, setCode: (c: number) => void): void {
  const scan = program.command('scan').description('Scan a repository: secrets, vulnerable dependencies, static analysis, container and Kubernetes config');
  registerScanSecrets(scan, setCode);
  registerScanDeps(scan, setCode);
  registerScanSast(scan, setCode);
  registerScanIac(scan, setCode);
}
