import type { Command } from 'commander';

/** `gonogo scan deps [path]`. Placeholder until the deps scanner lands; it owns this file. */
export function registerScanDeps(_scan: Command, _setCode: (c: number) => void): void {}
