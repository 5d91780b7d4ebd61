import type { Command } from 'commander';

/** `gonogo scan secrets [path]`. Placeholder until the secrets scanner lands; it owns this file. */
export function registerScanSecrets(_scan: Command, _setCode: (c: number) => void): void {}
