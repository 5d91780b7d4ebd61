import { fileURLToPath } from 'node:url';
import { ExitCode } from '../core/exit-codes.js';
import { installHook, uninstallHook } from '../scan/secrets/hook.js';

/** `gonogo hook install|uninstall`: the secrets scanner loads only when one runs (src/cli/hook.ts registers them). */
export async function runHookInstall(): Promise<number> {
  // The hook calls this CLI's main.js; this file sits next to it in dist/cli.
  const cli = fileURLToPath(new URL('./main.js', import.meta.url));
  const r = await installHook(process.cwd(), process.execPath, cli);
  process.stdout.write(`${r.action === 'updated' ? 'updated' : 'installed'} ${r.hook}${r.chained ? ` (runs the previous hook first: ${r.chained})` : ''}\n`);
  return ExitCode.Ok;
}

export async function runHookUninstall(): Promise<number> {
  const r = await uninstallHook(process.cwd());
  const text = { restored: `removed the gonogo hook; restored the previous hook at ${r.hook}`, removed: `removed ${r.hook}`, absent: `no gonogo hook installed at ${r.hook}` }[r.action as 'restored' | 'removed' | 'absent'];
  process.stdout.write(`${text}\n`);
  return ExitCode.Ok;
}
